/** The OpenAPI 3.1 document of the API, served at /openapi.json and rendered at /docs. */
import { parseApplicationSchema, type ApplicationSchema } from '../features/application-schema.js';
import { applicationComponents, batchLimits, explainParams } from './openapi-applications.js';
import { componentSchemas } from './openapi-components.js';
import { queryDefaults } from './queries.js';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const ok = (description: string, schema: Json, extra: Json = {}): Json => ({ description, content: json(schema), ...extra });
const problem = (description: string): Json => ({ $ref: `#/components/responses/${description}` });

const PROBLEMS: Record<string, string> = {
  BadRequest: 'Invalid parameter or body; errors[] names each field',
  Unauthorized: 'API_KEY is set and the bearer key is missing or wrong',
  NotFound: 'Unknown client id or route',
  TooLarge: 'Request body larger than the limit (5 MB by default, BODY_LIMIT_BYTES), or a batch whose explanations exceed the budget',
  UnsupportedMediaType: 'POST body is not application/json',
  TooManyRequests: 'Rate limit exceeded, or too many batches at once; see Retry-After',
  NotReady: 'Model not loaded yet, or shutting down',
};

const etagged = {
  headers: {
    ETag: { schema: { type: 'string' }, description: 'Send back in If-None-Match to get a 304' },
    'Cache-Control': { schema: { type: 'string' } },
  },
};
const notModified = { '304': { description: 'Not modified (If-None-Match matched the ETag)' } };

const clientId: Json = { name: 'id', in: 'path', required: true, description: 'Client id (SK_ID_CURR), a positive integer', schema: { type: 'integer', minimum: 1 } };
const top: Json = { name: 'top', in: 'query', description: 'How many contributions get a phrase', schema: { type: 'integer', minimum: 1, maximum: queryDefaults.maxTop, default: queryDefaults.top } };
const queryParam = (name: string, schema: Json, description: string): Json => ({ name, in: 'query', description, schema });

const listParams: Json[] = [
  queryParam('limit', { type: 'integer', minimum: 1, maximum: queryDefaults.maxLimit, default: queryDefaults.limit }, 'Page size'),
  queryParam('offset', { type: 'integer', minimum: 0, default: 0 }, 'Items to skip'),
  queryParam('sort', { type: 'string', enum: ['id', 'age_years', 'income', 'credit_amount', 'annuity', 'probability'].flatMap((c) => [c, `-${c}`]), default: 'id' }, 'Sort column; a leading "-" sorts descending'),
  queryParam('q', { type: 'string', pattern: '^[0-9]{1,19}$' }, 'Digits: ids starting with q'),
  queryParam('dataset', { type: 'string', enum: ['train', 'new'] }, 'Labelled training clients or new applications'),
  queryParam('contract_type', { type: 'string' }, 'e.g. Cash loans'),
  queryParam('gender', { type: 'string' }, 'e.g. F'),
  ...['age', 'income', 'credit'].flatMap((name) => [
    queryParam(`${name}_min`, { type: 'number' }, `Lowest ${name} (inclusive)`),
    queryParam(`${name}_max`, { type: 'number' }, `Highest ${name} (inclusive)`),
  ]),
];

function get(summary: string, tag: string, response: Json, options: { parameters?: Json[]; errors?: string[]; extra?: Json; probe?: boolean } = {}): Json {
  const responses: Json = { '200': response, ...(options.extra ?? {}) };
  for (const e of options.errors ?? []) responses[e === 'NotReady' ? '503' : statusOf(e)] = problem(e);
  // Probes are exempt from the rate limiter.
  if (!options.probe) responses['429'] = problem('TooManyRequests');
  return { get: { summary, tags: [tag], operationId: operationId(summary), parameters: options.parameters ?? [], responses } };
}

function post(summary: string, tag: string, body: string, response: Json, parameters: Json[], description?: string): Json {
  const responses: Json = { '200': response };
  const errors = ['BadRequest', 'Unauthorized', ...(parameters.length > 0 ? ['NotFound'] : []), 'TooLarge', 'UnsupportedMediaType', 'TooManyRequests'];
  for (const e of errors) responses[statusOf(e)] = problem(e);
  return {
    post: {
      summary, ...(description ? { description } : {}), tags: [tag], operationId: operationId(summary), parameters,
      security: [{}, { bearer: [] }],
      requestBody: { required: true, content: json(ref(body)) },
      responses,
    },
  };
}

function statusOf(name: string): string {
  return { BadRequest: '400', Unauthorized: '401', NotFound: '404', TooLarge: '413', UnsupportedMediaType: '415', TooManyRequests: '429' }[name] ?? '500';
}

function operationId(summary: string): string {
  return summary.toLowerCase().replace(/[^a-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
}

/** The applications paths, present when the server runs the feature definitions. */
function applicationPaths(): Json {
  return {
    '/v1/applications/schema': get('Application schema', 'applications', ok('Every raw field per table: type, unit, labels, allowed values, range, example; required and editable fields', ref('ApplicationSchemaDocument'), etagged), { extra: notModified, errors: ['BadRequest'] }),
    '/v1/applications': post('Score an application', 'applications', 'ApplicationRequest', ok('Score, decision, the model inputs computed from the raw rows and, with explain, the reasons', ref('ApplicationResult')), explainParams,
      'One application in the Kaggle vocabulary. 400 names every bad or missing field with the value received.'),
    '/v1/applications/batch': post('Score applications', 'applications', 'ApplicationBatchRequest', ok('One result per application, in order; an invalid one reports its errors in its result', ref('ApplicationBatchResponse')), explainParams, batchLimits),
    '/v1/applications/what-if': post('What if (application)', 'applications', 'ApplicationWhatIfRequest', ok('Score and reasons before and after the changes, and every input that moved', ref('WhatIfResponse')), [],
      'Changes raw application fields of an unsaved application; every dependent input is recomputed.'),
    '/v1/clients/{id}/what-if': post('What if', 'clients', 'ClientWhatIfRequest', ok('Score and reasons before and after the changes, and every input that moved', ref('WhatIfResponse')), [clientId],
      'Changes raw application fields of a stored client (from its raw rows); every dependent input is recomputed.'),
  };
}

export function buildOpenApi(modelVersion: string, applications?: ApplicationSchema): Json {
  const artifactDoc = (summary: string, file: string): Json =>
    get(summary, 'model', ok(`${file} as written by the model pipeline`, ref('ArtifactDocument'), etagged), { extra: notModified });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Prêt à dépenser — credit scoring API',
      version: '1.0.0',
      description: `Scores, explanations (exact TreeSHAP) and what-if analysis for client advisors. Serving model ${modelVersion}. `
        + 'Every error is application/problem+json (RFC 9457). POST endpoints need "Authorization: Bearer <key>" when the server has API_KEY set.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'service', description: 'Liveness, readiness, documentation, metrics' },
      { name: 'model', description: 'The served model and its evaluation' },
      { name: 'population', description: 'Distributions of the training clients' },
      { name: 'clients', description: 'Known clients: details, score, explanation, what-if' },
      { name: 'scoring', description: 'Scoring of model inputs computed elsewhere' },
      { name: 'applications', description: 'Applications as a lender holds them: score, explain, simulate' },
    ],
    paths: {
      '/health': get('Liveness', 'service', ok('The process is up', ref('Health')), { probe: true }),
      '/ready': get('Readiness', 'service', ok('The model is loaded', ref('Ready')), { errors: ['NotReady'], probe: true }),
      '/openapi.json': get('OpenAPI document', 'service', ok('This document', { type: 'object' })),
      '/docs': get('API documentation page', 'service', { description: 'HTML rendering of this document', content: { 'text/html': { schema: { type: 'string' } } } }),
      '/metrics': get('Prometheus metrics', 'service', { description: 'Text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } }, { probe: true }),
      '/v1/model': get('Model summary', 'model', ok('Version, threshold, nested-CV metrics and the feature catalogue', ref('ModelSummary'), etagged), { extra: notModified }),
      '/v1/model/metrics': artifactDoc('Model metrics', 'metrics.json'),
      '/v1/model/fairness': artifactDoc('Fairness by group', 'fairness.json'),
      '/v1/model/drift': artifactDoc('Data drift', 'drift.json'),
      '/v1/population/stats': get('Population statistics', 'population', ok('population.json: quantiles, histograms and a sample', ref('ArtifactDocument'), etagged), { extra: notModified }),
      '/v1/population/importance': get('Global importance', 'population', ok('importance.json: mean |SHAP| per feature', ref('ArtifactDocument'), etagged), { extra: notModified }),
      '/v1/clients': get('List clients', 'clients', ok('One page of clients', ref('ClientList')), { parameters: listParams, errors: ['BadRequest'] }),
      '/v1/clients/{id}': get('Client details', 'clients', ok('Display fields and model inputs', ref('ClientDetail')), { parameters: [clientId], errors: ['BadRequest', 'NotFound'] }),
      '/v1/clients/{id}/score': get('Client score', 'clients', ok('Probability of default and decision', ref('ClientScore')), { parameters: [clientId], errors: ['BadRequest', 'NotFound'] }),
      '/v1/clients/{id}/explanation': get('Client explanation', 'clients', ok('SHAP contributions with phrases', ref('Explanation')), { parameters: [clientId, top], errors: ['BadRequest', 'NotFound'] }),
      '/v1/score': post('Score records', 'scoring', 'ScoreRequest', ok('One result per record, in order', ref('ScoreResponse')), [],
        'Scores model inputs computed elsewhere. A record that lacks the inputs of a required application field is refused (400).'),
      ...(applications ? applicationPaths() : {}),
    },
    components: {
      schemas: { ...componentSchemas, ...(applications ? applicationComponents(applications) : {}) },
      responses: Object.fromEntries(Object.entries(PROBLEMS).map(([name, description]) => [
        name, { description, content: { 'application/problem+json': { schema: ref('Problem') } } },
      ])),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Required on POST only when the server sets API_KEY' } },
    },
  };
}

/**
 * The document a server on these artifacts serves, from the application schema as written by
 * model/ (the docs build calls this without starting a server).
 */
export function buildServedOpenApi(modelVersion: string, applicationSchemaDocument: unknown): Json {
  return buildOpenApi(modelVersion, parseApplicationSchema(applicationSchemaDocument, 'application-schema.json'));
}
