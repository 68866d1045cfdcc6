/**
 * OpenAPI parts of the applications endpoints, generated from the application schema
 * artifact: every raw field with its type, unit, allowed values, range and example, so the
 * document always describes the definitions the server runs.
 */
import { bodyLimits } from '../features/application-body.js';
import type { ApplicationSchema, ColumnSpec, TableName } from '../features/application-schema.js';
import { workGateDefaults } from '../http/work-gate.js';
import { applicationRequestDefaults } from './application-requests.js';
import { queryDefaults } from './queries.js';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const num = { type: 'number' };
const inputValue = { type: ['number', 'string', 'null'], description: 'Model input: categories as their text, null = missing' };
const labelFr = { type: 'string', minLength: 1 };
const obj = (properties: Record<string, Json>, required: string[] = Object.keys(properties), extra: Json = {}): Json => ({ type: 'object', properties, required, ...extra });

const KEY_DESCRIPTIONS: Record<string, string> = {
  SK_ID_CURR: 'Applicant id (optional; history rows that give it must give the application\'s)',
  SK_ID_BUREAU: 'Credit id at the bureau (optional; months nested in the credit belong to it)',
  SK_ID_PREV: 'Previous credit id (required on monthly rows: the credit they belong to)',
};

/** JSON Schema of one raw column: type, unit, allowed texts, plausible range, example, labels. */
export function columnSchema(c: ColumnSpec): Json {
  const text = c.type === 'category' || (c.type === 'flag' && c.allowed !== undefined);
  const schema: Json = {
    type: text ? ['string', 'null'] : [c.type === 'integer' || c.type === 'days' ? 'integer' : 'number', 'null'],
    title: c.label,
    description: [c.description || c.label, c.unit ? `Unit: ${c.unit}.` : '', c.type === 'days' ? 'Days before the application (negative).' : '',
      c.required ? 'Required.' : ''].filter((x) => x !== '').join(' '),
    'x-label-fr': c.label_fr,
    'x-kind': c.type,
  };
  if (c.unit) schema['x-unit'] = c.unit;
  if (text) schema['enum'] = [...c.allowed!, null];
  if (c.type === 'flag' && !text) schema['enum'] = [0, 1, null];
  if (c.allowed_fr) schema['x-allowed-fr'] = c.allowed_fr;
  if (c.min !== undefined) schema['minimum'] = c.min;
  if (c.max !== undefined) schema['maximum'] = c.max;
  if (c.example !== null && c.example !== undefined) schema['examples'] = [c.example];
  return schema;
}

function rowSchema(schema: ApplicationSchema, table: TableName, keys: string[], extra: Record<string, Json> = {}): Json {
  const properties: Record<string, Json> = {};
  for (const k of keys) properties[k] = { type: 'integer', minimum: 1, description: KEY_DESCRIPTIONS[k] };
  for (const c of schema.tables[table].columns) if (!keys.includes(c.name)) properties[c.name] = columnSchema(c);
  return { type: 'object', properties: { ...properties, ...extra }, additionalProperties: false };
}

const rows = (name: string, description: string): Json => ({ type: 'array', items: ref(name), description });

export function applicationComponents(schema: ApplicationSchema): Record<string, Json> {
  const application = rowSchema(schema, 'application', ['SK_ID_CURR']);
  application['required'] = schema.required;
  application['description'] = `One applicant, columns of application_train/test. Required: ${schema.required.join(', ')}.`;
  const body = {
    id: { type: ['string', 'number'], description: 'Echoed exactly' },
    application: ref('ApplicationRow'),
    bureau: rows('BureauRow', 'Credits at other institutions, each with its months (bureau_balance)'),
    previous_application: rows('PreviousApplicationRow', 'Previous applications at Home Credit'),
    POS_CASH_balance: rows('PosCashRow', 'Monthly balances of previous shop and cash loans'),
    credit_card_balance: rows('CreditCardRow', 'Monthly balances of previous credit cards'),
    installments_payments: rows('InstallmentRow', 'Instalments of previous credits'),
  };
  const side = obj({ probability: { ...num, minimum: 0, maximum: 1 }, decision: { type: 'string', enum: ['granted', 'refused'] }, groups: { type: 'array', items: ref('ReasonGroup') } });
  const changes = {
    type: 'object', minProperties: 1, maxProperties: applicationRequestDefaults.maxChanges,
    description: `Application field -> new raw value; editable: ${schema.editable.join(', ')}`,
    properties: Object.fromEntries(schema.editable.map((name) => [name, columnSchema(schema.tables.application.byName.get(name)!)])),
    additionalProperties: false,
  };
  return {
    ApplicationRow: application,
    BureauRow: rowSchema(schema, 'bureau', ['SK_ID_CURR', 'SK_ID_BUREAU'], { bureau_balance: rows('BureauBalanceRow', 'Monthly status of this credit') }),
    BureauBalanceRow: rowSchema(schema, 'bureau_balance', ['SK_ID_BUREAU']),
    PreviousApplicationRow: rowSchema(schema, 'previous_application', ['SK_ID_PREV', 'SK_ID_CURR']),
    PosCashRow: rowSchema(schema, 'POS_CASH_balance', ['SK_ID_PREV', 'SK_ID_CURR']),
    CreditCardRow: rowSchema(schema, 'credit_card_balance', ['SK_ID_PREV', 'SK_ID_CURR']),
    InstallmentRow: rowSchema(schema, 'installments_payments', ['SK_ID_PREV', 'SK_ID_CURR']),
    ApplicationRequest: obj(body, ['application'], {
      additionalProperties: false, description: `At most ${bodyLimits.maxHistoryRows} history rows in all. Values exactly as the Kaggle CSVs write them.`,
    }),
    ApplicationBatchRequest: obj({
      applications: { type: 'array', minItems: 1, maxItems: applicationRequestDefaults.maxApplications, items: ref('ApplicationRequest') },
    }, ['applications'], { additionalProperties: false }),
    ApplicationWhatIfRequest: obj({ ...body, changes }, ['application', 'changes'], { additionalProperties: false }),
    ClientWhatIfRequest: obj({ changes }, ['changes'], { additionalProperties: false }),
    ApplicationContribution: obj({
      feature: { type: 'string' }, label: { type: 'string' }, label_fr: labelFr, value: inputValue, shap: num, phrase: { type: 'string' }, phrase_fr: { type: 'string' },
    }),
    ApplicationExplanation: obj({
      base_value: { ...num, description: 'Log-odds of the average applicant' },
      base_probability: { ...num, description: 'Probability of the average applicant' },
      contributions: { type: 'array', items: ref('ApplicationContribution'), description: 'The top inputs by |shap|' },
      groups: { type: 'array', items: ref('ReasonGroup'), description: 'Every reason group, by decreasing |points|' },
    }),
    ApplicationResult: obj({
      id: { type: ['string', 'number'] },
      probability: { ...num, minimum: 0, maximum: 1 }, decision: { type: 'string', enum: ['granted', 'refused'] }, threshold: num, model_version: { type: 'string' },
      missing_inputs: { type: 'array', items: { type: 'string' }, description: 'Model inputs that are missing (NaN) for this application' },
      inputs: { type: 'object', additionalProperties: inputValue },
      explanation: ref('ApplicationExplanation'),
    }, ['probability', 'decision', 'threshold', 'model_version', 'missing_inputs', 'inputs']),
    ApplicationBatchItem: {
      type: 'object', required: ['index'],
      description: 'An ApplicationResult, or for an invalid application {index, id?, status: 400, errors}',
      properties: {
        index: { type: 'integer' }, id: { type: ['string', 'number'] }, status: { type: 'integer', enum: [400] }, errors: { type: 'array', items: ref('FieldError') },
        probability: num, decision: { type: 'string' }, threshold: num, model_version: { type: 'string' }, missing_inputs: { type: 'array' }, inputs: { type: 'object' },
        explanation: ref('ApplicationExplanation'),
      },
    },
    ApplicationBatchResponse: obj({ model_version: { type: 'string' }, threshold: num, results: { type: 'array', items: ref('ApplicationBatchItem') } }),
    WhatIfResponse: obj({
      id: { type: ['string', 'number'] },
      before: side, after: side,
      changes: { type: 'array', items: obj({ field: { type: 'string' }, before: inputValue, after: inputValue }) },
      moved: {
        type: 'array', description: 'Every model input whose value changed, recomputed by the feature definitions',
        items: obj({ feature: { type: 'string' }, label: { type: 'string' }, label_fr: labelFr, before: inputValue, after: inputValue }),
      },
    }, ['before', 'after', 'changes', 'moved']),
    ApplicationSchemaDocument: { type: 'object', required: ['tables', 'required', 'editable'], description: 'features-sql/application-schema.json as shipped with the model' },
  };
}

export const explainParams: Json[] = [
  { name: 'explain', in: 'query', description: 'Add the explanation (contributions and reason groups)', schema: { type: 'string', enum: ['true', 'false'], default: 'false' } },
  { name: 'top', in: 'query', description: 'How many contributions the explanation lists', schema: { type: 'integer', minimum: 1, maximum: queryDefaults.maxTop, default: queryDefaults.top } },
];

export const batchLimits = `At most ${applicationRequestDefaults.maxApplications} applications; with explain, applications × (top + groups) `
  + `must stay within ${workGateDefaults.maxExplainedEntries} entries (else 413); batches run ${workGateDefaults.concurrent} at a time and `
  + `${workGateDefaults.queued} more wait (else 429 with Retry-After).`;
