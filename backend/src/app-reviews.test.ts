/**
 * Reviews through the HTTP API on the tiny app: idempotent POST (201, then
 * 200, 409 for a reused id), validation naming the field, history newest
 * first with the advisor, and who sees whose reviews.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLE_SCOPES } from './auth/scopes.js';
import { createTinyApp, TINY_IDS, type TinyApp } from './testing/tiny-model.js';
import { bearer } from './testing/tokens.js';

type Json = Record<string, any>;
const client = TINY_IDS[0]!;

describe('reviews API', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  const advisor = (sub = 'advisor-1'): string => bearer({ scopes: ROLE_SCOPES.advisor, sub });
  const supervisor = bearer({ scopes: ROLE_SCOPES.supervisor, sub: 'supervisor-1' });
  const post = (body: unknown, auth = advisor(), id: number | string = client): request.Test =>
    request(server).post(`/v1/clients/${id}/reviews`).set('Authorization', auth).send(body as object);

  beforeEach(() => {
    tiny = createTinyApp();
    server = tiny.app.callback();
  });
  afterEach(() => tiny.close());

  it('stores a review once: 201, then 200 with the same stored review for a resend', async () => {
    const body = {
      id: randomUUID(), outcome: 'override_refuse', justification: 'Revenus non justifiés', note: 'RDV à domicile',
      reviewed_at: '2026-03-02T09:00:00.000Z', seen: { probability: 0.31, decision: 'refused', model_version: '0.1.0', reasons: ['EXT_SOURCE_2'] },
    };
    const first = await post(body).expect(201);
    expect(first.body).to.include({ id: body.id, client_id: client, outcome: 'override_refuse', advisor: 'advisor-1', reviewed_at: body.reviewed_at });
    expect(first.body.seen).to.deep.equal(body.seen);
    const again = await post(body).expect(200);
    expect(again.body).to.deep.equal(first.body);
    const history = (await request(server).get(`/v1/clients/${client}/reviews`).set('Authorization', advisor()).expect(200)).body as Json;
    expect(history['items']).to.have.length(1);
  });

  it('answers 409 naming the id when the id is reused with other content, and keeps the first', async () => {
    const id = randomUUID();
    await post({ id, outcome: 'agree' }).expect(201);
    const res = await post({ id, outcome: 'override_grant', justification: 'Garant solide' }).expect(409);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.errors[0].field).to.equal('id');
    // Another advisor reusing the id is a conflict too, never a silent merge.
    await post({ id, outcome: 'agree' }, advisor('advisor-2')).expect(409);
    const history = (await request(server).get(`/v1/clients/${client}/reviews`).set('Authorization', advisor()).expect(200)).body as Json;
    expect(history['items'].map((r: Json) => r['outcome'])).to.deep.equal(['agree']);
  });

  it('records the proposal of the stored score when the caller does not say what it saw', async () => {
    const res = await post({ id: randomUUID(), outcome: 'documents_requested' }).expect(201);
    expect(res.body.seen.model_version).to.equal('0.1.0');
    expect(res.body.seen.probability).to.be.within(0, 1);
    expect(['granted', 'refused']).to.include(res.body.seen.decision);
  });

  const invalid: Array<[string, Json, string]> = [
    ['an override without justification', { id: randomUUID(), outcome: 'override_grant', justification: '   ' }, 'justification'],
    ['an unknown outcome', { id: randomUUID(), outcome: 'maybe' }, 'outcome'],
    ['an id that is not a UUID', { id: '42', outcome: 'agree' }, 'id'],
    ['a decision from the future', { id: randomUUID(), outcome: 'agree', reviewed_at: '2999-01-01T00:00:00Z' }, 'reviewed_at'],
    ['a probability out of range', { id: randomUUID(), outcome: 'agree', seen: { probability: 2, decision: 'granted', model_version: '1', reasons: [] } }, 'seen.probability'],
    ['an unknown field', { id: randomUUID(), outcome: 'agree', advisor: 'someone-else' }, 'advisor'],
    ['a note too long', { id: randomUUID(), outcome: 'agree', note: 'x'.repeat(4001) }, 'note'],
  ];
  for (const [what, body, field] of invalid) {
    it(`refuses ${what} with a 400 naming ${field}`, async () => {
      const res = await post(body).expect(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body.errors.map((e: Json) => e['field'])).to.include(field);
    });
  }

  it('answers 404 for an unknown client and stores nothing', async () => {
    const res = await post({ id: randomUUID(), outcome: 'agree' }, advisor(), 999_999).expect(404);
    expect(res.body.errors[0].field).to.equal('id');
    expect((await tiny.db.reviews.page({ offset: 0, limit: 10 })).total).to.equal(0);
  });

  it('keeps both advisors\' reviews of one client; the history is newest first and names the advisor', async () => {
    await post({ id: randomUUID(), outcome: 'agree', reviewed_at: '2026-03-02T09:00:00Z' }, advisor('advisor-1')).expect(201);
    await post({ id: randomUUID(), outcome: 'override_refuse', justification: 'Dettes', reviewed_at: '2026-03-02T10:00:00Z' }, advisor('advisor-2')).expect(201);
    const res = (await request(server).get(`/v1/clients/${client}/reviews`).set('Authorization', advisor()).expect(200)).body as Json;
    expect(res['items'].map((r: Json) => r['advisor'])).to.deep.equal(['advisor-2', 'advisor-1']);
    expect(res['latest']['outcome']).to.equal('override_refuse');
  });

  it('needs reviews:write to post: a token with clients:read only gets 403', async () => {
    const res = await post({ id: randomUUID(), outcome: 'agree' }, bearer({ scopes: ['clients:read'] })).expect(403);
    expect(res.headers['www-authenticate']).to.include('scope="reviews:write"');
  });

  it('lists an advisor\'s own reviews only; a supervisor sees everyone\'s overrides', async () => {
    await post({ id: randomUUID(), outcome: 'override_grant', justification: 'Garant' }, advisor('advisor-1')).expect(201);
    await post({ id: randomUUID(), outcome: 'override_refuse', justification: 'Dettes' }, advisor('advisor-2')).expect(201);
    await post({ id: randomUUID(), outcome: 'agree' }, advisor('advisor-2')).expect(201);
    const mine = (await request(server).get('/v1/reviews').set('Authorization', advisor('advisor-1')).expect(200)).body as Json;
    expect(mine['items'].map((r: Json) => r['advisor'])).to.deep.equal(['advisor-1']);
    await request(server).get('/v1/reviews?subject=advisor-2').set('Authorization', advisor('advisor-1')).expect(403);
    const overrides = (await request(server).get('/v1/reviews?overrides=true').set('Authorization', supervisor).expect(200)).body as Json;
    expect(overrides['total']).to.equal(2);
    expect(overrides['items'].map((r: Json) => r['advisor']).sort()).to.deep.equal(['advisor-1', 'advisor-2']);
    await request(server).get('/v1/reviews?overrides=maybe').set('Authorization', supervisor).expect(400);
  });

  it('records each read of a client\'s history in the record of access', async () => {
    await request(server).get(`/v1/clients/${client}/reviews`).set('Authorization', advisor('advisor-9')).expect(200);
    const page = await tiny.db.accessLog.page({ offset: 0, limit: 10, subject: 'advisor-9' });
    expect(page.items.map((r) => [r.route, r.clientId])).to.deep.equal([['/v1/clients/:id/reviews', String(client)]]);
  });

  it('filters GET /v1/clients by review: reviewed, not reviewed, overridden (latest review)', async () => {
    const [a, b] = [TINY_IDS[0]!, TINY_IDS[1]!];
    await post({ id: randomUUID(), outcome: 'override_grant', justification: 'Garant', reviewed_at: '2026-03-02T09:00:00Z' }, advisor(), a).expect(201);
    await post({ id: randomUUID(), outcome: 'override_refuse', justification: 'Dettes', reviewed_at: '2026-03-02T09:00:00Z' }, advisor(), b).expect(201);
    await post({ id: randomUUID(), outcome: 'agree', reviewed_at: '2026-03-02T10:00:00Z' }, advisor('advisor-2'), b).expect(201);
    const list = async (q: string): Promise<Json> => (await request(server).get(`/v1/clients?limit=100&${q}`).set('Authorization', advisor()).expect(200)).body as Json;
    const ids = (page: Json): number[] => page['items'].map((c: Json) => c['id']).sort((x: number, y: number) => x - y);
    expect(ids(await list('review=reviewed'))).to.deep.equal([a, b].sort((x, y) => x - y));
    expect(ids(await list('review=overridden'))).to.deep.equal([a]);
    const all = await list('');
    const rest = await list('review=not_reviewed');
    expect(rest['total']).to.equal(all['total'] - 2);
    expect(ids(rest)).to.not.include.members([a, b]);
    const bad = await request(server).get('/v1/clients?review=maybe').set('Authorization', advisor()).expect(400);
    expect(bad.body.errors[0].field).to.equal('review');
  });
});
