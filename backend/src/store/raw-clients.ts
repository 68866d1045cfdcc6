/**
 * The raw Kaggle rows of each stored client, read back as an application the feature engine
 * takes: the stored client goes through the same definitions as a walk-in applicant. Store
 * format 2 keeps them as one deflated, column-major JSON document per client (table `raw`, with
 * the preset dictionary of `raw_dictionary`): a few kilobytes read per client, nothing held.
 */
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import { StoreCorruptError } from '../errors.js';
import type { Cell, RawApplication, Row } from '../features/application-body.js';
import { KEY_COLUMNS } from '../features/application-body.js';
import { HISTORY_TABLES, type ApplicationSchema, type TableName } from '../features/application-schema.js';
import { ArtifactError } from './artifact-schemas.js';
import { acquireIntegrity, openStoreDatabase, releaseIntegrity, type StoreIntegrity } from './store-checksum.js';

export interface RawClientSource {
  /** The client's raw rows, or undefined when the id is not stored. */
  application(id: number): RawApplication | undefined;
  /** Raw rows of many clients at once (ids without rows are left out). */
  applications(ids: number[]): Map<number, RawApplication>;
  close(): void;
}

const ALL_TABLES: TableName[] = ['application', ...HISTORY_TABLES, 'bureau_balance'];
const OTHER_KEYS = KEY_COLUMNS.filter((k) => k !== 'SK_ID_CURR');

type Columns = Record<string, Cell[]>;

export class SqliteRawClients implements RawClientSource {
  private readonly body: Database.Statement;

  private constructor(private readonly db: Database.Database, private readonly integrity: StoreIntegrity,
    private readonly dictionary: Buffer, private readonly wanted: Record<TableName, string[]>, private readonly file: string) {
    // The join with clients: a raw row without its client is no client (and no chunk covers it).
    this.body = db.prepare('SELECT r.body FROM clients c JOIN raw r ON r.id = c.id WHERE c.id = ?').pluck();
  }

  /** Open clients.sqlite read-only; the raw tables and their dictionary must be there. */
  static open(file: string, schema: ApplicationSchema): SqliteRawClients {
    const integrity = acquireIntegrity(file);
    let db: Database.Database | undefined;
    try {
      db = openStoreDatabase(file);
      const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
      if (!tables.has('raw') || !tables.has('raw_dictionary')) throw new ArtifactError(file, 'has no table raw or raw_dictionary (the raw rows of the stored clients)');
      const dictionary = db.prepare('SELECT bytes FROM raw_dictionary').pluck().all() as unknown[];
      if (dictionary.length !== 1 || !Buffer.isBuffer(dictionary[0])) throw new ArtifactError(file, 'table raw_dictionary must hold exactly one row of bytes');
      const wanted = {} as Record<TableName, string[]>;
      for (const table of ALL_TABLES) {
        wanted[table] = schema.tables[table].columns.map((c) => c.name).filter((n) => !(KEY_COLUMNS as readonly string[]).includes(n));
      }
      const store = new SqliteRawClients(db, integrity, dictionary[0], wanted, file);
      // One client read in full at start-up: the blobs decode and carry the columns the definitions read.
      const sample = db.prepare('SELECT id FROM raw ORDER BY id LIMIT 1').pluck().get() as number | undefined;
      if (sample === undefined) throw new ArtifactError(file, 'holds no raw rows (table raw is empty)');
      try {
        store.application(sample);
      } catch (err) {
        throw new ArtifactError(file, `raw rows of client ${sample}: ${(err as Error).message}`);
      }
      return store;
    } catch (err) {
      db?.close();
      releaseIntegrity(integrity);
      if (err instanceof ArtifactError) throw err;
      throw new ArtifactError(file, `is not a valid client store (${(err as Error).message})`);
    }
  }

  application(id: number): RawApplication | undefined {
    if (!this.integrity.check(id)) return undefined;
    const body = this.body.get(id) as Buffer | undefined;
    return body === undefined ? undefined : this.decode(id, body);
  }

  applications(ids: number[]): Map<number, RawApplication> {
    const out = new Map<number, RawApplication>();
    for (const id of ids) {
      const app = this.application(id);
      if (app) out.set(id, app);
    }
    return out;
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
      releaseIntegrity(this.integrity);
    }
  }

  /** Column-major JSON back to rows: keys first (SK_ID_CURR is the client), then the schema's columns. */
  private decode(id: number, body: Buffer): RawApplication | undefined {
    let doc: Record<string, Columns>;
    try {
      doc = JSON.parse(zlib.inflateSync(body, { dictionary: this.dictionary }).toString('utf8')) as Record<string, Columns>;
    } catch (err) {
      // The chunk matched its checksum, so the writer wrote this: a store that cannot be served.
      throw new StoreCorruptError(`clients.sqlite holds raw rows that cannot be read (${(err as Error).message.slice(0, 80)})`);
    }
    const tables = {} as RawApplication['tables'];
    for (const table of ALL_TABLES) tables[table] = this.rows(id, table, doc[table]);
    if (tables.application.length === 0) return undefined;
    if (tables.application.length !== 1) throw new StoreCorruptError(`clients.sqlite holds ${tables.application.length} application rows for one client, expected 1`);
    return { tables };
  }

  private rows(id: number, table: TableName, columns: Columns | undefined): Row[] {
    if (columns === undefined) return [];
    const names = [...OTHER_KEYS.filter((k) => k in columns), ...this.wanted[table]];
    const absent = names.find((n) => !Array.isArray(columns[n]));
    if (absent !== undefined) throw new StoreCorruptError(`${this.fileName()} raw table ${table} lacks column ${absent}, which the feature definitions read`);
    const count = columns[names[0] ?? '']?.length ?? Object.values(columns)[0]?.length ?? 0;
    const out: Row[] = [];
    for (let i = 0; i < count; i++) {
      const row: Row = table === 'bureau_balance' ? {} : { SK_ID_CURR: id };
      for (const name of names) row[name] = columns[name]![i] ?? null;
      out.push(row);
    }
    return out;
  }

  private fileName(): string {
    return this.file.split(/[\\/]/).pop() ?? 'clients.sqlite';
  }
}
