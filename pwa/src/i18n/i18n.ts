import { defaultLocale, fill, hasMessages, isLocale, loadMessages, messages, type Locale, type Messages } from './messages.js';

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

/**
 * Load the remembered language's dictionary before the first render; if it cannot be fetched,
 * start in French rather than not at all.
 */
export async function loadCurrentLocale(): Promise<Locale> {
  try {
    await loadMessages(current);
  } catch {
    current = defaultLocale;
  }
  return current;
}

/**
 * Switch the interface language, remember it, and tell every subscriber. Synchronous when the
 * language is already loaded; otherwise it switches once its dictionary has arrived.
 */
export function setLocale(locale: Locale): Promise<void> {
  if (hasMessages(locale)) {
    apply(locale);
    return Promise.resolve();
  }
  return loadMessages(locale).then(() => apply(locale));
}

function apply(locale: Locale): void {
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
