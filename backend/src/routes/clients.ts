/** /v1/clients: list, detail, score, explanation and what-if of known clients. */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Guard } from '../auth/guard.js';
import { SCOPES } from '../auth/scopes.js';
import type { FieldError } from '../errors.js';
import { NotFoundError } from '../errors.js';
import type { ApplicationSchema } from '../features/application-schema.js';
import { parseClientWhatIf, parseWhatIfQuery } from '../schemas/application-requests.js';
import { parseId, type RawParam } from '../schemas/fields.js';
import { parseClientListQuery, parseClientPointsQuery, parseNoQuery, parseTopQuery, type ClientListQuery, type ClientPointsQuery } from '../schemas/queries.js';
import type { ApplicationService, FieldChange } from '../services/applications.js';
import { clientPoints } from '../services/client-points.js';
import { inputOf, validate } from '../schemas/validate.js';
import { decide, decisionBounds } from '../services/decision.js';
import { float32Value } from '../services/phrases.js';
import type { ScoringService } from '../services/scoring.js';
import type { RawClientSource } from '../store/raw-clients.js';

/** What the what-if of a stored client needs: its raw rows and the feature engine. */
export interface ClientWhatIfDeps {
  applications: ApplicationService;
  schema: ApplicationSchema;
  rawClients: RawClientSource;
}

interface IdParams {
  id: number;
}

function idParams(raw: Record<string, RawParam>, errors: FieldError[]): IdParams {
  return { id: parseId(raw['id'], errors) ?? 0 };
}

/**
 * `byReview` applies ?review= (routes/review-filter.ts). `record` appends each successful access to the record of access
 * (http/access-record.ts). Without `whatIfDeps` (tests of the list alone) the what-if route is not served.
 */
export function clientRoutes(router: Router, scoring: ScoringService, auth: Guard, record: Middleware, bodyLimit: number, byReview: Middleware,
  whatIfDeps?: ClientWhatIfDeps): void {
  const model = scoring.model;
  const read = auth.need(SCOPES.clientsRead);

  router.get('/v1/clients', read, record, validate({ query: parseClientListQuery }), byReview, (ctx) => {
    const { decision, ...rest } = inputOf<undefined, ClientListQuery, undefined>(ctx).query;
    const query = { ...rest, ...decisionBounds(decision, model.threshold) };
    const { total, items } = model.store.list(query);
    ctx.body = {
      total,
      offset: query.offset,
      limit: query.limit,
      items: items.map((item) => ({ ...item, decision: decide(item.probability, model.threshold) })),
    };
  });

  // Before /v1/clients/:id, which would read "points" as a (bad) id.
  const pointsSchema = validate({ query: (raw, errors) => parseClientPointsQuery(raw, errors, model.featureIndex) });
  router.get('/v1/clients/points', read, record, pointsSchema, (ctx) => {
    const { x, y, filters } = inputOf<undefined, ClientPointsQuery, undefined>(ctx).query;
    ctx.body = clientPoints(model, x, y, filters);
  });

  router.get('/v1/clients/:id', read, record, validate({ params: idParams, query: parseNoQuery }), (ctx) => {
    const { id } = inputOf<IdParams, unknown, undefined>(ctx).params;
    const client = model.store.get(id);
    const vector = model.store.vector(id);
    if (!client || !vector) throw new NotFoundError(`No client with id ${id}`, [{ field: 'id', message: `unknown client id ${id}` }]);
    const features: Record<string, number | null> = {};
    model.features.forEach((f, i) => {
      features[f.name] = float32Value(vector[i]!);
    });
    ctx.body = { ...client, features };
  });

  router.get('/v1/clients/:id/score', read, record, validate({ params: idParams, query: parseNoQuery }), async (ctx) => {
    ctx.body = await scoring.scoreClient(inputOf<IdParams, unknown, undefined>(ctx).params.id);
  });

  router.get('/v1/clients/:id/explanation', read, record, validate({ params: idParams, query: parseTopQuery }), async (ctx) => {
    const input = inputOf<IdParams, { top: number }, undefined>(ctx);
    ctx.body = await scoring.explainClient(input.params.id, input.query.top);
  });

  if (!whatIfDeps) return;
  const { applications, schema, rawClients } = whatIfDeps;
  // Raw application fields only: every dependent input is recomputed by the model's definitions.
  const whatIfSchema = validate({ params: idParams, query: parseWhatIfQuery, body: (raw, errors) => parseClientWhatIf(schema, raw, errors) }, bodyLimit);
  router.post('/v1/clients/:id/what-if', read, record, whatIfSchema, async (ctx) => {
    const input = inputOf<IdParams, undefined, FieldChange[]>(ctx);
    const id = input.params.id;
    const application = rawClients.application(id);
    if (!application) throw new NotFoundError(`No client with id ${id}`, [{ field: 'id', message: `unknown client id ${id}`, value: id }]);
    ctx.body = { id, ...(await applications.whatIf(application, input.body)) };
  });
}
