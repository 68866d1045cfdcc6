/**
 * The API's public address from fly.toml: https://<app>.fly.dev.
 * Shared by smoke.mjs and pwa-config.mjs so both follow an app rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Read `app = "..."` from fly.toml; throws naming the file when it is absent. */
export function flyAppUrl(flyToml = path.join(repoRoot, 'fly.toml')) {
  const text = fs.readFileSync(flyToml, 'utf8');
  const match = /^app\s*=\s*["']([a-z0-9-]+)["']\s*$/m.exec(text);
  if (!match) throw new Error(`${flyToml}: no line like app = "name"`);
  return `https://${match[1]}.fly.dev`;
}
