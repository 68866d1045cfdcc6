/**
 * Field parsers for path and query parameters. Each one records a
 * {field, message} on failure instead of throwing, so one 400 lists every
 * bad field at once.
 */
import type { FieldError } from '../errors.js';

export type RawParam = string | string[] | undefined;

/** Largest accepted id: beyond it the number is not an exact integer in JSON. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

function single(raw: RawParam, field: string, errors: FieldError[]): string | undefined {
  if (Array.isArray(raw)) {
    errors.push({ field, message: 'must be given once' });
    return undefined;
  }
  return raw;
}

/** A client id: a positive integer written in digits. */
export function parseId(raw: RawParam, errors: FieldError[], field = 'id'): number | undefined {
  const value = single(raw, field, errors);
  if (value === undefined) return undefined;
  if (!/^\d{1,16}$/.test(value) || Number(value) < 1 || Number(value) > MAX_ID) {
    errors.push({ field, message: 'must be a positive integer' });
    return undefined;
  }
  return Number(value);
}

export function parseIntParam(raw: RawParam, field: string, min: number, max: number, fallback: number, errors: FieldError[]): number {
  const value = single(raw, field, errors);
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
    errors.push({ field, message: `must be an integer between ${min} and ${max}` });
    return fallback;
  }
  return Number(value);
}

export function parseNumberParam(raw: RawParam, field: string, errors: FieldError[]): number | undefined {
  const value = single(raw, field, errors);
  if (value === undefined || value === '') return undefined;
  // Plain decimal notation only: no hex, no Infinity, no blanks that Number() would accept.
  if (!/^-?\d{1,15}(\.\d{1,15})?$/.test(value)) {
    errors.push({ field, message: 'must be a number' });
    return undefined;
  }
  return Number(value);
}

export function parseEnumParam<T extends string>(raw: RawParam, field: string, allowed: readonly T[], errors: FieldError[]): T | undefined {
  const value = single(raw, field, errors);
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    errors.push({ field, message: `must be one of ${allowed.join(', ')}` });
    return undefined;
  }
  return value as T;
}

export function parseTextParam(raw: RawParam, field: string, maxLength: number, errors: FieldError[]): string | undefined {
  const value = single(raw, field, errors);
  if (value === undefined || value === '') return undefined;
  if (value.length > maxLength || /[\u0000-\u001f]/.test(value)) {
    errors.push({ field, message: `must be text of at most ${maxLength} characters` });
    return undefined;
  }
  return value;
}

/** Names query parameters that the endpoint does not know. */
export function rejectUnknown(query: Record<string, unknown>, known: readonly string[], errors: FieldError[]): void {
  for (const key of Object.keys(query)) {
    if (!known.includes(key)) errors.push({ field: key, message: 'unknown query parameter' });
  }
}

/** Keep field names printable and short when echoing them back. */
export function safeFieldName(name: string): string {
  const cleaned = name.replace(/[^\x20-\x7e]/g, '?');
  return cleaned.length > 80 ? `${cleaned.slice(0, 80)}…` : cleaned;
}
