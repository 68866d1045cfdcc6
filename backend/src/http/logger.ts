/**
 * Structured logs: one JSON object per line on stdout (requests) or stderr
 * (errors). Tests pass a collecting logger instead.
 */

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(fields: LogFields): void;
  /** A client's fault (bad HTTP, aborted request): no stack, not an alert. */
  warn(fields: LogFields): void;
  error(fields: LogFields): void;
}

/** Where log lines go: stdout and stderr in production; the profiler passes a sink of the same cost. */
export interface LogStreams {
  out: { write(line: string): unknown };
  err: { write(line: string): unknown };
}

export function jsonLogger(level: 'info' | 'silent' = 'info', streams: LogStreams = { out: process.stdout, err: process.stderr }): Logger {
  const write = (stream: LogStreams['out'], lvl: string, fields: LogFields): void => {
    if (level === 'silent') return;
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, ...fields })}\n`);
  };
  return {
    info: (fields) => write(streams.out, 'info', fields),
    warn: (fields) => write(streams.err, 'warn', fields),
    error: (fields) => write(streams.err, 'error', fields),
  };
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(): Logger & { lines: LogFields[] } {
  const lines: LogFields[] = [];
  return {
    lines,
    info: (fields) => lines.push({ level: 'info', ...fields }),
    warn: (fields) => lines.push({ level: 'warn', ...fields }),
    error: (fields) => lines.push({ level: 'error', ...fields }),
  };
}
