import { describe, expect, it } from 'vitest';
import { defaults, loadConfig, parseConfig } from './config.js';

describe('runtime config', () => {
  it('accepts an http(s) API URL and drops a trailing slash', () => {
    expect(parseConfig({ apiUrl: 'https://api.example/scoring/' })).toEqual({ ...defaults, apiUrl: 'https://api.example/scoring' });
  });

  it('reads the issuer, client id, scope and offline hours, with defaults for the demo provider', () => {
    const c = parseConfig({ apiUrl: 'https://api.example', issuer: 'https://login.example/realms/pad/', clientId: 'dash', scope: 'openid clients:read', offlineHours: 8 });
    expect(c).toEqual({ apiUrl: 'https://api.example', issuer: 'https://login.example/realms/pad', clientId: 'dash', scope: 'openid clients:read', offlineHours: 8 });
    expect(parseConfig({ apiUrl: 'https://api.example' }).offlineHours).toBe(10);
    expect(() => parseConfig({ apiUrl: 'https://a.example', issuer: 'nope' })).toThrow(/issuer is not a URL/);
    expect(() => parseConfig({ apiUrl: 'https://a.example', clientId: '' })).toThrow(/clientId/);
    expect(() => parseConfig({ apiUrl: 'https://a.example', scope: 'clients:read' })).toThrow(/openid/);
    expect(() => parseConfig({ apiUrl: 'https://a.example', offlineHours: -1 })).toThrow(/offlineHours/);
  });

  it('names the bad field', () => {
    expect(() => parseConfig([])).not.toThrow(/apiUrl is not/);
    expect(() => parseConfig(null)).toThrow(/must be a JSON object/);
    expect(() => parseConfig({ apiUrl: 42 })).toThrow(/apiUrl must be a string/);
    expect(() => parseConfig({ apiUrl: 'nope' })).toThrow(/apiUrl is not a URL: "nope"/);
    expect(() => parseConfig({ apiUrl: 'ftp://x' })).toThrow(/must use http or https/);
  });

  it('reads config.json next to index.html and falls back to the default with the reason', async () => {
    const ok = await loadConfig('/pad/', (async (url: string) => {
      expect(url).toBe('/pad/config.json');
      return new Response(JSON.stringify({ apiUrl: 'http://10.0.0.1:9000' }));
    }) as unknown as typeof fetch);
    expect(ok).toEqual({ config: { ...defaults, apiUrl: 'http://10.0.0.1:9000' }, error: null });
    const missing = await loadConfig('/', (async () => new Response('no', { status: 404 })) as unknown as typeof fetch);
    expect(missing).toEqual({ config: defaults, error: 'config.json: HTTP 404' });
  });
});
