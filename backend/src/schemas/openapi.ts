/** The OpenAPI 3.1 document of the API, served at /openapi.json and rendered at /docs. */
import type { Need } from '../auth/scopes.js';
import { SCOPES } from '../auth/scopes.js';
import { auditDefaults } from '../routes/audit.js';
import { RANGE_COLUMNS, SORT_COLUMNS } from '../store/client-list.js';
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
  Unauthorized: 'No access token, or one that is expired, not yet valid, from another issuer or audience, or badly signed (WWW-Authenticate says which)',
  Forbidden: 'The token is valid but lacks the scope this route needs',
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
  queryParam('sort', { type: 'string', enum: SORT_COLUMNS.flatMap((c) => [c, `-${c}`]), default: 'id' }, 'Sort column; a leading "-" sorts descending; missing values come last either way'),
  queryParam('q', { type: 'string', pattern: '^[0-9]{1,19}$' }, 'Digits: ids starting with q'),
  queryParam('dataset', { type: 'string', enum: ['train', 'new'] }, 'Labelled training clients or new applications'),
  queryParam('contract_type', { type: 'string' }, 'e.g. Cash loans'),
  queryParam('gender', { type: 'string' }, 'e.g. F'),
  queryParam('review', { type: 'string', enum: ['reviewed', 'not_reviewed', 'overridden'] }, 'Clients with a review, without one, or whose latest review overrides the proposal'),
  queryParam('decision', { type: 'string', enum: ['granted', 'refused'] }, 'Decision at the model threshold (refused when probability >= threshold)'),
  ...Object.entries(RANGE_COLUMNS).flatMap(([name, column]) => [
    queryParam(`${name}_min`, { type: 'number' }, `Lowest ${column} (inclusive); clients without a value are left out`),
    queryParam(`${name}_max`, { type: 'number' }, `Highest ${column} (inclusive); must not be below ${name}_min`),
  ]),
];

const pointsParams: Json[] = [
  queryParam('x', { type: 'string', example: 'AGE_YEARS' }, 'Model input on the horizontal axis (a features.json name)'),
  queryParam('y', { type: 'string', example: 'PREV_APPLICATION_COUNT' }, 'Model input on the vertical axis'),
  ...listParams.filter((p) => !['limit', 'offset', 'sort', 'review'].includes(p['name'] as string)),
].map((p) => (['x', 'y'].includes(p['name'] as string) ? { ...p, required: true } : p));

/** OpenAPI security of a route: none, any valid token, or a token with one scope. */
function security(need: Need | 'open'): Json {
  if (need === 'open') return { security: [] };
  return { security: [{ bearer: need === 'signed-in' ? [] : [need] }], 'x-required-scope': need };
}

function authErrors(need: Need | 'open'): string[] {
  if (need === 'open') return [];
  return need === 'signed-in' ? ['Unauthorized'] : ['Unauthorized', 'Forbidden'];
}

interface GetOptions {
  parameters?: Json[];
  errors?: string[];
  extra?: Json;
  probe?: boolean;
  need?: Need | 'open';
}

function get(summary: string, tag: string, response: Json, options: GetOptions = {}): Json {
  const need = options.need ?? 'open';
  const responses: Json = { '200': response, ...(options.extra ?? {}) };
  for (const e of [...(options.errors ?? []), ...authErrors(need)]) responses[e === 'NotReady' ? '503' : statusOf(e)] = problem(e);
  // Probes are exempt from the rate limiter.
  if (!options.probe) responses['429'] = problem('TooManyRequests');
  return { get: { summary, tags: [tag], operationId: operationId(summary), parameters: options.parameters ?? [], ...security(need), responses } };
}

function post(summary: string, tag: string, body: string, response: Json, parameters: Json[], need: Need, description?: string): Json {
  const responses: Json = { '200': response };
  const errors = ['BadRequest', ...authErrors(need), ...(parameters.length > 0 ? ['NotFound'] : []), 'TooLarge', 'UnsupportedMediaType', 'TooManyRequests'];
  for (const e of errors) responses[statusOf(e)] = problem(e);
  return {
    post: {
      summary, ...(description ? { description } : {}), tags: [tag], operationId: operationId(summary), parameters, ...security(need),
      requestBody: { required: true, content: json(ref(body)) },
      responses,
    },
  };
}

function statusOf(name: string): string {
  return { BadRequest: '400', Unauthorized: '401', Forbidden: '403', NotFound: '404', TooLarge: '413', UnsupportedMediaType: '415', TooManyRequests: '429' }[name] ?? '500';
}

const auditParams: Json[] = [
  queryParam('client', { type: 'integer', minimum: 1 }, 'Only accesses to this client id'),
  queryParam('subject', { type: 'string' }, "Only accesses by this user (the token's sub)"),
  queryParam('from', { type: 'string', format: 'date-time' }, 'From this time (inclusive), RFC 3339 or a date'),
  queryParam('to', { type: 'string', format: 'date-time' }, 'Until this time (exclusive)'),
  queryParam('limit', { type: 'integer', minimum: 1, maximum: auditDefaults.maxLimit, default: auditDefaults.limit }, 'Page size'),
  queryParam('offset', { type: 'integer', minimum: 0, default: 0 }, 'Items to skip'),
];

const reviewListParams: Json[] = [
  queryParam('subject', { type: 'string' }, "Only this advisor's reviews (another advisor's needs reviews:read-all)"),
  queryParam('overrides', { type: 'string', enum: ['true', 'false'], default: 'false' }, 'Only overrides'),
  queryParam('from', { type: 'string', format: 'date-time' }, 'Reviewed from this time (inclusive)'),
  queryParam('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Page size'),
  queryParam('offset', { type: 'integer', minimum: 0, default: 0 }, 'Items to skip'),
];

/** POST of a review: 201 when stored, 200 for a resend, 409 when the id holds another review. */
function reviewPost(op: Json): Json {
  const responses = (op['post'] as Json)['responses'] as Json;
  responses['201'] = ok('Stored', ref('Review'));
  responses['409'] = { description: 'The id is already used by a different review', content: { 'application/problem+json': { schema: ref('Problem') } } };
  return op;
}

function operationId(summary: string): string {
  return summary.toLowerCase().replace(/[^a-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
}

/** The applications paths, present when the server runs the feature definitions. */
function applicationPaths(): Json {
  return {
    '/v1/applications/schema': get('Application schema', 'applications', ok('Every raw field per table: type, unit, labels, allowed values, range, example; required and editable fields', ref('ApplicationSchemaDocument'), etagged), { extra: notModified, errors: ['BadRequest'], need: SCOPES.applicationsScore }),
    '/v1/applications': post('Score an application', 'applications', 'ApplicationRequest', ok('Score, decision, the model inputs computed from the raw rows and, with explain, the reasons', ref('ApplicationResult')), explainParams, SCOPES.applicationsScore,
      'One application in the Kaggle vocabulary. 400 names every bad or missing field with the value received.'),
    '/v1/applications/batch': post('Score applications', 'applications', 'ApplicationBatchRequest', ok('One result per application, in order; an invalid one reports its errors in its result', ref('ApplicationBatchResponse')), explainParams, SCOPES.applicationsBatch, batchLimits),
    '/v1/applications/what-if': post('What if (application)', 'applications', 'ApplicationWhatIfRequest', ok('Score and reasons before and after the changes, and every input that moved', ref('WhatIfResponse')), [], SCOPES.applicationsScore,
      'Changes raw application fields of an unsaved application; every dependent input is recomputed.'),
    '/v1/clients/{id}/what-if': post('What if', 'clients', 'ClientWhatIfRequest', ok('Score and reasons before and after the changes, and every input that moved', ref('WhatIfResponse')), [clientId], SCOPES.clientsRead,
      'Changes raw application fields of a stored client (from its raw rows); every dependent input is recomputed.'),
  };
}

export function buildOpenApi(modelVersion: string, applications?: ApplicationSchema): Json {
  const artifactDoc = (summary: string, file: string): Json =>
    get(summary, 'model', ok(`${file} as written by the model pipeline`, ref('ArtifactDocument'), etagged), { extra: notModified, need: 'signed-in' });
  const read = SCOPES.clientsRead;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Prêt à dépenser — credit scoring API',
      version: '1.0.0',
      description: `Scores, explanations (exact TreeSHAP) and what-if analysis for client advisors. Serving model ${modelVersion}. `
        + 'Every error is application/problem+json (RFC 9457). Every route except /health, /ready, /openapi.json and /docs needs '
        + '"Authorization: Bearer <access token>" from the configured OpenID provider; each operation names the scope it needs (x-required-scope).',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'service', description: 'Liveness, readiness, documentation, metrics' },
      { name: 'model', description: 'The served model and its evaluation' },
      { name: 'population', description: 'Distributions of the training clients' },
      { name: 'clients', description: 'Known clients: details, score, explanation, what-if' },
      { name: 'scoring', description: 'Scoring of new records' },
      { name: 'reviews', description: "Advisors' reviews of the model's proposals (human oversight)" },
      { name: 'audit', description: 'The record of access to personal data' },
      { name: 'applications', description: 'Applications as a lender holds them: score, explain, simulate' },
    ],
    paths: {
      '/health': get('Liveness', 'service', ok('The process is up', ref('Health')), { probe: true }),
      '/ready': get('Readiness', 'service', ok('The model is loaded', ref('Ready')), { errors: ['NotReady'], probe: true }),
      '/openapi.json': get('OpenAPI document', 'service', ok('This document', { type: 'object' })),
      '/docs': get('API documentation page', 'service', { description: 'HTML rendering of this document', content: { 'text/html': { schema: { type: 'string' } } } }),
      '/metrics': get('Prometheus metrics', 'service', { description: 'Text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } }, { probe: true, need: SCOPES.metricsRead }),
      '/v1/model': get('Model summary', 'model', ok('Version, threshold, nested-CV metrics and the feature catalogue', ref('ModelSummary'), etagged), { extra: notModified, need: 'signed-in' }),
      '/v1/model/metrics': artifactDoc('Model metrics', 'metrics.json'),
      '/v1/model/fairness': artifactDoc('Fairness by group', 'fairness.json'),
      '/v1/model/drift': artifactDoc('Data drift', 'drift.json'),
      '/v1/population/stats': get('Population statistics', 'population', ok('population.json: quantiles, histograms and a sample of feature values and probabilities (no client id, no outcome)', ref('ArtifactDocument'), etagged), { extra: notModified, need: 'signed-in' }),
      '/v1/population/importance': get('Global importance', 'population', ok('importance.json: mean |SHAP| per feature', ref('ArtifactDocument'), etagged), { extra: notModified, need: 'signed-in' }),
      '/v1/clients': get('List clients', 'clients', ok('One page of clients', ref('ClientList')), { parameters: listParams, errors: ['BadRequest'], need: read }),
      '/v1/clients/points': get('Client points', 'clients', ok('Two model inputs and the probability of every matching client', ref('ClientPoints')), { parameters: pointsParams, errors: ['BadRequest'], need: read }),
      '/v1/clients/{id}': get('Client details', 'clients', ok('Display fields and model inputs', ref('ClientDetail')), { parameters: [clientId], errors: ['BadRequest', 'NotFound'], need: read }),
      '/v1/clients/{id}/score': get('Client score', 'clients', ok('Probability of default and decision', ref('ClientScore')), { parameters: [clientId], errors: ['BadRequest', 'NotFound'], need: read }),
      '/v1/clients/{id}/explanation': get('Client explanation', 'clients', ok('SHAP contributions with phrases', ref('Explanation')), { parameters: [clientId, top], errors: ['BadRequest', 'NotFound'], need: read }),
            '/v1/clients/{id}/reviews': {
        ...get('Client reviews', 'reviews', ok("The client's reviews, newest first, with the advisor", ref('ClientReviews')), { parameters: [clientId], errors: ['BadRequest', 'NotFound'], need: read }),
        ...reviewPost(post('Record a review', 'reviews', 'ReviewRequest', ok('Already stored (a resend of the same review)', ref('Review')), [clientId], SCOPES.reviewsWrite)),
      },
      '/v1/reviews': get('List reviews', 'reviews', ok("The caller's reviews (everyone's with reviews:read-all), newest first", ref('ReviewPage')), { parameters: reviewListParams, errors: ['BadRequest'], need: SCOPES.reviewsWrite }),
      '/v1/score': post('Score records', 'scoring', 'ScoreRequest', ok('One result per record, in order', ref('ScoreResponse')), [], SCOPES.applicationsBatch,
        'Scores model inputs computed elsewhere. A record that lacks the inputs of a required application field is refused (400).'),
      '/v1/audit': get('Record of access', 'audit', ok('One page of the record of access, newest first', ref('AccessPage')), { parameters: auditParams, errors: ['BadRequest'], need: SCOPES.auditRead }),
      ...(applications ? applicationPaths() : {}),
    },
    components: {
      schemas: { ...componentSchemas, ...(applications ? applicationComponents(applications) : {}) },
      responses: Object.fromEntries(Object.entries(PROBLEMS).map(([name, description]) => [
        name, { description, content: { 'application/problem+json': { schema: ref('Problem') } } },
      ])),
      securitySchemes: {
        bearer: {
          type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
          description: 'An OAuth 2 access token (JWT) from the configured OpenID provider (OIDC_ISSUER); `make token ROLE=advisor|supervisor|tool` prints a demo one',
        },
      },
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
