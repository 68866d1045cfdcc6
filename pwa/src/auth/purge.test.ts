import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openReviewedStore } from '../offline/reviewed-store.js';
import { purgePersonalData } from './purge.js';

describe('sign-out purge', () => {
  it("deletes every user's reviewed-clients database and nothing else", async () => {
    for (const name of ['pad-advisor-aaaaaaaaaaaaaaaaaaaaaaaa', 'pad-advisor-bbbbbbbbbbbbbbbbbbbbbbbb', 'pad-advisor', 'unrelated']) {
      (await openReviewedStore(name)).close();
    }
    const removed = await purgePersonalData();
    expect(removed.databases.sort()).toEqual(['pad-advisor', 'pad-advisor-aaaaaaaaaaaaaaaaaaaaaaaa', 'pad-advisor-bbbbbbbbbbbbbbbbbbbbbbbb']);
    expect((await indexedDB.databases()).map((d) => d.name)).toEqual(['unrelated']);
  });
});

describe('sign-out purge and unsent reviews', () => {
  it('keeps the outbox of unsent reviews (the advisor was warned; they go out at the next sign-in)', async () => {
    const { openOutbox } = await import('../offline/outbox.js');
    const box = await openOutbox('pad-outbox-cccccccccccccccccccccccc');
    await box.add(7, { id: 'r1', outcome: 'agree', justification: null, note: null, reviewed_at: '2026-03-02T09:00:00.000Z', seen: { probability: 0.1, decision: 'granted', model_version: '1', reasons: [] } });
    box.close();
    (await openReviewedStore('pad-advisor-cccccccccccccccccccccccc')).close();
    await purgePersonalData();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain('pad-outbox-cccccccccccccccccccccccc');
    expect(names).not.toContain('pad-advisor-cccccccccccccccccccccccc');
    const reopened = await openOutbox('pad-outbox-cccccccccccccccccccccccc');
    expect(await reopened.pendingCount()).toBe(1);
    reopened.close();
  });
});
