// Raw Kaggle rows of the bundled sample, read by the browser tests to know what an advisor
// would type for a real applicant (the dashboard itself never reads the data).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { repoRoot } from './harness.mjs';

function splitCsvLine(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}

/** The header and the raw CSV line of one applicant of application_train (strings as in the file). */
export function applicationRow(id) {
  const text = gunzipSync(readFileSync(path.join(repoRoot, 'data/sample/application_train.csv.gz'))).toString('utf8');
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0]);
  const line = lines.find((l) => l.startsWith(`${id},`));
  if (!line) throw new Error(`applicant ${id} not in the sample`);
  const values = splitCsvLine(line);
  return { header, line, headerLine: lines[0], row: Object.fromEntries(header.map((h, i) => [h, values[i]])) };
}

/** A CSV cell as the API value of a schema column (numbers for numeric columns, text otherwise, '' = missing). */
export function apiValue(column, text) {
  if (text === '' || text === undefined) return null;
  const numeric = ['number', 'integer', 'days'].includes(column.type) || (column.type === 'flag' && !column.allowed?.length);
  return numeric ? Number(text) : text;
}
