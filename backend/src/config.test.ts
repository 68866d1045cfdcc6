import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, defaultArtifactsDir, loadConfig, packageRoot } from './config.js';

describe('config', () => {
  it('uses documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(8000);
    expect(c.host).to.equal('0.0.0.0');
    expect(c.rateLimitPerMinute).to.equal(600);
    expect(c.corsOrigins).to.include.members(['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:4173']);
    expect(c.corsOrigins).to.not.include('*');
  });

  it('resolves the default artifact folder next to the backend package, whatever the cwd', () => {
    expect(path.basename(packageRoot())).to.equal('backend');
    expect(defaultArtifactsDir()).to.equal(path.resolve(packageRoot(), '..', 'artifacts'));
    expect(loadConfig({}).artifactsDir).to.equal(defaultArtifactsDir());
  });

  it('reads PORT, HOST, ARTIFACTS_DIR, RATE_LIMIT_PER_MINUTE and CORS_ORIGINS', () => {
    const c = loadConfig({ PORT: '9001', HOST: '127.0.0.1', ARTIFACTS_DIR: '/srv/a', RATE_LIMIT_PER_MINUTE: '0', CORS_ORIGINS: 'https://pad.example, http://localhost:3000' });
    expect(c).to.include({ port: 9001, host: '127.0.0.1', artifactsDir: '/srv/a', rateLimitPerMinute: 0 });
    expect(c.corsOrigins).to.deep.equal(['https://pad.example', 'http://localhost:3000']);
  });

  it('rejects bad values naming the variable', () => {
    expect(() => loadConfig({ PORT: '80a' })).to.throw(ConfigError, /PORT must be an integer/);
    expect(() => loadConfig({ PORT: '70000' })).to.throw(ConfigError, /PORT must be between/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).to.throw(ConfigError, /RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).to.throw(ConfigError, /CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).to.throw(ConfigError, /CORS_ORIGINS/);
  });

  it('refuses API_KEY, which no longer protects anything', () => {
    expect(() => loadConfig({ API_KEY: 'k' })).to.throw(ConfigError, /API_KEY is no longer used/);
  });

  it('sizes the SHAP cache in bytes (SHAP_CACHE_BYTES) and refuses the former entry count', () => {
    expect(loadConfig({}).shapCacheBytes).to.equal(32 * 1024 * 1024);
    expect(loadConfig({ SHAP_CACHE_BYTES: '0' }).shapCacheBytes).to.equal(0);
    expect(() => loadConfig({ SHAP_CACHE_BYTES: '64MB' })).to.throw(ConfigError, /SHAP_CACHE_BYTES must be an integer, got "64MB"/);
    expect(() => loadConfig({ SHAP_CACHE_SIZE: '20000' })).to.throw(ConfigError, /SHAP_CACHE_SIZE is no longer used.*SHAP_CACHE_BYTES/);
  });

  it('defaults to the embedded demo provider outside production', () => {
    const c = loadConfig({});
    expect(c.auth.issuer).to.equal('http://127.0.0.1:9400');
    expect(c.auth.audience).to.equal('pad-scoring-api');
    expect(c.auth.algorithms).to.deep.equal(['RS256', 'PS256', 'ES256']);
  });

  it('refuses to start in production without a real https issuer or without durable storage', () => {
    const prod = { NODE_ENV: 'production', DATA_DIR: '/data' };
    expect(() => loadConfig(prod)).to.throw(ConfigError, /OIDC_ISSUER must be set in production/);
    expect(() => loadConfig({ ...prod, OIDC_ISSUER: 'http://127.0.0.1:9400' })).to.throw(ConfigError, /demo provider is refused/);
    expect(() => loadConfig({ ...prod, OIDC_ISSUER: 'https://localhost/realms/pad' })).to.throw(ConfigError, /OIDC_ISSUER/);
    expect(() => loadConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example/realms/pad' })).to.throw(ConfigError, /DATA_DIR/);
    const ok = loadConfig({ ...prod, OIDC_ISSUER: 'https://id.example/realms/pad' });
    expect(ok.auth.issuer).to.equal('https://id.example/realms/pad');
    expect(ok.dataDir).to.equal('/data');
  });

  it('accepts only asymmetric signature algorithms', () => {
    for (const alg of ['none', 'HS256', 'RS256,HS512']) {
      expect(() => loadConfig({ OIDC_ALGORITHMS: alg })).to.throw(ConfigError, /OIDC_ALGORITHMS/);
    }
    expect(loadConfig({ OIDC_ALGORITHMS: 'ES256, RS256' }).auth.algorithms).to.deep.equal(['ES256', 'RS256']);
  });

  it('reads scope aliases, an inline public JWKS and a PostgreSQL URL, naming the variable when bad', () => {
    const c = loadConfig({ OIDC_SCOPE_ALIASES: 'Clients.Read=clients:read', OIDC_JWKS: '{"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}', DATABASE_URL: 'postgres://u@h/db' });
    expect(c.auth.scopeAliases).to.deep.equal({ 'Clients.Read': 'clients:read' });
    expect(c.auth.jwks?.keys).to.have.length(1);
    expect(c.databaseUrl).to.equal('postgres://u@h/db');
    expect(() => loadConfig({ OIDC_SCOPE_ALIASES: 'X=everything' })).to.throw(ConfigError, /OIDC_SCOPE_ALIASES/);
    expect(() => loadConfig({ OIDC_JWKS: '{"keys":[{"kty":"RSA","d":"secret"}]}' })).to.throw(ConfigError, /public keys only/);
    expect(() => loadConfig({ OIDC_JWKS: 'nope' })).to.throw(ConfigError, /OIDC_JWKS/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(ConfigError, /DATABASE_URL/);
  });
});
