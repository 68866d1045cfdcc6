import { expect } from 'chai';
import { realArtifactsDir } from '../testing/real-artifacts.js';
import { loadArtifacts } from '../store/artifacts.js';
import { HISTORY_TABLES } from './application-schema.js';
import { loadSqlBundle } from './sql-bundle.js';
import { evaluatorStartupDefaults } from './evaluator-startup.js';
import { syntheticApplications } from './synthetic-applications.js';

describe('synthetic applications of the start-up check (its count and seed)', () => {
  const artifacts = loadArtifacts(realArtifactsDir());
  const { schema } = loadSqlBundle(artifacts.dir, artifacts.manifest);
  const { synthetic, seed } = evaluatorStartupDefaults;
  const apps = syntheticApplications(schema, synthetic, seed);

  it('are the same for the same seed and differ for another', () => {
    expect(JSON.stringify(syntheticApplications(schema, synthetic, seed))).to.equal(JSON.stringify(apps));
    expect(JSON.stringify(syntheticApplications(schema, synthetic, seed + 1))).to.not.equal(JSON.stringify(apps));
  });

  it('use every allowed text of every category column of every table', () => {
    const missing: string[] = [];
    for (const [table, spec] of Object.entries(schema.tables)) {
      for (const column of spec.columns.filter((c) => c.allowed)) {
        const seen = new Set(apps.flatMap((a) => a.app.tables[table as keyof typeof schema.tables].map((r) => r[column.name])));
        for (const text of column.allowed!) if (!seen.has(text)) missing.push(`${table}.${column.name}=${text}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('leave optional columns missing, reach both ends of each range and the 365243 placeholder', () => {
    const rows = apps.map((a) => a.app.tables.application[0]!);
    const amounts = rows.map((r) => r['AMT_CREDIT']).filter((x): x is number => typeof x === 'number');
    const spec = schema.tables.application.byName.get('AMT_CREDIT')!;
    expect(amounts).to.include(spec.max!);
    expect(rows.some((r) => r['EXT_SOURCE_1'] === undefined || r['EXT_SOURCE_1'] === null)).to.equal(true);
    expect(rows.some((r) => r['DAYS_EMPLOYED'] === 365243)).to.equal(true);
    for (const name of schema.required) expect(rows.every((r) => r[name] !== undefined && r[name] !== null), name).to.equal(true);
  });

  it('have empty and long histories, with months of the credits they list', () => {
    const sizes = apps.map((a) => HISTORY_TABLES.reduce((n, t) => n + a.app.tables[t].length, 0));
    expect(Math.min(...sizes)).to.equal(0);
    expect(Math.max(...sizes)).to.be.at.least(100);
    for (const { app } of apps) {
      const credits = new Set(app.tables.bureau.map((b) => b['SK_ID_BUREAU']));
      expect(app.tables.bureau_balance.every((m) => credits.has(m['SK_ID_BUREAU']!))).to.equal(true);
    }
  });
});
