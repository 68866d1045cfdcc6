/**
 * OIDC settings from the environment. Development defaults to the embedded
 * demo provider (`make start`); production must name a real, https issuer and
 * can never be pointed at the demo one.
 */
import type { JSONWebKeySet } from 'jose';
import { ConfigError } from '../config-error.js';
import { isScope, type Scope } from './scopes.js';
import { verifierDefaults, type AuthSettings } from './token-verifier.js';

export const authDefaults = {
  /** The embedded provider of `make start` (backend/src/demo-idp/). */
  demoIssuer: 'http://127.0.0.1:9400',
  audience: 'pad-scoring-api',
} as const;

/** Symmetric and unsigned algorithms can never be configured. */
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function parseIssuer(raw: string | undefined, production: boolean): string {
  const issuer = raw?.trim() ?? '';
  if (issuer === '') {
    if (production) throw new ConfigError('OIDC_ISSUER must be set in production (the lender\'s OpenID provider, see docs/deployment.md)');
    return authDefaults.demoIssuer;
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`OIDC_ISSUER must be a URL, got "${issuer}"`);
  }
  if (production && (url.protocol !== 'https:' || isLoopback(url))) {
    throw new ConfigError(`OIDC_ISSUER must be an https issuer other than this machine in production (the demo provider is refused), got "${issuer}"`);
  }
  return issuer;
}

function parseAlgorithms(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [...verifierDefaults.algorithms];
  const algs = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const alg of algs) {
    if (!ASYMMETRIC.test(alg)) throw new ConfigError(`OIDC_ALGORITHMS accepts asymmetric algorithms only (RS256, PS256, ES256, ...), got "${alg}"`);
  }
  return algs;
}

function parseJwks(raw: string | undefined): JSONWebKeySet | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('OIDC_JWKS must be a JSON Web Key Set ({"keys": [...]}), and is not valid JSON');
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError('OIDC_JWKS must be a JSON Web Key Set with at least one key in "keys"');
  if (keys.some((k) => (k as { d?: unknown }).d !== undefined)) throw new ConfigError('OIDC_JWKS must hold public keys only (a key has "d")');
  return parsed as JSONWebKeySet;
}

/** "ProviderName=clients:read,Other=audit:read" */
function parseAliases(raw: string | undefined): Record<string, Scope> {
  const aliases: Record<string, Scope> = {};
  if (raw === undefined || raw.trim() === '') return aliases;
  for (const pair of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name, scope] = pair.split('=').map((s) => s.trim());
    if (!name || !scope || !isScope(scope)) throw new ConfigError(`OIDC_SCOPE_ALIASES entries must be ProviderName=api-scope with a scope of this API, got "${pair}"`);
    aliases[name] = scope;
  }
  return aliases;
}

function parseUri(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return new URL(raw.trim()).toString();
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
}

export function loadAuthSettings(env: NodeJS.ProcessEnv, production: boolean): AuthSettings {
  const tolerance = env['OIDC_CLOCK_TOLERANCE_SECONDS']?.trim();
  if (tolerance !== undefined && tolerance !== '' && !/^\d{1,3}$/.test(tolerance)) {
    throw new ConfigError(`OIDC_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 999, got "${tolerance}"`);
  }
  return {
    issuer: parseIssuer(env['OIDC_ISSUER'], production),
    audience: env['OIDC_AUDIENCE']?.trim() || authDefaults.audience,
    algorithms: parseAlgorithms(env['OIDC_ALGORITHMS']),
    clockToleranceSeconds: tolerance ? Number(tolerance) : verifierDefaults.clockToleranceSeconds,
    jwksUri: parseUri(env['OIDC_JWKS_URI'], 'OIDC_JWKS_URI'),
    jwks: parseJwks(env['OIDC_JWKS']),
    scopeAliases: parseAliases(env['OIDC_SCOPE_ALIASES']),
  };
}
