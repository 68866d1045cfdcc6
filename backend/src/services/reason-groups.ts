/**
 * Reasons grouped by what a person recognises (features.json `group`): the SHAP values of a
 * group's inputs summed (log-odds, so groups add up to the same total as the inputs), and
 * the same split in probability points. Points use the secant slope of the logistic between
 * the base value and the score: every group keeps its sign, and the points add up exactly
 * to probability - base_probability, whatever the number of groups.
 */
import type { ModelContext } from './model-context.js';

export interface ReasonGroup {
  group: string;
  label: string;
  label_fr: string;
  /** Log-odds: the sum of the group's SHAP values. */
  shap: number;
  /** Signed probability points (0.032 = 3.2 points); the groups sum to probability - base_probability. */
  points: number;
  phrase: string;
  phrase_fr: string;
  features: string[];
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * d probability / d log-odds between the base value and the score (the derivative when the
 * SHAP values sum to 0). The served probability is used, so the points sum to it exactly.
 */
export function secantSlope(baseValue: number, total: number, probability: number): number {
  const p0 = sigmoid(baseValue);
  if (Math.abs(total) < 1e-9) return p0 * (1 - p0);
  return (probability - p0) / total;
}

function pointsText(points: number, lang: 'en' | 'fr'): string {
  const n = (Math.abs(points) * 100).toFixed(1);
  return lang === 'fr' ? n.replace('.', ',') : n;
}

/** "External scores: raises the risk by 12.3 points" / "Scores externes : augmente le risque de 12,3 points". */
export function groupPhrase(label: string, points: number, lang: 'en' | 'fr'): string {
  const n = pointsText(points, lang);
  if (lang === 'fr') {
    if (n === '0,0') return `${label} : sans effet notable sur le risque`;
    return `${label} : ${points > 0 ? 'augmente' : 'diminue'} le risque de ${n} point${Number(n.replace(',', '.')) >= 2 ? 's' : ''}`;
  }
  if (n === '0.0') return `${label}: no notable effect on the risk`;
  return `${label}: ${points > 0 ? 'raises' : 'lowers'} the risk by ${n} point${n === '1.0' ? '' : 's'}`;
}

/** Groups by decreasing |points|; ties keep catalogue order. */
export function reasonGroups(model: ModelContext, shap: Float64Array, baseValue: number, probability: number): ReasonGroup[] {
  const sums = new Float64Array(model.groups.length);
  const members: string[][] = model.groups.map(() => []);
  let total = 0;
  for (let i = 0; i < shap.length; i++) {
    const g = model.groupOf[i]!;
    sums[g]! += shap[i]!;
    members[g]!.push(model.features[i]!.name);
    total += shap[i]!;
  }
  const slope = secantSlope(baseValue, total, probability);
  const out: ReasonGroup[] = [];
  model.groups.forEach((g, k) => {
    if (members[k]!.length === 0) return;
    const points = sums[k]! * slope;
    out.push({
      group: g.group, label: g.label, label_fr: g.label_fr, shap: sums[k]!, points,
      phrase: groupPhrase(g.label, points, 'en'), phrase_fr: groupPhrase(g.label_fr, points, 'fr'), features: members[k]!,
    });
  });
  const order = out.map((_, i) => i).sort((a, b) => Math.abs(out[b]!.points) - Math.abs(out[a]!.points) || a - b);
  return order.map((i) => out[i]!);
}
