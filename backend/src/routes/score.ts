/** POST /v1/score: score (and optionally explain) up to 1,000 records. */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Guard } from '../auth/guard.js';
import { SCOPES } from '../auth/scopes.js';
import type { ScoreRequirement } from '../features/score-requirements.js';
import { explanationBudgetError, workGateDefaults, type WorkGate } from '../http/work-gate.js';
import { parseScoreBody, type ScoreRequest } from '../schemas/bodies.js';
import { parseNoQuery } from '../schemas/queries.js';
import { inputOf, validate } from '../schemas/validate.js';
import type { ScoringService } from '../services/scoring.js';

/**
 * Batch scoring for other tools: records may name stored clients, so each call is recorded. The gate bounds
 * concurrent batches (memory); `requirements` refuses an under-specified record instead of scoring NaNs.
 */
export function scoreRoutes(router: Router, scoring: ScoringService, auth: Guard, record: Middleware, bodyLimit: number, gate: WorkGate,
  requirements: ScoreRequirement[] = [], budget: number = workGateDefaults.maxExplainedEntries): void {
  const schema = validate({ query: parseNoQuery, body: (raw, errors) => parseScoreBody(raw, scoring.model.featureIndex, errors, requirements) }, bodyLimit);
  router.post('/v1/score', auth.need(SCOPES.applicationsBatch), record, gate.middleware(), schema, async (ctx) => {
    const { rows, ids, explain, top } = inputOf<undefined, unknown, ScoreRequest>(ctx).body;
    if (explain && ids.length * top > budget) throw explanationBudgetError(ids.length, top, budget);
    ctx.body = await scoring.scoreBatch(rows, ids, explain, top);
  });
}
