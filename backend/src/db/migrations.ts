/**
 * Numbered .sql migrations (migrations/<dialect>/NNN-name.sql), applied in
 * order, each once; schema_migrations records which ran. The files are read
 * from the source tree (the image copies them next to dist/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../config.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationsDir(dialect: Dialect): string {
  return path.join(packageRoot(), 'src', 'db', 'migrations', dialect);
}

export function readMigrations(dialect: Dialect, dir: string = migrationsDir(dialect)): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const match = /^(\d+)-([a-z0-9-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file ${path.join(dir, file)} must be named NNN-name.sql`);
    return { version: Number(match[1]), name: match[2]!, sql: fs.readFileSync(path.join(dir, file), 'utf8') };
  });
}
