import { describe, expect, it, vi } from 'vitest';
import { ApiError, clientQueryString, createApiClient, type ResultInfo } from './client.js';

function fakeFetch(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return handler(String(input), init ?? {});
  });
  return { fn: fn as unknown as typeof fetch, calls };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' }, ...init });

describe('api client', () => {
  it('builds the client list query without empty filters', () => {
    expect(clientQueryString({ limit: 50, offset: 100, sort: '-probability', q: '', gender: undefined, age_min: 30, age_max: Number.NaN })).toBe(
      '?limit=50&offset=100&sort=-probability&age_min=30',
    );
    expect(clientQueryString({})).toBe('');
  });

  it('calls the base URL without a double slash and returns data with its fetch time', async () => {
    const { fn, calls } = fakeFetch(() => json({ total: 1, offset: 0, limit: 25, items: [] }));
    const api = createApiClient({ baseUrl: 'http://api.test/', fetch: fn, now: () => new Date('2026-01-02T03:04:05Z') });
    const result = await api.clients({ limit: 25, q: '1000' });
    expect(calls[0]!.url).toBe('http://api.test/v1/clients?limit=25&q=1000');
    expect(result).toEqual({ data: { total: 1, offset: 0, limit: 25, items: [] }, fetchedAt: '2026-01-02T03:04:05.000Z', fromCache: false });
  });

  it('uses the cache time the service worker stamped on a cached response', async () => {
    const { fn } = fakeFetch(() => json({ id: 7 }, { headers: { 'x-pad-from-cache': '1', 'x-pad-fetched-at': '2025-12-24T10:00:00.000Z' } }));
    const seen: ResultInfo[] = [];
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn, onResult: (i) => seen.push(i) });
    const result = await api.score(7);
    expect(result.fromCache).toBe(true);
    expect(result.fetchedAt).toBe('2025-12-24T10:00:00.000Z');
    expect(seen).toEqual([{ ok: true, network: false, fromCache: true }]);
  });

  it('turns a problem+json answer into an ApiError with the detail and the field errors', async () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid what-if', errors: [{ field: 'changes.FOO', message: 'unknown feature' }] };
    const { fn, calls } = fakeFetch(() => json(problem, { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn });
    const error = await api.whatIf(5, { FOO: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 400, message: 'Invalid what-if — changes.FOO: unknown feature' });
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ changes: { FOO: 1 } });
  });

  it('reports a network failure as such (offline), distinct from an HTTP error', async () => {
    const seen: ResultInfo[] = [];
    const { fn } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn, onResult: (i) => seen.push(i) });
    const error = (await api.model().catch((e: unknown) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
    expect(error.status).toBe(0);
    expect(seen).toEqual([{ ok: false, network: true, fromCache: false }]);
  });

  it('refuses a non-positive or fractional client id before any request', async () => {
    const { fn, calls } = fakeFetch(() => json({}));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn });
    expect(() => api.client(0)).toThrow(/positive integer/);
    expect(() => api.explanation(1.5)).toThrow(/positive integer/);
    expect(calls).toHaveLength(0);
  });

  it('rejects a body that is not JSON', async () => {
    const { fn } = fakeFetch(() => new Response('<html>', { status: 200 }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn });
    await expect(api.drift()).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('posts an unsaved application with explain and top, uncached, and its what-if with the changes beside the body', async () => {
    const { fn, calls } = fakeFetch(() => json({ probability: 0.2 }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn });
    const body = { id: 'LOS-1', application: { AMT_CREDIT: 1000 }, bureau: [{ CREDIT_ACTIVE: 'Active' }] };
    await api.scoreApplication(body, 5);
    await api.applicationWhatIf(body, { AMT_CREDIT: 500 });
    await api.applicationSchema();
    expect(calls.map((c) => [c.init.method ?? 'GET', c.url])).toEqual([
      ['POST', 'http://api.test/v1/applications?explain=true&top=5'],
      ['POST', 'http://api.test/v1/applications/what-if'],
      ['GET', 'http://api.test/v1/applications/schema'],
    ]);
    expect(calls[0]!.init.cache).toBe('no-store');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ ...body, changes: { AMT_CREDIT: 500 } });
  });

  it('keeps the value the API received in each field error', async () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, errors: [{ field: 'application.AMT_CREDIT', message: 'must not be negative', value: -1 }] };
    const { fn } = fakeFetch(() => json(problem, { status: 400 }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fn });
    const error = (await api.scoreApplication({ application: { AMT_CREDIT: -1 } }).catch((e: unknown) => e)) as ApiError;
    expect(error.problem?.errors).toEqual([{ field: 'application.AMT_CREDIT', message: 'must not be negative', value: -1 }]);
  });
});
