import { fr, type Messages } from './fr.js';

export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];
export const defaultLocale: Locale = 'fr';

/**
 * French is in the first load; English is a chunk of its own, fetched when an advisor picks it (or
 * starts with it remembered): the first load carries one language, not both.
 */
const dictionaries: Partial<Record<Locale, Messages>> = { fr };
const loaders: Record<Locale, () => Promise<Messages>> = {
  fr: () => Promise.resolve(fr),
  en: () => import('./en.js').then((m) => m.en),
};

/** Fetch a locale's dictionary once; `messages(locale)` may be called after it resolves. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  dictionaries[locale] ??= await loaders[locale]();
  return dictionaries[locale];
}

export function hasMessages(locale: Locale): boolean {
  return dictionaries[locale] !== undefined;
}

/** The dictionary of a loaded locale; pure, so charts and readings can use it without app state. */
export function messages(locale: Locale): Messages {
  const dictionary = dictionaries[locale];
  // Never French text under an English label: a caller that skipped loadMessages is a bug to see.
  if (!dictionary) throw new Error(`messages('${locale}') called before loadMessages('${locale}')`);
  return dictionary;
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
