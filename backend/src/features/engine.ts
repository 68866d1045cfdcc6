/**
 * The feature engine: the model's own SQL definitions run by DuckDB over the raw rows of
 * one or many applications. It is the only code that imports @duckdb/node-api. Each pooled
 * connection holds its own TEMP tables of the Kaggle names, so concurrent requests never
 * see each other's rows.
 */
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { FeatureInfo } from '../store/artifact-schemas.js';
import type { RawApplication, Row } from './application-body.js';
import { KEY_COLUMNS } from './application-body.js';
import { TABLE_NAMES, type ApplicationSchema, type ColumnSpec, type TableName } from './application-schema.js';
import { FINAL_VIEW, type SqlBundle } from './sql-bundle.js';
import { FeatureEngineError, type EngineOutput } from './engine-types.js';

export const engineDefaults = {
  /** Connections (hence engine runs at once). */
  connections: 2,
  /** DuckDB's own cap; a 1,000-application batch within the body limit stays well under it. */
  memoryLimit: '96MB',
  threads: 1,
  /**
   * Applications that wait while both connections are busy run together in the next run: a run
   * costs the same few milliseconds for one application or ten, so concurrent requests share it.
   */
  coalesceMax: 1000,
  /** Rows a connection appends before it is replaced: DELETE keeps deleted rows' memory until then. */
  recycleRows: 500_000,
} as const;

export { FeatureEngineError, type EngineOutput };

type SqlType = 'BIGINT' | 'DOUBLE' | 'VARCHAR';

interface TableLayout {
  name: TableName;
  columns: Array<{ name: string; sqlType: SqlType }>;
}

function sqlTypeOf(spec: ColumnSpec): SqlType {
  if (spec.type === 'category' || (spec.type === 'flag' && spec.allowed)) return 'VARCHAR';
  return 'DOUBLE';
}

/** Columns of each raw table: the keys it holds, then every column of the schema. */
export function tableLayouts(schema: ApplicationSchema): TableLayout[] {
  const keysOf: Record<TableName, string[]> = {
    application: ['SK_ID_CURR'],
    bureau: ['SK_ID_CURR', 'SK_ID_BUREAU'],
    bureau_balance: ['SK_ID_BUREAU'],
    previous_application: ['SK_ID_PREV', 'SK_ID_CURR'],
    POS_CASH_balance: ['SK_ID_PREV', 'SK_ID_CURR'],
    credit_card_balance: ['SK_ID_PREV', 'SK_ID_CURR'],
    installments_payments: ['SK_ID_PREV', 'SK_ID_CURR'],
  };
  return TABLE_NAMES.map((name) => ({
    name,
    columns: [
      ...keysOf[name].map((k) => ({ name: k, sqlType: 'BIGINT' as SqlType })),
      ...schema.tables[name].columns.filter((c) => !(KEY_COLUMNS as readonly string[]).includes(c.name)).map((c) => ({ name: c.name, sqlType: sqlTypeOf(c) })),
    ],
  }));
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The category code table the SQL maps texts with: code = position in features.json categories. */
function categoryRows(features: FeatureInfo[]): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [];
  for (const f of features) {
    if (f.type !== 'category' || f.categories === null) continue;
    const entries = Array.isArray(f.categories) ? f.categories.map((t, i) => [String(i), t] as const) : Object.entries(f.categories);
    for (const [code, text] of entries) rows.push([f.name, text, Number(code)]);
  }
  return rows;
}

interface Slot {
  connection: DuckDBConnection;
  /** The final query, planned once (planning costs more than running it on one application's rows). */
  query: DuckDBPreparedStatement;
  clear: Map<TableName, DuckDBPreparedStatement>;
  /** Tables holding rows from the previous request (only those need clearing). */
  filled: Set<TableName>;
  /** Rows appended since the connection opened. */
  appended: number;
}

interface Pending {
  applications: RawApplication[];
  resolve(out: EngineOutput): void;
  reject(err: unknown): void;
}

/**
 * A plan prepared over empty tables would keep their statistics (a perfect-hash aggregate sized
 * for no groups reads garbage once rows arrive): the optimizers that trust statistics are off.
 * The others still run, and the tables are a few thousand rows.
 */
const STATISTICS_OPTIMIZERS = 'statistics_propagation,compressed_materialization';

export class FeatureEngine {
  readonly featureNames: string[];
  private readonly layouts: TableLayout[];
  private readonly idle: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly instance: DuckDBInstance;
  private readonly slots: Slot[];
  private readonly bundle: SqlBundle;
  private closed = false;
  /** When set, compute() is served by it (the TypeScript mirror) and DuckDB is only the reference. */
  private evaluate: ((applications: RawApplication[]) => EngineOutput) | null = null;

  private constructor(instance: DuckDBInstance, slots: Slot[], layouts: TableLayout[], featureNames: string[], bundle: SqlBundle) {
    this.instance = instance;
    this.slots = slots;
    this.idle.push(...slots);
    this.layouts = layouts;
    this.featureNames = featureNames;
    this.bundle = bundle;
  }

  /**
   * Open DuckDB in memory, create the raw tables and the definitions on every connection, and
   * check that the final query returns SK_ID_CURR then exactly the model inputs, in order.
   */
  static async create(bundle: SqlBundle, features: FeatureInfo[], options: { connections?: number } = {}): Promise<FeatureEngine> {
    const instance = await DuckDBInstance.create(':memory:', { threads: String(engineDefaults.threads), memory_limit: engineDefaults.memoryLimit });
    const layouts = tableLayouts(bundle.schema);
    const names = features.map((f) => f.name);
    const slots: Slot[] = [];
    try {
      const shared = await instance.connect();
      await shared.run('CREATE TABLE category_codes (feature VARCHAR, value VARCHAR, code INTEGER)');
      const codes = await shared.createAppender('category_codes');
      for (const [feature, text, code] of categoryRows(features)) {
        codes.appendVarchar(feature);
        codes.appendVarchar(text);
        codes.appendInteger(code);
        codes.endRow();
      }
      codes.closeSync();
      shared.closeSync();
      for (let i = 0; i < (options.connections ?? engineDefaults.connections); i++) slots.push(await openSlot(instance, bundle, layouts, names));
    } catch (err) {
      for (const s of slots) s.connection.closeSync();
      instance.closeSync();
      throw err instanceof FeatureEngineError ? err : new FeatureEngineError(`feature definitions do not run: ${(err as Error).message.split('\n')[0]}`);
    }
    return new FeatureEngine(instance, slots, layouts, names, bundle);
  }

  /** Model inputs of every application (one row each, in order): the evaluator's once serveWith() was called. */
  compute(applications: RawApplication[]): Promise<EngineOutput> {
    if (this.evaluate === null) return this.reference(applications);
    try {
      return Promise.resolve(this.evaluate(applications));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The inputs DuckDB computes from the shipped SQL, whatever serves compute(). */
  reference(applications: RawApplication[]): Promise<EngineOutput> {
    if (this.closed) return Promise.reject(new FeatureEngineError('the DuckDB reference engine is closed'));
    if (applications.length === 0) return Promise.resolve({ rows: new Float64Array(0), count: 0 });
    return new Promise((resolve, reject) => {
      this.queue.push({ applications, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Serve compute() with `evaluate` (the TypeScript mirror of the definitions, a few
   * microseconds per application where a DuckDB run costs tens of milliseconds). Only after
   * the mirror was shown equal to DuckDB (evaluator-check.ts).
   */
  serveWith(evaluate: (applications: RawApplication[]) => EngineOutput): void {
    this.evaluate = evaluate;
  }

  /** 'evaluator' once serveWith() was called, 'duckdb' before. */
  get mode(): 'duckdb' | 'evaluator' {
    return this.evaluate === null ? 'duckdb' : 'evaluator';
  }

  /** Whether DuckDB is still open (reference() works). */
  get referenceOpen(): boolean {
    return !this.closed;
  }

  /** Close DuckDB (idempotent); compute() keeps working when an evaluator serves it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.slots) s.connection.closeSync();
    this.instance.closeSync();
  }

  /** Start a run on every idle connection, each taking as many waiting requests as fit. */
  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const slot = this.idle.pop()!;
      const group: Pending[] = [this.queue.shift()!];
      let count = group[0]!.applications.length;
      while (this.queue.length > 0 && count + this.queue[0]!.applications.length <= engineDefaults.coalesceMax) {
        count += this.queue[0]!.applications.length;
        group.push(this.queue.shift()!);
      }
      void this.runGroup(slot, group);
    }
  }

  private async runGroup(slot: Slot, group: Pending[]): Promise<void> {
    let current = slot;
    try {
      const out = await this.run(current, group.flatMap((p) => p.applications));
      const f = this.featureNames.length;
      let offset = 0;
      for (const p of group) {
        const n = p.applications.length;
        p.resolve({ rows: out.rows.slice(offset * f, (offset + n) * f), count: n });
        offset += n;
      }
    } catch (err) {
      // One request's failure must not fail the others it shared the run with: run each alone.
      if (group.length === 1) group[0]!.reject(err);
      else {
        for (const p of group) {
          try {
            p.resolve(await this.run(current, p.applications));
          } catch (own) {
            p.reject(own);
          }
        }
      }
    } finally {
      if (!this.closed && current.appended > engineDefaults.recycleRows) current = await this.recycle(current);
      if (!this.closed) {
        this.idle.push(current);
        this.dispatch();
      }
    }
  }

  private async run(slot: Slot, applications: RawApplication[]): Promise<EngineOutput> {
    await this.load(slot, applications);
    const reader = await slot.query.runAndReadAll();
    return this.collect(reader.getColumns() as Array<Array<number | bigint | null>>, applications.length);
  }

  /** A fresh connection in place of one that has appended many rows (its temp tables go with it). */
  private async recycle(slot: Slot): Promise<Slot> {
    try {
      const fresh = await openSlot(this.instance, this.bundle, this.layouts, this.featureNames);
      this.slots[this.slots.indexOf(slot)] = fresh;
      slot.connection.closeSync();
      return fresh;
    } catch {
      // Keep the old connection: it still works, it only holds more memory.
      return slot;
    }
  }

  private async load(slot: Slot, applications: RawApplication[]): Promise<void> {
    for (const table of slot.filled) await slot.clear.get(table)!.run();
    slot.filled.clear();
    const used = this.layouts.filter((layout) => applications.some((app) => app.tables[layout.name].length > 0));
    const appenders = new Map<TableName, DuckDBAppender>();
    for (const layout of used) appenders.set(layout.name, await slot.connection.createAppender(layout.name, 'main', 'temp'));
    applications.forEach((app, k) => {
      const keys = keyMaps(app, k);
      for (const layout of used) {
        const appender = appenders.get(layout.name)!;
        for (const row of app.tables[layout.name]) appendRow(appender, layout, row, keys, k + 1);
      }
    });
    for (const [table, appender] of appenders) {
      appender.closeSync();
      slot.filled.add(table);
    }
    for (const app of applications) for (const layout of used) slot.appended += app.tables[layout.name].length;
  }

  private collect(columns: Array<Array<number | bigint | null>>, count: number): EngineOutput {
    const f = this.featureNames.length;
    const rows = new Float64Array(count * f).fill(Number.NaN);
    const ids = columns[0]!;
    const seen = new Uint8Array(count);
    for (let r = 0; r < ids.length; r++) {
      const k = Number(ids[r]) - 1;
      if (!(k >= 0 && k < count) || seen[k]) throw new FeatureEngineError(`the final query returned an unexpected or repeated SK_ID_CURR ${String(ids[r])}`);
      seen[k] = 1;
      for (let j = 0; j < f; j++) {
        const v = columns[j + 1]![r];
        // The definitions cast to FLOAT once at the end; reading it back as a double is exact.
        rows[k * f + j] = v === null || v === undefined ? Number.NaN : Number(v);
      }
    }
    const lost = seen.indexOf(0);
    if (lost >= 0) throw new FeatureEngineError(`the final query returned no row for application ${lost}`);
    return { rows, count };
  }

}

/**
 * model_inputs computes every input the definitions know, in model-input order; the model reads
 * the features.json subset, which must appear there in the same order.
 */
async function checkInputs(connection: DuckDBConnection, names: string[]): Promise<void> {
  const columns = (await connection.runAndReadAll(`SELECT * FROM ${FINAL_VIEW} LIMIT 0`)).columnNames();
  if (columns[0] !== 'SK_ID_CURR') throw new FeatureEngineError(`view ${FINAL_VIEW} must start with SK_ID_CURR, starts with ${columns[0]}`);
  const absent = names.filter((n) => !columns.includes(n));
  if (absent.length > 0) throw new FeatureEngineError(`view ${FINAL_VIEW} does not compute ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''} (features.json lists them)`);
  const positions = names.map((n) => columns.indexOf(n));
  const out = positions.findIndex((p, j) => j > 0 && p < positions[j - 1]!);
  if (out >= 0) throw new FeatureEngineError(`view ${FINAL_VIEW} computes ${names[out]} before ${names[out - 1]}: not in features.json order`);
}

async function openSlot(instance: DuckDBInstance, bundle: SqlBundle, layouts: TableLayout[], names: string[]): Promise<Slot> {
  const connection = await instance.connect();
  for (const layout of layouts) {
    const columns = layout.columns.map((c) => `${quote(c.name)} ${c.sqlType}`).join(', ');
    await connection.run(`CREATE TEMP TABLE ${quote(layout.name)} (${columns})`);
  }
  for (const file of bundle.definitions) await connection.run(file.sql);
  await checkInputs(connection, names);
  await connection.run(`SET disabled_optimizers = '${STATISTICS_OPTIMIZERS}'`);
  const select = ['SK_ID_CURR', ...names].map(quote).join(', ');
  const query = await connection.prepare(`SELECT ${select} FROM ${FINAL_VIEW} ORDER BY SK_ID_CURR`);
  const clear = new Map<TableName, DuckDBPreparedStatement>();
  for (const layout of layouts) clear.set(layout.name, await connection.prepare(`DELETE FROM ${quote(layout.name)}`));
  return { connection, query, clear, filled: new Set(), appended: 0 };
}

/**
 * Per application, its credit ids become batch-unique keys that keep their order, so the rows
 * of two applications in one batch never join with each other.
 */
function keyMaps(app: RawApplication, k: number): Map<string, Map<number, number>> {
  const maps = new Map<string, Map<number, number>>();
  for (const key of ['SK_ID_BUREAU', 'SK_ID_PREV'] as const) {
    const ids = new Set<number>();
    for (const table of TABLE_NAMES) for (const row of app.tables[table]) if (typeof row[key] === 'number') ids.add(row[key] as number);
    const sorted = [...ids].sort((a, b) => a - b);
    // 2^32 ids per application leave room for 2^21 applications below 2^53.
    maps.set(key, new Map(sorted.map((id, rank) => [id, k * 2 ** 32 + rank + 1])));
  }
  return maps;
}

function appendRow(appender: DuckDBAppender, layout: TableLayout, row: Row, keys: Map<string, Map<number, number>>, applicant: number): void {
  for (const column of layout.columns) {
    if (column.name === 'SK_ID_CURR') {
      appender.appendBigInt(BigInt(applicant));
      continue;
    }
    const value = row[column.name];
    if (value === undefined || value === null) {
      appender.appendNull();
    } else if (column.name === 'SK_ID_BUREAU' || column.name === 'SK_ID_PREV') {
      appender.appendBigInt(BigInt(keys.get(column.name)!.get(value as number)!));
    } else if (column.sqlType === 'VARCHAR') {
      appender.appendVarchar(String(value));
    } else {
      appender.appendDouble(Number(value));
    }
  }
  appender.endRow();
}
