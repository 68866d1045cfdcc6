/**
 * Verifies OAuth 2 bearer access tokens (JWT) with jose: signature against the
 * provider's JWKS, issuer, audience, exp/nbf with a small clock tolerance, and
 * an allow-list of asymmetric algorithms (never `none`, never HMAC: an HMAC
 * "key" would be the public JWKS, which anyone can read).
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { grantedScopes, type Scope } from './scopes.js';
import { cacheVerified, VerifiedTokenCache, type Verified } from './verified-token-cache.js';

export const verifierDefaults = {
  algorithms: ['RS256', 'PS256', 'ES256'],
  clockToleranceSeconds: 30,
  /** jose refetches the JWKS at most this often when it meets an unknown key id. */
  jwksCooldownMs: 30_000,
  discoveryTimeoutMs: 5_000,
} as const;

export interface AuthSettings {
  issuer: string;
  audience: string;
  algorithms: readonly string[];
  clockToleranceSeconds: number;
  /** Where the signing keys are; when absent, read from the issuer's discovery document. */
  jwksUri?: string | undefined;
  /** Keys given inline (air-gapped deployments, tests); takes precedence over jwksUri. */
  jwks?: JSONWebKeySet | undefined;
  scopeAliases: Readonly<Record<string, Scope>>;
}

/** Who made the request, as the token says. Never personal data of a client. */
export interface User {
  subject: string;
  /** The OAuth client the token was issued to (azp, client_id or appid), when the token says. */
  clientId: string | null;
  scopes: Set<Scope>;
}

/** The token is not acceptable; `reason` is safe to send back (it never echoes the token). */
export class TokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenError';
  }
}

/** The keys could not be fetched: not the caller's fault (503). */
export class KeysUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeysUnavailableError';
  }
}

export type VerifyToken = (token: string) => Promise<User>;

async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(verifierDefaults.discoveryTimeoutMs) });
  if (!response.ok) throw new KeysUnavailableError(`${url} answered ${response.status}`);
  const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // A discovery document for another issuer is a misconfiguration, not a key to trust.
  if (doc.issuer !== issuer) throw new KeysUnavailableError(`${url} names issuer ${String(doc.issuer)}, expected ${issuer}`);
  if (typeof doc.jwks_uri !== 'string') throw new KeysUnavailableError(`${url} has no jwks_uri`);
  return doc.jwks_uri;
}

function keySource(settings: AuthSettings): () => Promise<JWTVerifyGetKey> {
  if (settings.jwks !== undefined) {
    const local = createLocalJWKSet(settings.jwks);
    return () => Promise.resolve(local);
  }
  let pending: Promise<JWTVerifyGetKey> | undefined;
  return () => {
    pending ??= (settings.jwksUri !== undefined ? Promise.resolve(settings.jwksUri) : discoverJwksUri(settings.issuer))
      .then((uri) => createRemoteJWKSet(new URL(uri), { cooldownDuration: verifierDefaults.jwksCooldownMs }))
      .catch((err: unknown) => {
        pending = undefined; // retry discovery on the next request
        throw err instanceof KeysUnavailableError ? err : new KeysUnavailableError(err instanceof Error ? err.message : String(err));
      });
    return pending;
  };
}

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'the token is not valid yet';
    if (err.claim === 'iss') return 'the token was issued by another issuer';
    if (err.claim === 'aud') return 'the token is meant for another audience';
    return `the token's ${err.claim} claim is not acceptable`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this API does not accept';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof errors.JWKSNoMatchingKey) return 'the token is signed with an unknown key';
  return 'the token is malformed';
}

/**
 * A token that passed is remembered until its exp (auth/verified-token-cache.ts): the claims and
 * the signature of the same text would pass again until then. One difference from verifying each
 * time: a signing key withdrawn from the provider's JWKS is dropped once jose refetches the set
 * (on an unknown key id, or after its cache age), while a token it signed that was already verified
 * stays accepted until that token's own exp; access tokens are short-lived for that reason.
 * `cache: false` verifies every call.
 */
export function createVerifier(settings: AuthSettings, options: { cache?: VerifiedTokenCache<User> | false } = {}): VerifyToken {
  const verify = verifyWithJose(settings);
  if (options.cache === false) return async (token) => (await verify(token)).value;
  return cacheVerified(verify, options.cache ?? new VerifiedTokenCache<User>(settings.clockToleranceSeconds));
}

function verifyWithJose(settings: AuthSettings): (token: string) => Promise<Verified<User>> {
  const keys = keySource(settings);
  return async (token) => {
    const getKey = await keys();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [...settings.algorithms],
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (err instanceof errors.JWKSTimeout || (err instanceof Error && err.name === 'TypeError' && /fetch/i.test(err.message))) {
        throw new KeysUnavailableError('the signing keys could not be fetched');
      }
      throw new TokenError(reasonOf(err));
    }
    // RFC 7519: sub is a string; a number would end up as someone's identity in the record of access.
    if (typeof payload['sub'] !== 'string' || payload['sub'] === '') throw new TokenError('the token has no subject');
    const clientId = [payload['azp'], payload['client_id'], payload['appid']].find((v): v is string => typeof v === 'string') ?? null;
    // requiredClaims made jose check that exp is a number.
    const user = { subject: String(payload['sub']), clientId, scopes: grantedScopes(payload, settings.scopeAliases) };
    return { value: user, exp: payload['exp'] as number };
  };
}
