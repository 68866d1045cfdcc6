/**
 * Start-up of the fast path: the TypeScript evaluator serves every request only after it
 * computed, on a set of applications meant to reach every branch of the definitions, exactly
 * what DuckDB computes from the shipped SQL. The set: the random-applications fixture when the
 * artifact folder has it (the image leaves fixtures out), seeded synthetic applications built
 * from the application schema, and a sample of the stored clients' raw rows from a few checksum
 * chunks (nothing here grows with the store).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FeatureInfo } from '../store/artifact-schemas.js';
import type { RawClientSource } from '../store/raw-clients.js';
import { ErrorList, parseApplication } from './application-body.js';
import type { ApplicationSchema } from './application-schema.js';
import type { FeatureEngine } from './engine.js';
import { FeatureEngineError, type EngineOutput, type InputsEngine } from './engine-types.js';
import { checkEvaluator, type EvaluatorCheckReport, type LabelledApplication } from './evaluator-check.js';
import type { ReferenceChild } from './reference-child.js';
import { FeatureEvaluator } from './evaluator/model-inputs.js';
import type { RawApplication } from './application-body.js';
import { syntheticApplications } from './synthetic-applications.js';
import { chunkSample } from './stored-inputs.js';

export const evaluatorStartupDefaults = {
  /** Relative to the artifact folder. */
  randomFixture: 'fixtures/applications-random.json.gz',
  /**
   * Stored clients compared at start-up (the parity tests compare all of them). With the
   * fixture and the synthetic set, DuckDB's run costs about a second of the cold start and
   * raises the start-up peak (VmHWM) from 221 to 234 MiB without the fixture (as in the image),
   * 100 synthetic applications to 241 MiB: sized for the 256 MB machine.
   */
  storedSample: 64,
  synthetic: 60,
  seed: 20_240_601,
} as const;

/** The fixture's bodies, parsed as the API parses a request; absent file: none. */
export function randomFixtureApplications(file: string, schema: ApplicationSchema): LabelledApplication[] {
  if (!fs.existsSync(file)) return [];
  const raw = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as { applications?: Array<{ body: unknown }> } | Array<{ body: unknown }>;
  const entries = Array.isArray(raw) ? raw : raw.applications ?? [];
  const out: LabelledApplication[] = [];
  entries.forEach((entry, i) => {
    const app = parseApplication(schema, entry.body, new ErrorList([]));
    // A body the schema refuses is one the API never computes: nothing to compare.
    const id = (entry.body as { id?: unknown } | null)?.id;
    if (app) out.push({ label: `random application ${typeof id === 'string' || typeof id === 'number' ? id : i}`, app });
  });
  return out;
}

export interface EvaluatorStartupOptions {
  artifactsDir: string;
  schema: ApplicationSchema;
  features: FeatureInfo[];
  rawClients?: RawClientSource;
  storedIds?: number[];
  storedSample?: number;
}

/** Every application the start-up check compares, labelled for the message. */
export function startupApplications(options: EvaluatorStartupOptions): LabelledApplication[] {
  const apps = randomFixtureApplications(path.join(options.artifactsDir, evaluatorStartupDefaults.randomFixture), options.schema);
  apps.push(...syntheticApplications(options.schema, evaluatorStartupDefaults.synthetic, evaluatorStartupDefaults.seed));
  if (options.rawClients && options.storedIds) {
    const ids = chunkSample(options.storedIds, options.storedSample ?? evaluatorStartupDefaults.storedSample);
    const raw = options.rawClients.applications(ids);
    for (const id of ids) if (raw.has(id)) apps.push({ label: `stored client ${id}`, app: raw.get(id)! });
  }
  return apps;
}

/**
 * Compare the evaluator with DuckDB on the start-up set and, when they agree on every input,
 * serve the engine's compute() with the evaluator. Throws FeatureEngineError naming the
 * feature, the application and both values otherwise (the engine keeps DuckDB).
 */
export async function serveEvaluator(engine: FeatureEngine, options: EvaluatorStartupOptions): Promise<EvaluatorCheckReport> {
  const evaluator = new FeatureEvaluator(options.features);
  const evaluate = evaluator.evaluate.bind(evaluator);
  const report = await checkEvaluator(engine, evaluate, startupApplications(options));
  engine.serveWith(evaluate);
  return report;
}

/**
 * The server's inputs engine: the evaluator alone, DuckDB having checked it from a child
 * process. reference() refuses: this process holds no DuckDB.
 */
export class EvaluatorInputs implements InputsEngine {
  readonly mode = 'evaluator' as const;
  readonly referenceOpen = false;
  readonly featureNames: string[];
  private readonly evaluator: FeatureEvaluator;

  constructor(evaluator: FeatureEvaluator) {
    this.evaluator = evaluator;
    this.featureNames = evaluator.featureNames;
  }

  compute(applications: RawApplication[]): Promise<EngineOutput> {
    try {
      return Promise.resolve(this.evaluator.evaluate(applications));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  reference(): Promise<EngineOutput> {
    return Promise.reject(new FeatureEngineError('DuckDB runs only in the start-up check\'s child process: this process serves the evaluator'));
  }
}

/**
 * The same guarantee as serveEvaluator, with DuckDB in a child process: the evaluator serves
 * only once it computed, on the start-up set, exactly what the child's DuckDB computes from
 * the shipped SQL. The child is closed whatever the outcome. Throws FeatureEngineError
 * naming the feature, the application and both values, or why the child failed.
 */
export async function checkEvaluatorInChild(reference: Promise<ReferenceChild>, options: EvaluatorStartupOptions):
  Promise<{ engine: EvaluatorInputs; report: EvaluatorCheckReport }> {
  // Built before awaiting the child: reading the sample and the fixture overlaps DuckDB's start.
  const evaluator = new FeatureEvaluator(options.features);
  const applications = startupApplications(options);
  const child = await reference;
  try {
    const report = await checkEvaluator(child, evaluator.evaluate.bind(evaluator), applications);
    return { engine: new EvaluatorInputs(evaluator), report };
  } finally {
    child.close();
  }
}
