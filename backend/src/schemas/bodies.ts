/**
 * JSON body schemas of the POST endpoints. Feature values are numbers or null
 * (missing); every unknown feature or bad value is named in errors[].
 */
import type { FieldError } from '../errors.js';
import { unmetRequirements, type ScoreRequirement } from '../features/score-requirements.js';
import { safeFieldName } from './fields.js';

export const bodyDefaults = {
  maxRecords: 1000,
  defaultBatchTop: 5,
  maxTop: 50,
  maxIdLength: 100,
  /** errors[] is capped so a bad 1,000-record batch does not echo megabytes. */
  maxErrors: 100,
  /** Inputs are stored as float32: beyond this they would become Infinity. */
  maxAbsValue: 3.4e38,
} as const;

export interface ScoreRequest {
  rows: Float64Array;
  ids: Array<string | number | undefined>;
  explain: boolean;
  top: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function push(errors: FieldError[], field: string, message: string): void {
  if (errors.length < bodyDefaults.maxErrors) errors.push({ field: safeFieldName(field), message });
}

/** A feature value: finite number within float32 range, or null (missing). Returns undefined when invalid. */
function featureValue(value: unknown, field: string, errors: FieldError[]): number | undefined {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > bodyDefaults.maxAbsValue) {
    push(errors, field, 'must be a number (within float32 range) or null');
    return undefined;
  }
  return value;
}

function rejectExtraKeys(body: Record<string, unknown>, allowed: string[], errors: FieldError[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) push(errors, key, 'unknown property');
}

function parseTop(raw: unknown, errors: FieldError[]): number {
  if (raw === undefined) return bodyDefaults.defaultBatchTop;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > bodyDefaults.maxTop) {
    push(errors, 'top', `must be an integer between 1 and ${bodyDefaults.maxTop}`);
    return bodyDefaults.defaultBatchTop;
  }
  return raw;
}

function parseRecordId(raw: unknown, field: string, errors: FieldError[]): string | number | undefined {
  if (raw === undefined) return undefined;
  if ((typeof raw === 'string' && raw.length <= bodyDefaults.maxIdLength) || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
  push(errors, field, `must be a string (at most ${bodyDefaults.maxIdLength} characters) or a number`);
  return undefined;
}

/**
 * POST /v1/score body: {"records": [...], "explain"?: boolean, "top"?: 1..50}. With `requirements`,
 * a record lacking every input of a required application field is refused (never scored as granted).
 */
export function parseScoreBody(body: unknown, featureIndex: Map<string, number>, errors: FieldError[], requirements: ScoreRequirement[] = []): ScoreRequest {
  const featureCount = featureIndex.size;
  const empty: ScoreRequest = { rows: new Float64Array(0), ids: [], explain: false, top: bodyDefaults.defaultBatchTop };
  if (!isRecord(body)) {
    push(errors, 'body', 'must be a JSON object {"records": [...]}');
    return empty;
  }
  rejectExtraKeys(body, ['records', 'explain', 'top'], errors);
  const explain = body['explain'] ?? false;
  if (typeof explain !== 'boolean') push(errors, 'explain', 'must be true or false');
  const top = parseTop(body['top'], errors);
  const records = body['records'];
  if (!Array.isArray(records) || records.length < 1 || records.length > bodyDefaults.maxRecords) {
    push(errors, 'records', `must be an array of 1 to ${bodyDefaults.maxRecords} records`);
    return empty;
  }
  const rows = new Float64Array(records.length * featureCount).fill(Number.NaN);
  const ids: Array<string | number | undefined> = [];
  records.forEach((record, r) => {
    const where = `records[${r}]`;
    if (!isRecord(record)) {
      push(errors, where, 'must be an object {"<feature>": number | null}');
      ids.push(undefined);
      return;
    }
    ids.push(parseRecordId(record['id'], `${where}.id`, errors));
    for (const [name, raw] of Object.entries(record)) {
      if (name === 'id') continue;
      const index = featureIndex.get(name);
      if (index === undefined) {
        push(errors, `${where}.${name}`, 'unknown feature');
        continue;
      }
      const value = featureValue(raw, `${where}.${name}`, errors);
      // Inputs are rounded to float32 like the stored clients the model was checked on.
      if (value !== undefined) rows[r * featureCount + index] = Number.isNaN(value) ? value : Math.fround(value);
    }
    const unmet = unmetRequirements(requirements, rows.subarray(r * featureCount, (r + 1) * featureCount));
    if (unmet.length > 0 && errors.length < bodyDefaults.maxErrors) {
      errors.push({
        field: where,
        message: `is under-specified: it lacks every input derived from the required field(s) ${unmet.map((u) => `${u.field} (${u.names.join(', ')})`).join('; ')}`,
        value: `object(${Object.keys(record).length})`,
      });
    }
  });
  return { rows, ids, explain: explain === true, top };
}
