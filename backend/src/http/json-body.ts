/**
 * Reads a JSON request body with a size limit: 415 for another media type or
 * encoding, 413 past the limit, 400 for empty or malformed JSON (without
 * echoing the body: it may hold personal data), 408 when the body trickles in
 * slower than the body timeout (BODY_TIMEOUT_MS, set by createApp in ctx.state).
 */
import type { Context } from 'koa';
import { AppError, ValidationError } from '../errors.js';

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function unsupported(message: string): AppError {
  return new AppError(415, 'unsupported-media-type', message, [{ field: 'Content-Type', message: 'must be application/json (UTF-8)' }]);
}

function tooLarge(limit: number): AppError {
  return new AppError(413, 'content-too-large', `Request body exceeds ${limit} bytes`, [{ field: 'body', message: `at most ${limit} bytes` }], {
    Connection: 'close',
  });
}

export const jsonBodyDefaults = { timeoutMs: 15_000 } as const;

function tooSlow(timeoutMs: number): AppError {
  return new AppError(408, 'request-timeout', `The request body was not received within ${timeoutMs} ms`, [{ field: 'body', message: 'sent too slowly' }], {
    Connection: 'close',
  });
}

function readRaw(ctx: Context, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = ctx.req;
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      req.resume();
      reject(tooSlow(timeoutMs));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; Node discards the rest and Connection: close ends the socket.
        cleanup();
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      reject(new ValidationError('The request body could not be read', [{ field: 'body', message: 'incomplete or aborted' }]));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

export async function readJsonBody(ctx: Context, limit: number): Promise<unknown> {
  const type = ctx.get('Content-Type');
  if (!JSON_TYPE.test(type)) throw unsupported(`Content-Type must be application/json, got ${type === '' ? 'none' : JSON.stringify(type.slice(0, 100))}`);
  const encoding = ctx.get('Content-Encoding');
  if (encoding !== '' && encoding.toLowerCase() !== 'identity') throw unsupported('Content-Encoding is not supported; send plain JSON');
  const declared = ctx.get('Content-Length');
  if (declared !== '' && Number(declared) > limit) throw tooLarge(limit);
  const timeoutMs = typeof ctx.state['bodyTimeoutMs'] === 'number' ? ctx.state['bodyTimeoutMs'] : jsonBodyDefaults.timeoutMs;
  const raw = await readRaw(ctx, limit, timeoutMs);
  const text = raw.toString('utf8');
  if (text.trim() === '') throw new ValidationError('The request body is empty', [{ field: 'body', message: 'a JSON object is required' }]);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // V8's message quotes the body ("Unexpected token 'x', "..." is not valid JSON"): never send it back.
    throw new ValidationError('The request body is not valid JSON', [{ field: 'body', message: 'malformed JSON (the body is not echoed back)' }]);
  }
}
