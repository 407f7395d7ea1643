// The team endpoint's figures (issue 5), on loopback against the embedded SQLite file:
//   - mission upserts per second from autocannon (this process) against the server (a child
//     process): every request a new revision, so each one is a real write, one transaction each;
//   - board page latency with 1,000 reps × 5 missions, p95 over sequential requests.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openTeamStore } from '../../src/server/store.ts';
import type { TeamMissionState } from '../../src/shared/team.ts';
import { percentile, type BenchSection } from './report.ts';

const REPS = 1000;
const MISSIONS_PER_REP = 5;
const BOARD_REQUESTS = 100;
const UPSERT_SECONDS = 10;

function stateFor(i: number): TeamMissionState {
  const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
  const progress = days.map((date, d) => ({
    date,
    count: 2 + ((i + d) % 2),
    hit: (i + d) % 2,
    of: 1,
  }));
  const total = progress.reduce((sum, d) => sum + d.count, 0);
  return {
    title: `Mission ${i}: book meetings with new accounts`,
    metric: { kind: 'meetings' },
    target: 20,
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    workingDays: [1, 2, 3, 4, 5],
    objective: 'Grow the mid-market pipeline',
    status: 'active',
    total,
    days: progress,
    pace: { expected: 10, actual: total, delta: total - 10, label: 'on pace' },
    streak: { current: i % 4, best: 4 },
    recentWins: Array.from({ length: 10 }, (_, w) => ({
      at: `2026-11-20T${String(8 + (w % 9)).padStart(2, '0')}:${String((i * 7 + w) % 60).padStart(2, '0')}:00.000Z`,
      amount: 1,
    })),
    reflection: null,
    asOf: '2026-11-20T17:00:00.000Z',
  };
}

async function startChild(file: string) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./server-child.ts', import.meta.url)), file],
    { stdio: ['ignore', 'pipe', 'inherit'] },
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
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const serverBench: BenchSection = {
  name: 'server',
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'mission-tray-server-bench-'));
    try {
      const file = join(dir, 'team.db');
      const db = await openTeamStore({ file }, { create: true });
      await db.accounts.addTeam('Big');
      await db.accounts.addManager('Big', 'boss@big.test', 'bench password 123');
      const reps = [];
      for (let r = 0; r < REPS; r++) reps.push(await db.accounts.addRep('Big', `Rep ${r}`));
      // Seeded a rep's missions per transaction, as the group commit would.
      for (const [r, rep] of reps.entries())
        await db.missions.writeAll(
          Array.from({ length: MISSIONS_PER_REP }, (_, m) => (tx) => {
            const i = r * MISSIONS_PER_REP + m;
            return tx.upsertMission(rep, `board-${i}`, 1, stateFor(i));
          }),
        );
      const writer = reps[0];
      await db.close();
      if (!writer) throw new Error('no rep');

      const server = await startChild(file);
      try {
        // Upserts: 100 missions of one rep, each request the next revision of one of them.
        const body = stateFor(7);
        let n = 0;
        const cpuBefore = await server.cpu();
        const result = await autocannon({
          url: server.url,
          connections: 16,
          duration: UPSERT_SECONDS,
          headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
          requests: [
            {
              method: 'PUT',
              setupRequest: (request) => {
                n += 1;
                return {
                  ...request,
                  path: `/api/v1/missions/load-${n % 100}`,
                  body: JSON.stringify({ revision: n, state: body }),
                };
              },
            },
          ],
        });
        const ok = result['2xx'];
        const upsertCpu = ((await server.cpu()) - cpuBefore) / ok;
        const rate = ok / UPSERT_SECONDS;
        report.figure('server: mission upserts per second (loopback)', Math.round(rate), '/s');
        report.figure(
          'server: time per upsert at saturation',
          1e6 / rate,
          'µs',
          200,
          '≤ 200 µs (≥ 5,000 upserts/s)',
        );
        report.figure('server: upsert p99 latency under load', result.latency.p99, 'ms');
        // Less sensitive to other work on the machine than the rate: the server's own CPU.
        report.figure('server: server CPU per upsert', upsertCpu, 'µs');
        report.figure('server: failed upserts', result.non2xx + result.errors, 'requests', 0);

        // Board: a manager's session, then sequential page loads.
        const login = await fetch(`${server.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'email=boss%40big.test&password=bench+password+123',
        });
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const times: number[] = [];
        let bytes = 0;
        let boardCpu = 0;
        for (let i = 0; i < BOARD_REQUESTS + 5; i++) {
          if (i === 5) boardCpu = await server.cpu();
          const start = performance.now();
          const res = await fetch(`${server.url}/board`, { headers: { cookie } });
          const html = await res.text();
          if (!res.ok || !html.includes('Reps 1–50 of 1000'))
            throw new Error(`board failed: ${res.status}`);
          if (i >= 5) times.push(performance.now() - start);
          bytes = html.length;
        }
        boardCpu = ((await server.cpu()) - boardCpu) / BOARD_REQUESTS / 1000;
        times.sort((a, b) => a - b);
        report.figure('server: server CPU per board page', boardCpu, 'ms');
        report.figure(
          'server: board page, 1,000 reps × 5 missions, p50',
          percentile(times, 50),
          'ms',
        );
        report.figure(
          'server: board page, 1,000 reps × 5 missions, p95',
          percentile(times, 95),
          'ms',
          50,
        );
        report.figure('server: board page size', bytes / 1024, 'KiB');
      } finally {
        await server.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
