/**
 * The raw Kaggle rows of each stored client (clients.sqlite keeps them in tables of the
 * Kaggle names, beside the stored inputs), read back as an application the feature engine
 * takes: the stored client goes through the same definitions as a walk-in applicant.
 */
import Database from 'better-sqlite3';
import type { RawApplication, Row } from '../features/application-body.js';
import { KEY_COLUMNS } from '../features/application-body.js';
import { HISTORY_TABLES, type ApplicationSchema, type TableName } from '../features/application-schema.js';
import { ArtifactError } from './artifact-schemas.js';

export interface RawClientSource {
  /** The client's raw rows, or undefined when the id is not stored. */
  application(id: number): RawApplication | undefined;
  /** Raw rows of many clients at once (ids without rows are left out). */
  applications(ids: number[]): Map<number, RawApplication>;
  close(): void;
}

const ALL_TABLES: TableName[] = ['application', ...HISTORY_TABLES, 'bureau_balance'];

export class SqliteRawClients implements RawClientSource {
  private readonly db: Database.Database;
  private readonly columns: Record<TableName, string[]>;

  private constructor(db: Database.Database, columns: Record<TableName, string[]>) {
    this.db = db;
    this.columns = columns;
  }

  /** Open clients.sqlite read-only; every table the schema uses must be there with its columns. */
  static open(file: string, schema: ApplicationSchema): SqliteRawClients {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
    } catch {
      throw new ArtifactError(file, 'cannot be opened as a SQLite database');
    }
    const columns = {} as Record<TableName, string[]>;
    try {
      for (const table of ALL_TABLES) {
        const present = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name));
        const wanted = schema.tables[table].columns.map((c) => c.name).filter((n) => !(KEY_COLUMNS as readonly string[]).includes(n));
        if (present.size === 0) {
          if (table === 'application') throw new ArtifactError(file, 'has no table application (the raw rows of the stored clients)');
          if (wanted.length > 0) throw new ArtifactError(file, `has no table ${table}, which the feature definitions read`);
        }
        const absent = wanted.filter((n) => !present.has(n));
        if (present.size > 0 && absent.length > 0) throw new ArtifactError(file, `table ${table} lacks ${absent.slice(0, 5).join(', ')}`);
        const keys = KEY_COLUMNS.filter((k) => present.has(k));
        columns[table] = present.size === 0 ? [] : [...keys, ...wanted];
      }
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteRawClients(db, columns);
  }

  application(id: number): RawApplication | undefined {
    return this.applications([id]).get(id);
  }

  applications(ids: number[]): Map<number, RawApplication> {
    const out = new Map<number, RawApplication>();
    if (ids.length === 0) return out;
    const list = ids.map(() => '?').join(',');
    const select = (table: TableName, where: string, params: number[]): Row[] => {
      const cols = this.columns[table];
      if (cols.length === 0) return [];
      // rowid order is the rows' original (file) order, in which the definitions sum a client's values.
      return this.db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE ${where} ORDER BY rowid`).all(...params) as Row[];
    };
    for (const row of select('application', `SK_ID_CURR IN (${list})`, ids)) {
      out.set(Number(row['SK_ID_CURR']), {
        tables: { application: [row], bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [] },
      });
    }
    const bureauOwner = new Map<number, number>();
    for (const table of HISTORY_TABLES) {
      for (const row of select(table, `SK_ID_CURR IN (${list})`, ids)) {
        const app = out.get(Number(row['SK_ID_CURR']));
        if (!app) continue;
        app.tables[table].push(row);
        if (table === 'bureau') bureauOwner.set(Number(row['SK_ID_BUREAU']), Number(row['SK_ID_CURR']));
      }
    }
    const bureauIds = [...bureauOwner.keys()];
    for (let start = 0; start < bureauIds.length; start += 500) {
      const chunk = bureauIds.slice(start, start + 500);
      for (const row of select('bureau_balance', `SK_ID_BUREAU IN (${chunk.map(() => '?').join(',')})`, chunk)) {
        out.get(bureauOwner.get(Number(row['SK_ID_BUREAU']))!)!.tables.bureau_balance.push(row);
      }
    }
    return out;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
