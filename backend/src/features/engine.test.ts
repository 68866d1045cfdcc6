import { expect } from 'chai';
import type { FieldError } from '../errors.js';
import { HISTORY_FEATURES, tinyBody, tinySchema, tinySqlBundle } from '../testing/tiny-features.js';
import { ErrorList, parseApplication, type RawApplication } from './application-body.js';
import { FeatureEngine, FeatureEngineError } from './engine.js';

const schema = tinySchema();
function raw(body: unknown): RawApplication {
  const errors: FieldError[] = [];
  const app = parseApplication(schema, body, new ErrorList(errors));
  if (!app) throw new Error(JSON.stringify(errors));
  return app;
}

describe('feature engine (DuckDB)', () => {
  const { bundle, cleanup } = tinySqlBundle();
  let engine: FeatureEngine;
  before(async () => {
    engine = await FeatureEngine.create(bundle, HISTORY_FEATURES);
  });
  after(() => {
    engine.close();
    cleanup();
  });

  it('computes every input from raw rows, maps categories to their codes, NaN where missing', async () => {
    const { rows } = await engine.compute([raw(tinyBody({ application: { AMT_INCOME_TOTAL: 100000, AMT_CREDIT: 250000, DAYS_BIRTH: -10957, NAME_CONTRACT_TYPE: 'Revolving loans' } }))]);
    const byName = Object.fromEntries(HISTORY_FEATURES.map((f, i) => [f.name, rows[i]]));
    expect(byName['EXT_SOURCE_2']).to.be.NaN;
    expect(byName['AGE_YEARS']).to.equal(Math.fround(10957 / 365.25));
    expect(byName['NAME_CONTRACT_TYPE']).to.equal(1);
    expect(byName['FLAG_OWN_CAR']).to.be.NaN;
    expect(byName['CREDIT_INCOME_RATIO']).to.equal(Math.fround(2.5));
    expect(byName['BUREAU_CREDIT_COUNT']).to.be.NaN;
  });

  it('keeps each application of a batch to its own history, whatever ids they reuse', async () => {
    const withHistory = (late: number, dpd: number): RawApplication => raw(tinyBody({
      bureau: [{ SK_ID_BUREAU: 1, bureau_balance: Array.from({ length: 3 }, (_, m) => ({ MONTHS_BALANCE: -m, STATUS: m < late ? '1' : 'C' })) }, { SK_ID_BUREAU: 2 }],
      POS_CASH_balance: [{ SK_ID_PREV: 1, MONTHS_BALANCE: 0, SK_DPD: dpd }],
    }));
    const { rows, count } = await engine.compute([withHistory(1, 4), raw(tinyBody()), withHistory(3, 0)]);
    expect(count).to.equal(3);
    const f = HISTORY_FEATURES.length;
    const at = (k: number, name: string): number => rows[k * f + HISTORY_FEATURES.findIndex((x) => x.name === name)]!;
    expect([at(0, 'BUREAU_CREDIT_COUNT'), at(0, 'BUREAU_LATE_MONTHS'), at(0, 'POS_MAX_DPD')]).to.deep.equal([2, 1, 4]);
    expect(at(1, 'BUREAU_CREDIT_COUNT')).to.be.NaN;
    expect([at(2, 'BUREAU_CREDIT_COUNT'), at(2, 'BUREAU_LATE_MONTHS'), at(2, 'POS_MAX_DPD')]).to.deep.equal([2, 3, 0]);
  });

  it('gives the same inputs when requests run at once on every connection', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => raw(tinyBody({ application: { AMT_INCOME_TOTAL: 1000 * (i + 1), AMT_CREDIT: 5000, DAYS_BIRTH: -9000 - i } })));
    const alone = await Promise.all(bodies.map(async (b) => (await engine.compute([b])).rows));
    const together = (await engine.compute(bodies)).rows;
    const f = HISTORY_FEATURES.length;
    alone.forEach((r, i) => expect(Array.from(r)).to.deep.equal(Array.from(together.subarray(i * f, (i + 1) * f))));
  });

  it('refuses definitions whose final query does not return the model inputs in order', async () => {
    const swapped = [...HISTORY_FEATURES];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    try {
      await FeatureEngine.create(bundle, swapped);
      expect.fail('created');
    } catch (err) {
      expect(err).to.be.instanceOf(FeatureEngineError);
      expect((err as Error).message).to.match(/computes EXT_SOURCE_2 before AGE_YEARS: not in features.json order/);
    }
  });

  it('refuses a model input the definitions do not compute', async () => {
    const extra = [...HISTORY_FEATURES, { ...HISTORY_FEATURES[0]!, name: 'NOT_DEFINED' }];
    try {
      await FeatureEngine.create(bundle, extra);
      expect.fail('created');
    } catch (err) {
      expect((err as Error).message).to.match(/does not compute NOT_DEFINED/);
    }
  });

  it('refuses definitions that do not run', async () => {
    const broken = { ...bundle, definitions: [...bundle.definitions, { name: 'zz.sql', sql: 'CREATE TEMP VIEW x AS SELECT nope FROM bureau' }] };
    try {
      await FeatureEngine.create(broken, HISTORY_FEATURES);
      expect.fail('created');
    } catch (err) {
      expect((err as Error).message).to.match(/feature definitions do not run/);
    }
  });
});

describe('feature engine: coalescing and recycling', () => {
  const { bundle, cleanup } = tinySqlBundle();
  after(cleanup);

  it('runs requests that wait together, each getting its own rows', async () => {
    const engine = await FeatureEngine.create(bundle, HISTORY_FEATURES, { connections: 1 });
    try {
      const bodies = Array.from({ length: 30 }, (_, i) => raw(tinyBody({ application: { AMT_INCOME_TOTAL: 1000 + i, AMT_CREDIT: 5000, DAYS_BIRTH: -9000 } })));
      const results = await Promise.all(bodies.map((b) => engine.compute([b])));
      const ratio = HISTORY_FEATURES.findIndex((f) => f.name === 'CREDIT_INCOME_RATIO');
      results.forEach((r, i) => expect(r.rows[ratio]).to.equal(Math.fround(5000 / (1000 + i))));
    } finally {
      engine.close();
    }
  });
});
