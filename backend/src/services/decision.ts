/** The credit decision: refused when probability >= threshold, else granted. */

export type Decision = 'granted' | 'refused';

export interface ScoreFields {
  probability: number;
  decision: Decision;
  threshold: number;
  /** probability - threshold: how far the client is from the other decision. */
  distance: number;
}

export function decide(probability: number, threshold: number): Decision {
  return probability >= threshold ? 'refused' : 'granted';
}

export function scoreFields(probability: number, threshold: number): ScoreFields {
  return { probability, decision: decide(probability, threshold), threshold, distance: probability - threshold };
}

/** Probability bounds selecting one decision with the same rule as decide(). */
export function decisionBounds(decision: Decision | undefined, threshold: number): { probabilityMin?: number; probabilityBelow?: number } {
  if (decision === 'refused') return { probabilityMin: threshold };
  if (decision === 'granted') return { probabilityBelow: threshold };
  return {};
}
