import { defaultLocale, fill, isLocale, messages, type Locale, type Messages } from './messages.js';

const storageKey = 'pad.locale';
const listeners = new Set<(locale: Locale) => void>();
let current: Locale = readStoredLocale();

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    // Storage can be blocked (privacy settings): fall back to French.
    return defaultLocale;
  }
}

export function getLocale(): Locale {
  return current;
}

/** Switch the interface language, remember it, and tell every subscriber. */
export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(storageKey, locale);
  } catch {
    /* not persisted; the switch still applies to this session */
  }
  if (globalThis.document) document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current dictionary. */
export function msg(): Messages {
  return messages(current);
}

export { fill };
