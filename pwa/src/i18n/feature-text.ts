/**
 * Which of the API's bilingual fields to show: `label_fr` / `phrase_fr` when the interface is
 * French, `label` / `phrase` in English. The French field may be absent (an explanation kept
 * offline before the API served it, an older model catalogue): the English one is shown then.
 */
import type { Locale } from './messages.js';

export interface Labelled {
  label: string;
  label_fr?: string | null;
}

export interface Phrased {
  phrase: string;
  phrase_fr?: string | null;
}

/** The feature label in the interface language. */
export function localLabel(item: Labelled, locale: Locale): string {
  return locale === 'fr' && item.label_fr ? item.label_fr : item.label;
}

/** The explanation phrase in the interface language, with the language it is actually written in. */
export function localPhrase(item: Phrased, locale: Locale): { text: string; lang: Locale } {
  return locale === 'fr' && item.phrase_fr ? { text: item.phrase_fr, lang: 'fr' } : { text: item.phrase, lang: 'en' };
}
