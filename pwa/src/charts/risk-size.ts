/**
 * Mark size by probability band: the scatter charts' non-colour encoding of the score, so it reads
 * in greyscale (achromatopsia) too. Bands are set by the decision threshold t: < t/2, < t, < 2t, more.
 */
export function pointArea(probability: number, threshold: number): number {
  if (probability < threshold / 2) return 14;
  if (probability < threshold) return 30;
  if (probability < 2 * threshold) return 60;
  return 100;
}
