/**
 * Hardening of the real process: HTTP parser errors answer a problem body with
 * the security headers and are logged at warn; a slow body is cut at
 * BODY_TIMEOUT_MS; MAX_CONNECTIONS caps sockets; while draining, answers say
 * Connection: close so a busy keep-alive client cannot hold SIGTERM.
 */
import { expect } from 'chai';
import net from 'node:net';
import { realArtifactsDir } from './testing/real-artifacts.js';
import { runServer } from './testing/spawn-server.js';
import { signToken, TEST_AUDIENCE, TEST_ISSUER, TEST_JWKS } from './testing/tokens.js';

const AUTH_ENV = { OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS: JSON.stringify(TEST_JWKS), NODE_ENV: 'test' };

/** Write raw bytes, collect everything until the server closes (or `waitMs` passes). */
function raw(port: number, payload: string, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const done = (): void => {
      socket.destroy();
      resolve(data);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', () => undefined);
    socket.write(payload);
  });
}

function parse(response: string): { status: number; headers: Record<string, string>; body: string } {
  const [head, ...rest] = response.split('\r\n\r\n');
  const [statusLine, ...lines] = head!.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

describe('server hardening (spawned process)', function () {
  this.timeout(60_000);

  it('answers HTTP parser errors with a problem body and the security headers, logged at warn without a stack', async () => {
    const cases: Array<[string, string, number]> = [
      ['unknown method', 'BREW /v1/clients HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['bad chunked body', 'POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n', 400],
      ['header overflow', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['not HTTP at all', '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n', 400],
    ];
    const run = await runServer({ ARTIFACTS_DIR: realArtifactsDir(), ...AUTH_ENV }, async (port, pid) => {
      for (const [name, payload, status] of cases) {
        const res = parse(await raw(port, payload));
        expect(res.status, name).to.equal(status);
        expect(res.headers['content-type'], name).to.equal('application/problem+json');
        expect(res.headers['x-content-type-options'], name).to.equal('nosniff');
        expect(res.headers['content-security-policy'], name).to.include("default-src 'none'");
        expect(res.headers['connection'], name).to.equal('close');
        expect(JSON.parse(res.body), name).to.include({ status });
      }
      process.kill(pid, 'SIGTERM');
    });
    expect(run.code).to.equal(0);
    const warns = run.stderr.split('\n').filter((l) => l.includes('"level":"warn"'));
    expect(warns.length).to.be.at.least(cases.length);
    expect(warns.every((l) => l.includes('"msg":"client error"'))).to.equal(true);
    expect(run.stderr).to.not.match(/unhandled error|\n\s+at /);
  });

  it('cuts a request body that trickles in slower than BODY_TIMEOUT_MS with a 408 problem', async () => {
    const token = signToken({ scopes: ['applications:batch'] });
    let elapsed = 0;
    const run = await runServer({ ARTIFACTS_DIR: realArtifactsDir(), ...AUTH_ENV, BODY_TIMEOUT_MS: '500' }, async (port, pid) => {
      const started = Date.now();
      const res = parse(await raw(port, `POST /v1/score HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"records": [`, 5000));
      elapsed = Date.now() - started;
      expect(res.status).to.equal(408);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.headers['connection']).to.equal('close');
      process.kill(pid, 'SIGTERM');
    });
    expect(run.code).to.equal(0);
    expect(elapsed).to.be.within(400, 3000);
  });

  it('accepts at most MAX_CONNECTIONS sockets at once', async () => {
    const run = await runServer({ ARTIFACTS_DIR: realArtifactsDir(), ...AUTH_ENV, MAX_CONNECTIONS: '2' }, async (port, pid) => {
      const held = [net.connect(port, '127.0.0.1'), net.connect(port, '127.0.0.1')];
      await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
      await new Promise((r) => setTimeout(r, 100));
      const extra = await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', 2000);
      expect(extra).to.equal(''); // dropped by the server, never answered
      for (const s of held) s.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(parse(await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).to.equal(200);
      process.kill(pid, 'SIGTERM');
    });
    expect(run.code).to.equal(0);
  });

  it('exits promptly on SIGTERM while a keep-alive client keeps sending', async () => {
    let exitMs = 0;
    let sent = 0;
    const run = await runServer({ ARTIFACTS_DIR: realArtifactsDir(), ...AUTH_ENV }, async (port, pid) => {
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.on('error', () => undefined);
      const busy = setInterval(() => {
        if (!socket.destroyed) {
          socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
          sent += 1;
        }
      }, 20);
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      process.kill(pid, 'SIGTERM');
      await new Promise<void>((resolve) => socket.once('close', () => resolve()));
      exitMs = Date.now() - started;
      clearInterval(busy);
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(sent).to.be.above(5);
    console.log(`      SIGTERM to connection closed with a busy keep-alive client: ${exitMs} ms`);
    expect(exitMs).to.be.below(2000);
  });
});
