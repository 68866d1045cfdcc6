/**
 * Application errors and their RFC 9457 problem+json representation.
 *
 * Every error the API sends goes through `toProblem`, so the body shape is the
 * same everywhere: type, title, status, detail, instance and optional errors[].
 */

export interface FieldError {
  field: string;
  message: string;
  /** The value received, echoed so a caller sees what was refused (omitted when absent). */
  value?: unknown;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_BASE = 'https://pad.example/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Base class: `code` becomes the last segment of the problem `type` URI. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  /** Extra response headers (Allow, Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, errors?: FieldError[], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldError[]) {
    super(400, 'validation-error', message, errors);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, errors?: FieldError[]) {
    super(404, 'not-found', message, errors);
    this.name = 'NotFoundError';
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(method: string, allowed: string[]) {
    super(405, 'method-not-allowed', `Method ${method} is not allowed here; allowed: ${allowed.join(', ')}`, undefined, {
      Allow: allowed.join(', '),
    });
    this.name = 'MethodNotAllowedError';
  }
}

export class UnauthorizedError extends AppError {
  /** @param error RFC 6750 error code; absent when the request carried no credentials at all (§3.1). */
  constructor(message: string, error?: 'invalid_request' | 'invalid_token') {
    const challenge = error === undefined ? 'Bearer realm="pad-scoring-api"' : `Bearer realm="pad-scoring-api", error="${error}"`;
    super(401, 'unauthorized', message, [{ field: 'Authorization', message }], { 'WWW-Authenticate': challenge });
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends AppError {
  constructor(scope: string) {
    const message = `This token does not grant the scope ${scope} that this route needs`;
    super(403, 'insufficient-scope', message, [{ field: 'Authorization', message: `scope ${scope} is required` }], {
      'WWW-Authenticate': `Bearer realm="pad-scoring-api", error="insufficient_scope", scope="${scope}"`,
    });
    this.name = 'ForbiddenError';
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'too-many-requests', `Rate limit exceeded; retry in ${retryAfterSeconds} s`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
    this.name = 'TooManyRequestsError';
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, 'not-ready', message, undefined, { 'Retry-After': '1' });
    this.name = 'ServiceUnavailableError';
  }
}

/**
 * clients.sqlite does not match its own checksums: the request gets no client data and /ready
 * stays 503 from then on, so the platform replaces the machine (store-v2 contract). No Retry-After:
 * retrying on this machine cannot help.
 */
export class StoreCorruptError extends AppError {
  constructor(message: string) {
    super(503, 'store-corrupt', message);
    this.name = 'StoreCorruptError';
  }
}

/** HTTP title for a status code, falling back to the status class. */
export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * Build the problem body. Messages of 5xx errors are never exposed: they may
 * carry internal paths or library messages.
 */
export function toProblem(err: AppError, instance?: string): Problem {
  const exposed = err.status < 500;
  const problem: Problem = {
    type: exposed || err.status === 503 ? PROBLEM_BASE + err.code : 'about:blank',
    title: titleFor(err.status),
    status: err.status,
    detail: exposed || err.status === 503 ? err.message : 'An unexpected error occurred; it has been logged.',
  };
  if (instance !== undefined) problem.instance = instance;
  if (exposed && err.errors && err.errors.length > 0) problem.errors = err.errors;
  return problem;
}

/**
 * Normalise anything thrown into an AppError. Koa's own errors (e.g. from
 * `ctx.throw`) carry `status` and `expose`; anything else is a 500.
 */
export function asAppError(thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown;
  const candidate = thrown as { status?: unknown; expose?: unknown; message?: unknown } | null;
  const status = typeof candidate?.status === 'number' ? candidate.status : 500;
  if (status >= 400 && status < 500 && candidate?.expose === true && typeof candidate.message === 'string') {
    return new AppError(status, `http-${status}`, candidate.message);
  }
  if (status >= 400 && status < 500) return new AppError(status, `http-${status}`, titleFor(status));
  return new AppError(500, 'internal-error', 'internal error');
}
