/**
 * Everything the API needs from the artifact folder, built once: verified
 * artifacts, the ONNX session, the TreeSHAP engine and the client store.
 * Used by server.ts, the integration tests and the benchmark.
 */
import path from 'node:path';
import type { ApplicationDeps } from './app-types.js';
import { FeatureEngineError } from './features/engine-types.js';
import { deriveScoreRequirements } from './features/score-requirements.js';
import { loadSqlBundle, SQL_DIR, type SqlBundle } from './features/sql-bundle.js';
import { SqliteRawClients } from './store/raw-clients.js';
import { checkEvaluatorInChild, EvaluatorInputs } from './features/evaluator-startup.js';
import { FeatureEvaluator } from './features/evaluator/model-inputs.js';
import { stampKey, stampMatches, writeStamp } from './features/startup-stamp.js';
import { ReferenceChild } from './features/reference-child.js';
import { checkStoredInputs, startupSample } from './features/stored-inputs.js';
import { ModelLoadError, OnnxScorer } from './runtime/onnx.js';
import { TreeShap } from './runtime/shap.js';
import { buildEnsemble, predictRaw, TreesFormatError } from './runtime/trees.js';
import { StoreCorruptError } from './errors.js';
import { ArtifactError, loadArtifacts, type Artifacts } from './store/artifacts.js';
import { SqliteClientStore } from './store/clients.js';
import { buildModelContext, type ModelContext } from './services/model-context.js';

/** Largest |ONNX raw score - tree walk| accepted at start-up: both must be the same model. */
const PARITY_TOLERANCE = 1e-4;
const PARITY_PROBES = 20;

export interface Loaded {
  artifacts: Artifacts;
  model: ModelContext;
  /** The feature engine on the shipped definitions, the application schema and the stored clients' raw rows. */
  applications: ApplicationDeps;
  /** How the evaluator was shown equal to DuckDB: a DuckDB run in a child process now, or the build's stamp for this exact key. */
  startupCheck: { reference: 'duckdb-child' | 'stamp'; key: string; applications: number; inputs: number };
  close(): Promise<void>;
}

/** 'use' (the server): skip DuckDB when the build's stamp matches; 'write': run the check and stamp it; 'off': run it, no stamp. */
export type StampMode = 'use' | 'write' | 'off';

/** A definitions problem names the definitions folder. */
function asArtifactError(artifacts: Artifacts, err: unknown): unknown {
  return err instanceof FeatureEngineError ? new ArtifactError(path.join(artifacts.dir, SQL_DIR), err.message) : err;
}

/**
 * The definitions shipped with the model, served by the TypeScript evaluator once it computes
 * exactly what DuckDB computes from them. DuckDB runs in a child process (`reference`, opened
 * at the start of loadModel so its start overlaps the model's): in the server, DuckDB held
 * about 65 MB it never gave back after closing (273 vs 208 MB on the sample), and this
 * process now never loads it. Any problem names the file at fault.
 */
async function loadApplications(artifacts: Artifacts, bundle: SqlBundle, reference: Promise<ReferenceChild> | null, storedIds: number[]):
  Promise<{ deps: ApplicationDeps; close(): void; checked: { applications: number; inputs: number } }> {
  let rawClients: SqliteRawClients;
  try {
    rawClients = SqliteRawClients.open(artifacts.clientsPath, bundle.schema);
  } catch (err) {
    void reference?.then((child) => child.close(), () => undefined);
    throw err;
  }
  try {
    // No reference: the build's stamp records that this check passed for this exact key (startup-stamp.ts).
    const { engine, report } = reference === null
      ? { engine: new EvaluatorInputs(new FeatureEvaluator(artifacts.features)), report: { applications: 0, inputs: 0 } }
      : await checkEvaluatorInChild(reference, { artifactsDir: artifacts.dir, schema: bundle.schema, features: artifacts.features, rawClients, storedIds });
    const categorical = new Set(artifacts.features.filter((f) => f.type === 'category').map((f) => f.name));
    const scoreRequirements = await deriveScoreRequirements(engine, bundle.schema, categorical);
    return { deps: { engine, schema: bundle.schema, rawClients, scoreRequirements }, close: () => rawClients.close(), checked: { applications: report.applications, inputs: report.inputs } };
  } catch (err) {
    rawClients.close();
    throw asArtifactError(artifacts, err);
  }
}

/** Load and cross-check everything; throws ArtifactError naming the file at fault. */
export async function loadModel(artifactsDir: string, options: { stamp?: StampMode; stampFile?: string } = {}): Promise<Loaded> {
  try {
    return await loadAndCheck(artifactsDir, options);
  } catch (err) {
    // A chunk of the store read by the start-up checks did not match its checksum: refuse to start.
    if (err instanceof StoreCorruptError) throw new ArtifactError(path.join(path.resolve(artifactsDir), 'clients.sqlite'), err.message);
    throw err;
  }
}

async function loadAndCheck(artifactsDir: string, options: { stamp?: StampMode; stampFile?: string }): Promise<Loaded> {
  const mode = options.stamp ?? 'use';
  const artifacts = loadArtifacts(artifactsDir);
  const bundle = loadSqlBundle(artifacts.dir, artifacts.manifest);
  const key = stampKey(artifacts.dir);
  // Forked now, awaited in loadApplications: DuckDB starts while this process builds the model.
  const reference = mode === 'use' && stampMatches(key, options.stampFile) ? null : ReferenceChild.open(bundle, artifacts.features);
  // Until loadApplications awaits it, a failure is reported there (or the child closed on an earlier failure).
  reference?.catch(() => undefined);
  let loaded: Loaded;
  try {
    loaded = await loadChecked(artifacts, bundle, reference, key);
  } catch (err) {
    void reference?.then((child) => child.close(), () => undefined);
    throw err;
  }
  // Only a start that passed every check stamps it.
  if (mode === 'write') writeStamp({ key, applications: loaded.startupCheck.applications, inputs: loaded.startupCheck.inputs }, options.stampFile);
  return loaded;
}

async function loadChecked(artifacts: Artifacts, bundle: SqlBundle, reference: Promise<ReferenceChild> | null, key: string): Promise<Loaded> {
  const treesFile = path.join(artifacts.dir, 'trees.json');
  let explainer: TreeShap;
  try {
    explainer = new TreeShap(buildEnsemble(artifacts.trees));
  } catch (err) {
    if (err instanceof TreesFormatError) throw new ArtifactError(treesFile, err.message);
    throw err;
  }
  const names = artifacts.features.map((f) => f.name);
  const ensemble = explainer.ensemble;
  if (ensemble.featureCount !== names.length || ensemble.featureNames.some((n, i) => n !== names[i])) {
    throw new ArtifactError(treesFile, 'feature_names differ from features.json (count or order)');
  }
  let scorer: OnnxScorer;
  try {
    scorer = await OnnxScorer.create(artifacts.modelPath, names.length);
  } catch (err) {
    if (err instanceof ModelLoadError) throw new ArtifactError(artifacts.modelPath, err.message);
    throw err;
  }
  let store: SqliteClientStore;
  try {
    store = SqliteClientStore.open(artifacts.clientsPath, names.length, artifacts.manifest.model_version,
      { contentSha256: artifacts.manifest.files['clients.sqlite']?.content_sha256 });
  } catch (err) {
    await scorer.release();
    throw err;
  }
  let applications: Awaited<ReturnType<typeof loadApplications>>;
  try {
    applications = await loadApplications(artifacts, bundle, reference, startupSample(store));
  } catch (err) {
    store.close();
    await scorer.release();
    throw err;
  }
  const loaded: Loaded = {
    artifacts,
    model: buildModelContext(artifacts, scorer, explainer, store),
    applications: applications.deps,
    startupCheck: { reference: reference === null ? 'stamp' : 'duckdb-child', key, ...applications.checked },
    close: async () => {
      applications.close();
      store.close();
      await scorer.release();
    },
  };
  try {
    await checkParity(loaded);
    // A stored client's score is the engine's: its stored inputs must be what the definitions compute from its raw rows.
    await checkStoredInputs(applications.deps.engine, applications.deps.rawClients!, store, { file: artifacts.clientsPath });
  } catch (err) {
    await loaded.close();
    throw err;
  }
  return loaded;
}

/** trees.json and model.onnx must be the same model: compare on a few stored clients. */
async function checkParity({ artifacts, model }: Loaded): Promise<void> {
  // From the start-up sample's checksum chunks: the probes cost the same at any store size.
  const probes = startupSample(model.store, PARITY_PROBES);
  if (probes.length === 0) throw new ArtifactError(artifacts.clientsPath, 'holds no clients');
  const f = model.featureCount;
  const rows = new Float64Array(probes.length * f);
  probes.forEach((id, i) => rows.set(model.store.vector(id)!, i * f));
  const { rawScore } = await model.scorer.score(rows, probes.length);
  probes.forEach((_, i) => {
    const expected = predictRaw(model.explainer.ensemble, rows.subarray(i * f, (i + 1) * f));
    if (Math.abs(expected - rawScore[i]!) > PARITY_TOLERANCE) {
      throw new ArtifactError(artifacts.modelPath, `disagrees with trees.json (raw score ${rawScore[i]} vs ${expected}): not the same model`);
    }
  });
}
