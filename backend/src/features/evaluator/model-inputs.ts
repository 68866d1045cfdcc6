/**
 * Mirror of model_inputs.sql (view model_inputs): every view joined per application, the
 * category texts mapped to the model's codes (the category_codes table engine.ts builds from
 * features.json), and BUREAU_DEBT_INCOME_RATIO, which needs the application and the bureau.
 * The result is what DuckDB computes, read back as doubles (NaN where NULL); the start-up
 * check (evaluator-check.ts) proves it on every run.
 */
import type { FeatureInfo } from '../../store/artifact-schemas.js';
import type { RawApplication } from '../application-body.js';
import { FeatureEngineError, type EngineOutput } from '../engine-types.js';
import { APPLICATION_CATEGORIES, APPLICATION_NUMBERS, applicationFeatures } from './application.js';
import { BUREAU_OUTPUTS, bureauFeatures } from './bureau.js';
import { CREDIT_CARD_OUTPUTS, creditCardFeatures } from './credit-card.js';
import { INSTALLMENTS_OUTPUTS, installmentsFeatures } from './installments.js';
import { f32, safeRatio } from './macros.js';
import { POS_OUTPUTS, posCashFeatures } from './pos-cash.js';
import { PREVIOUS_OUTPUTS, previousApplicationFeatures } from './previous-application.js';

/** Every column of model_inputs after SK_ID_CURR, in the view's order. */
export const MODEL_INPUT_COLUMNS: readonly string[] = [
  ...APPLICATION_CATEGORIES, 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY', ...APPLICATION_NUMBERS,
  'AGE_YEARS', 'EMPLOYMENT_YEARS', 'NOT_EMPLOYED', 'REGISTRATION_YEARS', 'ID_PUBLISH_YEARS', 'PHONE_CHANGE_YEARS',
  'CREDIT_INCOME_RATIO', 'ANNUITY_INCOME_RATIO', 'CREDIT_GOODS_RATIO', 'CREDIT_TERM_YEARS', 'EMPLOYED_AGE_RATIO',
  'INCOME_PER_PERSON', 'EXT_SOURCE_MEAN', 'EXT_SOURCE_MIN', 'EXT_SOURCE_MAX',
  ...BUREAU_OUTPUTS, ...PREVIOUS_OUTPUTS, ...POS_OUTPUTS, ...CREDIT_CARD_OUTPUTS, ...INSTALLMENTS_OUTPUTS,
  'BUREAU_DEBT_INCOME_RATIO',
];

/** category_codes: per category feature, text -> code (position in features.json categories). */
function categoryCodes(features: FeatureInfo[]): Map<string, Map<string, number>> {
  const codes = new Map<string, Map<string, number>>();
  for (const f of features) {
    if (f.type !== 'category' || f.categories === null) continue;
    const entries = Array.isArray(f.categories) ? f.categories.map((t, i) => [String(i), t] as const) : Object.entries(f.categories);
    const map = new Map<string, number>();
    for (const [code, text] of entries) if (!map.has(text)) map.set(text, Number(code));
    codes.set(f.name, map);
  }
  return codes;
}

/** Every model_inputs column of one application (NaN = NULL), by name. */
export function modelInputs(app: RawApplication, codes: Map<string, Map<string, number>>): Record<string, number> {
  const rows = app.tables.application;
  // The view has one row per application row: none or several cannot be one application's inputs.
  if (rows.length !== 1) throw new FeatureEngineError(`an application needs exactly one application row, got ${rows.length}`);
  const a = applicationFeatures(rows[0]!);
  const bureau = bureauFeatures(app.tables.bureau, app.tables.bureau_balance);
  const out: Record<string, number> = {};
  for (const name of APPLICATION_CATEGORIES) {
    const text = a.categories[name]!;
    // The scalar subquery over category_codes: NULL when the text (or the feature) has no code.
    const code = text === null ? undefined : codes.get(name)?.get(text);
    out[name] = code === undefined ? Number.NaN : f32(code);
  }
  Object.assign(out, a.numbers, bureau, previousApplicationFeatures(app.tables.previous_application),
    posCashFeatures(app.tables.POS_CASH_balance), creditCardFeatures(app.tables.credit_card_balance),
    installmentsFeatures(app.tables.installments_payments));
  out['BUREAU_DEBT_INCOME_RATIO'] = safeRatio(bureau['BUREAU_DEBT_SUM']!, a.numbers['AMT_INCOME_TOTAL']!);
  // The final f32() of every column (idempotent on values already float32).
  for (const name of MODEL_INPUT_COLUMNS) out[name] = f32(out[name] ?? Number.NaN);
  return out;
}

/**
 * The evaluator for one model: the inputs features.json lists, in its order. Like the
 * engine's checkInputs, it refuses a features.json asking for an input the definitions do
 * not compute, or listing them out of model-input order.
 */
export class FeatureEvaluator {
  readonly featureNames: string[];
  private readonly codes: Map<string, Map<string, number>>;

  constructor(features: FeatureInfo[]) {
    this.featureNames = features.map((f) => f.name);
    const absent = this.featureNames.filter((n) => !MODEL_INPUT_COLUMNS.includes(n));
    if (absent.length > 0) throw new FeatureEngineError(`the evaluator does not compute ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''} (features.json lists them)`);
    const positions = this.featureNames.map((n) => MODEL_INPUT_COLUMNS.indexOf(n));
    const out = positions.findIndex((p, j) => j > 0 && p < positions[j - 1]!);
    if (out >= 0) throw new FeatureEngineError(`features.json lists ${this.featureNames[out]} after ${this.featureNames[out - 1]}: not in model-input order`);
    this.codes = categoryCodes(features);
  }

  /** Model inputs of every application (one row each, in order), as FeatureEngine.compute. */
  evaluate(applications: RawApplication[]): EngineOutput {
    const f = this.featureNames.length;
    const rows = new Float64Array(applications.length * f);
    applications.forEach((app, k) => {
      const inputs = modelInputs(app, this.codes);
      for (let j = 0; j < f; j++) rows[k * f + j] = inputs[this.featureNames[j]!]!;
    });
    return { rows, count: applications.length };
  }
}
