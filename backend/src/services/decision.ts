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
