/**
 * `node dist/src/testing/convert-store.js FROM OUT [clients]`: an artifact folder whose client store
 * is the store of FROM (format 1: raw Kaggle rows in tables; or format 2) written in format 2 by the
 * TypeScript writer, replicated to `clients` clients (ids shifted by 10,000,000 per copy, as `python -m
 * model.store replicate` does). For the API's own tests and figures before, and beside, the
 * Python writer: both must give stores the API reads the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Row } from '../features/application-body.js';
import { HISTORY_TABLES, type TableName } from '../features/application-schema.js';
import { historyCounts } from '../store/client-list.js';
import { CLIENT_COLUMNS, encodeRaw, storeWriterDefaults, writeClientStore, type StoredClient } from './store-writer.js';

export const convertDefaults = { idShift: 10_000_000 } as const;

interface Original {
  id: number;
  row: StoredClient['row'];
  vector: number[];
  rawBody: Buffer | undefined;
}

/** Every client of a format-2 store, its raw body as stored (it stays valid with the same dictionary). */
function readFormat2(db: Database.Database): { originals: Original[]; dictionary: Buffer } {
  const dictionary = db.prepare('SELECT bytes FROM raw_dictionary').pluck().get() as Buffer;
  const bodies = new Map((db.prepare('SELECT id, body FROM raw').all() as Array<{ id: number; body: Buffer }>).map((r) => [r.id, r.body]));
  const vectors = new Map((db.prepare('SELECT id, vector FROM features').all() as Array<{ id: number; vector: Buffer }>).map((r) => [r.id, r.vector]));
  const rows = db.prepare(`SELECT id, ${CLIENT_COLUMNS.join(', ')} FROM clients ORDER BY id`).all() as Array<Record<string, number | string | null> & { id: number }>;
  const originals = rows.map(({ id, ...row }) => {
    const blob = vectors.get(id)!;
    return { id, row, vector: Array.from({ length: blob.length / 4 }, (_, j) => blob.readFloatLE(j * 4)), rawBody: bodies.get(id) };
  });
  return { originals, dictionary };
}

/** Every client of a format-1 store, with its raw rows encoded once. */
function readFormat1(file: string, featureNames: string[]): Original[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const index = new Map(featureNames.map((n, j) => [n, j]));
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
  const raw = new Map<number, Partial<Record<TableName, Row[]>>>();
  const add = (id: number, table: TableName, row: Row): void => {
    let tables = raw.get(id);
    if (!tables) raw.set(id, (tables = {}));
    (tables[table] ??= []).push(row);
  };
  const strip = (row: Row): Row => {
    const { SK_ID_CURR: _, ...rest } = row;
    return rest;
  };
  const bureauOwner = new Map<number, number>();
  for (const table of ['application', ...HISTORY_TABLES] as TableName[]) {
    if (!present.has(table)) continue;
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate() as IterableIterator<Row>) {
      const id = Number(row['SK_ID_CURR']);
      add(id, table, strip(row));
      if (table === 'bureau') bureauOwner.set(Number(row['SK_ID_BUREAU']), id);
    }
  }
  if (present.has('bureau_balance')) {
    for (const row of db.prepare('SELECT * FROM bureau_balance ORDER BY rowid').iterate() as IterableIterator<Row>) {
      const owner = bureauOwner.get(Number(row['SK_ID_BUREAU']));
      if (owner !== undefined) add(owner, 'bureau_balance', row);
    }
  }
  const vectors = new Map<number, number[]>();
  for (const r of db.prepare('SELECT id, vector FROM features').iterate() as IterableIterator<{ id: number; vector: Buffer }>) {
    vectors.set(r.id, Array.from({ length: r.vector.length / 4 }, (_, j) => r.vector.readFloatLE(j * 4)));
  }
  const columns = CLIENT_COLUMNS.filter((c) => !['previous_applications', 'bureau_credits', 'late_months'].includes(c));
  const rows = db.prepare(`SELECT id, ${columns.join(', ')} FROM clients ORDER BY id`).all() as Array<Record<string, number | string | null> & { id: number }>;
  db.close();
  return rows.map(({ id, ...row }) => {
    const vector = vectors.get(id)!;
    const tables = raw.get(id);
    return { id, row: { ...row, ...historyCounts(vector, index) }, vector, rawBody: tables && encodeRaw(tables, storeWriterDefaults.dictionary) };
  });
}

/** Write OUT as FROM with a format-2 store of `clients` clients (default: as many as FROM). */
export function convertFolder(from: string, out: string, clients?: number): { clients: number; bytes: number } {
  fs.mkdirSync(out, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    if (name !== 'clients.sqlite') fs.cpSync(path.join(from, name), path.join(out, name), { recursive: true });
  }
  const features = (JSON.parse(fs.readFileSync(path.join(from, 'features.json'), 'utf8')) as { features: Array<{ name: string }> }).features.map((f) => f.name);
  const manifest = JSON.parse(fs.readFileSync(path.join(from, 'manifest.json'), 'utf8')) as { model_version: string; files: Record<string, unknown> };
  const source = path.join(from, 'clients.sqlite');
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const format = db.prepare("SELECT value FROM meta WHERE key = 'store_format'").pluck().get();
  const { originals, dictionary } = format === '2' ? readFormat2(db) : { originals: readFormat1(source, features), dictionary: storeWriterDefaults.dictionary };
  db.close();
  const total = clients ?? originals.length;
  function* replicated(): Generator<StoredClient> {
    for (let i = 0; i < total; i++) {
      const o = originals[i % originals.length]!;
      const shift = Math.floor(i / originals.length) * convertDefaults.idShift;
      yield { id: o.id + shift, row: o.row, vector: o.vector, ...(o.rawBody ? { rawBody: o.rawBody } : {}) };
    }
  }
  const file = path.join(out, 'clients.sqlite');
  fs.rmSync(file, { force: true });
  const entry = writeClientStore(file, replicated(), { modelVersion: manifest.model_version, featureCount: features.length, dictionary });
  manifest.files['clients.sqlite'] = entry;
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
  return { clients: entry.clients, bytes: entry.bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [from, out, count] = process.argv.slice(2);
  if (!from || !out) {
    console.error('usage: convert-store FROM OUT [clients]');
    process.exit(2);
  }
  const result = convertFolder(from, out, count === undefined ? undefined : Number(count));
  console.log(`${out}: ${result.clients} clients, ${(result.bytes / 2 ** 20).toFixed(1)} MiB`);
}
