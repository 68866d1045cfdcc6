/**
 * Test tokens: an RSA key pair made once per process, a verifier trusting it,
 * and a synchronous signer that can also forge the bad tokens the guard must
 * refuse (other key, alg none, HMAC with the public key, wrong claims).
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import type { Scope } from '../auth/scopes.js';
import { createVerifier, verifierDefaults, type AuthSettings, type VerifyToken } from '../auth/token-verifier.js';

export const TEST_ISSUER = 'https://login.test.invalid/pad';
export const TEST_AUDIENCE = 'pad-scoring-api';

function keyPair(kid: string): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

const trusted = keyPair('test-key-1');
const stranger = keyPair('test-key-1'); // same kid, other key: a forged signature

export const TEST_JWKS: JSONWebKeySet = { keys: [trusted.jwk as unknown as JSONWebKeySet['keys'][number]] };

export function testAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    issuer: TEST_ISSUER, audience: TEST_AUDIENCE, algorithms: [...verifierDefaults.algorithms],
    clockToleranceSeconds: verifierDefaults.clockToleranceSeconds, jwks: TEST_JWKS, scopeAliases: {}, ...overrides,
  };
}

export function testVerifier(): VerifyToken {
  return createVerifier(testAuthSettings());
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface TokenOptions {
  scopes?: readonly Scope[] | string;
  sub?: string;
  clientId?: string;
  /** Claims to add, override, or remove (undefined). */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** 'trusted' (default), 'stranger' (valid JWT, unknown key), 'none', 'hmac-public' (HS256 keyed with the public JWK). */
  signer?: 'trusted' | 'stranger' | 'none' | 'hmac-public';
}

export function signToken(options: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const scope = typeof options.scopes === 'string' ? options.scopes : (options.scopes ?? []).join(' ');
  const claims: Record<string, unknown> = {
    iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: options.sub ?? 'advisor-1', azp: options.clientId ?? 'pad-dashboard',
    iat: now, nbf: now, exp: now + 300, scope, ...options.claims,
  };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  const signer = options.signer ?? 'trusted';
  const alg = signer === 'none' ? 'none' : signer === 'hmac-public' ? 'HS256' : 'RS256';
  const input = `${b64({ alg, typ: 'at+jwt', kid: 'test-key-1', ...options.header })}.${b64(claims)}`;
  if (signer === 'none') return `${input}.`;
  if (signer === 'hmac-public') return `${input}.${createHmac('sha256', JSON.stringify(trusted.jwk)).update(input).digest('base64url')}`;
  const key = signer === 'stranger' ? stranger.privateKey : trusted.privateKey;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key, 'base64url')}`;
}

export function bearer(options: TokenOptions = {}): string {
  return `Bearer ${signToken(options)}`;
}

