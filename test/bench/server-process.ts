// The bench's side of server-child.ts: the team endpoint in a child process (so the load
// generator does not share its event loop, and the server's own CPU can be read apart from it),
// and a manager's sign-in to its board. Used by server.bench.ts and live.bench.ts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startChild(where: string) {
  // stdin is a pipe the child watches: if this process dies without stopping it (a kill, a
  // Ctrl-C), the pipe closes and the child ends too.
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./server-child.ts', import.meta.url)), where],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
  const lines: string[] = [];
  child.stdout.on('data', (chunk) => lines.push(...String(chunk).trim().split('\n')));
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    port,
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
