/**
 * The TypeScript evaluator against the REFERENCE, DuckDB running the shipped SQL, on the
 * committed artifacts: every stored client from their raw rows (equal to DuckDB and to the
 * stored inputs), the random-applications fixture (equal to DuckDB and to Python), and an
 * altered definition, which the start-up check must refuse.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { loadModel, type Loaded } from '../bootstrap.js';
import { ArtifactError } from '../store/artifact-schemas.js';
import type { FieldError } from '../errors.js';
import { loadReal, readFixture, realArtifactsDir } from '../testing/real-artifacts.js';
import { ErrorList, parseApplication } from './application-body.js';
import { FeatureEngine, FeatureEngineError } from './engine.js';
import { compareEvaluator, type LabelledApplication } from './evaluator-check.js';
import { FeatureEvaluator } from './evaluator/model-inputs.js';
import { serveEvaluator } from './evaluator-startup.js';
import { loadSqlBundle, readSqlFolder, SQL_DIR } from './sql-bundle.js';
import { compareStored } from './stored-inputs.js';

interface RandomFixture {
  applications: Array<{ body: unknown; inputs: Record<string, number | null> }>;
}

function randomEntries(): RandomFixture['applications'] {
  const raw = readFixture<RandomFixture | RandomFixture['applications']>('applications-random.json.gz');
  return Array.isArray(raw) ? raw : raw.applications;
}

describe('feature evaluator (TypeScript mirror) vs DuckDB on the shipped SQL (committed artifacts)', function () {
  this.timeout(600_000);
  let loaded: Loaded;
  let evaluator: FeatureEvaluator;
  /** DuckDB on the shipped SQL, of its own: the server may have closed its instance after the start-up check. */
  let reference: FeatureEngine;
  const evaluate = (apps: Parameters<FeatureEvaluator['evaluate']>[0]): ReturnType<FeatureEvaluator['evaluate']> => evaluator.evaluate(apps);
  before(async () => {
    loaded = await loadReal();
    evaluator = new FeatureEvaluator(loaded.artifacts.features);
    reference = await FeatureEngine.create(loadSqlBundle(loaded.artifacts.dir, loaded.artifacts.manifest), loaded.artifacts.features);
  });
  after(() => reference?.close());

  function storedClients(ids: number[] = loaded.model.store.sampleIds(loaded.model.store.size)): LabelledApplication[] {
    const raw = loaded.applications.rawClients!.applications(ids);
    return ids.filter((id) => raw.has(id)).map((id) => ({ label: `stored client ${id}`, app: raw.get(id)! }));
  }

  it('computes from the raw rows of every stored client exactly what DuckDB computes', async () => {
    const clients = storedClients();
    const report = await compareEvaluator(reference, evaluate, clients);
    console.log(`      ${report.applications} stored clients, ${report.inputs} inputs: ${report.differing} clients differ from DuckDB`);
    expect(report.applications).to.equal(9000);
    expect(report.examples).to.deep.equal([]);
  });

  it('computes from the raw rows of every stored client exactly the stored inputs', async () => {
    const alone = { featureNames: evaluator.featureNames, compute: async (apps: Parameters<FeatureEvaluator['evaluate']>[0]) => evaluator.evaluate(apps) };
    const report = await compareStored(alone, loaded.applications.rawClients!, loaded.model.store);
    console.log(`      ${report.clients} stored clients: ${report.differing.length} differ from the stored inputs, max |d| = ${report.maxAbsDiff}, NaN mismatches = ${report.nanMismatches}`);
    expect(report.clients).to.equal(9000);
    expect(report.examples).to.deep.equal([]);
  });

  it('computes for the random applications what DuckDB and Python compute', async () => {
    const entries = randomEntries();
    const errors: FieldError[] = [];
    const apps = entries.map((e, i) => ({ label: `random application ${i}`, app: parseApplication(loaded.applications.schema, e.body, new ErrorList(errors), `[${i}].`)! }));
    expect(errors).to.deep.equal([]);
    const report = await compareEvaluator(reference, evaluate, apps);
    expect(report.examples).to.deep.equal([]);
    const { rows } = evaluator.evaluate(apps.map((a) => a.app));
    const names = evaluator.featureNames;
    const python: string[] = [];
    entries.forEach((e, i) => names.forEach((name, j) => {
      const want = e.inputs[name];
      const got = rows[i * names.length + j]!;
      const same = want === null || want === undefined ? Number.isNaN(got) : Math.fround(want) === got;
      if (!same && python.length < 5) python.push(`#${i} ${name}: python ${want}, evaluator ${got}`);
    }));
    console.log(`      ${entries.length} random applications: ${report.differing} differ from DuckDB, ${python.length} inputs from Python`);
    expect(entries.length).to.be.at.least(100);
    expect(python).to.deep.equal([]);
  });

  it('is what the server computes with: the start-up check passed, the evaluator serves and DuckDB was closed (memory)', async () => {
    const engine = loaded.applications.engine;
    expect(engine.mode).to.equal('evaluator');
    expect(engine.referenceOpen).to.equal(false);
    const app = loaded.applications.rawClients!.application(loaded.model.store.sampleIds(loaded.model.store.size)[0]!)!;
    expect((await engine.compute([app])).rows).to.deep.equal(evaluator.evaluate([app]).rows);
    let error: unknown;
    await engine.reference([app]).catch((err: unknown) => { error = err; });
    expect(error).to.be.instanceOf(FeatureEngineError);
  });

  it('refuses to serve when a shipped definition was altered, naming the feature, the application and both values', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-evaluator-altered-'));
    try {
      fs.cpSync(path.join(realArtifactsDir(), SQL_DIR), dir, { recursive: true });
      const file = path.join(dir, 'application.sql');
      const original = fs.readFileSync(file, 'utf8');
      const altered = original.replace('safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL)', 'safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL + 1)');
      expect(altered, 'the alteration must apply').to.not.equal(original);
      fs.writeFileSync(file, altered);
      const engine = await FeatureEngine.create({ ...readSqlFolder(dir), schema: loaded.applications.schema }, loaded.artifacts.features, { connections: 1 });
      try {
        let error: unknown;
        try {
          await serveEvaluator(engine, {
            artifactsDir: realArtifactsDir(), schema: loaded.applications.schema, features: loaded.artifacts.features,
            rawClients: loaded.applications.rawClients!, storedIds: loaded.model.store.sampleIds(loaded.model.store.size),
          });
        } catch (err) {
          error = err;
        }
        expect(error).to.be.instanceOf(FeatureEngineError);
        expect((error as Error).message).to.match(/CREDIT_INCOME_RATIO of (random|synthetic) application .+: DuckDB \(shipped SQL\) [-0-9.e]+, evaluator [-0-9.e]+/);
        expect(engine.mode).to.equal('duckdb');
      } finally {
        engine.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the server at start-up when a retrained definition ships without its mirror (manifest updated)', async () => {
    const source = realArtifactsDir();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-artifacts-altered-'));
    try {
      // Large files are linked, the definitions copied: only application.sql and the manifest change.
      for (const name of fs.readdirSync(source)) {
        if (name === SQL_DIR) fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
        else if (name !== 'manifest.json') fs.symlinkSync(path.join(source, name), path.join(dir, name));
      }
      const file = path.join(dir, SQL_DIR, 'application.sql');
      const altered = fs.readFileSync(file, 'utf8').replace('safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL)', 'safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL + 1)');
      fs.writeFileSync(file, altered);
      const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
      manifest.files[`${SQL_DIR}/application.sql`] = { sha256: createHash('sha256').update(altered).digest('hex'), bytes: Buffer.byteLength(altered) };
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
      let error: unknown;
      try {
        const other = await loadModel(dir);
        await other.close();
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(ArtifactError);
      expect((error as Error).message).to.include(path.join(dir, SQL_DIR));
      expect((error as Error).message).to.match(/evaluator differs from the shipped SQL .*CREDIT_INCOME_RATIO of .+: DuckDB \(shipped SQL\) [-0-9.e]+, evaluator [-0-9.e]+/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
