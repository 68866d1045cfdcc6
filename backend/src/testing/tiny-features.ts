/**
 * Test fixture built in code: a small application schema and hand-written feature SQL in
 * the layout the model ships (features-sql/: one file per table, model_inputs.sql last),
 * over the six inputs of the tiny model, plus two history inputs for engine tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../app-types.js';
import { FeatureEngine } from '../features/engine.js';
import { deriveScoreRequirements } from '../features/score-requirements.js';
import type { FeatureInfo } from '../store/artifacts.js';
import { SqliteRawClients } from '../store/raw-clients.js';
import { parseApplicationSchema, type ApplicationSchema } from '../features/application-schema.js';
import { readSqlFolder, type SqlBundle } from '../features/sql-bundle.js';
import { createTinyApp, TINY_FEATURES, type TinyApp } from './tiny-model.js';

const column = (name: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name, type, unit: null, label: name, label_fr: `${name} (fr)`, description: '', required: false, example: null, ...extra,
});

export const TINY_SCHEMA_DOC = {
  tables: {
    application: {
      columns: [
        column('SK_ID_CURR', 'integer', { example: 100002 }),
        column('NAME_CONTRACT_TYPE', 'category', { allowed: ['Cash loans', 'Revolving loans'], allowed_fr: ['Prêt', 'Crédit renouvelable'], example: 'Cash loans' }),
        column('FLAG_OWN_CAR', 'flag', { allowed: ['Y', 'N'], example: 'N' }),
        column('AMT_INCOME_TOTAL', 'number', { unit: 'currency', min: 0, required: true, example: 202500 }),
        column('AMT_CREDIT', 'number', { unit: 'currency', min: 0, required: true, example: 406597.5 }),
        column('DAYS_BIRTH', 'days', { unit: 'days', min: -36525, max: -6574, required: true, example: -9461 }),
        column('EXT_SOURCE_2', 'number', { min: 0, max: 1, example: 0.26 }),
      ],
    },
    bureau: {
      columns: [
        column('SK_ID_BUREAU', 'integer'), column('DAYS_CREDIT', 'days', { max: 0, example: -500 }),
        column('AMT_CREDIT_SUM', 'number', { min: 0, example: 1000 }),
        column('CREDIT_ACTIVE', 'category', { allowed: ['Active', 'Closed'], example: 'Closed' }),
      ],
    },
    bureau_balance: {
      columns: [column('MONTHS_BALANCE', 'integer', { max: 0, example: -1 }), column('STATUS', 'category', { allowed: ['0', '1', '2', '3', '4', '5', 'C', 'X'], example: 'C' })],
    },
    previous_application: { columns: [column('SK_ID_PREV', 'integer'), column('AMT_APPLICATION', 'number', { min: 0, example: 1000 })] },
    POS_CASH_balance: { columns: [column('MONTHS_BALANCE', 'integer', { max: 0 }), column('SK_DPD', 'integer', { min: 0 })] },
  },
  required: ['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'DAYS_BIRTH'],
  editable: ['AMT_CREDIT', 'AMT_INCOME_TOTAL'],
};

export function tinySchema(): ApplicationSchema {
  return parseApplicationSchema(structuredClone(TINY_SCHEMA_DOC), 'tiny-schema.json');
}

export const HISTORY_FEATURES: FeatureInfo[] = [
  ...TINY_FEATURES,
  { name: 'BUREAU_CREDIT_COUNT', label: 'Credits at other lenders', label_fr: "Crédits chez d'autres prêteurs", description: '', type: 'numeric', unit: 'count', source: 'bureau', categories: null },
  { name: 'BUREAU_LATE_MONTHS', label: 'Late months at other lenders', label_fr: 'Mois de retard', description: '', type: 'numeric', unit: 'count', source: 'bureau', categories: null },
  { name: 'POS_MAX_DPD', label: 'Most days late on POS loans', label_fr: 'Plus long retard', description: '', type: 'numeric', unit: 'days', source: 'POS_CASH_balance', categories: null },
];

const APPLICATION_SQL = `-- Reads application: the applicant's own inputs (ages in years, the credit/income ratio).
CREATE OR REPLACE TEMP VIEW application_inputs AS
SELECT a.SK_ID_CURR,
  a.EXT_SOURCE_2 AS EXT_SOURCE_2,
  -a.DAYS_BIRTH / 365.25 AS AGE_YEARS,
  a.AMT_CREDIT AS AMT_CREDIT,
  contract.code AS NAME_CONTRACT_TYPE,
  CASE a.FLAG_OWN_CAR WHEN 'Y' THEN 1 WHEN 'N' THEN 0 END AS FLAG_OWN_CAR,
  a.AMT_CREDIT / NULLIF(a.AMT_INCOME_TOTAL, 0) AS CREDIT_INCOME_RATIO
FROM application a
LEFT JOIN category_codes contract ON contract.feature = 'NAME_CONTRACT_TYPE' AND contract.value = a.NAME_CONTRACT_TYPE;
`;

const BUREAU_SQL = `-- Reads bureau and bureau_balance: credits at other lenders and their late months.
CREATE OR REPLACE TEMP VIEW bureau_inputs AS
SELECT b.SK_ID_CURR,
  COUNT(*) AS BUREAU_CREDIT_COUNT,
  SUM((SELECT COUNT(*) FROM bureau_balance m WHERE m.SK_ID_BUREAU = b.SK_ID_BUREAU AND m.STATUS IN ('1', '2', '3', '4', '5'))) AS BUREAU_LATE_MONTHS
FROM bureau b GROUP BY b.SK_ID_CURR;
`;

const POS_SQL = `-- Reads POS_CASH_balance: the worst lateness on shop and cash loans.
CREATE OR REPLACE TEMP VIEW pos_inputs AS
SELECT SK_ID_CURR, MAX(SK_DPD) AS POS_MAX_DPD FROM POS_CASH_balance GROUP BY SK_ID_CURR;
`;

const MACROS_SQL = `-- Helpers every definition uses.
CREATE OR REPLACE TEMP MACRO f32(x) AS CAST(x AS FLOAT);
`;

/** Every input the definitions know (the model reads a subset, in this order). */
const ALL_INPUTS = ['EXT_SOURCE_2', 'AGE_YEARS', 'AMT_CREDIT', 'NAME_CONTRACT_TYPE', 'FLAG_OWN_CAR', 'CREDIT_INCOME_RATIO',
  'UNUSED_BY_THE_MODEL', 'BUREAU_CREDIT_COUNT', 'BUREAU_LATE_MONTHS', 'POS_MAX_DPD'];

const FINAL_SQL = `-- Joins the per-table inputs in model-input order.
CREATE OR REPLACE TEMP VIEW model_inputs AS
SELECT a.SK_ID_CURR,
  ${ALL_INPUTS.map((name) => `f32(${name === 'UNUSED_BY_THE_MODEL' ? '42' : name}) AS ${name}`).join(',\n  ')}
FROM application_inputs a
LEFT JOIN bureau_inputs b USING (SK_ID_CURR)
LEFT JOIN pos_inputs p USING (SK_ID_CURR)
ORDER BY a.SK_ID_CURR;
`;

/** Write the tiny definitions (for `features`) into dir/features-sql and return the bundle. */
export function writeTinySql(dir: string): SqlBundle {
  const sqlDir = path.join(dir, 'features-sql');
  fs.mkdirSync(sqlDir, { recursive: true });
  fs.writeFileSync(path.join(sqlDir, 'application.sql'), APPLICATION_SQL);
  fs.writeFileSync(path.join(sqlDir, 'bureau.sql'), BUREAU_SQL);
  fs.writeFileSync(path.join(sqlDir, 'pos_cash.sql'), POS_SQL);
  fs.writeFileSync(path.join(sqlDir, 'model_inputs.sql'), FINAL_SQL);
  fs.writeFileSync(path.join(sqlDir, 'macros.sql'), MACROS_SQL);
  fs.writeFileSync(path.join(sqlDir, 'application-schema.json'), JSON.stringify(TINY_SCHEMA_DOC));
  return { ...readSqlFolder(sqlDir), schema: tinySchema() };
}

export function tinySqlBundle(): { bundle: SqlBundle; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-sql-'));
  return { bundle: writeTinySql(dir), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A valid application body of the tiny schema. */
export function tinyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    application: { NAME_CONTRACT_TYPE: 'Cash loans', FLAG_OWN_CAR: 'N', AMT_INCOME_TOTAL: 202500, AMT_CREDIT: 406597.5, DAYS_BIRTH: -9461, EXT_SOURCE_2: 0.26 },
    ...overrides,
  };
}

/** The tiny app with the applications endpoints: tiny SQL on DuckDB, raw rows in the tiny store. */
export async function createTinyApplicationsApp(config: Partial<AppConfig> = {}): Promise<TinyApp & { engine: FeatureEngine }> {
  const { bundle, cleanup } = tinySqlBundle();
  const engine = await FeatureEngine.create(bundle, TINY_FEATURES);
  const scoreRequirements = await deriveScoreRequirements(engine, bundle.schema, new Set(['NAME_CONTRACT_TYPE']));
  const tiny = createTinyApp(config, undefined, TINY_FEATURES, (file) => ({
    engine, schema: bundle.schema, rawClients: SqliteRawClients.open(file, bundle.schema), scoreRequirements,
  }));
  return {
    ...tiny, engine,
    close: () => {
      tiny.close();
      engine.close();
      cleanup();
    },
  };
}
