/**
 * Where start-up spends time and memory (prints figures, asserts nothing): loadModel()'s
 * steps one after the other in this process, each module imported only at its step, with
 * the time taken and VmRSS / VmHWM after it. Run it as the server runs
 * (`node --max-old-space-size=320 dist/bench/startup-breakdown.js`); ARTIFACTS_DIR picks the folder.
 * Each way of checking the evaluator runs in a fresh process (STARTUP_REFERENCE=inline: DuckDB in
 * this process, as before; child: DuckDB in the child process; stamp: the build's stamp matches,
 * no DuckDB run); without STARTUP_REFERENCE the script runs all three one after the other.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../src/config.js';

interface Step {
  label: string;
  ms: number;
  rssMb: number;
  hwmMb: number;
}

function memory(): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

const steps: Step[] = [];
let last = performance.now();
function mark(label: string): void {
  const now = performance.now();
  steps.push({ label, ms: now - last, ...memory() });
  last = now;
}

async function main(): Promise<void> {
  const mode = process.env['STARTUP_REFERENCE'];
  if (mode === undefined) {
    for (const m of ['inline', 'child', 'stamp']) {
      execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, STARTUP_REFERENCE: m }, stdio: 'inherit' });
    }
    return;
  }
  mark('node baseline (config module)');
  const dir = loadConfig().artifactsDir;
  const { loadArtifacts } = await import('../src/store/artifacts.js');
  const artifacts = loadArtifacts(dir);
  mark('artifacts verified + JSON parsed (features, population, schema, trees…)');
  const { TreeShap } = await import('../src/runtime/shap.js');
  const { buildEnsemble } = await import('../src/runtime/trees.js');
  const explainer = new TreeShap(buildEnsemble(artifacts.trees));
  mark('trees + TreeSHAP engine');
  const { OnnxScorer } = await import('../src/runtime/onnx.js');
  const scorer = await OnnxScorer.create(artifacts.modelPath, artifacts.features.length);
  mark('onnxruntime-node + session');
  const { SqliteClientStore } = await import('../src/store/clients.js');
  const names = artifacts.features.map((f) => f.name);
  const store = SqliteClientStore.open(artifacts.clientsPath, names.length, artifacts.manifest.model_version,
    { contentSha256: artifacts.manifest.files['clients.sqlite']?.content_sha256 });
  mark(`client store open (${store.size} clients)`);
  const { loadSqlBundle } = await import('../src/features/sql-bundle.js');
  const { SqliteRawClients } = await import('../src/store/raw-clients.js');
  const { startupSample } = await import('../src/features/stored-inputs.js');
  const bundle = loadSqlBundle(artifacts.dir, artifacts.manifest);
  const rawClients = SqliteRawClients.open(artifacts.clientsPath, bundle.schema);
  mark('SQL bundle + raw rows source');
  const options = { artifactsDir: artifacts.dir, schema: bundle.schema, features: artifacts.features, rawClients, storedIds: startupSample(store) };
  if (mode === 'inline') {
    const { FeatureEngine } = await import('../src/features/engine.js');
    mark('@duckdb/node-api imported');
    const engine = await FeatureEngine.create(bundle, artifacts.features, { connections: 1 });
    mark('DuckDB instance + definitions');
    const { serveEvaluator } = await import('../src/features/evaluator-startup.js');
    await serveEvaluator(engine, options);
    mark('evaluator checked against DuckDB (in process)');
    engine.close();
    mark('DuckDB closed');
  } else if (mode === 'stamp') {
    const { stampKey, stampMatches } = await import('../src/features/startup-stamp.js');
    const { EvaluatorInputs } = await import('../src/features/evaluator-startup.js');
    const { FeatureEvaluator } = await import('../src/features/evaluator/model-inputs.js');
    if (!stampMatches(stampKey(artifacts.dir))) throw new Error('no stamp for these artifacts and this build: run make backend-stamp first');
    new EvaluatorInputs(new FeatureEvaluator(artifacts.features));
    mark('stamp matched: evaluator serves, no DuckDB run');
  } else {
    const { ReferenceChild } = await import('../src/features/reference-child.js');
    const { checkEvaluatorInChild } = await import('../src/features/evaluator-startup.js');
    await checkEvaluatorInChild(ReferenceChild.open(bundle, artifacts.features), options);
    mark('evaluator checked against DuckDB (child process)');
  }
  rawClients.close();
  store.close();
  await scorer.release();
  void explainer;

  console.log(`\nstartup-breakdown: ${dir}, evaluator check: ${mode}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const width = Math.max(...steps.map((s) => s.label.length));
  console.log(`${'step'.padEnd(width)}  ${'ms'.padStart(7)}  ${'VmRSS MiB'.padStart(9)}  ${'VmHWM MiB'.padStart(9)}`);
  for (const s of steps) console.log(`${s.label.padEnd(width)}  ${s.ms.toFixed(0).padStart(7)}  ${s.rssMb.toFixed(0).padStart(9)}  ${s.hwmMb.toFixed(0).padStart(9)}`);
  console.log(`${'total'.padEnd(width)}  ${steps.reduce((t, s) => t + s.ms, 0).toFixed(0).padStart(7)}`);
}

main().catch((err: unknown) => {
  console.error(`startup-breakdown failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
