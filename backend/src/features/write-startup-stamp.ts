/**
 * Build step: run the whole start-up check on an artifact folder (DuckDB in its child process)
 * and, when everything passes, write the stamp the server reads (startup-stamp.ts).
 * `node dist/src/features/write-startup-stamp.js [ARTIFACTS_DIR]` (default: the repository's artifacts/).
 * Exits 1 with one line naming the file at fault otherwise.
 */
import { loadModel } from '../bootstrap.js';
import { defaultArtifactsDir } from '../config.js';
import { startupStampDefaults } from './startup-stamp.js';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? process.env['ARTIFACTS_DIR'] ?? defaultArtifactsDir();
  const loaded = await loadModel(dir, { stamp: 'write' });
  const { applications, inputs, key } = loaded.startupCheck;
  await loaded.close();
  process.stdout.write(`start-up check passed on ${dir} (${applications} applications, ${inputs} inputs equal to DuckDB): stamp ${key.slice(0, 12)} written to ${startupStampDefaults.file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`write-startup-stamp: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(1);
});
