/** Decision rule and plain-language wording shared by the gauge, pages and reports. */
import type { Decision } from '../api/types.js';
import { formatPercent, formatPoints } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';

export const defaults = {
  /** Below this distance (in probability) a decision is a close call. */
  closeCallDistance: 0.05,
};

/** The API's rule: refused when probability >= threshold. */
export function decide(probability: number, threshold: number): Decision {
  return probability >= threshold ? 'refused' : 'granted';
}

export function decisionLabel(decision: Decision, locale: Locale): string {
  return messages(locale).decision[decision];
}

/** "Le crédit est refusé : la probabilité de défaut (12,3 %) atteint ou dépasse le seuil de 9,6 %." */
export function decisionSentence(probability: number, threshold: number, locale: Locale): string {
  const m = messages(locale).decision;
  const template = decide(probability, threshold) === 'refused' ? m.refusedPlain : m.grantedPlain;
  return fill(template, { p: formatPercent(probability, locale), t: formatPercent(threshold, locale) });
}

/** "2,7 pt au-dessus du seuil" */
export function distanceSentence(probability: number, threshold: number, locale: Locale): string {
  const m = messages(locale);
  const d = fill(m.units.pointsLong, { n: formatPoints(probability - threshold, locale) });
  return fill(probability >= threshold ? m.decision.above : m.decision.below, { d });
}

export function marginSentence(probability: number, threshold: number, locale: Locale): string {
  const m = messages(locale).decision;
  return Math.abs(probability - threshold) < defaults.closeCallDistance ? m.close : m.clear;
}
