/** Pure helpers of the what-if form: which features to offer and which values changed. */
import type { ClientDetail, Explanation, FeatureInfo } from '../api/types.js';

export const defaults = { editableCount: 6 };

export interface EditableField {
  feature: string;
  info: FeatureInfo | undefined;
  original: number | null;
}

/** The client's most influential features, as editable fields with their current values. */
export function editableFields(client: ClientDetail, explanation: Explanation, index: Map<string, FeatureInfo>, count = defaults.editableCount): EditableField[] {
  return explanation.top.slice(0, count).map((t) => ({ feature: t.feature, info: index.get(t.feature), original: client.features[t.feature] ?? null }));
}

export type ParsedDraft = { changes: Record<string, number | null>; invalid: string[] };

/**
 * Turn the form's text values into the what-if `changes`: only values that differ from the
 * client's, empty text = missing (null), anything not a number is reported by feature name.
 */
export function parseDraft(fields: EditableField[], draft: Record<string, string>): ParsedDraft {
  const changes: Record<string, number | null> = {};
  const invalid: string[] = [];
  for (const field of fields) {
    const raw = draft[field.feature];
    if (raw === undefined) continue;
    const text = raw.trim().replace(',', '.');
    const value = text === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) {
      invalid.push(field.feature);
      continue;
    }
    const same = value === field.original || (value !== null && field.original !== null && Math.abs(value - field.original) < 1e-12);
    if (!same) changes[field.feature] = value;
  }
  return { changes, invalid };
}
