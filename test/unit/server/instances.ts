// Several team server processes on one database behind a real haproxy, all on loopback: what a
// company runs behind its load balancer. Each instance is `node src/server/cli.ts serve`, a real
// child process that a test may SIGKILL; haproxy checks /readyz and sends traffic round-robin.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../postgres-cluster.ts';

const CLI = fileURLToPath(new URL('../../../src/server/cli.ts', import.meta.url));

/** Where the instances keep their data: DATABASE_URL for PostgreSQL, or --db for a file. */
export type Backend = { databaseUrl: string } | { file: string };

function backendArgs(backend: Backend): { args: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MT_TEAM_DB;
  return 'databaseUrl' in backend
    ? { args: [], env: { ...env, DATABASE_URL: backend.databaseUrl } }
    : { args: ['--db', backend.file], env };
}

/** An admin command of the CLI (init, add-team, add-rep, …) against the backend. */
export function runCli(
  backend: Backend,
  args: string[],
  stdin = '',
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { args: extra, env } = backendArgs(backend);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, ...extra], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** runCli that must succeed; returns its stdout. */
export async function cliOk(backend: Backend, args: string[], stdin = ''): Promise<string> {
  const result = await runCli(backend, args, stdin);
  if (result.status !== 0)
    throw new Error(
      `team-server ${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`,
    );
  return result.stdout;
}

/** `add-rep`: the new rep's id and the token it prints once. */
export async function addRep(
  backend: Backend,
  team: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const out = await cliOk(backend, ['add-rep', '--team', team, '--name', name]);
  const id = /\(id ([^)]+)\)/.exec(out)?.[1];
  const token = out.trim().split('\n').at(-1)?.trim();
  if (!id || !token) throw new Error(`add-rep printed no id and token: ${out}`);
  return { id, token };
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  /** Everything it printed (its JSON log). */
  output(): string;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string | null>;
  kill(signal: NodeJS.Signals): void;
}

/** `team-server serve` on a free loopback port, once it says it is listening. */
export async function startInstance(
  name: string,
  backend: Backend,
  extraArgs: string[] = [],
): Promise<Instance> {
  const { args, env } = backendArgs(backend);
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...args, ...extraArgs],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    // Loading the server's TypeScript takes tens of seconds on a machine busy with other work.
    const timer = setTimeout(
      () => reject(new Error(`${name}: no listening line in: ${out}`)),
      90_000,
    );
    const check = () => {
      const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening: ${out}`));
    });
  });
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    kill: (signal) => child.kill(signal),
  };
}

export interface ServerStat {
  name: string;
  /** haproxy's check status: UP, DOWN, … */
  status: string;
  /** HTTP answers haproxy has had from it in all (health checks aside). */
  answers: number;
}

export interface Balancer {
  url: string;
  port: number;
  /** The backend servers as haproxy sees them now (its stats socket). */
  stats(): Promise<ServerStat[]>;
  /** Waits until every named server is UP (or DOWN), as haproxy's health checks say. */
  waitFor(status: 'UP' | 'DOWN', names: string[], timeoutMs?: number): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * haproxy (Debian's) in front of `instances`, on a free loopback port: round-robin, health checks
 * on /readyz every 200 ms, and a connection refused by a dead instance redispatched to another.
 * A request already sent to an instance that dies gets a 502; the client retries, as the desktop
 * sync does.
 */
export async function startBalancer(
  instances: readonly Pick<Instance, 'name' | 'port'>[],
  /**
   * How many failed checks in a row take an instance out, and how long one may wait for its answer:
   * by default one, within the 200 ms between checks (a test's dead instance is out at once); the
   * bench loads instances whose /readyz then waits its turn behind the load.
   */
  checks: { fall: number; timeout?: string } = { fall: 1 },
): Promise<Balancer> {
  const dir = mkdtempSync(join(tmpdir(), 'mt-haproxy-'));
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const config = [
    'global',
    '  maxconn 2000',
    `  stats socket ${socket} mode 600 level admin`,
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  retries 3',
    '  option redispatch 1',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    ...(checks.timeout ? [`  timeout check ${checks.timeout}`] : []),
    `  default-server inter 200ms fall ${checks.fall} rise 1`,
    'frontend team',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    ...instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check`),
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  // -db: stay in the foreground, so the test owns the process and its output.
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  let exitCode: number | string | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    });
    // Not started at all: no 'exit' follows.
    child.once('error', (error) => {
      exitCode = error.message;
      out +=
        'code' in error && error.code === 'ENOENT'
          ? 'haproxy is not installed: install it (Debian/Ubuntu: apt-get install haproxy; macOS: brew install haproxy).'
          : error.message;
      resolve();
    });
  });

  const command = (line: string) =>
    new Promise<string>((resolve, reject) => {
      const conn = connect(socket);
      let text = '';
      conn.on('data', (d) => (text += String(d)));
      conn.once('error', reject);
      conn.once('end', () => resolve(text));
      conn.once('connect', () => conn.write(`${line}\n`));
    });

  async function stats(): Promise<ServerStat[]> {
    const csv = await command('show stat');
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = (header ?? '').split(',');
    const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
    return rows
      .map((line) => line.split(','))
      .filter((row) => at(row, 'pxname') === 'instances' && at(row, 'svname') !== 'BACKEND')
      .map((row) => ({
        name: at(row, 'svname'),
        status: at(row, 'status'),
        answers: ['1xx', '2xx', '3xx', '4xx', '5xx', 'other']
          .map((c) => Number(at(row, `hrsp_${c}`)))
          .reduce((x, y) => x + y, 0),
      }));
  }

  async function waitFor(status: 'UP' | 'DOWN', names: string[], timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exitCode !== undefined) throw new Error(`haproxy exited (${exitCode}): ${out}`);
      const now = await stats().catch(() => []);
      if (names.every((n) => now.find((s) => s.name === n)?.status.startsWith(status))) return;
      if (Date.now() > deadline)
        throw new Error(`haproxy: ${names.join(', ')} not ${status}: ${JSON.stringify(now)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const stop = async () => {
    if (exitCode === undefined) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'UP',
      instances.map((i) => i.name),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, stats, waitFor, output: () => out, stop };
}
