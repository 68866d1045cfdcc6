/**
 * The advisor's session: OpenID Connect Authorization Code + PKCE with
 * oauth4webapi, tokens kept in memory only (a reload signs in again, quickly,
 * through the provider's own session), silent renewal with the refresh token
 * while the tab is open, and the bounded offline allowance (offline-window.ts).
 *
 * Status: 'signed-in' (a token), 'offline' (no network, within the offline
 * allowance: cached clients only), 'signed-out' (must sign in), 'locked' (the
 * offline allowance ran out; sign in again once online).
 */
import * as oauth from 'oauth4webapi';
import type { RuntimeConfig } from '../config.js';
import { forgetLastSignIn, offlineAllowed, readLastSignIn, writeLastSignIn } from './offline-window.js';
import { userPartition } from './partition.js';
import { purgePersonalData } from './purge.js';

export type SessionStatus = 'signed-in' | 'offline' | 'signed-out' | 'locked';

export const sessionDefaults = {
  pendingKey: 'pad-sign-in-pending',
  /** Renew this long before the access token expires. */
  renewEarlySeconds: 60,
  retryRenewSeconds: 30,
} as const;

interface Pending {
  /** A prompt=none attempt: its failure only means "show the sign-in button". */
  silent: boolean;
  state: string;
  verifier: string;
  nonce: string;
  returnHash: string;
}

/**
 * The hash the app will show once `start()` is done: the one saved before the provider's redirect when
 * the browser is coming back from it, else the address's own. Read without consuming the saved sign-in.
 */
export function hashAfterSignIn(location: Location = globalThis.location, pendingStorage: Storage = globalThis.sessionStorage): string {
  const url = new URL(location.href);
  if (!url.searchParams.has('code') && !url.searchParams.has('error')) return location.hash;
  try {
    const pending = JSON.parse(pendingStorage.getItem(sessionDefaults.pendingKey) ?? 'null') as Partial<Pending> | null;
    return typeof pending?.returnHash === 'string' ? pending.returnHash : location.hash;
  } catch {
    return location.hash;
  }
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export class Session extends EventTarget {
  status: SessionStatus = 'signed-out';
  /** Display name of the signed-in (or offline) advisor. */
  userName: string | null = null;
  /** Cache partition of the current user; null when signed out or locked. */
  partition: string | null = null;
  /** Why the last sign-in failed, to show next to the button. */
  error: string | null = null;

  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private idToken: string | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private server: oauth.AuthorizationServer | undefined;
  private readonly client: oauth.Client;
  private readonly issuer: URL;
  private readonly options: { [oauth.allowInsecureRequests]?: boolean };

  constructor(
    private readonly config: RuntimeConfig,
    private readonly redirectUri: string,
    private readonly storage: Storage = globalThis.localStorage,
    private readonly pendingStorage: Storage = globalThis.sessionStorage,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.issuer = new URL(config.issuer);
    this.client = { client_id: config.clientId };
    // Plain http only for a provider on this machine (the demo provider of `make start`).
    this.options = isLoopback(this.issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  }

  get offlineHours(): number {
    return this.config.offlineHours;
  }

  /**
   * Headers for API requests: the bearer token, and for client-data reads the cache partition, which
   * only the service worker's client-data route reads (and strips before the request leaves).
   */
  headers(forClientCache = false): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.accessToken) headers['Authorization'] = `Bearer ${this.accessToken}`;
    // For the service worker only (it strips it): without one in control the header would reach the API.
    const worker = globalThis.navigator?.serviceWorker?.controller;
    if (forClientCache && worker && this.partition && (this.status === 'signed-in' || this.status === 'offline')) headers['x-pad-partition'] = this.partition;
    return headers;
  }

  private set(status: SessionStatus): void {
    this.status = status;
    this.dispatchEvent(new Event('change'));
  }

  private async discover(): Promise<oauth.AuthorizationServer> {
    if (this.server) return this.server;
    const response = await oauth.discoveryRequest(this.issuer, { ...this.options, algorithm: 'oidc' });
    this.server = await oauth.processDiscoveryResponse(this.issuer, response);
    return this.server;
  }

  /** At start-up: finish a sign-in coming back from the provider, else decide between signed-out, offline and locked. */
  async start(location: Location = globalThis.location): Promise<void> {
    const url = new URL(location.href);
    const pending = this.takePending();
    const returning = pending !== null && (url.searchParams.has('code') || url.searchParams.has('error'));
    if (returning) {
      history.replaceState(null, '', `${this.redirectUri}${pending.returnHash}`);
      try {
        await this.finish(url, pending);
        return;
      } catch (error) {
        if (!pending.silent) this.error = error instanceof Error ? error.message : String(error);
      }
    }
    try {
      await this.discover();
    } catch {
      this.fallBackOffline();
      return;
    }
    this.set('signed-out');
    // Tokens live in memory, so a reload starts without one: when this advisor has not signed out,
    // ask the provider silently (prompt=none) instead of showing the button again.
    if (!returning && readLastSignIn(this.storage) !== null) await this.signIn(location.hash, true);
  }

  /** No provider reachable: read the cache within the offline allowance, else lock. */
  private fallBackOffline(): void {
    const last = readLastSignIn(this.storage);
    if (offlineAllowed(last, this.now(), this.config.offlineHours)) {
      this.partition = last!.partition;
      this.userName = last!.name;
      this.set('offline');
    } else {
      this.partition = null;
      this.userName = null;
      this.set(last ? 'locked' : 'signed-out');
    }
  }

  private takePending(): Pending | null {
    const raw = this.pendingStorage.getItem(sessionDefaults.pendingKey);
    this.pendingStorage.removeItem(sessionDefaults.pendingKey);
    try {
      return raw ? (JSON.parse(raw) as Pending) : null;
    } catch {
      return null;
    }
  }

  /** Send the browser to the provider's sign-in page. */
  async signIn(returnHash: string = globalThis.location.hash, silent = false): Promise<void> {
    const server = await this.discover();
    if (!server.authorization_endpoint) throw new Error('the provider has no authorization endpoint');
    const pending: Pending = {
      silent,
      state: oauth.generateRandomState(), verifier: oauth.generateRandomCodeVerifier(), nonce: oauth.generateRandomNonce(), returnHash,
    };
    // Only the PKCE verifier and state cross the redirect (sessionStorage, this tab); never a token.
    this.pendingStorage.setItem(sessionDefaults.pendingKey, JSON.stringify(pending));
    const target = new URL(server.authorization_endpoint);
    target.search = new URLSearchParams({
      client_id: this.config.clientId, redirect_uri: this.redirectUri, response_type: 'code', scope: this.config.scope,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
      state: pending.state, nonce: pending.nonce, ...(silent ? { prompt: 'none' } : {}),
    }).toString();
    globalThis.location.assign(target.href);
  }

  private async finish(url: URL, pending: Pending): Promise<void> {
    const server = await this.discover();
    const params = oauth.validateAuthResponse(server, this.client, url, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(server, this.client, oauth.None(), params, this.redirectUri, pending.verifier, this.options);
    const result = await oauth.processAuthorizationCodeResponse(server, this.client, response, { expectedNonce: pending.nonce, requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(result)!;
    this.idToken = result.id_token ?? null;
    const name = [claims['preferred_username'], claims['name'], claims.sub].find((v): v is string => typeof v === 'string')!;
    const partition = await userPartition(this.config.issuer, claims.sub);
    // Another advisor signed in on this workstation: the previous one's cached clients go first.
    const previous = readLastSignIn(this.storage);
    if (previous && previous.partition !== partition) await purgePersonalData();
    this.partition = partition;
    this.userName = name;
    this.error = null;
    this.accept(result);
  }

  private accept(result: oauth.TokenEndpointResponse): void {
    this.accessToken = result.access_token;
    if (result.refresh_token) this.refreshToken = result.refresh_token;
    writeLastSignIn(this.storage, { partition: this.partition!, name: this.userName!, at: this.now().toISOString() });
    clearTimeout(this.renewTimer);
    const seconds = Math.max((result.expires_in ?? 300) - sessionDefaults.renewEarlySeconds, 5);
    this.renewTimer = setTimeout(() => void this.renew(), seconds * 1000);
    this.set('signed-in');
  }

  /** Silent renewal with the refresh token (rotated by the provider). */
  async renew(): Promise<void> {
    if (!this.refreshToken) return;
    try {
      const server = await this.discover();
      const response = await oauth.refreshTokenGrantRequest(server, this.client, oauth.None(), this.refreshToken, this.options);
      this.accept(await oauth.processRefreshTokenResponse(server, this.client, response));
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) {
        this.expired(); // the provider refused: the session is over
      } else {
        this.renewTimer = setTimeout(() => void this.renew(), sessionDefaults.retryRenewSeconds * 1000);
      }
    }
  }

  /** The API refused our token (401): sign in again. */
  expired(): void {
    if (this.status !== 'signed-in') return;
    this.accessToken = null;
    this.refreshToken = null;
    clearTimeout(this.renewTimer);
    this.set('signed-out');
  }

  /** Forget the tokens, delete every cached personal datum, then end the provider session. */
  async signOut(): Promise<void> {
    const idToken = this.idToken;
    this.accessToken = null;
    this.refreshToken = null;
    this.idToken = null;
    this.partition = null;
    this.userName = null;
    clearTimeout(this.renewTimer);
    forgetLastSignIn(this.storage);
    this.set('signed-out'); // listeners close their databases before they are deleted
    await purgePersonalData();
    const endpoint = this.server?.end_session_endpoint;
    if (endpoint && navigator.onLine) {
      const target = new URL(endpoint);
      target.search = new URLSearchParams({
        client_id: this.config.clientId, post_logout_redirect_uri: this.redirectUri, ...(idToken ? { id_token_hint: idToken } : {}),
      }).toString();
      globalThis.location.assign(target.href);
    }
  }
}
