/**
 * The clients kept on this workstation (reviewed or prepared for offline) as the lists show them,
 * and the refresh of copies made with an older model: a copy's score and explanation carry the
 * model version that computed them, so a copy is stale as soon as the API serves another version.
 */
import type { ApiClient } from '../api/client.js';
import type { Decision } from '../api/types.js';
import { prepareClients, type PrepareReport } from './prepare-offline.js';
import type { ReviewedClient, ReviewedStore } from './reviewed-store.js';

export type KeptKind = 'reviewed' | 'prepared';

export interface KeptEntry {
  id: number;
  kind: KeptKind;
  decision: Decision;
  probability: number;
  fetchedAt: string;
  /** The model version that computed the kept score and explanation. */
  modelVersion: string;
  /** Made with another model than the one the API serves now (unknown current version: never stale). */
  stale: boolean;
}

/** The oldest model version in a copy (score and explanation are fetched separately). */
export function copyVersion(record: Pick<ReviewedClient, 'score' | 'explanation'>): string {
  const { score, explanation } = record;
  return score.model_version === explanation.model_version ? score.model_version : [score.model_version, explanation.model_version].sort()[0]!;
}

export function isStale(record: Pick<ReviewedClient, 'score' | 'explanation'>, currentVersion: string | null): boolean {
  if (currentVersion === null) return false;
  return record.score.model_version !== currentVersion || record.explanation.model_version !== currentVersion;
}

export function keptEntry(record: ReviewedClient, currentVersion: string | null): KeptEntry {
  return {
    id: record.id,
    kind: record.preparedOnly ? 'prepared' : 'reviewed',
    decision: record.score.decision,
    probability: record.score.probability,
    fetchedAt: record.fetchedAt,
    modelVersion: copyVersion(record),
    stale: isStale(record, currentVersion),
  };
}

/** Every kept client, most recently reviewed or prepared first, keyed by id for the grid's marks. */
export async function keptEntries(store: Pick<ReviewedStore, 'list'>, currentVersion: string | null): Promise<Map<number, KeptEntry>> {
  return new Map((await store.list()).map((r) => [r.id, keptEntry(r, currentVersion)]));
}

export interface RefreshDeps {
  api: Pick<ApiClient, 'client' | 'score' | 'explanation' | 'model'>;
  store: ReviewedStore;
}

export interface RefreshReport extends PrepareReport {
  currentVersion: string;
  stale: number;
}

/**
 * Downloads again every copy made with another model than the API's current one, keeping review
 * times. Throws when the API's model cannot be read (offline): nothing is stale for certain then.
 */
export async function refreshStaleCopies(deps: RefreshDeps): Promise<RefreshReport> {
  const currentVersion = (await deps.api.model()).data.model_version;
  const stale = (await deps.store.list()).filter((r) => isStale(r, currentVersion)).map((r) => r.id);
  const report = stale.length === 0 ? { prepared: 0, failed: [], ms: 0 } : await prepareClients(stale, { api: deps.api, store: deps.store });
  return { ...report, currentVersion, stale: stale.length };
}

/** One refresh at a time; a request during a run is served by that run. */
export class CopyRefresh extends EventTarget {
  last: RefreshReport | null = null;
  private running: Promise<RefreshReport | null> | null = null;

  constructor(private readonly deps: () => Promise<RefreshDeps>) {
    super();
  }

  run(): Promise<RefreshReport | null> {
    this.running ??= (async () => {
      try {
        this.last = await refreshStaleCopies(await this.deps());
        if (this.last.prepared > 0) this.dispatchEvent(new Event('change'));
        return this.last;
      } catch {
        // Signed out or no network: the copies stay as they are, marked stale, until the next sync.
        return null;
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
