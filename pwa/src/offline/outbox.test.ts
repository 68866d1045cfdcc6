import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { classify, openOutbox, syncOutbox, type OutboxItem, type ReviewBody, type SendResult } from './outbox.js';

let n = 0;
const fresh = () => openOutbox(`test-outbox-${(n += 1)}`);
const body = (id: string, overrides: Partial<ReviewBody> = {}): ReviewBody => ({
  id, outcome: 'agree', justification: null, note: 'vu', reviewed_at: '2026-03-02T09:00:00.000Z',
  seen: { probability: 0.1, decision: 'granted', model_version: '1.0.0', reasons: ['EXT_SOURCE_2'] }, ...overrides,
});

describe('review outbox (IndexedDB)', () => {
  it('keeps reviews oldest first and refuses an override without justification or a reused id', async () => {
    const box = await fresh();
    await box.add(1, body('a'));
    await new Promise((r) => setTimeout(r, 2));
    await box.add(2, body('b'));
    expect((await box.list()).map((i) => i.id)).toEqual(['a', 'b']);
    await expect(box.add(3, body('c', { outcome: 'override_grant', justification: '  ' }))).rejects.toThrow(/justification/);
    await expect(box.add(1, body('a'))).rejects.toThrow();
    expect(await box.pendingCount()).toBe(2);
  });

  it('removes only what the API stored, keeps a refusal with its reason, and stops at the first failure', async () => {
    const box = await fresh();
    for (const id of ['a', 'b', 'c', 'd']) await box.add(1, body(id));
    const answers: Record<string, SendResult> = {
      a: { kind: 'stored' }, b: { kind: 'refused', problem: 'note: too long' }, c: { kind: 'retry-later', reason: 'offline' }, d: { kind: 'stored' },
    };
    const sent: string[] = [];
    const report = await syncOutbox(box, (item: OutboxItem) => {
      sent.push(item.id);
      return Promise.resolve(answers[item.id]!);
    });
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(report).toEqual({ sent: 1, refused: 1, stoppedBy: 'offline' });
    const left = await box.list();
    expect(left.map((i) => [i.id, i.state, i.problem, i.attempts])).toEqual([['b', 'rejected', 'note: too long', 1], ['c', 'pending', null, 1], ['d', 'pending', null, 0]]);
    expect(await box.pendingCount()).toBe(2);
  });

  it('treats a send that throws (network cut) as retry-later, keeping the review', async () => {
    const box = await fresh();
    await box.add(1, body('a'));
    const report = await syncOutbox(box, () => Promise.reject(new Error('Failed to fetch')));
    expect(report.stoppedBy).toBe('Failed to fetch');
    expect(await box.pendingCount()).toBe(1);
    // The next sync (same id) goes through: the API recognises the id, nothing is doubled.
    expect((await syncOutbox(box, () => Promise.resolve({ kind: 'stored' }))).sent).toBe(1);
    expect(await box.list()).toEqual([]);
  });

  it('classifies the API answers', () => {
    expect(classify(201, '').kind).toBe('stored');
    expect(classify(200, '').kind).toBe('stored');
    for (const s of [400, 404, 409]) expect(classify(s, 'x').kind).toBe('refused');
    for (const s of [0, 401, 429, 500, 502, 503]) expect(classify(s, 'x').kind).toBe('retry-later');
  });
});

describe('correcting a refused review', () => {
  it('replaces it under a new id, pending again at its place, with what the advisor was shown kept', async () => {
    const box = await fresh();
    await box.add(1, body('a'));
    await new Promise((r) => setTimeout(r, 2));
    await box.add(2, body('b', { note: 'x'.repeat(10) }));
    await box.markRejected('b', 'note: too long');
    const item = await box.resubmit('b', { outcome: 'override_refuse', justification: 'Revenus non justifiés', note: 'court' }, 'b2', new Date('2026-03-03T10:00:00.000Z'));
    expect(item).toMatchObject({ id: 'b2', clientId: 2, state: 'pending', problem: null, attempts: 0 });
    expect(item.body).toMatchObject({ id: 'b2', outcome: 'override_refuse', justification: 'Revenus non justifiés', note: 'court', reviewed_at: '2026-03-03T10:00:00.000Z', seen: body('b').seen });
    expect((await box.list()).map((i) => i.id)).toEqual(['a', 'b2']);
    expect(await box.pendingCount()).toBe(2);
  });

  it('refuses an override without justification, and a review that was not refused', async () => {
    const box = await fresh();
    await box.add(1, body('a'));
    await expect(box.resubmit('a', { outcome: 'agree', justification: null, note: null }, 'a2')).rejects.toThrow(/only a refused review/);
    await box.markRejected('a', 'HTTP 409');
    await expect(box.resubmit('a', { outcome: 'override_grant', justification: ' ', note: null }, 'a2')).rejects.toThrow(/justification/);
    await expect(box.resubmit('zz', { outcome: 'agree', justification: null, note: null }, 'z2')).rejects.toThrow(/not in the outbox/);
    expect((await box.list()).map((i) => [i.id, i.state])).toEqual([['a', 'rejected']]);
  });
});
