/**
 * What-if: change some model inputs of a known client and show how the score
 * and the explanation move. The stored client is never modified.
 */
import { scoreFields, type ScoreFields } from './decision.js';
import type { ExplanationBody } from './explanation.js';
import { fullExplanation, prepareExplanation } from './explanation.js';
import { float32Value } from './phrases.js';
import type { ScoringService } from './scoring.js';

export const whatIfDefaults = { movedCount: 10 } as const;

/** A requested change: feature index and new value (NaN = set to missing). */
export interface FeatureChange {
  index: number;
  value: number;
}

export interface WhatIfResponse {
  id: number;
  changes: Array<{ feature: string; label: string; label_fr: string; from: number | null; to: number | null }>;
  before: ScoreFields;
  after: ScoreFields;
  explanation: ExplanationBody;
  moved: Array<{ feature: string; label: string; label_fr: string; shap_before: number; shap_after: number; delta: number }>;
}

export async function whatIf(service: ScoringService, id: number, changes: FeatureChange[], top: number): Promise<WhatIfResponse> {
  const model = service.model;
  const f = model.featureCount;
  const before = service.vectorOf(id);
  const after = Float64Array.from(before);
  // Stored inputs are float32; rounding the new values the same way keeps an unchanged value unchanged.
  for (const change of changes) after[change.index] = Number.isNaN(change.value) ? Number.NaN : Math.fround(change.value);

  const rows = new Float64Array(2 * f);
  rows.set(before, 0);
  rows.set(after, f);
  const scored = await service.run(rows, 2);
  const shapBefore = service.explain(before);
  const shapAfter = service.explain(after);

  const moved = Array.from(shapAfter.shap, (shapAfterValue, i) => ({ i, shapBefore: shapBefore.shap[i]!, shapAfter: shapAfterValue }))
    .filter((m) => m.shapAfter !== m.shapBefore)
    .sort((a, b) => Math.abs(b.shapAfter - b.shapBefore) - Math.abs(a.shapAfter - a.shapBefore) || a.i - b.i)
    .slice(0, whatIfDefaults.movedCount)
    .map((m) => ({
      feature: model.features[m.i]!.name,
      label: model.features[m.i]!.label,
      label_fr: model.features[m.i]!.label_fr,
      shap_before: m.shapBefore,
      shap_after: m.shapAfter,
      delta: m.shapAfter - m.shapBefore,
    }));

  return {
    id,
    changes: changes.map((c) => ({
      feature: model.features[c.index]!.name,
      label: model.features[c.index]!.label,
      label_fr: model.features[c.index]!.label_fr,
      from: float32Value(before[c.index]!),
      to: float32Value(after[c.index]!),
    })),
    before: scoreFields(scored.probability[0]!, model.threshold),
    after: scoreFields(scored.probability[1]!, model.threshold),
    explanation: fullExplanation(model, id, after, prepareExplanation(after, shapAfter), scored.probability[1]!, scored.rawScore[1]!, top),
    moved,
  };
}
