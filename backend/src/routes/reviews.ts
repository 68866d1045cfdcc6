/**
 * Reviews: POST /v1/clients/:id/reviews (idempotent on the browser-made id:
 * 201 stored, 200 already stored, 409 the id holds another review),
 * GET /v1/clients/:id/reviews (history, newest first), GET /v1/reviews (the
 * caller's own reviews; everyone's with reviews:read-all).
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { userOf, type Guard } from '../auth/guard.js';
import { SCOPES } from '../auth/scopes.js';
import type { ReviewEntry, ReviewQuery, ReviewStore } from '../db/reviews.js';
import { AppError, ForbiddenError, NotFoundError, type FieldError } from '../errors.js';
import { parseEnumParam, parseId, parseIntParam, parseTextParam, rejectUnknown, type RawParam } from '../schemas/fields.js';
import { parseNoQuery } from '../schemas/queries.js';
import { parseReviewBody, type ReviewBody } from '../schemas/review-body.js';
import { inputOf, validate } from '../schemas/validate.js';
import type { ScoringService } from '../services/scoring.js';

export const reviewsDefaults = { limit: 50, maxLimit: 500, maxOffset: 1_000_000, bodyLimitBytes: 32 * 1024 } as const;

export function reviewToJson(r: ReviewEntry): Record<string, unknown> {
  return {
    id: r.id, client_id: Number(r.clientId), outcome: r.outcome, justification: r.justification, note: r.note,
    reviewed_at: r.reviewedAt.toISOString(), received_at: r.receivedAt.toISOString(), advisor: r.subject,
    seen: { probability: r.seen.probability, decision: r.seen.decision, model_version: r.seen.modelVersion, reasons: r.seen.reasons },
  };
}

function idParams(raw: Record<string, RawParam>, errors: FieldError[]): { id: number } {
  return { id: parseId(raw['id'], errors) ?? 0 };
}

const LIST_KEYS = ['subject', 'overrides', 'from', 'limit', 'offset'] as const;

function parseListQuery(query: Record<string, RawParam>, errors: FieldError[]): ReviewQuery {
  rejectUnknown(query, LIST_KEYS, errors);
  const from = parseTextParam(query['from'], 'from', 40, errors);
  const fromDate = from === undefined ? undefined : new Date(from);
  if (fromDate !== undefined && (Number.isNaN(fromDate.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(from!))) errors.push({ field: 'from', message: `must be a date or an RFC 3339 time, got ${JSON.stringify(from)}` });
  return {
    subject: parseTextParam(query['subject'], 'subject', 255, errors),
    overridesOnly: parseEnumParam(query['overrides'], 'overrides', ['true', 'false'], errors) === 'true',
    from: fromDate,
    limit: parseIntParam(query['limit'], 'limit', 1, reviewsDefaults.maxLimit, reviewsDefaults.limit, errors),
    offset: parseIntParam(query['offset'], 'offset', 0, reviewsDefaults.maxOffset, 0, errors),
  };
}

export function reviewRoutes(router: Router, scoring: ScoringService, store: ReviewStore, auth: Guard, record: Middleware): void {
  const model = scoring.model;
  const known = (id: number): void => {
    if (!model.store.get(id)) throw new NotFoundError(`No client with id ${id}`, [{ field: 'id', message: `unknown client id ${id}` }]);
  };

  const postSchema = validate({ params: idParams, query: parseNoQuery, body: (raw, errors) => parseReviewBody(raw, errors) }, reviewsDefaults.bodyLimitBytes);
  router.post('/v1/clients/:id/reviews', auth.need(SCOPES.reviewsWrite), postSchema, async (ctx) => {
    const input = inputOf<{ id: number }, unknown, ReviewBody>(ctx);
    const clientId = input.params.id;
    known(clientId);
    const user = userOf(ctx)!;
    const now = new Date();
    const body = input.body;
    // Without `seen` (a tool, not the dashboard), the proposal is today's stored score.
    const score = body.seen === undefined ? await scoring.scoreClient(clientId) : undefined;
    const seen = body.seen ?? { probability: score!.probability, decision: score!.decision, modelVersion: model.modelVersion, reasons: [] };
    const entry: ReviewEntry = {
      id: body.id, clientId: String(clientId), outcome: body.outcome, justification: body.justification, note: body.note,
      reviewedAt: body.reviewedAt ?? now, receivedAt: now, subject: user.subject, clientApp: user.clientId, seen,
    };
    const result = await store.add(entry);
    // Without reviewed_at a resend differs only by the server-filled time: still the same review.
    if (result.status === 'conflict' && body.reviewedAt === undefined && sameBut(result.review, entry)) {
      ctx.status = 200;
      ctx.body = reviewToJson(result.review);
      return;
    }
    if (result.status === 'conflict') {
      throw new AppError(409, 'conflict', `Review id ${body.id} is already used by another review`, [
        { field: 'id', message: `already used by a different review (client ${result.review.clientId}, outcome ${result.review.outcome})` },
      ]);
    }
    ctx.status = result.status === 'created' ? 201 : 200;
    ctx.set('Location', `/v1/clients/${clientId}/reviews`);
    ctx.body = reviewToJson(result.review);
  });

  router.get('/v1/clients/:id/reviews', auth.need(SCOPES.clientsRead), record, validate({ params: idParams, query: parseNoQuery }), async (ctx) => {
    const { id } = inputOf<{ id: number }, unknown, undefined>(ctx).params;
    known(id);
    const items = await store.forClient(String(id));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { client_id: id, latest: items[0] ? reviewToJson(items[0]) : null, items: items.map(reviewToJson) };
  });

  router.get('/v1/reviews', auth.need(SCOPES.reviewsWrite), validate({ query: parseListQuery }), async (ctx) => {
    const query = inputOf<undefined, ReviewQuery, undefined>(ctx).query;
    const user = userOf(ctx)!;
    const all = user.scopes.has(SCOPES.reviewsReadAll);
    if (!all && query.subject !== undefined && query.subject !== user.subject) throw new ForbiddenError(SCOPES.reviewsReadAll);
    // An advisor sees their own reviews; a supervisor everyone's unless they ask for one advisor.
    const scoped = { ...query, subject: all ? query.subject : user.subject };
    const page = await store.page(scoped);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { total: page.total, offset: query.offset, limit: query.limit, items: page.items.map(reviewToJson) };
  });
}

/** Same review apart from the server-filled time (a resend of a body without reviewed_at). */
function sameBut(stored: ReviewEntry, sent: ReviewEntry): boolean {
  return stored.clientId === sent.clientId && stored.outcome === sent.outcome && stored.justification === sent.justification
    && stored.note === sent.note && stored.subject === sent.subject;
}
