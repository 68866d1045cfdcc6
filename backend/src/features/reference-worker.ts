/**
 * The child process of the start-up check (reference-child.ts forks it): DuckDB runs the
 * shipped SQL here, never in the server, so the serving process never maps DuckDB's library
 * or its allocations (closing DuckDB in the server did not give that memory back). It
 * receives the verified definitions, answers each batch of applications with DuckDB's inputs,
 * and exits when the parent disconnects.
 */
import { FeatureEngine } from './engine.js';
import { FeatureEngineError } from './engine-types.js';
import type { ChildReply, ParentMessage } from './reference-protocol.js';

let engine: FeatureEngine | null = null;

function send(reply: ChildReply): void {
  process.send?.(reply);
}

function errorReply(id: number, err: unknown): ChildReply {
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return { kind: 'error', id, message, engineError: err instanceof FeatureEngineError };
}

async function onMessage(message: ParentMessage): Promise<void> {
  if (message.kind === 'open') {
    try {
      engine = await FeatureEngine.create(message.bundle, message.features, { connections: 1 });
      send({ kind: 'opened', id: message.id, featureNames: engine.featureNames });
    } catch (err) {
      send(errorReply(message.id, err));
    }
    return;
  }
  try {
    if (engine === null) throw new FeatureEngineError('the reference engine was not opened');
    const out = await engine.reference(message.applications);
    send({ kind: 'inputs', id: message.id, rows: out.rows, count: out.count });
  } catch (err) {
    send(errorReply(message.id, err));
  }
}

process.on('message', (message: ParentMessage) => void onMessage(message));
process.on('disconnect', () => {
  engine?.close();
  process.exit(0);
});
