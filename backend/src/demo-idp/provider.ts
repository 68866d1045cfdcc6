/**
 * The embedded OpenID provider of `make start` (oidc-provider, the certified
 * Node implementation): demo accounts sign in on a plain login form, the
 * dashboard uses Authorization Code + PKCE, the tool client uses client
 * credentials. Access tokens are JWTs for the API's audience, carrying only
 * the scopes of the account's role. Keys and sessions live in memory.
 */
import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import { exportJWK, generateKeyPair } from 'jose';
import type Koa from 'koa';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { ALL_SCOPES, ROLE_SCOPES } from '../auth/scopes.js';
import { DEMO_CLI_CLIENT, DEMO_CLI_REDIRECT, DEMO_DASHBOARD_CLIENT, DEMO_TOOL, findDemoAccount, scopesOf } from './accounts.js';
import { idpDefaults } from './idp-defaults.js';
import { loginPage } from './login-page.js';

export { idpDefaults };

export interface IdpOptions {
  issuer: string;
  /** Where the dashboard may be sent back to after sign-in and sign-out (its base URLs). */
  dashboardRedirects: string[];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function form(ctx: Koa.Context): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8').slice(0, 10_000));
}

function interactions(provider: Provider): Router {
  const router = new Router();
  router.get('/interaction/:uid', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = loginPage(details.uid, String(details.params['client_id'] ?? ''), undefined);
  });
  router.post('/interaction/:uid/login', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const body = await form(ctx);
    const account = findDemoAccount(body.get('login') ?? '');
    if (!account || !same(account.password, body.get('password') ?? '')) {
      ctx.status = 401;
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, String(details.params['client_id'] ?? ''), 'Unknown login or wrong password');
      return;
    }
    // Consent is implied for these first-party demo clients: grant the role's scopes, reject the rest.
    const requested = String(details.params['scope'] ?? '').split(' ').filter((s) => s !== '');
    const grant = new provider.Grant({ accountId: account.login, clientId: String(details.params['client_id']) });
    grant.addOIDCScope(requested.filter((s) => ['openid', 'profile', 'offline_access'].includes(s)).join(' '));
    const allowed = scopesOf(account) as readonly string[];
    grant.addResourceScope(idpDefaults.resource, requested.filter((s) => allowed.includes(s)).join(' '));
    const refused = requested.filter((s) => (ALL_SCOPES as readonly string[]).includes(s) && !allowed.includes(s));
    if (refused.length > 0) grant.rejectResourceScope(idpDefaults.resource, refused.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: account.login }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });
  return router;
}

function configuration(options: IdpOptions, jwk: Record<string, unknown>, cookieKey: string): Configuration {
  const dashboardOrigins = new Set(options.dashboardRedirects.map((u) => new URL(u).origin));
  return {
    clients: [
      {
        client_id: DEMO_DASHBOARD_CLIENT, token_endpoint_auth_method: 'none', application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
        redirect_uris: options.dashboardRedirects, post_logout_redirect_uris: options.dashboardRedirects,
      },
      {
        client_id: DEMO_CLI_CLIENT, token_endpoint_auth_method: 'none', application_type: 'native',
        grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: [DEMO_CLI_REDIRECT],
      },
      {
        client_id: DEMO_TOOL.clientId, client_secret: DEMO_TOOL.clientSecret, grant_types: ['client_credentials'],
        response_types: [], redirect_uris: [],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [cookieKey] },
    // The API's scopes are the resource server's (getResourceServerInfo), not OpenID scopes.
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, id) => {
      const account = findDemoAccount(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: account.name, preferred_username: account.login }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // No "do you want to sign out?" page: the dashboard's button already asked. logout=yes ends the provider session too.
        logoutSource: (ctx, formHtml) => {
          const form = formHtml.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
          ctx.body = `<!doctype html><html lang="en"><title>Signing out</title><body>${form}<script>document.forms[0].submit()</script></body></html>`;
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => idpDefaults.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => {
          if (indicator !== idpDefaults.resource) throw new errors.InvalidTarget();
          // The tool holds no user session: its client alone decides, and it may only batch-score.
          const scope = client.clientId === DEMO_TOOL.clientId ? ROLE_SCOPES.tool.join(' ') : ALL_SCOPES.join(' ');
          return {
            scope, audience: idpDefaults.audience, accessTokenTTL: idpDefaults.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Refresh tokens (rotated) give the dashboard silent renewal without third-party cookies.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => dashboardOrigins.has(origin),
    ttl: { Interaction: 600, IdToken: idpDefaults.accessTokenTtlSeconds, AccessToken: idpDefaults.accessTokenTtlSeconds, Session: idpDefaults.sessionTtlSeconds, Grant: idpDefaults.sessionTtlSeconds, RefreshToken: idpDefaults.sessionTtlSeconds },
    pkce: { required: () => true },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><p>${String(out['error'] ?? '').replace(/[<>&"]/g, '')}</p>`;
    },
  };
}

/** A provider with fresh keys; listen on it with provider.listen() or mount provider.callback(). */
export async function createDemoProvider(options: IdpOptions): Promise<Provider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `demo-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
  const cookieKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  const provider = new Provider(options.issuer, configuration(options, jwk, cookieKey));
  const router = interactions(provider);
  provider.use(router.routes());
  return provider;
}

