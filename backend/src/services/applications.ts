/**
 * Applications as a lender holds them: raw rows → the model's own SQL (feature engine) →
 * ONNX score → TreeSHAP, per input and grouped into reasons. A what-if changes raw
 * application fields and recomputes every dependent input through the same definitions;
 * nothing here computes a model input itself.
 */
import type { RawApplication, Row } from '../features/application-body.js';
import type { InputsEngine } from '../features/engine-types.js';
import { categoryText } from '../store/artifact-schemas.js';
import { decide, type Decision } from './decision.js';
import { rankByImpact } from './explanation.js';
import type { ModelContext } from './model-context.js';
import { float32Value, phrase } from './phrases.js';
import { reasonGroups, sigmoid, type ReasonGroup } from './reason-groups.js';
import type { ScoringService } from './scoring.js';

export type InputValue = number | string | null;

export interface ApplicationContribution {
  feature: string;
  label: string;
  label_fr: string;
  value: InputValue;
  shap: number;
  phrase: string;
  phrase_fr: string;
}

export interface ApplicationExplanation {
  base_value: number;
  base_probability: number;
  contributions: ApplicationContribution[];
  groups: ReasonGroup[];
}

export interface ApplicationResult {
  id?: string | number;
  probability: number;
  decision: Decision;
  threshold: number;
  model_version: string;
  missing_inputs: string[];
  inputs: Record<string, InputValue>;
  explanation?: ApplicationExplanation;
}

export interface ScoreSide {
  probability: number;
  decision: Decision;
  groups: ReasonGroup[];
}

export interface FieldChange {
  field: string;
  value: number | string | null;
}

export interface WhatIfResult {
  id?: string | number;
  before: ScoreSide;
  after: ScoreSide;
  changes: Array<{ field: string; before: InputValue; after: InputValue }>;
  moved: Array<{ feature: string; label: string; label_fr: string; before: InputValue; after: InputValue }>;
}

/** A model input as the API shows it: categories as their text, numbers as their float32 decimal. */
export function inputValue(model: ModelContext, i: number, x: number): InputValue {
  if (Number.isNaN(x)) return null;
  const feature = model.features[i]!;
  if (feature.type === 'category') return categoryText(feature, x) ?? x;
  return float32Value(x);
}

export class ApplicationService {
  readonly scoring: ScoringService;
  readonly engine: InputsEngine;

  constructor(scoring: ScoringService, engine: InputsEngine) {
    this.scoring = scoring;
    this.engine = engine;
  }

  get model(): ModelContext {
    return this.scoring.model;
  }

  /** Model inputs of every application (row-major, NaN = missing). */
  async inputs(applications: RawApplication[]): Promise<Float64Array> {
    return (await this.engine.compute(applications)).rows;
  }

  /** Score (and explain) every application, in order; ids echoed exactly. */
  async score(applications: RawApplication[], explain: boolean, top: number): Promise<ApplicationResult[]> {
    const rows = await this.inputs(applications);
    return this.scoreRows(rows, applications.map((a) => a.id), explain, top);
  }

  async scoreRows(rows: Float64Array, ids: Array<string | number | undefined>, explain: boolean, top: number): Promise<ApplicationResult[]> {
    const model = this.model;
    const f = model.featureCount;
    const out = await this.scoring.run(rows, ids.length);
    return ids.map((id, k) => {
      const x = rows.subarray(k * f, (k + 1) * f);
      const probability = out.probability[k]!;
      const result: ApplicationResult = {
        ...(id !== undefined ? { id } : {}),
        probability,
        decision: decide(probability, model.threshold),
        threshold: model.threshold,
        model_version: model.modelVersion,
        missing_inputs: model.features.filter((_, i) => Number.isNaN(x[i]!)).map((feature) => feature.name),
        inputs: Object.fromEntries(model.features.map((feature, i) => [feature.name, inputValue(model, i, x[i]!)])),
      };
      if (explain) result.explanation = this.explainRow(x, probability, top);
      return result;
    });
  }

  explainRow(x: Float64Array, probability: number, top: number): ApplicationExplanation {
    const model = this.model;
    const shap = this.scoring.explain(x);
    const contributions = rankByImpact(shap.shap).slice(0, top).map((i) => {
      const feature = model.features[i]!;
      return {
        feature: feature.name, label: feature.label, label_fr: feature.label_fr, value: inputValue(model, i, x[i]!), shap: shap.shap[i]!,
        phrase: phrase(feature, x[i]!, shap.shap[i]!, model.medians[i]!), phrase_fr: phrase(feature, x[i]!, shap.shap[i]!, model.medians[i]!, 'fr'),
      };
    });
    return { base_value: shap.baseValue, base_probability: sigmoid(shap.baseValue), contributions, groups: reasonGroups(model, shap.shap, shap.baseValue, probability) };
  }

  /** Before/after of raw application changes (already validated against the schema). */
  async whatIf(application: RawApplication, changes: FieldChange[]): Promise<WhatIfResult> {
    const model = this.model;
    const f = model.featureCount;
    const changed = withChanges(application, changes);
    const rows = await this.inputs([application, changed]);
    const scored = await this.scoring.run(rows, 2);
    const side = (k: number): ScoreSide => {
      const x = rows.subarray(k * f, (k + 1) * f);
      const shap = this.scoring.explain(x);
      return { probability: scored.probability[k]!, decision: decide(scored.probability[k]!, model.threshold), groups: reasonGroups(model, shap.shap, shap.baseValue, scored.probability[k]!) };
    };
    const before = application.tables.application[0] ?? {};
    const moved: WhatIfResult['moved'] = [];
    model.features.forEach((feature, i) => {
      const a = rows[i]!;
      const b = rows[f + i]!;
      if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return;
      moved.push({ feature: feature.name, label: feature.label, label_fr: feature.label_fr, before: inputValue(model, i, a), after: inputValue(model, i, b) });
    });
    return {
      ...(application.id !== undefined ? { id: application.id } : {}),
      before: side(0),
      after: side(1),
      changes: changes.map((c) => ({ field: c.field, before: before[c.field] ?? null, after: c.value })),
      moved,
    };
  }
}

/** A copy of the application with its application row changed; the history is shared, unchanged. */
export function withChanges(application: RawApplication, changes: FieldChange[]): RawApplication {
  const row: Row = { ...(application.tables.application[0] ?? {}) };
  for (const c of changes) row[c.field] = c.value;
  return { ...application, tables: { ...application.tables, application: [row] } };
}
