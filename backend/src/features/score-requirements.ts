/**
 * What "under-specified" means for POST /v1/score, which takes model inputs rather than raw
 * fields: for each required application field, the inputs the definitions derive from it
 * (found by running the engine on the schema's example with and without that field). A
 * record missing every input of a required field is refused, as the raw application would be.
 */
import type { Row } from './application-body.js';
import { KEY_COLUMNS } from './application-body.js';
import type { ApplicationSchema } from './application-schema.js';
import type { FeatureEngine } from './engine.js';

export interface ScoreRequirement {
  /** The required application field. */
  field: string;
  /** Indices of the model inputs computed from it (all missing = the field is missing). */
  inputs: number[];
  names: string[];
}

function exampleRow(schema: ApplicationSchema): Row {
  const row: Row = {};
  for (const c of schema.tables.application.columns) {
    if ((KEY_COLUMNS as readonly string[]).includes(c.name)) continue;
    const e = c.example;
    if (typeof e === 'number' || typeof e === 'string') row[c.name] = e;
  }
  return row;
}

export async function deriveScoreRequirements(engine: FeatureEngine, schema: ApplicationSchema): Promise<ScoreRequirement[]> {
  const base = exampleRow(schema);
  const empty = { bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [] };
  const variants = [base, ...schema.required.map((field) => ({ ...base, [field]: null }))];
  const { rows } = await engine.compute(variants.map((row) => ({ tables: { application: [row], ...empty } })));
  const f = engine.featureNames.length;
  const out: ScoreRequirement[] = [];
  schema.required.forEach((field, r) => {
    const inputs: number[] = [];
    for (let j = 0; j < f; j++) {
      if (!Number.isNaN(rows[j]!) && Number.isNaN(rows[(r + 1) * f + j]!)) inputs.push(j);
    }
    if (inputs.length > 0) out.push({ field, inputs, names: inputs.map((j) => engine.featureNames[j]!) });
  });
  return out;
}

/** The required fields whose every input is missing in this row of model inputs. */
export function unmetRequirements(requirements: ScoreRequirement[], row: Float64Array): ScoreRequirement[] {
  return requirements.filter((req) => req.inputs.every((j) => Number.isNaN(row[j]!)));
}
