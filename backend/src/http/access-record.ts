/**
 * Appends one row to the record of access after a successful read or score
 * of personal data, before the answer leaves: if the row cannot be written,
 * the caller gets a 500 and no data (nothing personal goes out unrecorded).
 */
import type { Context, Middleware } from 'koa';
import { userOf } from '../auth/guard.js';
import type { AccessLog } from '../db/access-log.js';
import { routeLabel } from './request-context.js';

export interface AccessSubject {
  clientId: string | null;
  applicationId: string | null;
  records: number;
}

/** What the answer was about: the client of /:id routes, else the number of items answered. */
export type DescribeAccess = (ctx: Context) => AccessSubject;

function itemCount(body: unknown): number {
  const b = body as { items?: unknown; results?: unknown; id?: unknown } | null;
  if (Array.isArray(b?.items)) return b.items.length;
  // GET /v1/clients/points answers columns: one id per client.
  if (Array.isArray(b?.id)) return b.id.length;
  if (Array.isArray(b?.results)) return b.results.length;
  return 1;
}

export const describeAccess: DescribeAccess = (ctx) => {
  const id = (ctx.params as Record<string, unknown> | undefined)?.['id'];
  return { clientId: typeof id === 'string' ? id : null, applicationId: null, records: itemCount(ctx.body) };
};

/**
 * For application routes (POST /v1/applications, /batch, /what-if): the caller's application id
 * when it gave one (`id` of the parsed body, see schemas/validate.ts), else none.
 */
export const describeApplicationAccess: DescribeAccess = (ctx) => {
  const body = (ctx.state['input'] as { body?: { id?: unknown; applications?: unknown[] } } | undefined)?.body;
  const id = body?.id;
  return {
    clientId: null,
    applicationId: typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 100) : null,
    records: Array.isArray(body?.applications) ? body.applications.length : itemCount(ctx.body),
  };
};

export function recordAccess(log: AccessLog, modelVersion: string, describe: DescribeAccess = describeAccess): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status < 200 || ctx.status >= 300) return;
    const user = userOf(ctx);
    if (user === undefined) throw new Error('recordAccess must come after a guard');
    await log.append({
      at: new Date(),
      subject: user.subject,
      clientApp: user.clientId,
      method: ctx.method,
      route: routeLabel(ctx as unknown as { _matchedRoute?: string; path: string }),
      ...describe(ctx),
      modelVersion,
      requestId: String(ctx.state['requestId'] ?? ''),
    });
  };
}
