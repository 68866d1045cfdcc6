import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api/client.js';
import { defaults, warmReferenceCache } from './warm-cache.js';

describe('reference cache warm-up', () => {
  it('fetches the six reference endpoints once a service worker takes control', async () => {
    vi.useFakeTimers();
    const urls: string[] = [];
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: (async (u: string) => { urls.push(u); return new Response('{}'); }) as unknown as typeof fetch });
    const container = new EventTarget() as EventTarget & { controller: unknown };
    container.controller = null;
    warmReferenceCache(api, container as unknown as ServiceWorkerContainer);
    vi.advanceTimersByTime(defaults.delayMs * 2);
    expect(urls).toEqual([]);
    container.dispatchEvent(new Event('controllerchange'));
    vi.advanceTimersByTime(defaults.delayMs);
    vi.useRealTimers();
    await Promise.resolve();
    expect(urls.map((u) => u.replace('http://api.test', '')).sort()).toEqual(
      ['/v1/model', '/v1/model/drift', '/v1/model/fairness', '/v1/model/metrics', '/v1/population/importance', '/v1/population/stats'],
    );
  });
});
