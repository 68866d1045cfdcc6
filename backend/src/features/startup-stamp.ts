/**
 * The start-up check's stamp: the record, written at build time (`make backend-build`, the
 * Dockerfile's check stage), that the TypeScript evaluator computed exactly what DuckDB computes
 * from the shipped SQL, for one key. The key is the sha256 of everything the check's outcome
 * depends on: manifest.json (which pins, by sha256, every definition, the schema, features.json
 * and the client store, all verified again at each start), the random-applications fixture when
 * present, every compiled file of features/ and store/ (the evaluator, the check, the sample,
 * the raw-rows reader), DuckDB's version and Node's. A server whose key matches skips the DuckDB
 * run (about a second of its start); any other server runs it in the child process, so a
 * definition changed without its mirror still never serves. The stamp is as trusted as the
 * compiled code beside it: whoever can write one can write the other.
 *
 * Written by write-startup-stamp.ts (`node dist/src/features/write-startup-stamp.js [ARTIFACTS_DIR]`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../config.js';
import { evaluatorStartupDefaults } from './evaluator-startup.js';

export const startupStampDefaults = {
  /** Beside the compiled code it vouches for (dist/ is build output, never committed). */
  file: path.join(packageRoot(), 'dist', 'startup-check.json'),
  /** Compiled folders whose code decides the check's outcome (relative to dist/src/). */
  codeDirs: ['features', 'store'],
  version: 2,
  /** Checks kept, newest first: one build may serve several artifact folders (the benchmark's replicated stores). */
  keep: 8,
} as const;

export interface StampedCheck {
  key: string;
  checkedAt: string;
  /** Applications and inputs the check compared. */
  applications: number;
  inputs: number;
}

interface StampFile {
  version: number;
  checks: StampedCheck[];
}

function readStamp(file: string): StampedCheck[] {
  try {
    const stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StampFile>;
    return stamp.version === startupStampDefaults.version && Array.isArray(stamp.checks) ? stamp.checks : [];
  } catch {
    return [];
  }
}

function compiledFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js') && !name.endsWith('.test.js'))
    .sort();
}

function duckdbVersion(): string {
  try {
    const file = path.join(packageRoot(), 'node_modules', '@duckdb', 'node-api', 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'absent';
  }
}

/** The key of the check on `artifactsDir` with the code of this build (a few milliseconds: no store read). */
export function stampKey(artifactsDir: string): string {
  const hash = createHash('sha256');
  const part = (label: string, data: string | Buffer): void => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  part('manifest.json', fs.readFileSync(path.join(artifactsDir, 'manifest.json')));
  const fixture = path.join(artifactsDir, evaluatorStartupDefaults.randomFixture);
  part('fixture', fs.existsSync(fixture) ? fs.readFileSync(fixture) : 'absent');
  const distSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (const dir of startupStampDefaults.codeDirs) {
    for (const name of compiledFiles(path.join(distSrc, dir))) part(`${dir}/${name}`, fs.readFileSync(path.join(distSrc, dir, name)));
  }
  part('duckdb', duckdbVersion());
  part('node', process.version);
  return hash.digest('hex');
}

/** Whether the stamp at `file` records a passed check for `key` (absent, unreadable or another version: no). */
export function stampMatches(key: string, file: string = startupStampDefaults.file): boolean {
  return readStamp(file).some((check) => check.key === key);
}

/** Record a passed check (newest first, the same key once, at most `keep`). */
export function writeStamp(check: Omit<StampedCheck, 'checkedAt'>, file: string = startupStampDefaults.file): void {
  const checks = [{ ...check, checkedAt: new Date().toISOString() }, ...readStamp(file).filter((c) => c.key !== check.key)].slice(0, startupStampDefaults.keep);
  const stamp: StampFile = { version: startupStampDefaults.version, checks };
  fs.writeFileSync(file, `${JSON.stringify(stamp, null, 2)}\n`);
}
