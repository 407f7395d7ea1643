// The main process's log: one line per event, appended to main.log in Electron's logs folder
// (app.getPath('logs')), which a packaged app has instead of a terminal, and copied to stderr.
// Rotation: past `maxBytes` main.log becomes main.1.log (main.1 → main.2, …), keeping `keep` old
// files, so the folder stays under (keep + 1) × maxBytes.
//
// Why a small writer and not electron-log: the app logs a few lines a day (failures, repairs),
// from one process; what matters is that nothing personal reaches the file, which is ours to
// decide either way. This is about 100 lines with no Electron import, so it runs and is tested in
// plain Node; electron-log would add a dependency that patches console and IPC for features
// (renderer transport, remote, scopes) the app does not use.
//
// Nothing personal: a cause is written as its type, message, code and stack, never as a dump of
// its fields; object fields named like secrets or notes are replaced; and strings are scrubbed
// of bearer tokens, `token=…` pairs and JSON note/secret fields.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE = 'main.log';

export interface FileLogOptions {
  /** Electron's app.getPath('logs'). */
  dir: string;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
  /** Also written here (stderr in the app); null for the file only. */
  echo?: ((line: string) => void) | null;
}

export type Log = (message: string, cause?: unknown) => void;

const REDACTED = '[redacted]';
/** Field names whose values are secrets or the rep's own words. */
const PRIVATE_KEY =
  /token|secret|password|passphrase|authorization|cookie|credential|api[-_]?key|note|reflection|invite/i;

/** Removes secrets and notes a string may carry (an HTTP error's text, an echoed request body). */
export function scrub(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(
      /("([A-Za-z0-9_-]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g,
      (whole, head: string, key: string) =>
        PRIVATE_KEY.test(key) ? `${head}"${REDACTED}"` : whole,
    )
    .replace(
      /\b([A-Za-z0-9_-]*(?:token|secret|password|key|note)[A-Za-z0-9_-]*)=([^\s&"',;]+)/gi,
      `$1=${REDACTED}`,
    );
}

/** A cause as log text: errors by type, message, code and stack; other values by shape. */
export function describeCause(cause: unknown, depth = 0): string {
  if (cause === undefined || cause === null || cause === '') return '';
  if (depth > 3) return '…';
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? ` [${cause.code}]` : '';
    const stack = cause.stack?.split('\n').slice(1, 8).join('\n') ?? '';
    const inner =
      cause.cause === undefined ? '' : `\n  caused by: ${describeCause(cause.cause, depth + 1)}`;
    return scrub(`${cause.name}${code}: ${cause.message}${stack ? `\n${stack}` : ''}`) + inner;
  }
  if (typeof cause === 'string') return scrub(cause);
  if (typeof cause !== 'object') return String(cause);
  const seen = new WeakSet<object>();
  const json = JSON.stringify(cause, (key, value: unknown) => {
    if (key !== '' && PRIVATE_KEY.test(key)) return REDACTED;
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
      if (value instanceof Error) return describeCause(value, depth + 1);
    }
    return value;
  });
  return scrub((json ?? String(cause)).slice(0, 4000));
}

export function createFileLog(options: FileLogOptions): Log {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const echo =
    options.echo === undefined ? (line: string) => process.stderr.write(line) : options.echo;
  const file = join(dir, LOG_FILE);
  const rotated = (n: number) => join(dir, `main.${n}.log`);
  let size: number | null = null;

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      try {
        renameSync(rotated(n), rotated(n + 1));
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(file, rotated(1));
    size = 0;
  };

  return (message, cause) => {
    const detail = describeCause(cause);
    const line = `${now().toISOString()} ${scrub(message)}${detail ? ` ${detail}` : ''}\n`;
    echo?.(line);
    try {
      if (size === null) {
        mkdirSync(dir, { recursive: true });
        try {
          size = statSync(file).size;
        } catch {
          size = 0;
        }
      }
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line);
      size += bytes;
    } catch {
      // A log that cannot be written must not take the app down; stderr still has the line.
      size = null;
    }
  };
}
