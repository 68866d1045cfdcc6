import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'chai';
import { realArtifactsDir } from '../../testing/real-artifacts.js';
import { HELPERS, SQL_DIR } from '../sql-bundle.js';
import { category, f32, FLOAT32_MAX, KahanF32, maxOf, meanF32, minOf, numberCell, safeRatio, shareOf, sumF32, textCell, yearsBefore } from './macros.js';

describe('evaluator macros (mirror of macros.sql)', () => {
  describe('float32 Kahan sum_f32 / mean_f32', () => {
    it('is missing (NaN) for no value and for values all missing, never 0', () => {
      expect(sumF32([])).to.be.NaN;
      expect(meanF32([])).to.be.NaN;
      expect(sumF32([Number.NaN, Number.NaN])).to.be.NaN;
      expect(meanF32([Number.NaN])).to.be.NaN;
      expect(new KahanF32().count).to.equal(0);
    });

    it('skips missing values in the sum and in the count of the mean', () => {
      expect(sumF32([1, Number.NaN, 2])).to.equal(3);
      expect(meanF32([1, Number.NaN, 2])).to.equal(1.5);
    });

    it('depends on the order of the rows, as the SQL (row_order) does', () => {
      // Near 1e8 float32 steps are 8: a 1 added there is lost once the compensation is cancelled by -1e8.
      expect(sumF32([1e8, 1, -1e8])).to.equal(0);
      expect(sumF32([1e8, -1e8, 1])).to.equal(1);
    });

    it('rounds every step to float32 (a double sum would differ)', () => {
      const xs = [0.1, 0.2, 0.3, 1e7, 0.7];
      const double = xs.reduce((s, x) => s + Math.fround(x), 0);
      const sum = sumF32(xs);
      expect(Math.fround(sum)).to.equal(sum);
      expect(sum).to.not.equal(double);
    });

    it('compensates: a million float32 tenths sum to 100,000 within one float32 step, a plain float32 sum does not', () => {
      const xs = new Array<number>(1_000_000).fill(0.1);
      let naive = 0;
      for (const x of xs) naive = Math.fround(naive + Math.fround(x));
      const sum = sumF32(xs);
      expect(Math.abs(sum - 100_000)).to.be.at.most(0.01);
      expect(Math.abs(naive - 100_000)).to.be.greaterThan(100);
    });

    it('divides in float32 by the count: mean of 1, 1, 2 is fround(4/3)', () => {
      expect(meanF32([1, 1, 2])).to.equal(Math.fround(4 / 3));
      expect(meanF32([1, 1, 2])).to.not.equal(4 / 3);
    });

    it('overflows to Infinity as DuckDB FLOAT arithmetic does, which f32() then makes missing', () => {
      const sum = sumF32([3e38, 3e38]);
      expect(sum).to.equal(Number.POSITIVE_INFINITY);
      expect(f32(sum)).to.be.NaN;
    });
  });

  it('f32 rounds to float32 and makes non-finite or out-of-range values missing', () => {
    expect(f32(0.1)).to.equal(Math.fround(0.1));
    expect(f32(FLOAT32_MAX)).to.equal(FLOAT32_MAX);
    expect(f32(FLOAT32_MAX * 1.0000001)).to.be.NaN;
    expect(f32(Number.POSITIVE_INFINITY)).to.be.NaN;
    expect(f32(Number.NaN)).to.be.NaN;
  });

  it('safe_ratio is missing for a zero, negative zero or missing denominator', () => {
    expect(safeRatio(1, 4)).to.equal(0.25);
    expect(safeRatio(1, 0)).to.be.NaN;
    expect(safeRatio(1, -0)).to.be.NaN;
    expect(safeRatio(1, Number.NaN)).to.be.NaN;
    expect(safeRatio(Number.NaN, 2)).to.be.NaN;
  });

  it('years_before turns days before into positive years', () => {
    expect(yearsBefore(-365.25)).to.equal(1);
    expect(yearsBefore(Number.NaN)).to.be.NaN;
  });

  it('category makes XNA, XAP and empty texts missing', () => {
    expect(category('XNA')).to.equal(null);
    expect(category('XAP')).to.equal(null);
    expect(category('')).to.equal(null);
    expect(category('Working')).to.equal('Working');
    expect(category(null)).to.equal(null);
  });

  it('reads cells as the DuckDB engine appends them', () => {
    expect(numberCell(null)).to.be.NaN;
    expect(numberCell(undefined)).to.be.NaN;
    expect(numberCell(3)).to.equal(3);
    expect(textCell(1)).to.equal('1');
    expect(textCell(undefined)).to.equal(null);
  });

  it('min and max skip missing values like SQL aggregates', () => {
    expect(minOf(Number.NaN, 2)).to.equal(2);
    expect(maxOf(3, Number.NaN)).to.equal(3);
    expect(minOf(Number.NaN, Number.NaN)).to.be.NaN;
  });

  it('shares are f32(hits / rows), missing without rows', () => {
    expect(shareOf(1, 3)).to.equal(Math.fround(1 / 3));
    expect(shareOf(0, 0)).to.be.NaN;
  });
});

describe('evaluator sum_f32 / mean_f32 against the shipped macros.sql run by DuckDB', () => {
  let connection: DuckDBConnection;
  let instance: DuckDBInstance;
  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(fs.readFileSync(path.join(realArtifactsDir(), SQL_DIR, HELPERS), 'utf8'));
  });
  after(() => {
    connection.closeSync();
    instance.closeSync();
  });

  /** sum_f32 and mean_f32 of xs (NaN = NULL) in DuckDB, rows in the given order. */
  async function inDuckDb(xs: number[]): Promise<[number, number]> {
    const values = xs.length === 0 ? '(NULL::DOUBLE, 0)' : xs.map((x, i) => `(${Number.isNaN(x) ? 'NULL' : x.toPrecision(17)}::DOUBLE, ${i})`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT sum_f32(x, i), mean_f32(x, i) FROM (VALUES ${values}) AS t(x, i)${xs.length === 0 ? ' WHERE false' : ''}`);
    const [sum, mean] = reader.getRows()[0]! as Array<number | null>;
    return [sum ?? Number.NaN, mean ?? Number.NaN];
  }

  it('agrees on the edge cases (empty, all missing, cancellation, overflow) and on random float32 lists', async () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const cases: number[][] = [[], [Number.NaN], [Number.NaN, Number.NaN], [1e8, 1, -1e8], [1e8, -1e8, 1], [3e38, 3e38], [3e38, 3e38, -3e38],
      [0.1, Number.NaN, 0.2, 0.3], [-0, 0]];
    for (let k = 0; k < 40; k++) cases.push(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.fround((rnd() - 0.3) * 10 ** Math.floor(rnd() * 12))));
    for (const xs of cases) {
      const [sum, mean] = await inDuckDb(xs);
      const mine = [sumF32(xs), meanF32(xs)];
      expect(mine.map(String), `list ${xs.slice(0, 4).join(', ')}… (${xs.length})`).to.deep.equal([sum, mean].map(String));
    }
  });
});
