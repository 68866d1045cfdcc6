/**
 * The only module that calls `fetch`. Every method returns the parsed body with
 * where it came from (network or the service worker's cache) and when it was fetched.
 */
import type {
  ClientDetail, ClientPage, ClientPoints, ClientQuery, Drift, Explanation, Fairness, Importance,
  Metrics, ModelInfo, Population, Problem, Score,
} from './types.js';
import type { ClientReviews, ReviewPage, StoredReview } from './review-types.js';
import type { ApplicationBody, ApplicationSchema, ApplicationScore, LoanWhatIf } from './application-types.js';

export const defaults = {
  timeoutMs: 15_000,
  explanationTop: 10,
};

/** Headers the service worker adds to responses it serves from its cache (see sw.ts). */
export const cacheHeaders = { fromCache: 'x-pad-from-cache', fetchedAt: 'x-pad-fetched-at' } as const;

export type ApiErrorKind = 'network' | 'http' | 'invalid';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never reached the API (offline, DNS, refused, timeout). */
  get isNetwork(): boolean {
    return this.kind === 'network';
  }
}

export interface Fetched<T> {
  data: T;
  /** ISO time the data left the API (the cache time when served from the service worker's cache). */
  fetchedAt: string;
  fromCache: boolean;
}

export interface ResultInfo {
  ok: boolean;
  network: boolean;
  fromCache: boolean;
}

export interface ApiClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Called after every request: lets the app track connectivity and last sync. */
  onResult?: (info: ResultInfo) => void;
  /** Headers of the signed-in user (bearer token, cache partition), read at each request. */
  authHeaders?: (path: string, method: string) => Record<string, string>;
  /** The API refused the token (401): the session has ended. */
  onUnauthorized?: () => void;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Build the query string of GET /v1/clients, leaving out empty filters. */
export function clientQueryString(query: ClientQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function problemMessage(problem: Problem | undefined, status: number): string {
  if (!problem) return `HTTP ${status}`;
  const fields = problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
  return [problem.detail ?? problem.title, fields].filter(Boolean).join(' — ');
}

function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' };
}

export function createApiClient(options: ApiClientOptions) {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? (() => new Date());
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const report = (info: ResultInfo) => options.onResult?.(info);

  async function request<T>(path: string, init: RequestInit = {}): Promise<Fetched<T>> {
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, {
        ...init,
        headers: { Accept: 'application/json', ...(options.authHeaders?.(path, init.method ?? 'GET') ?? {}), ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      report({ ok: false, network: true, fromCache: false });
      throw new ApiError('network', 0, error instanceof Error ? error.message : String(error));
    }
    const fromCache = response.headers.get(cacheHeaders.fromCache) === '1';
    if (!response.ok) {
      report({ ok: false, network: false, fromCache });
      let problem: Problem | undefined;
      try {
        problem = (await response.json()) as Problem;
      } catch {
        problem = undefined;
      }
      if (response.status === 401) options.onUnauthorized?.();
      throw new ApiError('http', response.status, problemMessage(problem, response.status), problem);
    }
    let data: T;
    try {
      data = (await response.json()) as T;
    } catch {
      report({ ok: false, network: false, fromCache });
      throw new ApiError('invalid', response.status, `Invalid JSON from ${path}`);
    }
    report({ ok: true, network: false, fromCache });
    const fetchedAt = (fromCache && response.headers.get(cacheHeaders.fetchedAt)) || now().toISOString();
    return { data, fetchedAt, fromCache };
  }

  const idPath = (id: number) => {
    if (!Number.isInteger(id) || id <= 0) throw new ApiError('invalid', 0, `Client id must be a positive integer, got ${id}`);
    return `/v1/clients/${id}`;
  };

  return {
    baseUrl: base,
    model: () => request<ModelInfo>('/v1/model'),
    metrics: () => request<Metrics>('/v1/model/metrics'),
    fairness: () => request<Fairness>('/v1/model/fairness'),
    drift: () => request<Drift>('/v1/model/drift'),
    population: () => request<Population>('/v1/population/stats'),
    importance: () => request<Importance>('/v1/population/importance'),
    clients: (query: ClientQuery) => request<ClientPage>(`/v1/clients${clientQueryString(query)}`),
    /** Every client matching the filters (paging and sort do not apply), for the bivariate chart. */
    clientPoints: (x: string, y: string, filters: Omit<ClientQuery, 'limit' | 'offset' | 'sort'>) =>
      request<ClientPoints>(`/v1/clients/points${clientQueryString({ x, y, ...filters } as ClientQuery)}`),
    client: (id: number) => request<ClientDetail>(idPath(id)),
    score: (id: number) => request<Score>(`${idPath(id)}/score`),
    explanation: (id: number, top = defaults.explanationTop) =>
      request<Explanation>(`${idPath(id)}/explanation?top=${top}`),
    /** Loan-terms what-if of a stored client: the API recomputes every dependent input. */
    whatIf: (id: number, changes: Record<string, number | string | null>) =>
      request<LoanWhatIf>(`${idPath(id)}/what-if`, postJson({ changes })),
    applicationSchema: () => request<ApplicationSchema>('/v1/applications/schema'),
    /** Score (and explain) an unsaved application: sent to the API only, never cached (POST). */
    scoreApplication: (body: ApplicationBody, top = defaults.explanationTop) =>
      request<ApplicationScore>(`/v1/applications?explain=true&top=${top}`, postJson(body)),
    applicationWhatIf: (body: ApplicationBody, changes: Record<string, number | string | null>) =>
      request<LoanWhatIf>('/v1/applications/what-if', postJson({ ...body, changes })),
    // Reviews (offline/outbox.ts sends them; the id in the body makes a resend harmless).
    postReview: (id: number, body: object) =>
      request<StoredReview>(`${idPath(id)}/reviews`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    clientReviews: (id: number) => request<ClientReviews>(`${idPath(id)}/reviews`),
    reviews: (query: { overrides?: boolean; from?: string; subject?: string; limit?: number }) =>
      request<ReviewPage>(`/v1/reviews${clientQueryString(query as ClientQuery)}`),
  };
}
