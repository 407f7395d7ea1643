// The bench's side of server-child.ts: the team endpoint in a child process (so the load
// generator does not share its event loop, and the server's own CPU can be read apart from it),
// and a manager's sign-in to its board. Used by server.bench.ts and live.bench.ts.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export interface ChildOptions {
  /**
   * Serve as `team-server serve` does: structured JSON logs on stdout, here appended to this
   * file. Without it the child does not log.
   */
  logFile?: string;
  /** A program to run the child under, and its arguments (valgrind, say), before Node's path. */
  under?: readonly string[];
  /** Node's own flags for the child. */
  nodeFlags?: readonly string[];
}

export async function startChild(where: string, options: ChildOptions = {}) {
  const log = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  // stdin is a pipe the child watches: if this process dies without stopping it (a kill, a
  // Ctrl-C), the pipe closes and the child ends too. Its port and CPU readings come on fd 3, so
  // that stdout is the log's, as in production.
  const [program = process.execPath, ...wrapperArgs] = options.under ?? [];
  const child = spawn(
    program,
    [
      ...(options.under ? [...wrapperArgs, process.execPath] : []),
      ...(options.nodeFlags ?? []),
      fileURLToPath(new URL('./server-child.ts', import.meta.url)),
      where,
      ...(options.logFile === undefined ? [] : ['--log']),
    ],
    { stdio: ['pipe', log, 'inherit', 'pipe'] },
  );
  if (typeof log === 'number') closeSync(log);
  const control = child.stdio[3];
  if (!(control instanceof Readable)) throw new Error('the server child has no control pipe');
  const port = await new Promise<number>((resolve, reject) => {
    control.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
  const lines: string[] = [];
  control.on('data', (chunk) => lines.push(...String(chunk).trim().split('\n')));
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    port,
    /** The child's process id (the bench's CPU caps hold it). */
    pid: child.pid ?? 0,
    url: `http://127.0.0.1:${port}`,
    /** The child's CPU time so far, in µs. */
    cpu: async (): Promise<number> => {
      const before = lines.length;
      child.kill('SIGUSR2');
      while (lines.length === before) {
        if (exited) throw new Error('the server child exited');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return Number(lines.at(-1)?.replace('cpu ', ''));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
export type ServerChild = Awaited<ReturnType<typeof startChild>>;

/** Signs a manager in to the board at `url`; returns the session's `cookie` header. */
export async function signIn(url: string, manager: { email: string; password: string }) {
  const login = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(manager).toString(),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (login.status !== 303 || !cookie)
    throw new Error(`signing ${manager.email} in failed: ${login.status}`);
  return cookie;
}
