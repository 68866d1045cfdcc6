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

export function jsonLogger(level: 'info' | 'silent' = 'info'): Logger {
  const write = (stream: NodeJS.WriteStream, lvl: string, fields: LogFields): void => {
    if (level === 'silent') return;
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, ...fields })}\n`);
  };
  return {
    info: (fields) => write(process.stdout, 'info', fields),
    warn: (fields) => write(process.stderr, 'warn', fields),
    error: (fields) => write(process.stderr, 'error', fields),
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
