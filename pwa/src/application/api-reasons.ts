/**
 * The API's reasons for refusing a field (backend/src/features/application-body.ts writes them in
 * English, in the API's units: days, raw codes) read in the advisor's language and units. A reason
 * this module does not know is shown as the API wrote it, marked as English, never dropped.
 */
import { fill, msg } from '../i18n/i18n.js';
import type { Locale } from '../i18n/messages.js';

export interface LocalReason {
  text: string;
  /** The language of `text`: the interface's, or 'en' when it is the API's own words. */
  lang: Locale;
}

/** The API's phrasings, first match wins (the range of "implausible" is re-read from the schema). */
const patterns: [RegExp, 'implausible' | 'required' | 'number' | 'integer' | 'flag' | 'category'][] = [
  [/^implausible value: must be /, 'implausible'],
  [/^is required\b/, 'required'],
  [/^must be a number$/, 'number'],
  [/^must be (an integer|a whole number of days)$/, 'integer'],
  [/^must be 0 or 1$/, 'flag'],
  [/^(unknown (category|flag value)|must be a text, one of)\b/, 'category'],
];

/**
 * @param message the API's `errors[].message`
 * @param range the field's plausible range as the form shows it ("De 18 à 100"), if it has one
 */
export function localReason(message: string, locale: Locale, range: string | null): LocalReason {
  const m = msg().application;
  const kind = patterns.find(([re]) => re.test(message))?.[1];
  switch (kind) {
    case 'implausible':
      // The API's bounds are in its own units (days); the form's hint says them in the advisor's.
      return range ? { text: fill(m.reasons.implausible, { range: range.charAt(0).toLowerCase() + range.slice(1) }), lang: locale } : { text: m.reasons.implausibleNoRange, lang: locale };
    case 'required':
      return { text: m.reasons.required, lang: locale };
    case 'number':
      return { text: m.formError.number, lang: locale };
    case 'integer':
      return { text: m.formError.integer, lang: locale };
    case 'flag':
      return { text: m.reasons.flag, lang: locale };
    case 'category':
      return { text: m.reasons.category, lang: locale };
    default:
      return { text: message, lang: 'en' };
  }
}
