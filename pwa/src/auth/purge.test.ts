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
