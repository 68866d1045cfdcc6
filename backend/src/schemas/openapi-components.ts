/** JSON Schemas (OpenAPI 3.1 components) of every request and response body. */

type Schema = Record<string, unknown>;

const num = { type: 'number' };
const nullableNum = { type: ['number', 'null'] };
const nullableStr = { type: ['string', 'null'] };
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), extra: Schema = {}): Schema => ({
  type: 'object', properties, required, ...extra,
});

const decision = { type: 'string', enum: ['granted', 'refused'], description: 'refused when probability >= threshold' };
const scoreFields = {
  probability: { ...num, minimum: 0, maximum: 1, description: 'Probability of default (class 1)' },
  decision,
  threshold: { ...num, description: 'Decision threshold chosen by minimising 10·FN + FP' },
  distance: { ...num, description: 'probability - threshold' },
};
const labelFr = { type: 'string', minLength: 1, description: 'French label (the English label when the catalogue has none)' };
const contribution = {
  feature: { type: 'string' },
  label: { type: 'string' },
  label_fr: labelFr,
  value: { ...nullableNum, description: 'Model input (null = missing); category features give their integer code' },
  shap: { ...num, description: 'SHAP contribution in log-odds; > 0 raises the risk' },
};
const topContribution = {
  ...contribution,
  display_value: { type: 'string', examples: ['0.21', '34.5 years', 'Cash loans', 'yes', 'missing'] },
  direction: { type: 'string', enum: ['raises', 'lowers'] },
  phrase: { type: 'string', examples: ['External score 2 is low (0.21): raises the risk'] },
  phrase_fr: {
    type: 'string', description: 'The phrase in French: decimal comma, U+202F between thousands',
    examples: ['Score externe 2 : valeur basse (0,21), augmente le risque'],
  },
};
const featureValues = {
  type: 'object',
  additionalProperties: nullableNum,
  description: 'Feature name -> number, or null for missing. Values are rounded to float32, as stored.',
};

export const componentSchemas: Record<string, Schema> = {
  FieldError: obj({ field: { type: 'string' }, message: { type: 'string' }, value: { description: 'The value received (shortened when long)' } }, ['field', 'message']),
  Problem: obj({
    type: { type: 'string', description: 'https://pad.example/problems/<code> or about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: ref('FieldError') },
  }, ['type', 'title', 'status', 'detail']),
  Health: obj({ status: { const: 'ok' } }),
  Ready: obj({
    status: { const: 'ready' }, model_version: { type: 'string' },
    store_verified: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the client store checked against its checksums so far (every chunk is checked before it is served, and all of them in the background after start-up)' },
  }),
  Feature: obj({
    name: { type: 'string' }, label: { type: 'string' }, label_fr: labelFr, description: { type: 'string' },
    type: { type: 'string', enum: ['numeric', 'binary', 'category'] },
    unit: { type: ['string', 'null'], enum: [null, 'years', 'days', 'currency', 'ratio', 'count', 'months', 'percent'] },
    source: { type: 'string' },
    categories: { type: ['array', 'object', 'null'], description: 'Category texts by integer code' },
    categories_fr: { type: ['array', 'object', 'null'], description: 'French texts of the categories, same shape as categories' },
    group: { type: 'string', description: 'Reason group (explanations sum the SHAP values of a group)' },
  }, ['name', 'label', 'label_fr', 'description', 'type', 'unit', 'source', 'categories']),
  ModelSummary: obj({
    model_version: { type: 'string' }, trained_at: { type: 'string', format: 'date-time' }, threshold: num,
    cost: obj({ fn_cost: num, fp_cost: num }),
    metrics: obj({ auc_mean: nullableNum, auc_std: nullableNum, cost_per_1000: nullableNum, recall: nullableNum, precision: nullableNum }),
    feature_count: { type: 'integer' },
    features: { type: 'array', items: ref('Feature') },
  }),
  ArtifactDocument: { type: 'object', description: 'The artifact file as written by the model pipeline (docs/artifacts.md)', additionalProperties: true },
  ClientSummary: obj({
    id: { type: 'integer' }, dataset: { type: 'string', enum: ['train', 'new'] }, gender: nullableStr,
    age_years: nullableNum, income: nullableNum, credit_amount: nullableNum, annuity: nullableNum,
    contract_type: nullableStr, probability: { ...num, description: 'Probability recorded at export' }, decision,
    previous_applications: { type: ['integer', 'null'], description: 'Previous applications at Home Credit (null: none on record)' },
    bureau_credits: { type: ['integer', 'null'], description: 'Credits at other lenders reported by the credit bureau (null: none on record)' },
    late_months: { type: ['integer', 'null'], description: 'Months with a late payment on previous POS/cash loans and cards (null: no such history)' },
  }),
  ClientPoints: obj({
    x: { type: 'string' }, y: { type: 'string' }, total: { type: 'integer' }, threshold: num,
    id: { type: 'array', items: { type: 'integer' } },
    x_values: { type: 'array', items: nullableNum, description: 'Model input x of each client (null = missing; category features give their integer code)' },
    y_values: { type: 'array', items: nullableNum },
    probability: { type: 'array', items: num, description: 'Probability recorded at export, 4 decimals' },
    sampled: { type: 'boolean', description: 'True for a book larger than the chart shows: the points are then the matching clients of evenly spaced chunks of the store (total still counts every match)' },
  }),
  AccessRecord: obj({
    id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, subject: { type: 'string', description: "The token's sub" },
    client_app: { ...nullableStr, description: 'The OAuth client the token was issued to' }, method: { type: 'string' },
    route: { type: 'string', description: 'Route template, e.g. /v1/clients/:id' }, client_id: { ...nullableStr, description: 'The stored client read' },
    application_id: nullableStr, records: { type: 'integer', description: 'Clients or applications in the answer' },
    model_version: { type: 'string' }, request_id: { type: 'string' },
  }),
  AccessPage: obj({ total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' }, items: { type: 'array', items: ref('AccessRecord') } }),
  ReviewRequest: obj({
    id: { type: 'string', format: 'uuid', description: 'Made by the client once per review: a resend with the same id is not stored twice' },
    outcome: { type: 'string', enum: ['agree', 'override_grant', 'override_refuse', 'documents_requested'] },
    justification: { ...nullableStr, maxLength: 2000, description: 'Required when overriding' },
    note: { ...nullableStr, maxLength: 4000 },
    reviewed_at: { type: 'string', format: 'date-time', description: 'When the advisor decided (default: when received)' },
    seen: obj({ probability: num, decision, model_version: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' }, maxItems: 20 } }),
  }, ['id', 'outcome'], {
    additionalProperties: false,
    example: { id: '3f1f0d2e-6a4b-4c1d-9e8f-7a6b5c4d3e2f', outcome: 'override_refuse', justification: 'Revenus non justifiés', note: 'Entretien en agence' },
  }),
  Review: obj({
    id: { type: 'string', format: 'uuid' }, client_id: { type: 'integer' },
    outcome: { type: 'string', enum: ['agree', 'override_grant', 'override_refuse', 'documents_requested'] },
    justification: nullableStr, note: nullableStr, reviewed_at: { type: 'string', format: 'date-time' },
    received_at: { type: 'string', format: 'date-time' }, advisor: { type: 'string', description: "The token's subject" },
    seen: obj({ probability: num, decision, model_version: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } } }),
  }),
  ClientReviews: obj({ client_id: { type: 'integer' }, latest: { oneOf: [ref('Review'), { type: 'null' }] }, items: { type: 'array', items: ref('Review') } }),
  ReviewPage: obj({ total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' }, items: { type: 'array', items: ref('Review') } }),
  ClientList: obj({ total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' }, items: { type: 'array', items: ref('ClientSummary') } }),
  ClientDetail: obj({
    id: { type: 'integer' }, dataset: { type: 'string', enum: ['train', 'new'] }, gender: nullableStr,
    age_years: nullableNum, income: nullableNum, credit_amount: nullableNum, annuity: nullableNum, goods_price: nullableNum,
    contract_type: nullableStr, family_status: nullableStr, education: nullableStr, income_type: nullableStr, occupation: nullableStr,
    children: { type: ['integer', 'null'] }, employment_years: { ...nullableNum, description: 'null when not employed (pensioners etc.)' },
    own_car: { type: ['boolean', 'null'] }, own_realty: { type: ['boolean', 'null'] },
    features: featureValues,
  }),
  ScoreFields: obj(scoreFields),
  ClientScore: obj({ id: { type: 'integer' }, ...scoreFields, model_version: { type: 'string' } }),
  Contribution: obj(contribution),
  TopContribution: obj(topContribution),
  Explanation: obj({
    id: { type: 'integer' }, model_version: { type: 'string' },
    probability: scoreFields.probability, decision, threshold: scoreFields.threshold,
    base_value: { ...num, description: 'Expected model output (log-odds)' },
    log_odds: { ...num, description: 'base_value + sum of all shap values' },
    contributions: { type: 'array', items: ref('Contribution'), description: 'Every feature, by decreasing |shap|' },
    top: { type: 'array', items: ref('TopContribution') },
    rest: obj({ count: { type: 'integer' }, shap_sum: num }),
    groups: { type: 'array', items: ref('ReasonGroup'), description: 'Every reason group (features.json groups), by decreasing |points|' },
  }, ['id', 'model_version', 'probability', 'decision', 'threshold', 'base_value', 'log_odds', 'contributions', 'top', 'rest', 'groups']),
  /** Several inputs read as one reason (the external scores, credit compared with income...). */
  ReasonGroup: obj({
    group: { type: 'string' }, label: { type: 'string' }, label_fr: labelFr,
    shap: { ...num, description: 'Log-odds: the sum of the group\'s SHAP values (groups sum to the total)' },
    points: { ...num, description: 'Signed probability points (0.032 = 3.2 points); groups sum to probability - base_probability' },
    phrase: { type: 'string', examples: ['External scores: raises the risk by 12.3 points'] },
    phrase_fr: { type: 'string', examples: ['Scores externes : augmente le risque de 12,3 points'] },
    features: { type: 'array', items: { type: 'string' } },
  }),
  CompactExplanation: obj({ base_value: num, log_odds: num, top: { type: 'array', items: ref('TopContribution') } }),
  ScoreRequest: obj({
    records: {
      type: 'array', minItems: 1, maxItems: 1000,
      items: { ...featureValues, properties: { id: { type: ['string', 'number'], description: 'Optional, echoed back' } } },
    },
    explain: { type: 'boolean', default: false },
    top: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
  }, ['records'], { additionalProperties: false }),
  BatchResult: obj({
    index: { type: 'integer' }, id: { type: ['string', 'number'] },
    probability: scoreFields.probability, decision, distance: scoreFields.distance,
    explanation: ref('CompactExplanation'),
  }, ['index', 'probability', 'decision', 'distance']),
  ScoreResponse: obj({ model_version: { type: 'string' }, threshold: num, results: { type: 'array', items: ref('BatchResult') } }),
};
