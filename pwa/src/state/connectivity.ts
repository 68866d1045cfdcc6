/**
 * Online status and time of the last successful sync with the API.
 * The browser's online flag alone is not enough: the network can be up while the API is down.
 */
import type { ResultInfo } from '../api/client.js';

export type ConnectionStatus = 'online' | 'offline' | 'api-down';

export interface ConnectivitySnapshot {
  status: ConnectionStatus;
  lastSync: string | null;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const lastSyncKey = 'pad.lastSync';

export class Connectivity extends EventTarget {
  private browserOnline: boolean;
  private apiReachable = true;
  private lastSyncIso: string | null;

  constructor(
    private readonly storage: KeyValueStorage | undefined,
    browserOnline: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.browserOnline = browserOnline;
    this.lastSyncIso = safeGet(storage, lastSyncKey);
  }

  get snapshot(): ConnectivitySnapshot {
    const status: ConnectionStatus = !this.browserOnline ? 'offline' : this.apiReachable ? 'online' : 'api-down';
    return { status, lastSync: this.lastSyncIso };
  }

  get canReachApi(): boolean {
    return this.browserOnline && this.apiReachable;
  }

  setBrowserOnline(online: boolean): void {
    if (online === this.browserOnline) return;
    this.browserOnline = online;
    // Back online: assume the API is reachable until a request says otherwise.
    if (online) this.apiReachable = true;
    this.emit();
  }

  /** Feed every API result here (ApiClientOptions.onResult). */
  record(info: ResultInfo): void {
    const before = JSON.stringify(this.snapshot);
    if (info.network) {
      this.apiReachable = false;
    } else if (!info.fromCache) {
      // Any answer from the API itself (even a 404) proves it is reachable.
      this.apiReachable = true;
      if (info.ok) {
        this.lastSyncIso = this.now().toISOString();
        safeSet(this.storage, lastSyncKey, this.lastSyncIso);
      }
    }
    if (JSON.stringify(this.snapshot) !== before) this.emit();
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function safeGet(storage: KeyValueStorage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(storage: KeyValueStorage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    /* storage full or blocked: the in-memory value still shows */
  }
}
