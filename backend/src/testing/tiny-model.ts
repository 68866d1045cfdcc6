/**
 * Test fixture built in code: six features of every type, seeded random
 * trees, a SQLite client store of 40 clients in a temp folder, and the
 * artifact documents. createTinyApp() wires them into createApp() with the
 * tree-walking TreeScorer in place of ONNX.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type Koa from 'koa';
import { createApp } from '../app.js';
import type { AppConfig, AppDeps, AppState, ApplicationDeps } from '../app-types.js';
import type { Database as AppDatabase } from '../db/database.js';
import { openSqlite } from '../db/sqlite.js';
import { memoryLogger } from '../http/logger.js';
import { Metrics } from '../http/metrics.js';
import { TreeShap } from '../runtime/shap.js';
import { buildEnsemble } from '../runtime/trees.js';
import type { Artifacts, FeatureInfo, Manifest } from '../store/artifacts.js';
import { SqliteClientStore } from '../store/clients.js';
import { buildModelContext } from '../services/model-context.js';
import { randomTrees, rng } from './random-trees.js';
import { testVerifier } from './tokens.js';
import { TreeScorer } from './tree-scorer.js';

export const TINY_FEATURES: FeatureInfo[] = [
  { name: 'EXT_SOURCE_2', label: 'External score 2', label_fr: 'Score externe 2', description: '', type: 'numeric', unit: null, source: 'application', categories: null },
  { name: 'AGE_YEARS', label: 'Age', label_fr: 'Âge', description: '', type: 'numeric', unit: 'years', source: 'application', categories: null },
  { name: 'AMT_CREDIT', label: 'Credit amount', label_fr: 'Montant du crédit', description: '', type: 'numeric', unit: 'currency', source: 'application', categories: null },
  { name: 'NAME_CONTRACT_TYPE', label: 'Contract type', label_fr: 'Type de contrat', description: '', type: 'category', unit: null, source: 'application', categories: ['Cash loans', 'Revolving loans'], categories_fr: ['Prêt personnel', 'Crédit renouvelable'] },
  { name: 'FLAG_OWN_CAR', label: 'Owns a car', label_fr: 'Possède une voiture', description: '', type: 'binary', unit: null, source: 'application', categories: null },
  { name: 'CREDIT_INCOME_RATIO', label: 'Credit / income', label_fr: 'Crédit / revenu', description: '', type: 'numeric', unit: 'ratio', source: 'application', categories: null },
];
export const TINY_IDS = Array.from({ length: 40 }, (_, i) => 100001 + i * 3);
export const TINY_THRESHOLD = 0.5;

const trees = randomTrees(11, TINY_FEATURES.length, 12, 4);
trees.feature_names = TINY_FEATURES.map((f) => f.name);

/** Feature vector of the i-th tiny client: reproducible, with a few NaNs. */
export function tinyVector(i: number): number[] {
  const rand = rng(1000 + i);
  return [
    i % 7 === 0 ? Number.NaN : Math.fround(rand()),
    Math.fround(20 + rand() * 50),
    Math.fround(Math.round(rand() * 1e6)),
    i % 3 === 0 ? 1 : 0,
    i % 2,
    Math.fround(rand() * 8),
  ];
}

function writeStore(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE clients (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, target INTEGER, probability REAL NOT NULL,
    gender TEXT, age_years REAL, income REAL, credit_amount REAL, annuity REAL, goods_price REAL,
    contract_type TEXT, family_status TEXT, education TEXT, income_type TEXT, occupation TEXT,
    children INTEGER, employment_years REAL, own_car INTEGER, own_realty INTEGER);
    CREATE TABLE features (id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);`);
  const insertClient = db.prepare(`INSERT INTO clients VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertVector = db.prepare('INSERT INTO features VALUES (?, ?)');
  TINY_IDS.forEach((id, i) => {
    const v = tinyVector(i);
    insertClient.run(id, i % 4 === 0 ? 'new' : 'train', i % 4 === 0 ? null : i % 5 === 0 ? 1 : 0, (i * 37 % 100) / 100,
      i % 2 === 0 ? 'F' : 'M', v[1], 50000 + i * 1000, v[2], 10000 + i * 10, v[2]! * 0.9,
      v[3] === 1 ? 'Revolving loans' : 'Cash loans', 'Married', 'Higher education', 'Working', null, i % 3, i % 6 === 0 ? null : i / 4, v[4], 1);
    const blob = Buffer.alloc(v.length * 4);
    v.forEach((x, j) => blob.writeFloatLE(x, j * 4));
    insertVector.run(id, blob);
  });
  db.prepare("INSERT INTO meta VALUES ('model_version', '0.1.0'), ('feature_count', ?)").run(String(TINY_FEATURES.length));
  writeRawRows(db);
  db.close();
}

/** The raw Kaggle rows of the tiny clients (tables of the tiny application schema), in store format 2. */
function writeRawRows(db: Database.Database): void {
  db.exec(`CREATE TABLE raw (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
    CREATE TABLE raw_dictionary (bytes BLOB NOT NULL);
    INSERT INTO raw_dictionary VALUES (x'');
    INSERT INTO meta VALUES ('store_format', '2');`);
  const insert = db.prepare('INSERT INTO raw VALUES (?, ?)');
  TINY_IDS.forEach((id, i) => {
    const v = tinyVector(i);
    const body: Record<string, Record<string, Array<number | string | null>>> = {
      application: {
        NAME_CONTRACT_TYPE: [v[3] === 1 ? 'Revolving loans' : 'Cash loans'], FLAG_OWN_CAR: [v[4] === 1 ? 'Y' : 'N'],
        AMT_INCOME_TOTAL: [50000 + i * 1000], AMT_CREDIT: [v[2]!], DAYS_BIRTH: [-Math.round(v[1]! * 365.25)],
        EXT_SOURCE_2: [Number.isNaN(v[0]!) ? null : v[0]!],
      },
    };
    if (i % 2 === 0) {
      body['bureau'] = { SK_ID_BUREAU: [id * 10], DAYS_CREDIT: [-100 - i], AMT_CREDIT_SUM: [1000 * i], CREDIT_ACTIVE: ['Active'] };
      body['bureau_balance'] = { SK_ID_BUREAU: [id * 10], MONTHS_BALANCE: [0], STATUS: [i % 4 === 0 ? '1' : 'C'] };
    }
    insert.run(id, zlib.deflateSync(Buffer.from(JSON.stringify(body))));
  });
}

export interface TinyApp {
  app: Koa;
  deps: AppDeps;
  logger: ReturnType<typeof memoryLogger>;
  scorer: TreeScorer;
  /** In-memory SQLite holding the record of access the tests made. */
  db: AppDatabase;
  close(): void;
}

export function tinyArtifactDocs(features: FeatureInfo[] = TINY_FEATURES): Pick<Artifacts, 'manifest' | 'features' | 'metrics' | 'fairness' | 'drift' | 'population' | 'importance' | 'trees'> {
  const manifest: Manifest = {
    artifact_format: 1, model_version: '0.1.0', trained_at: '2024-01-01T00:00:00+00:00', feature_count: TINY_FEATURES.length,
    threshold: TINY_THRESHOLD, cost: { fn_cost: 10, fp_cost: 1 }, files: {},
  };
  const quantiles = (median: number): { all: number[] } => ({ all: [0, 0, 0, 0, median, 0, 0, 0, 0] });
  return {
    manifest,
    features,
    trees,
    metrics: { model_version: '0.1.0', chosen: { nested_cv: { auc_mean: 0.75, auc_std: 0.02, cost_per_1000: 500, recall: 0.6, precision: 0.2 } } },
    fairness: { threshold: TINY_THRESHOLD, groups: [] },
    drift: { psi_threshold: 0.2, ks_threshold: 0.1, features: [] },
    population: {
      n_clients: 40, quantile_levels: [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99],
      features: { EXT_SOURCE_2: { quantiles: quantiles(0.5) }, AGE_YEARS: { quantiles: quantiles(40) }, AMT_CREDIT: { quantiles: quantiles(500000) } },
    },
    importance: { n_clients: 40, features: TINY_FEATURES.map((f) => ({ name: f.name, label: f.label, mean_abs_shap: 0.1 })) },
  };
}

/** @param features the catalogue served (TINY_FEATURES, or a variant of it such as one without French labels) */
export function createTinyApp(
  config: Partial<AppConfig> = {}, state: AppState = { ready: true, shuttingDown: false }, features: FeatureInfo[] = TINY_FEATURES,
  applications?: (clientsFile: string) => ApplicationDeps,
): TinyApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-tiny-'));
  const file = path.join(dir, 'clients.sqlite');
  writeStore(file);
  const docs = tinyArtifactDocs(features);
  const ensemble = buildEnsemble(docs.trees);
  const scorer = new TreeScorer(ensemble);
  const store = SqliteClientStore.open(file, TINY_FEATURES.length, '0.1.0', TINY_FEATURES.map((f) => f.name));
  const artifacts = { ...docs, dir, modelPath: '', clientsPath: file } as Artifacts;
  const model = buildModelContext(artifacts, scorer, new TreeShap(ensemble), store);
  const logger = memoryLogger();
  const fullConfig: AppConfig = {
    corsOrigins: ['http://localhost:5173'], rateLimitPerMinute: 0, bodyLimitBytes: 2 * 1024 * 1024,
    trustProxy: false, nodeEnv: 'test', ...config,
  };
  const db = openSqlite(':memory:');
  const deps: AppDeps = {
    config: fullConfig, model, artifacts, logger, state, metrics: new Metrics({ model_version: '0.1.0' }), verifyToken: testVerifier(),
    accessLog: db.accessLog, reviews: db.reviews,
  };
  const apps = applications?.(file);
  if (apps) deps.applications = apps;
  return {
    app: createApp(deps), deps, logger, scorer, db,
    close: () => {
      apps?.rawClients?.close();
      store.close();
      void db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
