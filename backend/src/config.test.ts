import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, defaultArtifactsDir, loadConfig, packageRoot } from './config.js';

describe('config', () => {
  it('uses documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(8000);
    expect(c.host).to.equal('0.0.0.0');
    expect(c.rateLimitPerMinute).to.equal(600);
    expect(c.apiKey).to.equal(undefined);
    expect(c.corsOrigins).to.include.members(['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:4173']);
    expect(c.corsOrigins).to.not.include('*');
  });

  it('resolves the default artifact folder next to the backend package, whatever the cwd', () => {
    expect(path.basename(packageRoot())).to.equal('backend');
    expect(defaultArtifactsDir()).to.equal(path.resolve(packageRoot(), '..', 'artifacts'));
    expect(loadConfig({}).artifactsDir).to.equal(defaultArtifactsDir());
  });

  it('reads PORT, HOST, ARTIFACTS_DIR, API_KEY, RATE_LIMIT_PER_MINUTE and CORS_ORIGINS', () => {
    const c = loadConfig({ PORT: '9001', HOST: '127.0.0.1', ARTIFACTS_DIR: '/srv/a', API_KEY: 'k', RATE_LIMIT_PER_MINUTE: '0', CORS_ORIGINS: 'https://pad.example, http://localhost:3000' });
    expect(c).to.include({ port: 9001, host: '127.0.0.1', artifactsDir: '/srv/a', apiKey: 'k', rateLimitPerMinute: 0 });
    expect(c.corsOrigins).to.deep.equal(['https://pad.example', 'http://localhost:3000']);
  });

  it('rejects bad values naming the variable', () => {
    expect(() => loadConfig({ PORT: '80a' })).to.throw(ConfigError, /PORT must be an integer/);
    expect(() => loadConfig({ PORT: '70000' })).to.throw(ConfigError, /PORT must be between/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).to.throw(ConfigError, /RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).to.throw(ConfigError, /CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).to.throw(ConfigError, /CORS_ORIGINS/);
  });
});
