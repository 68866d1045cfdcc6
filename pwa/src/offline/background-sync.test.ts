import { describe, expect, it } from 'vitest';
import { outboxSyncDefaults, wakeWindows, type OutboxSyncReply } from '../sw-sync.js';
import { listenForBackgroundSync, requestBackgroundSync, type ContainerLike } from './background-sync.js';
import type { SyncReport } from './outbox.js';

/** A service-worker container with (or without) a registration and its Background Sync manager. */
function container(registration: object | undefined) {
  const target = new EventTarget();
  return Object.assign(target, { getRegistration: () => Promise.resolve(registration) }) as unknown as ContainerLike & EventTarget;
}

describe('background sync of the outbox (page side)', () => {
  it('registers the outbox tag where the browser has Background Sync', async () => {
    const tags: string[] = [];
    const mode = await requestBackgroundSync(container({ sync: { register: async (tag: string) => void tags.push(tag) } }));
    expect(mode).toBe('background-sync');
    expect(tags).toEqual(['pad-outbox']);
  });

  it('falls back to the page\'s own retries without the API, a worker or permission', async () => {
    expect(await requestBackgroundSync(undefined)).toBe('fallback');
    expect(await requestBackgroundSync(container(undefined))).toBe('fallback');
    expect(await requestBackgroundSync(container({}))).toBe('fallback');
    expect(await requestBackgroundSync(container({ sync: { register: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } }))).toBe('fallback');
  });

  it('sends the outbox when the worker asks, and answers on its port whether reviews are left', async () => {
    const c = container({});
    const reports: Array<SyncReport | null> = [{ sent: 2, refused: 0, stoppedBy: null }, { sent: 0, refused: 0, stoppedBy: 'Failed to fetch' }, null];
    let sends = 0;
    const stop = listenForBackgroundSync(c, async () => reports[sends++]!);
    const ask = async (): Promise<OutboxSyncReply> => {
      const channel = new MessageChannel();
      const answer = new Promise<OutboxSyncReply>((resolve) => (channel.port1.onmessage = (e) => resolve(e.data as OutboxSyncReply)));
      c.dispatchEvent(new MessageEvent('message', { data: { type: outboxSyncDefaults.message }, ports: [channel.port2] }));
      const reply = await answer;
      channel.port1.close();
      return reply;
    };
    expect(await ask()).toEqual({ done: true, sent: 2, reason: null });
    expect(await ask()).toEqual({ done: false, sent: 0, reason: 'Failed to fetch' });
    expect(await ask()).toEqual({ done: false, sent: 0, reason: 'not signed in' });
    c.dispatchEvent(new MessageEvent('message', { data: { type: 'something-else' } }));
    stop();
    c.dispatchEvent(new MessageEvent('message', { data: { type: outboxSyncDefaults.message } }));
    expect(sends).toBe(3);
  });
});

describe('background sync of the outbox (service-worker side)', () => {
  /** Open windows that answer like a page would (or never). */
  const windows = (answers: Array<OutboxSyncReply | null>) => ({
    posted: 0,
    matchAll() {
      return Promise.resolve(answers.map((answer) => ({
        postMessage: (message: unknown, [port]: Transferable[]) => {
          this.posted += 1;
          expect(message).toEqual({ type: 'pad-outbox-sync' });
          if (answer) (port as MessagePort).postMessage(answer);
        },
      })));
    },
  });

  it('succeeds without a window: nothing can be sent without a signed-in page', async () => {
    expect(await wakeWindows(windows([]))).toBe('no-window');
  });

  it('resolves when a window sent everything and fails while reviews are left, so the browser tries again', async () => {
    const sent = { done: true, sent: 3, reason: null };
    const clients = windows([null, sent]);
    expect(await wakeWindows(clients, 1000)).toEqual(sent);
    expect(clients.posted).toBe(2);
    await expect(wakeWindows(windows([{ done: false, sent: 0, reason: 'HTTP 503' }]), 1000)).rejects.toThrow(/HTTP 503/);
    await expect(wakeWindows(windows([null]), 50)).rejects.toThrow(/no window answered/);
  });
});
