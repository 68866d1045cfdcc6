/**
 * The raw Kaggle rows of each stored client, read back as an application the feature engine
 * takes: the stored client goes through the same definitions as a walk-in applicant.
 * Store format 2 (docs/artifacts.md): one zlib blob per client in table `raw` (preset dictionary in
 * `raw_dictionary`), column-major JSON per Kaggle table, rows in file order, SK_ID_CURR left out.
 */
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import type { Cell, RawApplication, Row } from '../features/application-body.js';
import type { ApplicationSchema, TableName } from '../features/application-schema.js';
import { ArtifactError } from './artifact-schemas.js';

export interface RawClientSource {
  /** The client's raw rows, or undefined when the id is not stored. */
  application(id: number): RawApplication | undefined;
  /** Raw rows of many clients at once (ids without rows are left out). */
  applications(ids: number[]): Map<number, RawApplication>;
  close(): void;
}

type ColumnMajor = Partial<Record<TableName, Record<string, Cell[]>>>;

/** Column-major tables of one client -> rows, SK_ID_CURR put back on every table that has it. */
export function rowsOfBody(id: number, body: ColumnMajor): RawApplication {
  const tables = {
    application: [], bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [],
  } as Record<TableName, Row[]>;
  for (const [table, columns] of Object.entries(body) as Array<[TableName, Record<string, Cell[]>]>) {
    const names = Object.keys(columns);
    const count = names.length === 0 ? 0 : columns[names[0]!]!.length;
    for (let i = 0; i < count; i++) {
      const row: Row = table === 'bureau_balance' ? {} : { SK_ID_CURR: id };
      for (const name of names) row[name] = columns[name]![i]!;
      tables[table].push(row);
    }
  }
  return { tables };
}

export class SqliteRawClients implements RawClientSource {
  private readonly db: Database.Database;
  private readonly dictionary: Buffer;
  private readonly one: Database.Statement;

  private constructor(db: Database.Database, dictionary: Buffer) {
    this.db = db;
    this.dictionary = dictionary;
    this.one = db.prepare('SELECT body FROM raw WHERE id = ?');
  }

  /** Open clients.sqlite read-only; the raw rows must be in store format 2 with the columns the schema uses. */
  static open(file: string, schema: ApplicationSchema): SqliteRawClients {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
    } catch {
      throw new ArtifactError(file, 'cannot be opened as a SQLite database');
    }
    try {
      const format = (db.prepare("SELECT value FROM meta WHERE key = 'store_format'").get() as { value: string } | undefined)?.value;
      if (format !== '2') throw new ArtifactError(file, `is in store format ${format ?? '1'}; the API reads format 2 (re-publish the artifacts)`);
      const dict = db.prepare('SELECT bytes FROM raw_dictionary').get() as { bytes: Buffer } | undefined;
      const store = new SqliteRawClients(db, dict?.bytes ?? Buffer.alloc(0));
      // One client read in full proves the blobs decode and carry the columns the definitions read.
      const sample = db.prepare('SELECT id FROM raw ORDER BY id LIMIT 1').get() as { id: number } | undefined;
      if (!sample) throw new ArtifactError(file, 'holds no raw rows (table raw is empty)');
      const app = store.application(sample.id)!.tables.application[0]!;
      const absent = schema.tables.application.columns.map((c) => c.name).filter((n) => !(n in app));
      if (absent.length > 0) throw new ArtifactError(file, `raw rows of client ${sample.id} lack ${absent.slice(0, 5).join(', ')}`);
      return store;
    } catch (err) {
      db.close();
      if (err instanceof ArtifactError) throw err;
      throw new ArtifactError(file, `has unreadable raw rows (${(err as Error).message})`);
    }
  }

  application(id: number): RawApplication | undefined {
    const row = this.one.get(id) as { body: Buffer } | undefined;
    if (!row) return undefined;
    const text = zlib.inflateSync(row.body, this.dictionary.length > 0 ? { dictionary: this.dictionary } : {}).toString('utf8');
    return rowsOfBody(id, JSON.parse(text) as ColumnMajor);
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
    if (this.db.open) this.db.close();
  }
}

