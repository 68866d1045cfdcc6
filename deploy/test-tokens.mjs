#!/usr/bin/env node
/**
 * Test-only issuer for the deployment checks (no network, no provider): a fresh RSA key, its public
 * JWKS (the API reads it from OIDC_JWKS) and one signed access token per demo role, as JSON:
 *   node deploy/test-tokens.mjs <issuer> <audience>
 * The private key never leaves this process.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';

const [issuer, audience] = process.argv.slice(2);
if (!issuer || !audience) {
  console.error('usage: node deploy/test-tokens.mjs <issuer> <audience>');
  process.exit(2);
}
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'deploy-test';
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
// The demo roles' scopes (backend/src/auth/scopes.ts ROLE_SCOPES; the deploy checks compare them), written
// out here because the checks run before the backend is built.
const roles = {
  advisor: 'clients:read applications:score reviews:write',
  supervisor: 'clients:read applications:score audit:read metrics:read reviews:write reviews:read-all',
  tool: 'applications:batch',
};
const now = Math.floor(Date.now() / 1000);
const tokens = Object.fromEntries(Object.entries(roles).map(([role, scope]) => {
  const input = `${b64({ alg: 'RS256', typ: 'at+jwt', kid })}.${b64({ iss: issuer, aud: audience, sub: `deploy-${role}`, iat: now, nbf: now, exp: now + 3600, scope })}`;
  return [role, `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey, 'base64url')}`];
}));
process.stdout.write(`${JSON.stringify({ jwks, tokens })}\n`);
