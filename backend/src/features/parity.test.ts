/**
 * One definition, two engines: on the committed artifacts, the Node engine (the SQL shipped in
 * features-sql/, run by @duckdb/node-api over each stored client's raw rows) gives exactly the
 * stored model inputs (computed by the Python pipeline) for every sample client, and the
 * probability of the batch CLI; the random-applications fixture gives in Node the inputs Python
 * computed; and a deliberately altered definition is caught.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Loaded } from '../bootstrap.js';
import type { FieldError } from '../errors.js';
import { loadReal, readFixture, realArtifactsDir, type PredictionsFixture } from '../testing/real-artifacts.js';
import { ErrorList, parseApplication } from './application-body.js';
import { FeatureEngine } from './engine.js';
import { loadSqlBundle, readSqlFolder, SQL_DIR } from './sql-bundle.js';
import { unmetRequirements } from './score-requirements.js';
import { compareStored, computeStored } from './stored-inputs.js';

interface RandomFixture {
  applications: Array<{ body: unknown; inputs: Record<string, number | null> }>;
}

/** Fixture entries: {applications: [{body, inputs}]} (tolerating a bare list). */
function randomApplications(): RandomFixture['applications'] {
  const raw = readFixture<RandomFixture | RandomFixture['applications']>('applications-random.json.gz');
  return Array.isArray(raw) ? raw : raw.applications;
}

describe('feature parity: Node engine vs stored inputs and the batch CLI (committed artifacts)', function () {
  this.timeout(300_000);
  let loaded: Loaded;
  /** DuckDB on the shipped SQL: the server's engine serves with the evaluator (evaluator-parity.test.ts). */
  let engine: FeatureEngine;
  before(async () => {
    loaded = await loadReal();
    engine = await FeatureEngine.create(loadSqlBundle(loaded.artifacts.dir, loaded.artifacts.manifest), loaded.artifacts.features);
  });
  after(() => engine?.close());

  it('computes exactly the stored inputs of every sample client from their raw rows', async () => {
    const { rawClients } = loaded.applications;
    expect(engine.mode).to.equal('duckdb');
    const started = performance.now();
    const report = await compareStored(engine, rawClients!, loaded.model.store);
    console.log(`      ${report.clients} clients from raw rows: ${report.differing.length} differ, max |d input| = ${report.maxAbsDiff.toExponential(2)}, `
      + `NaN mismatches = ${report.nanMismatches} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    expect(report.clients).to.equal(9000);
    expect(report.examples).to.deep.equal([]);
    expect(report.differing).to.deep.equal([]);
  });

  it('gives the batch CLI probability within 1e-6 for every sample client', async () => {
    const { rawClients } = loaded.applications;
    const fixture = readFixture<PredictionsFixture>('predictions.json.gz');
    const expected = new Map(fixture.ids.map((id, i) => [id, fixture.probability[i]!]));
    const f = loaded.model.featureCount;
    const ids = loaded.model.store.sampleIds(loaded.model.store.size);
    const rows = new Float64Array(ids.length * f);
    let k = 0;
    await computeStored(engine, rawClients!, ids, (_, computed) => rows.set(computed, f * k++));
    const out = await loaded.model.scorer.score(rows, ids.length);
    let max = 0;
    ids.forEach((id, i) => {
      max = Math.max(max, Math.abs(out.probability[i]! - expected.get(id)!));
    });
    console.log(`      engine inputs -> ONNX vs batch CLI probability on ${ids.length} clients: max |dp| = ${max.toExponential(2)}`);
    expect(max).to.be.at.most(1e-6);
  });

  it('gives in Node the inputs Python computed for the random applications (API body shape)', async () => {
    const entries = randomApplications();
    const { schema } = loaded.applications;
    const names = loaded.model.features.map((x) => x.name);
    const errors: FieldError[] = [];
    const apps = entries.map((e, i) => {
      const app = parseApplication(schema, e.body, new ErrorList(errors), `[${i}].`);
      expect(errors, `random application ${i}`).to.deep.equal([]);
      return app!;
    });
    const { rows } = await engine.compute(apps);
    let differing = 0;
    const examples: string[] = [];
    entries.forEach((e, i) => names.forEach((name, j) => {
      const python = e.inputs[name];
      const node = rows[i * names.length + j]!;
      const same = python === null || python === undefined ? Number.isNaN(node) : Math.fround(python) === node;
      if (!same) {
        differing++;
        if (examples.length < 5) examples.push(`#${i} ${name}: python ${python}, node ${node}`);
      }
    }));
    console.log(`      ${entries.length} random applications: ${differing} inputs differ between Python and Node`);
    expect(entries.length).to.be.at.least(100);
    expect(examples).to.deep.equal([]);
  });

  it('accepts every stored client\'s inputs in POST /v1/score (the under-specified rule refuses no real applicant)', () => {
    const { scoreRequirements } = loaded.applications;
    expect(scoreRequirements!.map((r) => r.field)).to.include.members(['AMT_CREDIT', 'AMT_INCOME_TOTAL', 'DAYS_BIRTH']);
    const refused = loaded.model.store.sampleIds(loaded.model.store.size).filter((id) => unmetRequirements(scoreRequirements!, loaded.model.store.vector(id)!).length > 0);
    console.log(`      under-specified rule on ${loaded.model.store.size} stored clients: ${refused.length} refused; rules: ${scoreRequirements!.map((r) => r.field).join(', ')}`);
    expect(refused).to.deep.equal([]);
  });

  it('fails when a definition is altered (a temp copy of the SQL with one constant changed)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-altered-'));
    try {
      const source = path.join(realArtifactsDir(), SQL_DIR);
      fs.cpSync(source, dir, { recursive: true });
      const file = path.join(dir, 'application.sql');
      const original = fs.readFileSync(file, 'utf8');
      const altered = original.replace('safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL)', 'safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL + 1)');
      expect(altered, 'the alteration must apply').to.not.equal(original);
      fs.writeFileSync(file, altered);
      const bundle = { ...readSqlFolder(dir), schema: loaded.applications.schema };
      const alteredEngine = await FeatureEngine.create(bundle, loaded.artifacts.features, { connections: 1 });
      try {
        const report = await compareStored(alteredEngine, loaded.applications.rawClients!, loaded.model.store, loaded.model.store.sampleIds(loaded.model.store.size).slice(0, 200));
        expect(report.differing.length).to.be.greaterThan(0);
        expect(report.examples[0]!.feature).to.equal('CREDIT_INCOME_RATIO');
      } finally {
        alteredEngine.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
