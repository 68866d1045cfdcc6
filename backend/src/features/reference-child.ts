/**
 * DuckDB on the shipped SQL in a child process, seen by the server as a reference engine
 * (featureNames + reference()). The start-up check compares the TypeScript evaluator with it
 * and closes it: the serving process never loads @duckdb/node-api. Measured on the sample
 * (bench/startup-breakdown.ts): see docs/architecture.md, "Start-up checks".
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { FeatureInfo } from '../store/artifact-schemas.js';
import type { RawApplication } from './application-body.js';
import { FeatureEngineError, type EngineOutput } from './engine-types.js';
import type { ChildReply, ParentMessage } from './reference-protocol.js';
import type { SqlBundle } from './sql-bundle.js';

export const referenceChildDefaults = {
  /** A child that does not answer in this time is killed and the start-up fails (DuckDB on a few hundred applications takes about a second). */
  timeoutMs: 60_000,
  /** Last characters of the child's stderr kept for the message when it dies. */
  stderrTail: 2000,
  worker: new URL('./reference-worker.js', import.meta.url),
} as const;

type Waiter = { resolve(reply: ChildReply): void; reject(err: Error): void };

export class ReferenceChild {
  featureNames: string[] = [];
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private stderr = '';
  private exited: Error | null = null;

  private constructor(child: ChildProcess) {
    this.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-referenceChildDefaults.stderrTail);
    });
    child.on('message', (reply: ChildReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply);
    });
    const gone = (why: string): void => {
      this.exited ??= new FeatureEngineError(`the DuckDB reference process ${why}${this.stderr.trim() ? `: ${this.stderr.trim().split('\n').at(-1)}` : ''}`);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    };
    child.on('exit', (code, signal) => gone(`exited (${signal ?? `code ${code}`})`));
    child.on('error', (err) => gone(`failed (${err.message})`));
  }

  /**
   * Fork the child and open DuckDB on `bundle` there (the definitions loadSqlBundle verified:
   * the child reads no file). Rejects with FeatureEngineError when the definitions do not run.
   */
  static async open(bundle: SqlBundle, features: FeatureInfo[]): Promise<ReferenceChild> {
    // 'advanced': structured clone keeps the schema's Maps and the Float64Array of the answer.
    const child = fork(referenceChildDefaults.worker, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const ref = new ReferenceChild(child);
    try {
      const reply = await ref.request({ kind: 'open', id: 0, bundle, features });
      if (reply.kind !== 'opened') throw new FeatureEngineError('the DuckDB reference process answered out of turn');
      ref.featureNames = reply.featureNames;
      return ref;
    } catch (err) {
      ref.close();
      throw err;
    }
  }

  /** DuckDB's inputs of `applications` from the shipped SQL. */
  async reference(applications: RawApplication[]): Promise<EngineOutput> {
    if (applications.length === 0) return { rows: new Float64Array(0), count: 0 };
    const reply = await this.request({ kind: 'compute', id: 0, applications });
    if (reply.kind !== 'inputs') throw new FeatureEngineError('the DuckDB reference process answered out of turn');
    return { rows: reply.rows, count: reply.count };
  }

  /** End the child (it closes DuckDB on disconnect); idempotent. */
  close(): void {
    if (this.child.connected) this.child.disconnect();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      // A child stuck in DuckDB does not see the disconnect: it must not outlive the check.
      setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
    }
  }

  private request(message: ParentMessage): Promise<ChildReply> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<ChildReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.child.kill('SIGKILL');
        reject(new FeatureEngineError(`the DuckDB reference process did not answer within ${referenceChildDefaults.timeoutMs} ms`));
      }, referenceChildDefaults.timeoutMs);
      this.waiting.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          if (reply.kind === 'error') reject(new FeatureEngineError(reply.engineError ? reply.message : `the DuckDB reference process failed: ${reply.message}`));
          else resolve(reply);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      this.child.send({ ...message, id });
    });
  }
}
