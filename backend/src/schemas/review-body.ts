/**
 * POST /v1/clients/:id/reviews body. The id is a UUID made by the browser
 * (idempotency key); an override needs a justification; `seen` is what the
 * advisor was shown, possibly offline and by an older model.
 */
import type { FieldError } from '../errors.js';
import { isOverride, OUTCOMES, type Outcome, type SeenProposal } from '../db/reviews.js';

export const reviewBodyDefaults = {
  maxJustification: 2_000, maxNote: 4_000, maxReasons: 20, maxReasonLength: 100, maxVersionLength: 40,
  /** A browser clock a little ahead is tolerated; a decision from the future is not. */
  futureSkewMs: 5 * 60_000,
} as const;

export interface ReviewBody {
  id: string;
  outcome: Outcome;
  justification: string | null;
  note: string | null;
  reviewedAt: Date | undefined;
  seen: SeenProposal | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => JSON.stringify(v)?.slice(0, 60) ?? String(v);

function text(raw: unknown, field: string, max: number, errors: FieldError[]): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' || raw.length > max || CONTROL.test(raw)) {
    errors.push({ field, message: `must be text of at most ${max} characters, got ${shown(raw)}` });
    return null;
  }
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

function parseSeen(raw: unknown, errors: FieldError[]): SeenProposal | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    errors.push({ field: 'seen', message: 'must be an object {probability, decision, model_version, reasons}' });
    return undefined;
  }
  for (const key of Object.keys(raw)) if (!['probability', 'decision', 'model_version', 'reasons'].includes(key)) errors.push({ field: `seen.${key}`, message: 'unknown field' });
  const { probability, decision, model_version: version, reasons } = raw;
  const before = errors.length;
  if (typeof probability !== 'number' || !Number.isFinite(probability) || probability < 0 || probability > 1) errors.push({ field: 'seen.probability', message: `must be a number from 0 to 1, got ${shown(probability)}` });
  if (decision !== 'granted' && decision !== 'refused') errors.push({ field: 'seen.decision', message: `must be granted or refused, got ${shown(decision)}` });
  if (typeof version !== 'string' || version === '' || version.length > reviewBodyDefaults.maxVersionLength) errors.push({ field: 'seen.model_version', message: `must be a model version, got ${shown(version)}` });
  const names = Array.isArray(reasons) ? reasons : [];
  if (!Array.isArray(reasons) || reasons.length > reviewBodyDefaults.maxReasons
    || names.some((r) => typeof r !== 'string' || r === '' || r.length > reviewBodyDefaults.maxReasonLength)) {
    errors.push({ field: 'seen.reasons', message: `must be a list of at most ${reviewBodyDefaults.maxReasons} feature names` });
  }
  if (errors.length > before) return undefined;
  return { probability: probability as number, decision: decision as SeenProposal['decision'], modelVersion: version as string, reasons: names as string[] };
}

export function parseReviewBody(body: unknown, errors: FieldError[], now: Date = new Date()): ReviewBody {
  const empty: ReviewBody = { id: '', outcome: 'agree', justification: null, note: null, reviewedAt: undefined, seen: undefined };
  if (!isRecord(body)) {
    errors.push({ field: 'body', message: 'must be a JSON object {id, outcome, justification, note}' });
    return empty;
  }
  for (const key of Object.keys(body)) {
    if (!['id', 'outcome', 'justification', 'note', 'reviewed_at', 'seen'].includes(key)) errors.push({ field: key, message: 'unknown field' });
  }
  const id = typeof body['id'] === 'string' && UUID.test(body['id']) ? body['id'].toLowerCase() : undefined;
  if (id === undefined) errors.push({ field: 'id', message: `must be a UUID made by the client, got ${shown(body['id'])}` });
  const outcome = (OUTCOMES as readonly unknown[]).includes(body['outcome']) ? (body['outcome'] as Outcome) : undefined;
  if (outcome === undefined) errors.push({ field: 'outcome', message: `must be one of ${OUTCOMES.join(', ')}, got ${shown(body['outcome'])}` });
  const justification = text(body['justification'], 'justification', reviewBodyDefaults.maxJustification, errors);
  if (outcome !== undefined && isOverride(outcome) && justification === null && !errors.some((e) => e.field === 'justification')) {
    errors.push({ field: 'justification', message: `is required when overriding the proposal (outcome ${outcome})` });
  }
  const note = text(body['note'], 'note', reviewBodyDefaults.maxNote, errors);
  let reviewedAt: Date | undefined;
  const rawTime = body['reviewed_at'];
  if (rawTime !== undefined) {
    const date = typeof rawTime === 'string' && ISO_TIME.test(rawTime) ? new Date(rawTime) : undefined;
    if (date === undefined || Number.isNaN(date.getTime())) errors.push({ field: 'reviewed_at', message: `must be an RFC 3339 time, got ${shown(rawTime)}` });
    else if (date.getTime() > now.getTime() + reviewBodyDefaults.futureSkewMs) errors.push({ field: 'reviewed_at', message: `is in the future: ${rawTime}` });
    else reviewedAt = date;
  }
  const seen = parseSeen(body['seen'], errors);
  return { id: id ?? '', outcome: outcome ?? 'agree', justification, note, reviewedAt, seen };
}
