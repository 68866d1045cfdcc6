import { en } from './en.js';
import { fr, type Messages } from './fr.js';

export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];
export const defaultLocale: Locale = 'fr';

const dictionaries: Record<Locale, Messages> = { fr, en };

/** The dictionary of a locale; pure, so charts and readings can use it without app state. */
export function messages(locale: Locale): Messages {
  return dictionaries[locale];
}

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/**
 * Fill `{name}` placeholders. A placeholder without a value is left visible,
 * so a missing parameter shows up in tests and screenshots instead of vanishing.
 */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole,
  );
}

export type { Messages };
