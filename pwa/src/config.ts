/** Runtime configuration: config.json served next to index.html, written at serve time. */
export interface RuntimeConfig {
  apiUrl: string;
  /** The OpenID provider advisors sign in with. */
  issuer: string;
  /** This dashboard's client id at the provider (a public client: Authorization Code + PKCE). */
  clientId: string;
  /** Scopes to ask for (space-separated): the provider's names of the API scopes. */
  scope: string;
  /** Hours a signed-in advisor may keep reading cached clients offline after the last sign-in. */
  offlineHours: number;
}

export const defaults: RuntimeConfig = {
  apiUrl: 'http://127.0.0.1:8000',
  issuer: 'http://127.0.0.1:9400',
  clientId: 'pad-dashboard',
  scope: 'openid profile offline_access clients:read applications:score audit:read reviews:write reviews:read-all',
  /** A working day. */
  offlineHours: 10,
};

function httpUrl(body: Record<string, unknown>, key: 'apiUrl' | 'issuer', fallback: string): string {
  const raw = body[key] ?? fallback;
  if (typeof raw !== 'string') throw new ConfigError(`config.json: ${key} must be a string`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`config.json: ${key} is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`config.json: ${key} must use http or https, got "${url.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validate a parsed config.json body; names the bad field. */
export function parseConfig(body: unknown): RuntimeConfig {
  if (typeof body !== 'object' || body === null) throw new ConfigError('config.json must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b['apiUrl'] !== 'string') throw new ConfigError('config.json: apiUrl must be a string');
  const clientId = b['clientId'] ?? defaults.clientId;
  if (typeof clientId !== 'string' || clientId === '') throw new ConfigError('config.json: clientId must be a non-empty string');
  const scope = b['scope'] ?? defaults.scope;
  if (typeof scope !== 'string' || !scope.split(' ').includes('openid')) throw new ConfigError('config.json: scope must be a string that includes openid');
  const offlineHours = b['offlineHours'] ?? defaults.offlineHours;
  if (typeof offlineHours !== 'number' || !(offlineHours >= 0 && offlineHours <= 72)) throw new ConfigError('config.json: offlineHours must be a number from 0 to 72');
  return { apiUrl: httpUrl(b, 'apiUrl', defaults.apiUrl), issuer: httpUrl(b, 'issuer', defaults.issuer), clientId, scope, offlineHours };
}

/**
 * Fetch and validate config.json. On failure, use the default API URL and report why,
 * so a missing file never leaves the dashboard blank.
 */
export async function loadConfig(
  baseUrl: string,
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<{ config: RuntimeConfig; error: string | null }> {
  try {
    const response = await fetchFn(`${baseUrl}config.json`, { cache: 'no-cache' });
    if (!response.ok) throw new ConfigError(`config.json: HTTP ${response.status}`);
    return { config: parseConfig(await response.json()), error: null };
  } catch (error) {
    return { config: defaults, error: error instanceof Error ? error.message : String(error) };
  }
}
