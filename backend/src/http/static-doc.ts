/**
 * Precomputed JSON documents (artifact files, model info) served with a strong
 * ETag, Cache-Control and a 304 on If-None-Match; gzip when the client accepts it.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'koa';

export const staticDocDefaults = {
  /** Revalidate after a minute; the PWA adds its own stale-while-revalidate. */
  cacheControl: 'private, max-age=60, must-revalidate',
  gzipMinBytes: 1024,
} as const;

export interface StaticDoc {
  body: Buffer;
  gzip: Buffer | undefined;
  etag: string;
  gzipEtag: string;
}

export function staticDoc(value: unknown): StaticDoc {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return {
    body,
    gzip: body.length >= staticDocDefaults.gzipMinBytes ? gzipSync(body, { level: 9 }) : undefined,
    etag: `"${hash}"`,
    gzipEtag: `"${hash}-gz"`,
  };
}

/** RFC 9110 If-None-Match: "*" or a list of (possibly weak) entity tags. */
export function ifNoneMatchHits(header: string, tags: string[]): boolean {
  if (header.trim() === '*') return true;
  const candidates = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  return candidates.some((c) => tags.includes(c));
}

export function sendStaticDoc(ctx: Context, doc: StaticDoc): void {
  const gzip = doc.gzip !== undefined && /\bgzip\b/i.test(ctx.get('Accept-Encoding'));
  ctx.vary('Accept-Encoding');
  ctx.set('Cache-Control', staticDocDefaults.cacheControl);
  ctx.set('ETag', gzip ? doc.gzipEtag : doc.etag);
  const header = ctx.get('If-None-Match');
  if (header !== '' && ifNoneMatchHits(header, [doc.etag, doc.gzipEtag])) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json; charset=utf-8';
  if (gzip) {
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = doc.gzip;
  } else {
    ctx.body = doc.body;
  }
}
