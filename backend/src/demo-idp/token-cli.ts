/** `make token ROLE=advisor|supervisor|tool`: print a demo access token (the embedded provider must be running). */
import { demoToken, type DemoRole } from './demo-token.js';
import { idpDefaults } from './idp-defaults.js';

const role = (process.argv[2] ?? 'advisor') as DemoRole;
const issuer = process.env['DEMO_IDP_ISSUER']?.trim() || `http://127.0.0.1:${idpDefaults.port}`;
if (!['advisor', 'supervisor', 'tool'].includes(role)) {
  process.stderr.write(`make token: ROLE must be advisor, supervisor or tool, got "${role}"\n`);
  process.exit(2);
}
demoToken(issuer, role).then(
  (token) => process.stdout.write(`${token}\n`),
  (err: unknown) => {
    const reason = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
    process.stderr.write(`make token: no token from ${issuer} (${reason}); is the demo provider running (make start, or make idp)?\n`);
    process.exit(1);
  },
);
