// A throwaway PostgreSQL cluster for tests and the bench: `initdb` in a temp dir, `pg_ctl` on a
// free loopback port, removed on stop. The same steps .ci/run takes in bash for a CI run. As root
// (CI, these machines) the cluster runs as the `postgres` user Debian's package creates, since
// PostgreSQL refuses to run as root. Each cluster's folder names the process that started it: a
// run that was interrupted (Ctrl-C, a kill) leaves its cluster running, and the next start stops
// and removes it.
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const INSTALL_POSTGRES =
  'PostgreSQL is not installed (no initdb and pg_ctl found on PATH, by pg_config or in /usr/lib/postgresql): ' +
  'install it (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql) or set ' +
  'TEST_DATABASE_URL to a PostgreSQL server whose user may create databases.';

export interface SearchOptions {
  /** Where to look first; PATH unless given. */
  path?: string;
  /** Folders of versioned installs (`<root>/15/bin`): Debian's, which are not on PATH. */
  versionRoots?: string[];
}

/** The folder holding initdb and pg_ctl, or null when PostgreSQL's server binaries are absent. */
export function findPostgresBin(options: SearchOptions = {}): string | null {
  const path = options.path ?? process.env.PATH ?? '';
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  for (const dir of path.split(delimiter)) if (dir && has(dir)) return dir;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: path },
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (has(dir)) return dir;
  } catch {
    // No pg_config either: look where Debian puts the server binaries.
  }
  for (const root of options.versionRoots ?? ['/usr/lib/postgresql']) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** postgres://USER@127.0.0.1:PORT/postgres — a superuser on the cluster's maintenance database. */
  url: string;
  port: number;
  stop(): void;
}

export interface ClusterOptions extends SearchOptions {
  /**
   * false (tests): no fsync, for speed; a test kills server processes, never PostgreSQL itself.
   * true (bench): PostgreSQL's defaults, so a figure includes the commit's flush as in production.
   */
  durable?: boolean;
}

const CLUSTER_PREFIX = 'mt-pg-';
/** In each cluster's folder: the id of the process that started it. */
const OWNER_FILE = 'owner.pid';

/** Runs one of PostgreSQL's programs; as root, as the `postgres` user. */
function runnerOf(bin: string) {
  const asRoot = process.getuid?.() === 0;
  // runuser -u postgres: initdb and postgres refuse root, and the data dir must be the user's.
  return (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * Stops and removes the clusters in `root` whose owning process is gone. A folder without an
 * owner file is left alone: one being made this instant, or one of an older checkout's run, which
 * may still be using it. Returns the folders removed.
 */
export function removeStaleClusters(bin: string, root = tmpdir()): string[] {
  const run = runnerOf(bin);
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    if (!name.startsWith(CLUSTER_PREFIX)) continue;
    const dir = join(root, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isInteger(owner) || owner <= 0 || isRunning(owner)) continue;
    try {
      run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not running any more (a reboot, or it was stopped and only its files were left).
    }
    try {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Another user's, which we may not remove: it stays for its owner to clear.
    }
  }
  return removed;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin(options);
  if (!bin) throw new Error(INSTALL_POSTGRES);
  removeStaleClusters(bin);
  const dir = mkdtempSync(join(tmpdir(), CLUSTER_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = runnerOf(bin);
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'mt', '-E', 'UTF8', '--no-sync']);
    const settings = [
      '-c listen_addresses=127.0.0.1',
      `-k ${dir}`,
      '-c max_connections=200',
      ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off']),
    ];
    // A port found free may be taken before postgres binds it: try a few.
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        run('pg_ctl', [
          '-D',
          data,
          '-l',
          join(dir, 'postgres.log'),
          '-o',
          `-p ${port} ${settings.join(' ')}`,
          '-w',
          'start',
        ]);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    let stopped = false;
    return {
      url: `postgres://mt@127.0.0.1:${port}/postgres`,
      port,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** url with its database name replaced. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
