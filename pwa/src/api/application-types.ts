/**
 * Shapes of the applications API (POST /v1/applications, what-if, GET /v1/applications/schema),
 * as fixed in the shared contract of issue 10. Kept apart from types.ts so the stored-client
 * shapes and these evolve separately.
 */
import type { Decision } from './types.js';

/** A value exactly as the Kaggle CSV files write it: number, text (category, Y/N) or missing. */
export type RawValue = number | string | null;
export type RawRow = Record<string, RawValue | RawRow[] | undefined>;

export type ColumnType = 'number' | 'integer' | 'category' | 'flag' | 'days';

export interface SchemaColumn {
  name: string;
  type: ColumnType;
  unit: string | null;
  label: string;
  label_fr?: string;
  description?: string;
  allowed?: string[];
  allowed_fr?: string[];
  min?: number;
  max?: number;
  required: boolean;
  example?: RawValue;
}

export interface SchemaTable {
  columns: SchemaColumn[];
}

export const historyTables = ['bureau', 'previous_application', 'POS_CASH_balance', 'credit_card_balance', 'installments_payments'] as const;
export type HistoryTable = (typeof historyTables)[number];
export type TableName = 'application' | 'bureau_balance' | HistoryTable;

export interface ApplicationSchema {
  tables: Partial<Record<TableName, SchemaTable>> & { application: SchemaTable };
  required: string[];
  editable: string[];
}

/** Body of POST /v1/applications (and, with `changes`, of POST /v1/applications/what-if). */
export interface ApplicationBody {
  id?: string | number;
  application: Record<string, RawValue>;
  bureau?: RawRow[];
  previous_application?: RawRow[];
  POS_CASH_balance?: RawRow[];
  credit_card_balance?: RawRow[];
  installments_payments?: RawRow[];
}

export interface ReasonGroup {
  group: string;
  label: string;
  label_fr?: string;
  /** Log-odds; the groups sum to the total. */
  shap: number;
  /** Signed probability points (additive: they sum to probability - base_probability). */
  points: number;
  phrase: string;
  phrase_fr?: string;
  features: string[];
}

export interface ApplicationContribution {
  feature: string;
  label: string;
  label_fr?: string;
  value: RawValue;
  shap: number;
  phrase?: string;
  phrase_fr?: string;
}

export interface ApplicationExplanation {
  base_value: number;
  base_probability: number;
  contributions: ApplicationContribution[];
  groups: ReasonGroup[];
}

export interface ApplicationScore {
  id?: string | number;
  probability: number;
  decision: Decision;
  threshold: number;
  model_version: string;
  missing_inputs: string[];
  inputs: Record<string, RawValue>;
  explanation?: ApplicationExplanation;
}

export interface ScoreSide {
  probability: number;
  decision: Decision;
  groups: ReasonGroup[];
  threshold?: number;
}

export interface MovedInput {
  feature: string;
  label: string;
  label_fr?: string;
  before: RawValue;
  after: RawValue;
}

/** Response of POST /v1/clients/{id}/what-if and POST /v1/applications/what-if. */
export interface LoanWhatIf {
  before: ScoreSide;
  after: ScoreSide;
  changes: { field: string; before: RawValue; after: RawValue }[];
  moved: MovedInput[];
}

/** One reason of a 400 problem: the field path as the API names it, e.g. "bureau[2].AMT_CREDIT_SUM". */
export interface FieldError {
  field: string;
  message: string;
  value?: unknown;
}
