/**
 * The feature definitions shipped with the model (artifacts/features-sql/): the SQL text,
 * in execution order, and the application schema. Each file must be listed in manifest.json
 * (so its size and sha256 were verified by loadArtifacts): the API runs exactly the
 * definitions its model was trained with, or refuses to start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ArtifactError, type Manifest } from '../store/artifact-schemas.js';
import { parseApplicationSchema, type ApplicationSchema } from './application-schema.js';

export const SQL_DIR = 'features-sql';
export const SCHEMA_FILE = `${SQL_DIR}/application-schema.json`;
/** Helpers (macros) every definition uses: run first. */
export const HELPERS = 'macros.sql';
/** Defines the view model_inputs (SK_ID_CURR then every computed input): run last. */
export const FINAL_QUERY = 'model_inputs.sql';
export const FINAL_VIEW = 'model_inputs';

export interface SqlFile {
  name: string;
  sql: string;
}

export interface SqlBundle {
  /** Every definition in run order: macros.sql, the per-table files by name, model_inputs.sql. */
  definitions: SqlFile[];
  schema: ApplicationSchema;
}

/** The definitions of a folder in run order: macros.sql, the per-table files (by name), then model_inputs.sql. */
export function readSqlFolder(dir: string): { definitions: SqlFile[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  } catch {
    throw new ArtifactError(dir, 'feature definitions folder is missing');
  }
  if (!names.includes(FINAL_QUERY)) throw new ArtifactError(path.join(dir, FINAL_QUERY), 'is missing');
  const read = (name: string): SqlFile => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') });
  const rank = (name: string): number => (name === HELPERS ? 0 : name === FINAL_QUERY ? 2 : 1);
  return { definitions: [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).map(read) };
}

/** Load the bundle of an artifact folder; every file must be in the manifest (hence verified). */
export function loadSqlBundle(artifactsDir: string, manifest: Manifest): SqlBundle {
  const dir = path.join(artifactsDir, SQL_DIR);
  const bundle = readSqlFolder(dir);
  for (const name of bundle.definitions.map((f) => f.name)) {
    if (!(`${SQL_DIR}/${name}` in manifest.files)) {
      throw new ArtifactError(path.join(artifactsDir, 'manifest.json'), `files does not list ${SQL_DIR}/${name}: an unverified feature definition is never run`);
    }
  }
  if (!(SCHEMA_FILE in manifest.files)) throw new ArtifactError(path.join(artifactsDir, 'manifest.json'), `files does not list ${SCHEMA_FILE}`);
  const schemaPath = path.join(artifactsDir, SCHEMA_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  } catch (err) {
    throw new ArtifactError(schemaPath, err instanceof SyntaxError ? `is not valid JSON (${err.message})` : 'cannot be read');
  }
  return { ...bundle, schema: parseApplicationSchema(raw, schemaPath) };
}
