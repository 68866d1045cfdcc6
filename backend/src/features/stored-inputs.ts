/**
 * Stored clients through the engine: the inputs the definitions compute from each stored
 * client's raw rows, compared with the inputs stored beside them (float32-equal, NaN where
 * NaN). At start-up a disagreement stops the server (the store and the definitions are not
 * the same model); the parity test runs the same comparison over every client.
 */
import { ArtifactError } from '../store/artifact-schemas.js';
import type { ClientStore } from '../store/clients.js';
import type { RawClientSource } from '../store/raw-clients.js';
import type { InputsEngine } from './engine-types.js';

export const storedInputsDefaults = {
  /** Clients computed per engine run: bounds DuckDB's tables to a few hundred thousand rows. */
  chunk: 1000,
  /**
   * Clients checked at start-up: all 9,000 take seconds and ~100 MB of raw rows, too much for a
   * cold start on the Fly machine; the parity test checks every one.
   */
  startupSample: 64,
  /**
   * Checksum chunks the start-up sample is drawn from (store format 2: the first time a client
   * of a chunk is read, all its 256 clients are hashed). 64 clients spread over the whole store
   * would hash 64 chunks (16,384 clients) and read pages all over a multi-GB file; 4 chunks
   * cost the same at 9k and at 3.5M clients.
   */
  sampleChunks: 4,
  /** meta.checksum_chunk of store format 2: chunk k = clients k*256 .. k*256+255 in id order. */
  checksumChunk: 256,
} as const;

/** `count` ids spread evenly over the store (first and last included). */
export function spreadSample(ids: number[], count: number): number[] {
  if (ids.length <= count) return [...ids];
  return Array.from({ length: count }, (_, i) => ids[Math.round((i * (ids.length - 1)) / (count - 1))]!);
}

/**
 * `count` ids from a few checksum chunks of `ids` (ascending, the store's order): the first
 * chunk, the last and evenly between, spread within each chunk, so that start-up touches the
 * same number of chunks whatever the store's size.
 */
export function chunkSample(ids: number[], count: number, chunks: number = storedInputsDefaults.sampleChunks,
  chunkSize: number = storedInputsDefaults.checksumChunk): number[] {
  if (ids.length <= count) return [...ids];
  const chunkCount = Math.ceil(ids.length / chunkSize);
  const picked = spreadSample(Array.from({ length: chunkCount }, (_, k) => k), Math.min(chunks, chunkCount));
  const perChunk = Math.ceil(count / picked.length);
  const out: number[] = [];
  for (const k of picked) out.push(...spreadSample(ids.slice(k * chunkSize, (k + 1) * chunkSize), perChunk));
  return out.slice(0, count);
}

/**
 * `count` stored clients from a few whole checksum chunks of the store (chunkSample over the ids of
 * `sampleChunks` evenly spaced chunks): what start-up reads does not grow with the store.
 */
export function startupSample(store: Pick<ClientStore, 'chunkSample'>, count: number = storedInputsDefaults.startupSample): number[] {
  return chunkSample(store.chunkSample(storedInputsDefaults.sampleChunks * storedInputsDefaults.checksumChunk), count);
}

/** What computes inputs: the engine, or the evaluator alone (tests). */
export type InputsSource = Pick<InputsEngine, 'featureNames' | 'compute'>;

export interface StoredInputsReport {
  clients: number;
  /** Clients with at least one input that differs from the stored one. */
  differing: number[];
  /** Largest |engine - stored| over non-NaN pairs, and NaN-mismatches. */
  maxAbsDiff: number;
  nanMismatches: number;
  /** First differences found, for the message. */
  examples: Array<{ id: number; feature: string; stored: number; computed: number }>;
}

/** Engine inputs of `ids` from their raw rows, row-major; calls `each` per client. */
export async function computeStored(engine: InputsSource, raw: RawClientSource, ids: number[],
  each: (id: number, computed: Float64Array) => void, chunk: number = storedInputsDefaults.chunk): Promise<void> {
  const f = engine.featureNames.length;
  for (let start = 0; start < ids.length; start += chunk) {
    const part = ids.slice(start, start + chunk);
    const apps = raw.applications(part);
    const present = part.filter((id) => apps.has(id));
    const { rows } = await engine.compute(present.map((id) => apps.get(id)!));
    present.forEach((id, k) => each(id, rows.subarray(k * f, (k + 1) * f)));
    for (const id of part) if (!apps.has(id)) each(id, new Float64Array(0));
  }
}

export async function compareStored(engine: InputsSource, raw: RawClientSource, store: ClientStore, ids: number[] = store.sampleIds(store.size)): Promise<StoredInputsReport> {
  const report: StoredInputsReport = { clients: ids.length, differing: [], maxAbsDiff: 0, nanMismatches: 0, examples: [] };
  await computeStored(engine, raw, ids, (id, computed) => {
    const stored = store.vector(id)!;
    let differs = computed.length !== stored.length;
    for (let j = 0; j < computed.length && j < stored.length; j++) {
      const a = stored[j]!;
      const b = computed[j]!;
      if (Number.isNaN(a) && Number.isNaN(b)) continue;
      if (Number.isNaN(a) !== Number.isNaN(b)) report.nanMismatches++;
      else report.maxAbsDiff = Math.max(report.maxAbsDiff, Math.abs(a - b));
      if (a !== b) {
        differs = true;
        if (report.examples.length < 5) report.examples.push({ id, feature: engine.featureNames[j]!, stored: a, computed: b });
      }
    }
    if (differs) report.differing.push(id);
  });
  return report;
}

/** Throws ArtifactError when any stored client's inputs differ from the engine's. */
export async function checkStoredInputs(engine: InputsSource, raw: RawClientSource, store: ClientStore,
  options: { file: string; sample?: number }): Promise<StoredInputsReport> {
  const report = await compareStored(engine, raw, store, startupSample(store, options.sample ?? storedInputsDefaults.startupSample));
  if (report.differing.length > 0) {
    const e = report.examples[0];
    throw new ArtifactError(options.file, `the stored inputs of ${report.differing.length} client(s) differ from what the feature definitions compute from their raw rows`
      + (e ? ` (client ${e.id}: ${e.feature} stored ${e.stored}, computed ${e.computed})` : '') + ': the store and the definitions are not the same model');
  }
  return report;
}
