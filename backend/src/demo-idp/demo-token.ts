/**
 * Demo access tokens from the embedded provider, the way real clients get
 * them: client credentials for the tool, Authorization Code + PKCE through
 * the sign-in form for the advisor and the supervisor. Used by `make token`,
 * the documentation checks and the browser tests' helpers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ROLE_SCOPES } from '../auth/scopes.js';
import { DEMO_ACCOUNTS, DEMO_CLI_CLIENT, DEMO_CLI_REDIRECT, DEMO_TOOL } from './accounts.js';
import { idpDefaults } from './idp-defaults.js';

export type DemoRole = keyof typeof ROLE_SCOPES;

class Cookies {
  private readonly jar = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function tokenRequest(issuer: string, body: URLSearchParams, basic?: string): Promise<string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (basic !== undefined) headers['Authorization'] = `Basic ${basic}`;
  const response = await fetch(`${issuer}/token`, { method: 'POST', headers, body });
  const json = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || json.access_token === undefined) throw new Error(`token endpoint: ${json.error ?? response.status} ${json.error_description ?? ''}`);
  return json.access_token;
}

/** Follow redirects by hand until one leaves the provider; returns that URL. */
async function follow(start: string, issuer: string, cookies: Cookies, init: RequestInit = {}): Promise<URL> {
  let url = start;
  let request = init;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(url, { ...request, redirect: 'manual', headers: { ...(request.headers as Record<string, string>), cookie: cookies.header() } });
    cookies.take(response);
    const location = response.headers.get('location');
    if (location === null) {
      if (response.status === 200 && url.includes('/interaction/')) return new URL(url);
      throw new Error(`sign-in stopped at ${url} with status ${response.status}`);
    }
    const next = new URL(location, url);
    if (!next.href.startsWith(issuer)) return next;
    url = next.href;
    request = {};
  }
  throw new Error('too many redirects during sign-in');
}

async function userToken(issuer: string, role: 'advisor' | 'supervisor'): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const cookies = new Cookies();
  const auth = new URL(`${issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: DEMO_CLI_CLIENT, response_type: 'code', redirect_uri: DEMO_CLI_REDIRECT, scope: `openid ${ROLE_SCOPES[role].join(' ')}`,
    code_challenge: challenge, code_challenge_method: 'S256', resource: idpDefaults.resource, state: randomBytes(8).toString('hex'),
  }).toString();
  const loginForm = await follow(auth.href, issuer, cookies);
  const done = await follow(`${loginForm.href}/login`, issuer, cookies, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: account.login, password: account.password }),
  });
  const code = done.searchParams.get('code');
  if (code === null) throw new Error(`sign-in did not return a code: ${done.searchParams.get('error') ?? done.href}`);
  return tokenRequest(issuer, new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: DEMO_CLI_REDIRECT, client_id: DEMO_CLI_CLIENT, code_verifier: verifier, resource: idpDefaults.resource,
  }));
}

export async function demoToken(issuer: string, role: DemoRole): Promise<string> {
  if (role === 'tool') {
    const basic = Buffer.from(`${DEMO_TOOL.clientId}:${DEMO_TOOL.clientSecret}`).toString('base64');
    return tokenRequest(issuer, new URLSearchParams({ grant_type: 'client_credentials', scope: ROLE_SCOPES.tool.join(' '), resource: idpDefaults.resource }), basic);
  }
  return userToken(issuer, role);
}
