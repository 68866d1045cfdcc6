/** Shapes of the scoring API (see docs/api.md / the HTTP contract). */
import type { ReasonGroup } from './application-types.js';

export type Decision = 'granted' | 'refused';
export type Dataset = 'train' | 'new';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** `value`: what the API received in that field (issue 10's 400s carry it). */
  errors?: { field: string; message: string; value?: unknown }[];
}

export interface FeatureInfo {
  name: string;
  label: string;
  /** French label (absent in catalogues served before it existed). */
  label_fr?: string;
  description: string;
  type: 'numeric' | 'binary' | 'category';
  unit: string | null;
  source: string;
  categories: string[] | Record<string, string> | null;
  /** French texts of the categories, same shape as `categories` (absent in older catalogues). */
  categories_fr?: string[] | Record<string, string> | null;
}

export interface ModelInfo {
  model_version: string;
  trained_at: string;
  threshold: number;
  cost: { fn_cost: number; fp_cost: number };
  metrics: { auc_mean: number; auc_std: number; cost_per_1000: number; recall: number; precision: number };
  feature_count: number;
  features: FeatureInfo[];
}

export interface ClientSummary {
  id: number;
  dataset: Dataset;
  gender: string | null;
  age_years: number | null;
  income: number | null;
  credit_amount: number | null;
  annuity: number | null;
  contract_type: string | null;
  probability: number;
  decision: Decision;
  /** Previous applications at Home Credit (null: none on record). */
  previous_applications: number | null;
  /** Credits at other lenders reported by the credit bureau (null: none on record). */
  bureau_credits: number | null;
  /** Months with a late payment on previous loans and cards (null: no such history). */
  late_months: number | null;
}

export interface ClientPage {
  total: number;
  offset: number;
  limit: number;
  items: ClientSummary[];
}

export type SortKey = 'id' | 'age_years' | 'income' | 'credit_amount' | 'annuity' | 'probability'
  | 'previous_applications' | 'bureau_credits' | 'late_months';

/** Columns a range filter applies to (query keys `<key>_min`, `<key>_max`). */
export type RangeKey = 'age' | 'income' | 'credit' | 'previous_applications' | 'bureau_credits' | 'late_months';

export interface ClientQuery {
  limit?: number;
  offset?: number;
  sort?: SortKey | `-${SortKey}`;
  q?: string;
  dataset?: Dataset;
  contract_type?: string;
  gender?: string;
  decision?: Decision;
  age_min?: number;
  age_max?: number;
  income_min?: number;
  income_max?: number;
  credit_min?: number;
  credit_max?: number;
  previous_applications_min?: number;
  bureau_credits_min?: number;
  late_months_min?: number;
}

/** GET /v1/clients/points: two model inputs and the probability of every matching client, in columns. */
export interface ClientPoints {
  x: string;
  y: string;
  total: number;
  threshold: number;
  id: number[];
  x_values: Array<number | null>;
  y_values: Array<number | null>;
  probability: number[];
  /** True for a book larger than the chart shows: the points are the matching clients of evenly spaced chunks. */
  sampled?: boolean;
}

/** The client's file: the list's fields (without the score) plus the rest of the application. */
export interface ClientDetail extends Omit<ClientSummary, 'probability' | 'decision' | 'previous_applications' | 'bureau_credits' | 'late_months'> {
  goods_price: number | null;
  family_status: string | null;
  education: string | null;
  income_type: string | null;
  occupation: string | null;
  children: number | null;
  employment_years: number | null;
  own_car: number | boolean | null;
  own_realty: number | boolean | null;
  features: Record<string, number | null>;
}

export interface Score {
  id: number;
  probability: number;
  decision: Decision;
  threshold: number;
  distance: number;
  model_version: string;
}

export interface Contribution {
  feature: string;
  label: string;
  /** Absent in explanations kept offline before the API served it. */
  label_fr?: string;
  value: number | null;
  shap: number;
}

export interface TopContribution extends Contribution {
  display_value: string;
  direction: 'raises' | 'lowers';
  phrase: string;
  phrase_fr?: string;
}

export interface Explanation {
  id: number;
  model_version: string;
  probability: number;
  decision: Decision;
  threshold: number;
  base_value: number;
  log_odds: number;
  contributions: Contribution[];
  top: TopContribution[];
  rest: { count: number; shap_sum: number };
  /** Reasons grouped as a person reads them; absent in copies kept offline before model 1.1.0. */
  groups?: ReasonGroup[];
}

export interface FeatureDistribution {
  missing_rate: number;
  quantiles: { all: number[]; repaid: number[]; defaulted: number[] };
  histogram: { edges: number[]; repaid: number[]; defaulted: number[] };
}

export interface Population {
  n_clients: number;
  n_defaulted: number;
  quantile_levels: number[];
  features: Record<string, FeatureDistribution>;
  /** Feature values and model probabilities of sampled clients; no id, no outcome (they would name who defaulted). */
  sample: {
    features: string[];
    probability: number[];
    values: (number | null)[][];
  };
}

export interface Importance {
  n_clients: number;
  /** label_fr is not in importance.json: added from the model catalogue by name. */
  features: { name: string; label: string; label_fr?: string; mean_abs_shap: number }[];
}

export interface ThresholdPoint {
  threshold: number;
  cost_per_1000: number;
  fn: number;
  fp: number;
}

export interface Confusion {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

export interface Metrics {
  model_version: string;
  trained_at: string;
  cost: { fn_cost: number; fp_cost: number };
  chosen: {
    model: string;
    threshold: number;
    nested_cv: { auc_mean: number; auc_std: number; cost_per_1000: number; recall: number; precision: number };
  };
  threshold_curve: ThresholdPoint[];
  confusion_matrix: Confusion;
  data?: { n_train: number; n_defaulted: number; n_new: number; feature_count: number };
  /** Out-of-fold calibration (issue 14); absent from artifacts trained before it. */
  calibration?: Calibration;
}

export interface CalibrationBin {
  n: number;
  p_min: number;
  p_max: number;
  predicted: number;
  observed: number;
  n_defaulted: number;
}

export interface Calibration {
  brier: number;
  /** Brier score of always predicting the average default rate: the baseline to beat. */
  brier_prior: number;
  ece: number;
  mean_predicted: number;
  default_rate: number;
  bins: CalibrationBin[];
}

export interface FairnessGroup {
  attribute: string;
  group: string;
  n: number;
  n_defaulted: number;
  auc: number | null;
  approval_rate: number;
  fnr: number | null;
  fpr: number | null;
}

export interface Fairness {
  threshold: number;
  groups: FairnessGroup[];
}

export interface DriftFeature {
  name: string;
  label: string;
  /** Not in drift.json: added from the model catalogue by name. */
  label_fr?: string;
  psi: number;
  ks: number;
  ks_pvalue: number;
  flagged: boolean;
}

export interface Drift {
  psi_threshold: number;
  ks_threshold: number;
  n_reference: number;
  n_current: number;
  features: DriftFeature[];
}
