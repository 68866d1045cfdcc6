/**
 * Schema middleware: parses params, query and (for POST) the JSON body at the
 * edge. On failure a 400 lists every bad field; on success the parsed, typed
 * values replace the raw ones in ctx.state.input.
 */
import type { Context, Middleware } from 'koa';
import { ValidationError, type FieldError } from '../errors.js';
import { readJsonBody } from '../http/json-body.js';
import type { RawParam } from './fields.js';

export type Parser<T> = (raw: unknown, errors: FieldError[]) => T;

export interface Schema<P, Q, B> {
  params?: (raw: Record<string, RawParam>, errors: FieldError[]) => P;
  query?: (raw: Record<string, RawParam>, errors: FieldError[]) => Q;
  body?: Parser<B>;
}

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** Typed input of the current request, as stored by `validate`. */
export function inputOf<P, Q, B>(ctx: Context): Input<P, Q, B> {
  return ctx.state['input'] as Input<P, Q, B>;
}

export function validate<P = undefined, Q = undefined, B = undefined>(schema: Schema<P, Q, B>, bodyLimit = 0): Middleware {
  return async (ctx, next) => {
    const errors: FieldError[] = [];
    const params = schema.params ? schema.params((ctx as unknown as { params: Record<string, RawParam> }).params ?? {}, errors) : undefined;
    const query = schema.query ? schema.query(ctx.query as Record<string, RawParam>, errors) : undefined;
    // Path and query errors come first: no point reading a body for an invalid URL.
    if (errors.length > 0) throw new ValidationError(describe(errors), errors);
    const body = schema.body ? schema.body(await readJsonBody(ctx, bodyLimit), errors) : undefined;
    if (errors.length > 0) throw new ValidationError(describe(errors), errors);
    ctx.state['input'] = { params, query, body };
    await next();
  };
}

function describe(errors: FieldError[]): string {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `Invalid request: ${first.field} ${first.message}${more}`;
}
