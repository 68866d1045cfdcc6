/**
 * What "under-specified" means for POST /v1/score, which takes model inputs rather than raw
 * fields: for each required application field, the inputs the definitions derive from it
 * (found by running the engine on the schema's example, minimum and maximum of that field and without it). A
 * record missing every input of a required field is refused, as the raw application would be.
 */
import type { Row } from './application-body.js';
import { KEY_COLUMNS } from './application-body.js';
import type { ApplicationSchema } from './application-schema.js';
import type { InputsEngine } from './engine-types.js';

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

/**
 * @param categorical names of category inputs: a text the model never saw is a missing input even
 *   when the field is given, so a field whose inputs are all categories cannot be told missing.
 */
export async function deriveScoreRequirements(engine: Pick<InputsEngine, 'featureNames' | 'compute'>, schema: ApplicationSchema, categorical: ReadonlySet<string> = new Set()): Promise<ScoreRequirement[]> {
  const base = exampleRow(schema);
  const empty = { bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [] };
  // Each required field is probed at its example, its minimum and its maximum (DAYS_EMPLOYED's maximum is
  // the "not employed" placeholder, which only NOT_EMPLOYED shows) against the field left out.
  const probes = schema.required.map((field) => {
    const spec = schema.tables.application.byName.get(field)!;
    const values = [base[field], spec.min, spec.max].filter((v): v is number | string => v !== undefined && v !== null);
    return { field, rows: [{ ...base, [field]: null }, ...values.map((v) => ({ ...base, [field]: v }))] };
  });
  const all = probes.flatMap((p) => p.rows);
  const { rows } = await engine.compute(all.map((row) => ({ tables: { application: [row], ...empty } })));
  const f = engine.featureNames.length;
  const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
  const out: ScoreRequirement[] = [];
  let at = 0;
  for (const { field, rows: probeRows } of probes) {
    const without = at;
    const inputs: number[] = [];
    for (let j = 0; j < f; j++) {
      for (let k = 1; k < probeRows.length; k++) {
        if (!same(rows[without * f + j]!, rows[(without + k) * f + j]!)) {
          inputs.push(j);
          break;
        }
      }
    }
    at += probeRows.length;
    const names = inputs.map((j) => engine.featureNames[j]!);
    if (names.some((n) => !categorical.has(n))) out.push({ field, inputs, names });
  }
  return out;
}

/** The required fields whose every input is missing in this row of model inputs. */
export function unmetRequirements(requirements: ScoreRequirement[], row: Float64Array): ScoreRequirement[] {
  return requirements.filter((req) => req.inputs.every((j) => Number.isNaN(row[j]!)));
}
