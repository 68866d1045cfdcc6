/**
 * DEMO-ONLY accounts and clients of the embedded provider (`make start`).
 * These credentials are public (README): the provider refuses to run with
 * NODE_ENV=production and the API never trusts its issuer there.
 */
import { ROLE_SCOPES, type Scope } from '../auth/scopes.js';

export interface DemoAccount {
  login: string;
  password: string;
  name: string;
  role: 'advisor' | 'supervisor';
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'advisor', password: 'advisor-demo', name: 'Alice Advisor (demo)', role: 'advisor' },
  { login: 'supervisor', password: 'supervisor-demo', name: 'Sam Supervisor (demo)', role: 'supervisor' },
];

/** The tool client (client-credentials grant): batch scoring only. */
export const DEMO_TOOL = { clientId: 'pad-batch-tool', clientSecret: 'tool-demo-secret' } as const;

/** The dashboard (public client, Authorization Code + PKCE) and the `make token` command line. */
export const DEMO_DASHBOARD_CLIENT = 'pad-dashboard';
export const DEMO_CLI_CLIENT = 'pad-cli';
export const DEMO_CLI_REDIRECT = 'http://127.0.0.1/pad-cli/callback';

export function findDemoAccount(login: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.login === login);
}

export function scopesOf(account: DemoAccount): readonly Scope[] {
  return ROLE_SCOPES[account.role];
}
