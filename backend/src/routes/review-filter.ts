/**
 * ?review= of GET /v1/clients: reviewed | not_reviewed | overridden (the
 * latest review is an override). The reviews live in the writable database,
 * the clients in the read-only store: the filter turns into a list of ids.
 */
import type { Middleware } from 'koa';
import type { ReviewStore } from '../db/reviews.js';
import { ValidationError } from '../errors.js';
import type { ClientQuery } from '../store/clients.js';

export const REVIEW_FILTERS = ['reviewed', 'not_reviewed', 'overridden'] as const;

/** Runs after validate(): reads the raw parameter (validate only checked it is a known key) and narrows the parsed query. */
export function reviewFilter(store: ReviewStore): Middleware {
  return async (ctx, next) => {
    const raw = ctx.query['review'];
    if (raw === undefined || raw === '') return next();
    if (typeof raw !== 'string' || !(REVIEW_FILTERS as readonly string[]).includes(raw)) {
      throw new ValidationError(`Invalid request: review must be one of ${REVIEW_FILTERS.join(', ')}`, [
        { field: 'review', message: `must be one of ${REVIEW_FILTERS.join(', ')}, got ${JSON.stringify(raw).slice(0, 40)}` },
      ]);
    }
    const query = (ctx.state['input'] as { query: ClientQuery }).query;
    const ids = [...(await store.reviewedClients(raw === 'overridden'))];
    query.ids = { only: raw !== 'not_reviewed', ids };
    return next();
  };
}
