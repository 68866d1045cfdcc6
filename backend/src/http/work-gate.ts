/**
 * Memory bounds for the heavy requests (batches): at most `concurrent` run at once, a few
 * more wait, and the rest are refused with 429 and Retry-After; a batch whose explanations
 * would exceed the budget is refused with 413 before any work. Measured by `make bench-api`
 * (backend/README.md, "Memory bounds").
 */
import type { Middleware } from 'koa';
import { AppError } from '../errors.js';

export const workGateDefaults = {
  /**
   * Batches computed at once: each holds its parsed body, inputs, SHAP values and response, and the
   * Fly machine has one shared vCPU, so a second one at once adds memory, not throughput.
   */
  concurrent: 1,
  /** Batches waiting for a turn; more are refused at once. */
  queued: 2,
  /** Explained entries (contributions and groups) one batch may return. */
  maxExplainedEntries: 30_000,
  retryAfterSeconds: 2,
} as const;

export class OverloadedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'overloaded', `Too many batches at once; retry in ${retryAfterSeconds} s`, undefined, { 'Retry-After': String(retryAfterSeconds) });
    this.name = 'OverloadedError';
  }
}

/** 413: the answer would be too large; errors[] says what to lower. */
export function explanationBudgetError(count: number, perItem: number, budget: number): AppError {
  return new AppError(413, 'explanations-too-large',
    `${count} explained applications × ${perItem} entries each exceed the ${budget} entries one request may return; send fewer applications or a lower top`,
    [{ field: 'top', message: `at most ${Math.max(0, Math.floor(budget / Math.max(1, count)))} entries per application for ${count} applications`, value: perItem }]);
}

export class WorkGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  readonly concurrent: number;
  readonly queued: number;

  constructor(concurrent: number = workGateDefaults.concurrent, queued: number = workGateDefaults.queued) {
    this.concurrent = concurrent;
    this.queued = queued;
  }

  /** Run `work` when a slot is free; throws OverloadedError when the queue is full too. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queued) throw new OverloadedError(workGateDefaults.retryAfterSeconds);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes to the next waiter as is; only with nobody waiting is it freed.
      if (next) next();
      else this.running--;
    }
  }

  /** Koa middleware form: the rest of the request runs inside a slot. */
  middleware(): Middleware {
    return async (_ctx, next) => this.run(next);
  }
}
