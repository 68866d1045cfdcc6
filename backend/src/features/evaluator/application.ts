/**
 * Mirror of application.sql (view application_features): the applicant's own inputs from their
 * one application row. Categories stay text here; model-inputs.ts maps them to codes.
 */
import type { Row } from '../application-body.js';
import { category, f32, loaded, safeRatio, textCell, yearsBefore } from './macros.js';

/** Category columns of application_features (as text, XNA/XAP missing). */
export const APPLICATION_CATEGORIES = [
  'NAME_CONTRACT_TYPE', 'CODE_GENDER', 'NAME_INCOME_TYPE', 'NAME_EDUCATION_TYPE', 'NAME_FAMILY_STATUS',
  'NAME_HOUSING_TYPE', 'OCCUPATION_TYPE',
] as const;

/** Raw numbers passed through as float32 (application_as_loaded, then the final SELECT). */
export const APPLICATION_NUMBERS = [
  'CNT_CHILDREN', 'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'REGION_POPULATION_RELATIVE',
  'OWN_CAR_AGE', 'CNT_FAM_MEMBERS', 'REGION_RATING_CLIENT_W_CITY', 'EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3',
  'FLAG_DOCUMENT_3', 'REG_CITY_NOT_WORK_CITY', 'FLAG_WORK_PHONE', 'FLAG_PHONE', 'DEF_30_CNT_SOCIAL_CIRCLE',
  'DEF_60_CNT_SOCIAL_CIRCLE', 'AMT_REQ_CREDIT_BUREAU_YEAR', 'TOTALAREA_MODE', 'YEARS_BEGINEXPLUATATION_AVG', 'FLOORSMAX_AVG',
] as const;

/** Kaggle's placeholder for "no current employment" (application_employment). */
const NOT_EMPLOYED_DAYS = 365243;

export interface ApplicationFeatures {
  /** Category texts (NULL = missing). */
  categories: Record<string, string | null>;
  /** Every numeric output of the view (NaN = missing). */
  numbers: Record<string, number>;
}

/** FLAG_OWN_CAR / FLAG_OWN_REALTY: 1 for Y, 0 for any other text, missing when missing. */
function yesNo(value: string | null): number {
  const text = category(value);
  if (text === null) return Number.NaN;
  return text === 'Y' ? 1 : 0;
}

/** The final SELECT of application.sql, over one application row. */
export function applicationFeatures(row: Row): ApplicationFeatures {
  const categories: Record<string, string | null> = {};
  for (const name of APPLICATION_CATEGORIES) categories[name] = category(textCell(row[name]));
  const numbers: Record<string, number> = {};
  numbers['FLAG_OWN_CAR'] = yesNo(textCell(row['FLAG_OWN_CAR']));
  numbers['FLAG_OWN_REALTY'] = yesNo(textCell(row['FLAG_OWN_REALTY']));
  for (const name of APPLICATION_NUMBERS) numbers[name] = loaded(row[name]);

  // application_employment
  const daysBirth = loaded(row['DAYS_BIRTH']);
  const daysEmployed = loaded(row['DAYS_EMPLOYED']);
  const employedCurrent = daysEmployed !== NOT_EMPLOYED_DAYS ? daysEmployed : Number.NaN;
  const income = numbers['AMT_INCOME_TOTAL']!;
  const credit = numbers['AMT_CREDIT']!;
  const annuity = numbers['AMT_ANNUITY']!;

  numbers['AGE_YEARS'] = f32(yearsBefore(daysBirth));
  numbers['EMPLOYMENT_YEARS'] = f32(yearsBefore(employedCurrent));
  numbers['NOT_EMPLOYED'] = daysEmployed === NOT_EMPLOYED_DAYS ? 1 : 0;
  numbers['REGISTRATION_YEARS'] = f32(yearsBefore(loaded(row['DAYS_REGISTRATION'])));
  numbers['ID_PUBLISH_YEARS'] = f32(yearsBefore(loaded(row['DAYS_ID_PUBLISH'])));
  numbers['PHONE_CHANGE_YEARS'] = f32(yearsBefore(loaded(row['DAYS_LAST_PHONE_CHANGE'])));
  numbers['CREDIT_INCOME_RATIO'] = f32(safeRatio(credit, income));
  numbers['ANNUITY_INCOME_RATIO'] = f32(safeRatio(annuity, income));
  numbers['CREDIT_GOODS_RATIO'] = f32(safeRatio(credit, numbers['AMT_GOODS_PRICE']!));
  numbers['CREDIT_TERM_YEARS'] = f32(safeRatio(credit, annuity));
  numbers['EMPLOYED_AGE_RATIO'] = f32(safeRatio(employedCurrent, daysBirth));
  numbers['INCOME_PER_PERSON'] = f32(safeRatio(income, numbers['CNT_FAM_MEMBERS']!));
  Object.assign(numbers, externalScores(numbers['EXT_SOURCE_1']!, numbers['EXT_SOURCE_2']!, numbers['EXT_SOURCE_3']!));
  return { categories, numbers };
}

/**
 * application_with_external_scores: mean of the scores present (summed left to right in
 * DOUBLE, missing ones as 0), and least() / greatest(), which skip NULLs.
 */
function externalScores(e1: number, e2: number, e3: number): Record<string, number> {
  const present = [e1, e2, e3].filter((e) => !Number.isNaN(e));
  const sum = ((Number.isNaN(e1) ? 0 : e1) + (Number.isNaN(e2) ? 0 : e2)) + (Number.isNaN(e3) ? 0 : e3);
  return {
    EXT_SOURCE_MEAN: present.length > 0 ? f32(sum / present.length) : Number.NaN,
    EXT_SOURCE_MIN: present.length > 0 ? Math.min(...present) : Number.NaN,
    EXT_SOURCE_MAX: present.length > 0 ? Math.max(...present) : Number.NaN,
  };
}
