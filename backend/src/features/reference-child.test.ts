import { expect } from 'chai';
import type { FieldError } from '../errors.js';
import { HISTORY_FEATURES, tinyBody, tinySchema, tinySqlBundle } from '../testing/tiny-features.js';
import { ErrorList, parseApplication, type RawApplication } from './application-body.js';
import { FeatureEngine } from './engine.js';
import { FeatureEngineError } from './engine-types.js';
import { ReferenceChild } from './reference-child.js';

const schema = tinySchema();
function raw(body: unknown): RawApplication {
  const errors: FieldError[] = [];
  const app = parseApplication(schema, body, new ErrorList(errors));
  if (!app) throw new Error(JSON.stringify(errors));
  return app;
}

describe('DuckDB reference in a child process (start-up check)', function () {
  this.timeout(60_000);
  const { bundle, cleanup } = tinySqlBundle();
  after(cleanup);

  it('computes in the child exactly what DuckDB computes in this process', async () => {
    const apps = [
      raw(tinyBody({ application: { AMT_INCOME_TOTAL: 100000, AMT_CREDIT: 250000, DAYS_BIRTH: -10957, NAME_CONTRACT_TYPE: 'Revolving loans' } })),
      raw(tinyBody({ POS_CASH_balance: [{ SK_ID_PREV: 1, MONTHS_BALANCE: 0, SK_DPD: 4 }] })),
    ];
    const local = await FeatureEngine.create(bundle, HISTORY_FEATURES, { connections: 1 });
    const child = await ReferenceChild.open(bundle, HISTORY_FEATURES);
    try {
      expect(child.featureNames).to.deep.equal(local.featureNames);
      const expected = await local.reference(apps);
      const got = await child.reference(apps);
      expect(got.count).to.equal(2);
      expect(got.rows).to.be.instanceOf(Float64Array);
      expect(Array.from(got.rows)).to.deep.equal(Array.from(expected.rows));
    } finally {
      local.close();
      child.close();
    }
  });

  it('rejects with FeatureEngineError naming the problem when the definitions do not run', async () => {
    const broken = { ...bundle, definitions: bundle.definitions.map((f, i) => (i === 1 ? { ...f, sql: 'CREATE OR REPLACE TEMP VIEW nope AS SELECT missing_column FROM application;' } : f)) };
    let error: unknown;
    try {
      const child = await ReferenceChild.open(broken, HISTORY_FEATURES);
      child.close();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(FeatureEngineError);
    expect((error as Error).message).to.match(/^feature definitions do not run: .*missing_column/);
  });

  it('rejects, never hangs, once the child is closed', async () => {
    const child = await ReferenceChild.open(bundle, HISTORY_FEATURES);
    child.close();
    let error: unknown;
    await child.reference([raw(tinyBody())]).catch((err: unknown) => { error = err; });
    expect(error).to.be.instanceOf(FeatureEngineError);
  });
});
