/**
 * Errors Node's HTTP parser raises before Koa sees a request (unknown method,
 * bad chunked body, header overflow, request timeout): answer a problem body
 * with the security headers when the socket still allows it, and log a
 * client error at warn, never an "unhandled error" with a stack.
 */
import type { Socket } from 'node:net';
import { PROBLEM_BASE, PROBLEM_CONTENT_TYPE, titleFor } from '../errors.js';
import type { Logger } from './logger.js';
import { securityHeaderValues } from './security-headers.js';

const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_INVALID_METHOD: 400,
  HPE_INVALID_CHUNK_SIZE: 400,
};

/** Codes of a peer that went away: nothing to answer. */
const GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

export function clientErrorResponse(status: number, detail: string, production: boolean): string {
  const body = JSON.stringify({ type: `${PROBLEM_BASE}http-${status}`, title: titleFor(status), status, detail });
  const headers = {
    ...securityHeaderValues(production),
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${status} ${titleFor(status)}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

export function onClientError(logger: Logger, production: boolean): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    const code = err.code ?? 'unknown';
    // A peer that hung up (wrk at the end of a run, a closed laptop) is not worth a log line.
    if (GONE.has(code)) {
      socket.destroy();
      return;
    }
    logger.warn({ msg: 'client error', code, reason: err.message.slice(0, 120) });
    // A response has begun: all that is left to do is close the socket.
    const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (started || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = STATUS_BY_CODE[code] ?? 400;
    const detail = status === 408 ? 'The request was not received in time' : status === 431 ? 'The request headers are too large' : 'The request is not valid HTTP';
    socket.end(clientErrorResponse(status, detail, production));
  };
}

/** Koa 'error' events that are the client's doing (aborted, reset): warn, not error. */
export function isClientSideError(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown } | null;
  if (typeof e?.code === 'string' && GONE.has(e.code)) return true;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500;
}
