/** Spawn the real server (dist/src/server.js) for process-level tests. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../config.js';

const SERVER = path.join(packageRoot(), 'dist', 'src', 'server.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Start the server; `onListening` runs once it logs its port, then the process is awaited. */
export function runServer(env: Record<string, string>, onListening?: (port: number, pid: number) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-data-'));
    const child = spawn(process.execPath, [SERVER], {
      // A data folder of its own: the record of access of a test run is thrown away with it.
      env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not finish in time; stdout: ${stdout} stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /"msg":"listening"[^\n]*"port":(\d+)/.exec(stdout);
      if (match && !started && onListening) {
        started = true;
        onListening(Number(match[1]), child.pid!).catch((err: unknown) => {
          child.kill('SIGKILL');
          reject(err as Error);
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

