/**
 * How the form arranges the schema's columns: the order an advisor asks the questions in.
 * Only the arrangement lives here; labels, types, allowed values and ranges come from
 * GET /v1/applications/schema, and every schema column the sections do not name still appears
 * (under "other information").
 */
import type { ApplicationSchema, HistoryTable, SchemaColumn } from '../api/application-types.js';

export type SectionKey = 'loan' | 'applicant' | 'income' | 'household' | 'other';

const order: Record<Exclude<SectionKey, 'other'>, string[]> = {
  loan: ['NAME_CONTRACT_TYPE', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'NAME_TYPE_SUITE'],
  applicant: [
    'CODE_GENDER', 'DAYS_BIRTH', 'NAME_EDUCATION_TYPE', 'EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3',
    'FLAG_OWN_CAR', 'OWN_CAR_AGE', 'FLAG_OWN_REALTY', 'DAYS_ID_PUBLISH', 'DAYS_REGISTRATION', 'DAYS_LAST_PHONE_CHANGE',
  ],
  income: ['AMT_INCOME_TOTAL', 'NAME_INCOME_TYPE', 'DAYS_EMPLOYED', 'OCCUPATION_TYPE', 'ORGANIZATION_TYPE', 'FLAG_WORK_PHONE', 'REG_CITY_NOT_WORK_CITY'],
  household: [
    'NAME_FAMILY_STATUS', 'CNT_CHILDREN', 'CNT_FAM_MEMBERS', 'NAME_HOUSING_TYPE', 'FLAG_PHONE',
    'REGION_POPULATION_RELATIVE', 'REGION_RATING_CLIENT', 'REGION_RATING_CLIENT_W_CITY',
  ],
};

/** The first history columns of a row, in this order; the schema's other columns follow. */
export const historyColumns: Record<'bureau' | 'previous_application', string[]> = {
  bureau: ['CREDIT_ACTIVE', 'CREDIT_TYPE', 'DAYS_CREDIT', 'DAYS_CREDIT_ENDDATE', 'AMT_CREDIT_SUM', 'AMT_CREDIT_SUM_DEBT', 'AMT_CREDIT_SUM_OVERDUE', 'CREDIT_DAY_OVERDUE'],
  previous_application: ['NAME_CONTRACT_TYPE', 'NAME_CONTRACT_STATUS', 'AMT_APPLICATION', 'AMT_CREDIT', 'AMT_ANNUITY', 'CNT_PAYMENT', 'DAYS_DECISION'],
};

/** History tables a person can fill in by hand; the monthly balances come only with an imported file. */
export const editableHistory: ('bureau' | 'previous_application')[] = ['bureau', 'previous_application'];

export interface Section {
  key: SectionKey;
  columns: SchemaColumn[];
  /** The "other" section starts folded unless it holds a required column. */
  open: boolean;
}

/** The application columns of the schema, in sections; unnamed ones (and every identifier left out) go to "other". */
export function applicationSections(schema: ApplicationSchema): Section[] {
  const columns = schema.tables.application.columns.filter((c) => c.name !== 'SK_ID_CURR');
  const byName = new Map(columns.map((c) => [c.name, c]));
  const placed = new Set<string>();
  const sections: Section[] = (Object.keys(order) as (keyof typeof order)[]).map((key) => {
    const cols = order[key].map((n) => byName.get(n)).filter((c): c is SchemaColumn => c !== undefined);
    cols.forEach((c) => placed.add(c.name));
    return { key, columns: cols, open: true };
  });
  const rest = columns.filter((c) => !placed.has(c.name));
  const required = new Set(schema.required);
  sections.push({ key: 'other', columns: rest, open: rest.some((c) => c.required || required.has(c.name)) });
  return sections.filter((s) => s.columns.length > 0);
}

/** Every column of a history table the schema describes, the usual ones first (keys are the API's business). */
export function historySection(schema: ApplicationSchema, table: HistoryTable & ('bureau' | 'previous_application')): SchemaColumn[] {
  const cols = (schema.tables[table]?.columns ?? []).filter((c) => !/^SK_ID_/.test(c.name));
  const first = historyColumns[table].map((n) => cols.find((c) => c.name === n)).filter((c): c is SchemaColumn => c !== undefined);
  return [...first, ...cols.filter((c) => !first.includes(c))];
}

export function isRequired(schema: ApplicationSchema, column: SchemaColumn, table: string): boolean {
  return table === 'application' ? column.required || schema.required.includes(column.name) : column.required;
}
