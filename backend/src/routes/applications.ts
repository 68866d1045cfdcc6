/**
 * /v1/applications: score, explain and simulate an application as a lender holds it (the
 * Kaggle columns and history), one or a batch; GET /v1/applications/schema describes every
 * field. Each route names its scope next to its path; every answer about an application is recorded
 * (who scored what, when), without the application's content.
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Guard } from '../auth/guard.js';
import { SCOPES } from '../auth/scopes.js';
import type { FieldError } from '../errors.js';
import type { RawApplication } from '../features/application-body.js';
import type { ApplicationSchema } from '../features/application-schema.js';
import { sendStaticDoc, staticDoc } from '../http/static-doc.js';
import { explanationBudgetError, workGateDefaults, type WorkGate } from '../http/work-gate.js';
import {
  parseApplicationRequest, parseApplicationWhatIf, parseBatchRequest, parseExplainQuery, parseWhatIfQuery,
  type ApplicationWhatIf, type BatchItem, type ExplainQuery,
} from '../schemas/application-requests.js';
import { parseNoQuery } from '../schemas/queries.js';
import { inputOf, validate } from '../schemas/validate.js';
import type { ApplicationService } from '../services/applications.js';

export interface ApplicationRouteDeps {
  applications: ApplicationService;
  schema: ApplicationSchema;
  auth: Guard;
  /** Appends to the record of access (http/access-record.ts); applications are personal data too. */
  record: Middleware;
  bodyLimit: number;
  /** Limit of the batch body (larger: it is read inside the gate, one batch at a time). */
  batchBodyLimit?: number;
  gate: WorkGate;
  maxExplainedEntries?: number;
}

export function applicationRoutes(router: Router, deps: ApplicationRouteDeps): void {
  const { applications, schema, auth, record, bodyLimit, gate } = deps;
  const score = auth.need(SCOPES.applicationsScore);
  const budget = deps.maxExplainedEntries ?? workGateDefaults.maxExplainedEntries;
  const schemaDoc = staticDoc(schema.document);
  const single = validate({ query: parseExplainQuery, body: (raw, errors) => parseApplicationRequest(schema, raw, errors) }, bodyLimit);
  const batch = validate({ query: parseExplainQuery, body: (raw, errors) => parseBatchRequest(schema, raw, errors) }, deps.batchBodyLimit ?? bodyLimit);
  const whatIf = validate({ query: parseWhatIfQuery, body: (raw, errors: FieldError[]) => parseApplicationWhatIf(schema, raw, errors) }, bodyLimit);

  router.get('/v1/applications/schema', score, validate({ query: parseNoQuery }), (ctx) => sendStaticDoc(ctx, schemaDoc));

  router.post('/v1/applications', score, record, single, async (ctx) => {
    const input = inputOf<undefined, ExplainQuery, RawApplication>(ctx);
    const [result] = await applications.score([input.body], input.query.explain, input.query.top);
    ctx.body = result;
  });

  router.post('/v1/applications/batch', auth.need(SCOPES.applicationsBatch), record, gate.middleware(), batch, async (ctx) => {
    const { query, body } = inputOf<undefined, ExplainQuery, BatchItem[]>(ctx);
    const valid = body.flatMap((item) => (item.ok ? [item.application] : []));
    const perItem = query.top + applications.model.groups.length;
    if (query.explain && valid.length * perItem > budget) throw explanationBudgetError(valid.length, perItem, budget);
    const scored = valid.length > 0 ? await applications.score(valid, query.explain, query.top) : [];
    let next = 0;
    const results = body.map((item, index) => (item.ok
      ? { index, ...scored[next++]! }
      : { index, ...(item.id !== undefined ? { id: item.id } : {}), status: 400, errors: item.errors }));
    ctx.body = { model_version: applications.model.modelVersion, threshold: applications.model.threshold, results };
  });

  router.post('/v1/applications/what-if', score, record, whatIf, async (ctx) => {
    const { application, changes } = inputOf<undefined, undefined, ApplicationWhatIf>(ctx).body;
    ctx.body = await applications.whatIf(application, changes);
  });
}
