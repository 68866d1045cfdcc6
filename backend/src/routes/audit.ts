/** GET /v1/audit: the record of access, newest first, filtered by client, user and time (supervisors). */
import type Router from '@koa/router';
import type { Guard } from '../auth/guard.js';
import { SCOPES } from '../auth/scopes.js';
import type { AccessLog, AccessQuery, StoredAccess } from '../db/access-log.js';
import type { FieldError } from '../errors.js';
import { parseId, parseIntParam, parseTextParam, rejectUnknown, type RawParam } from '../schemas/fields.js';
import { inputOf, validate } from '../schemas/validate.js';

export const auditDefaults = { limit: 50, maxLimit: 500, maxOffset: 1_000_000_000, maxSubjectLength: 255 } as const;

const AUDIT_KEYS = ['client', 'subject', 'from', 'to', 'limit', 'offset'] as const;
/** RFC 3339 date-time with an explicit offset, or a plain date (midnight UTC). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function parseTime(raw: RawParam, field: string, errors: FieldError[]): Date | undefined {
  const text = parseTextParam(raw, field, 40, errors);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!TIMESTAMP.test(text) || Number.isNaN(date.getTime())) {
    errors.push({ field, message: 'must be a date (2026-01-31) or an RFC 3339 time (2026-01-31T09:00:00Z)' });
    return undefined;
  }
  return date;
}

export function parseAuditQuery(query: Record<string, RawParam>, errors: FieldError[]): AccessQuery {
  rejectUnknown(query, AUDIT_KEYS, errors);
  const client = query['client'] === undefined || query['client'] === '' ? undefined : parseId(query['client'], errors, 'client');
  const parsed: AccessQuery = {
    clientId: client === undefined ? undefined : String(client),
    subject: parseTextParam(query['subject'], 'subject', auditDefaults.maxSubjectLength, errors),
    from: parseTime(query['from'], 'from', errors),
    to: parseTime(query['to'], 'to', errors),
    limit: parseIntParam(query['limit'], 'limit', 1, auditDefaults.maxLimit, auditDefaults.limit, errors),
    offset: parseIntParam(query['offset'], 'offset', 0, auditDefaults.maxOffset, 0, errors),
  };
  if (parsed.from && parsed.to && parsed.from >= parsed.to) errors.push({ field: 'to', message: 'must be later than from' });
  return parsed;
}

function toJson(entry: StoredAccess): Record<string, unknown> {
  return {
    id: entry.id, at: entry.at.toISOString(), subject: entry.subject, client_app: entry.clientApp, method: entry.method,
    route: entry.route, client_id: entry.clientId, application_id: entry.applicationId, records: entry.records,
    model_version: entry.modelVersion, request_id: entry.requestId,
  };
}

export function auditRoutes(router: Router, auth: Guard, log: AccessLog): void {
  router.get('/v1/audit', auth.need(SCOPES.auditRead), validate({ query: parseAuditQuery }), async (ctx) => {
    const query = inputOf<undefined, AccessQuery, undefined>(ctx).query;
    const page = await log.page(query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { total: page.total, offset: query.offset, limit: query.limit, items: page.items.map(toJson) };
  });
}
