/**
 * Mirror of macros.sql: the helpers every definition uses, with SQL's NULL rules. A missing
 * value (SQL NULL) is NaN here; every helper treats NaN as NULL, so NaN never leaks into a
 * comparison SQL would not make. Arithmetic is IEEE double as DuckDB's DOUBLE; Math.fround
 * is DuckDB's CAST(... AS FLOAT) (round to nearest even).
 */
import type { Cell } from '../application-body.js';

/** Largest finite float32, the bound macros.sql writes as 3.4028234663852886e38. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** f32(x): x as float32, or NULL (NaN) when missing, not finite or beyond float32's range. */
export function f32(x: number): number {
  return Math.abs(x) <= FLOAT32_MAX ? Math.fround(x) : Number.NaN;
}

/** as_loaded(x): x rounded to float32, kept as a double. Same value as f32 in JavaScript. */
export const asLoaded = f32;

/** safe_ratio(num, den): num / NULLIF(den, 0); NULL when either is NULL or den is 0 (or -0). */
export function safeRatio(num: number, den: number): number {
  return den === 0 || Number.isNaN(den) ? Number.NaN : num / den;
}

/** years_before(days): -days / 365.25 (NULL stays NULL). */
export function yearsBefore(days: number): number {
  return -days / 365.25;
}

/** category(text): XNA, XAP and '' are missing categories. */
export function category(text: string | null): string | null {
  return text === null || text === 'XNA' || text === 'XAP' || text === '' ? null : text;
}

/** A DOUBLE column's cell as the DuckDB engine appends it: Number(value), NULL when absent. */
export function numberCell(value: Cell | undefined): number {
  return value === null || value === undefined ? Number.NaN : Number(value);
}

/** A VARCHAR column's cell as the DuckDB engine appends it: String(value), NULL when absent. */
export function textCell(value: Cell | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** as_loaded(numberCell(value)): a raw number as the definitions first see it. */
export function loaded(value: Cell | undefined): number {
  return f32(numberCell(value));
}

/** SQL min(): NULLs skipped, NULL when none is present. */
export function minOf(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  return Number.isNaN(b) || a <= b ? a : b;
}

/** SQL max(): NULLs skipped, NULL when none is present. */
export function maxOf(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  return Number.isNaN(b) || a >= b ? a : b;
}

/**
 * kahan_sum_f32 / sum_f32 / mean_f32: float32 compensated (Kahan) summation of the values
 * present, in the order they are added (the rows' order, as list(x ORDER BY row_order)).
 * Every step is one float32 operation, as DuckDB's FLOAT arithmetic: overflow gives
 * Infinity (then NaN) exactly as there, and f32() at the end turns both into missing.
 */
export class KahanF32 {
  private s = 0;
  private c = 0;
  private n = 0;

  /** Add x; a missing value (NaN) is skipped, as FILTER (WHERE x IS NOT NULL). */
  add(x: number): void {
    if (Number.isNaN(x)) return;
    const y = Math.fround(Math.fround(x) - this.c);
    const t = Math.fround(this.s + y);
    this.c = Math.fround(Math.fround(t - this.s) - y);
    this.s = t;
    this.n++;
  }

  /** Values added (count(x)). */
  get count(): number {
    return this.n;
  }

  /** sum_f32: the float32 sum, NULL (NaN) when no value was present. */
  sum(): number {
    return this.n > 0 ? this.s : Number.NaN;
  }

  /** mean_f32: float32 sum / float32 count, NULL (NaN) when no value was present. */
  mean(): number {
    return this.n > 0 ? Math.fround(this.s / Math.fround(this.n)) : Number.NaN;
  }
}

/** sum_f32 of a list in order (NaN = NULL). */
export function sumF32(xs: Iterable<number>): number {
  const k = new KahanF32();
  for (const x of xs) k.add(x);
  return k.sum();
}

/** mean_f32 of a list in order (NaN = NULL). */
export function meanF32(xs: Iterable<number>): number {
  const k = new KahanF32();
  for (const x of xs) k.add(x);
  return k.mean();
}

/** as_loaded(avg(x)) of values that are all present: f32(sum / count), exact for 0/1 values. */
export function shareOf(hits: number, rows: number): number {
  return rows > 0 ? f32(hits / rows) : Number.NaN;
}
