/**
 * Runs wrk against the local server with a Lua script that cycles over real
 * client ids, and parses requests/s and latency percentiles from its report.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

function toMs(value: string, unit: string): number {
  const v = Number(value);
  return unit === 'us' ? v / 1000 : unit === 's' ? v * 1000 : unit === 'm' ? v * 60_000 : v;
}

export function parseWrk(output: string): WrkResult {
  const percentile = (p: string): number => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    if (!m) throw new Error(`wrk output has no ${p}% latency:\n${output}`);
    return toMs(m[1]!, m[2]!);
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rps) throw new Error(`wrk output has no Requests/sec:\n${output}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = (non2xx ? Number(non2xx[1]) : 0) + (socketErrors ? socketErrors.slice(1).reduce((s, n) => s + Number(n), 0) : 0);
  return { requestsPerSecond: Number(rps[1]), p50Ms: percentile('50'), p99Ms: percentile('99'), errors };
}

/** The Lua script that GETs `pathTemplate` with {id} replaced by ids in turn. */
function cycleScript(pathTemplate: string, ids: number[], token: string): string {
  return `local ids = {${ids.join(',')}}
local counter = 0
request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format("GET", (string.gsub("${pathTemplate}", "{id}", tostring(id))), { ["Authorization"] = "Bearer ${token}" })
end
`;
}

/** GET `pathTemplate` with {id} replaced by ids in turn, `connections` connections for `seconds`. */
export function runWrk(port: number, pathTemplate: string, ids: number[], seconds: number, connections: number, token: string): WrkResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-wrk-'));
  const script = path.join(dir, 'cycle.lua');
  fs.writeFileSync(script, cycleScript(pathTemplate, ids, token));
  try {
    // One wrk thread: the server is single-threaded and the machine has 2 cores.
    const output = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, `http://127.0.0.1:${port}`], {
      encoding: 'utf8', timeout: (seconds + 30) * 1000,
    });
    return parseWrk(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function postScript(bodyFile: string, headers: Record<string, string>): string {
  return `local f = io.open(${JSON.stringify(bodyFile)}, "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
${Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n')}
`;
}

/** POST the same JSON `body` to `urlPath`, `connections` connections for `seconds`, with `headers` (e.g. Authorization). */
export function runWrkPost(port: number, urlPath: string, body: string, seconds: number, connections: number, headers: Record<string, string> = {}): WrkResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-wrk-'));
  const script = path.join(dir, 'post.lua');
  const bodyFile = path.join(dir, 'body.json');
  fs.writeFileSync(bodyFile, body);
  fs.writeFileSync(script, postScript(bodyFile, headers));
  try {
    const output = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, `http://127.0.0.1:${port}${urlPath}`], {
      encoding: 'utf8', timeout: (seconds + 30) * 1000,
    });
    return parseWrk(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What one wrk run sends: GETs cycling over client ids, or one POST body. */
export type WrkLoad =
  | { kind: 'get'; pathTemplate: string; ids: number[]; token: string }
  | { kind: 'post'; urlPath: string; body: string; headers: Record<string, string> };

/**
 * The same runs without blocking the caller's event loop: for a server in this very process
 * (bench/profile.ts), which a synchronous wrk would starve.
 */
export async function runWrkAsync(port: number, load: WrkLoad, seconds: number, connections: number): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-wrk-'));
  const script = path.join(dir, 'load.lua');
  let url = `http://127.0.0.1:${port}`;
  if (load.kind === 'get') {
    fs.writeFileSync(script, cycleScript(load.pathTemplate, load.ids, load.token));
  } else {
    const bodyFile = path.join(dir, 'body.json');
    fs.writeFileSync(bodyFile, load.body);
    fs.writeFileSync(script, postScript(bodyFile, load.headers));
    url += load.urlPath;
  }
  try {
    const output = await new Promise<string>((resolve, reject) => {
      execFile('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], { encoding: 'utf8', timeout: (seconds + 30) * 1000 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
    return parseWrk(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
