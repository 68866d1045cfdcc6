/** Messages between the server and the start-up check's child (reference-child.ts, reference-worker.ts). */
import type { FeatureInfo } from '../store/artifact-schemas.js';
import type { RawApplication } from './application-body.js';
import type { SqlBundle } from './sql-bundle.js';

export type ParentMessage =
  | { kind: 'open'; id: number; bundle: SqlBundle; features: FeatureInfo[] }
  | { kind: 'compute'; id: number; applications: RawApplication[] };

export type ChildReply =
  | { kind: 'opened'; id: number; featureNames: string[] }
  | { kind: 'inputs'; id: number; rows: Float64Array; count: number }
  /** engineError: a FeatureEngineError in the child (the definitions do not run), not a crash. */
  | { kind: 'error'; id: number; message: string; engineError: boolean };
