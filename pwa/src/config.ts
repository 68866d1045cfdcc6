/** Runtime configuration: config.json served next to index.html, written at serve time. */
export interface RuntimeConfig {
  apiUrl: string;
}

export const defaults: RuntimeConfig = { apiUrl: 'http://127.0.0.1:8000' };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validate a parsed config.json body; names the bad field. */
export function parseConfig(body: unknown): RuntimeConfig {
  if (typeof body !== 'object' || body === null) throw new ConfigError('config.json must be a JSON object');
  const apiUrl = (body as Record<string, unknown>)['apiUrl'];
  if (typeof apiUrl !== 'string') throw new ConfigError('config.json: apiUrl must be a string');
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new ConfigError(`config.json: apiUrl is not a URL: "${apiUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`config.json: apiUrl must use http or https, got "${url.protocol}"`);
  }
  return { apiUrl: apiUrl.replace(/\/+$/, '') };
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
