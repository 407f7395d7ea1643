// The live board's figures (issue #14, docs/decisions/0013-live-board.md), on the realistic
// company (company.ts: 2,000 teams × 25 reps × 5 missions), the server in a child process:
//   - one team's 25 reps log wins through the rep API (PUT /api/v1/missions/:id), each every
//     2–4 s, while 50 boards of their manager are open: 49 in this process making board.js's own
//     requests (poll /board/changes at the page's interval; on a 200, fetch /board/content with
//     the token), and one real Chromium page running the real board.js;
//   - for every acknowledged upsert and every open board, the time from the acknowledgement
//     until that board shows the new total (in the /board/content answer; in the page's DOM);
//   - the server's CPU per open board per minute: its CPU with the boards open, less its CPU
//     under the same wins with no board open; and its CPU per /board/changes answered 204 (50
//     boards polling, nothing changing) and per /board/content, drawn after a change and shared
//     (board-content-cache.ts).
// On SQLite, then PostgreSQL (one instance); the server logs each request as `team-server serve`
// does. The load average is printed beside the figures.
import { type Browser, chromium } from '@playwright/test';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { z } from 'zod';
import { type TeamMissionState, WriteResult } from '../../src/shared/team.ts';
import config from '../../playwright.config.ts';
import { type PostgresCluster, startPostgresCluster } from '../postgres-cluster.ts';
import {
  type LiveRep,
  MANAGER,
  MISSIONS_PER_REP,
  REPS_PER_TEAM,
  seedCompany,
  TEAMS,
} from './company.ts';
import { type BenchReporter, type BenchSection, percentile } from './report.ts';
import { type ServerChild, signIn, startChild } from './server-process.ts';

const BOARDS = 50;
/** Of the BOARDS, those that are real Chromium pages (the rest make the same requests here). */
const PAGES = 1;
/** A rep's next win comes this long after their last one was acknowledged: 3 s on average. */
const WIN_GAP_MS = { min: 2000, max: 4000 };
/** The run with the boards open, per database; PostgreSQL's is shorter to keep the section short. */
const LIVE_SECONDS = { sqlite: 60, postgres: 30 };
/** The same wins with no board open: the CPU the boards' cost is measured above. */
const BASELINE_SECONDS = 10;
/** The boards open and nothing changing: every poll a 204. */
const QUIET_SECONDS = 6;
const IDLE_SECONDS = 3;
const CONTENT_REQUESTS = 100;
/** After the last win, how long the boards get to show it before it counts as never shown. */
const SETTLE_MS = 5000;
/** Issue #14: p95 of an update reaching an open board, from the upsert's acknowledgement. */
const BUDGET_MS = 2000;

/** Milliseconds since the epoch, fractional, on the clock the Chromium page reads too. */
const now = () => performance.timeOrigin + performance.now();
const load = () => Number(loadavg()[0]?.toFixed(2));

/** What one board has shown: for each mission (by title), each new total and when first shown. */
function createSightings() {
  const byTitle = new Map<string, { total: number; at: number }[]>();
  return {
    record(at: number, rows: Iterable<readonly [string, number]>) {
      for (const [title, total] of rows) {
        let seen = byTitle.get(title);
        if (!seen) byTitle.set(title, (seen = []));
        const last = seen.at(-1);
        if (!last || total > last.total) seen.push({ total, at });
      }
    },
    /** When this board first showed `title` at `total` or more; undefined if it never did. */
    firstShown(title: string, total: number): number | undefined {
      return byTitle.get(title)?.find((s) => s.total >= total)?.at;
    },
  };
}
type Sightings = ReturnType<typeof createSightings>;

/** The Missions table's rows of a board's HTML: each mission's title and total. */
function missionRows(html: string): [string, number][] {
  const rows: [string, number][] = [];
  for (const match of html.matchAll(
    /<tr><th scope="row"><a [^>]*>[^<]*<\/a><\/th><td>([^<]*)<\/td><td>(\d+) /g,
  ))
    rows.push([match[1] ?? '', Number(match[2])]);
  return rows;
}

/** What the open boards asked, all together. */
interface Counts {
  unchanged: number;
  changed: number;
  content: number;
  failed: number;
}
const noCounts = (): Counts => ({ unchanged: 0, changed: 0, content: 0, failed: 0 });

const Changed = z.object({ token: z.string() });

/** One open board, as board.js runs it, in this process. Ends when `signal` aborts. */
async function nodeBoard(
  url: string,
  cookie: string,
  sightings: Sightings,
  counts: () => Counts,
  signal: AbortSignal,
): Promise<void> {
  const get = (path: string) => fetch(`${url}${path}`, { headers: { cookie }, signal });
  const page = await get('/board');
  const html = await page.text();
  if (!page.ok) throw new Error(`GET /board answered ${page.status}`);
  let token = /data-token="([^"]*)"/.exec(html)?.[1] ?? '';
  const every = Math.max(250, Number(/data-live-ms="(\d+)"/.exec(html)?.[1] ?? 1000));
  sightings.record(now(), missionRows(html));
  // Boards are opened at any moment, not in step.
  await sleep(Math.random() * every, undefined, { signal });
  while (!signal.aborted) {
    try {
      const changes = await get(`/board/changes?since=${encodeURIComponent(token)}`);
      if (changes.status === 204) counts().unchanged++;
      else if (changes.status !== 200) throw new Error(`/board/changes: ${changes.status}`);
      else {
        counts().changed++;
        const changed = Changed.parse(await changes.json());
        const content = await get('/board/content');
        const text = await content.text();
        if (!content.ok) throw new Error(`/board/content: ${content.status}`);
        counts().content++;
        sightings.record(now(), missionRows(text));
        token = content.headers.get('x-board-token') ?? changed.token;
      }
    } catch (error) {
      if (signal.aborted) return;
      counts().failed++;
      console.log(`   a board's poll failed: ${String(error)}`);
    }
    await sleep(every, undefined, { signal }).catch(() => {});
  }
}

// Tells the bench each time the board's DOM changes, with the Missions table's titles and
// totals, through a binding: passive, so only board.js does anything in the page.
const WATCH_BOARD = `
  document.addEventListener('DOMContentLoaded', () => {
    const board = document.getElementById('board');
    if (!board) return;
    const report = () =>
      globalThis.__benchBoardShown(
        performance.timeOrigin + performance.now(),
        [...board.querySelectorAll('#missions tbody tr')]
          .map((tr) => [tr.cells[1]?.textContent ?? '', parseInt(tr.cells[2]?.textContent ?? '', 10)])
          .filter(([, total]) => Number.isFinite(total)),
      );
    report();
    new MutationObserver(report).observe(board, { childList: true, subtree: true });
  });
`;
const ShownRows = z.array(z.tuple([z.string(), z.number()]));

/** One open board in a real Chromium page: signs in with the form, then board.js runs. */
async function pageBoard(
  browser: Browser,
  url: string,
  sightings: Sightings,
  counts: () => Counts,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path === '/board/changes') {
      if (response.status() === 204) counts().unchanged++;
      else if (response.status() === 200) counts().changed++;
      else counts().failed++;
    } else if (path === '/board/content') counts().content++;
  });
  await page.exposeFunction('__benchBoardShown', (at: number, rows: unknown) =>
    sightings.record(at, ShownRows.parse(rows)),
  );
  await page.addInitScript(WATCH_BOARD);
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(MANAGER.email);
  await page.getByLabel('Password').fill(MANAGER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/board`);
  return { problems, close: () => context.close() };
}

/** The open boards: BOARDS - PAGES in this process on one session, PAGES in Chromium. */
async function openBoards(url: string, browser: Browser) {
  let counts = noCounts();
  const current = () => counts;
  const abort = new AbortController();
  const cookie = await signIn(url, MANAGER);
  const simulated = Array.from({ length: BOARDS - PAGES }, () => createSightings());
  const running = simulated.map((s) => nodeBoard(url, cookie, s, current, abort.signal));
  const inPages = Array.from({ length: PAGES }, () => createSightings());
  const pages = await Promise.all(inPages.map((s) => pageBoard(browser, url, s, current)));
  return {
    /** Every board's sightings, the pages' last. */
    all: [...simulated, ...inPages],
    inPages,
    /** The counts since the last call, and a fresh start. */
    takeCounts(): Counts {
      const taken = counts;
      counts = noCounts();
      return taken;
    },
    problems: () => pages.flatMap((p) => p.problems),
    async close() {
      abort.abort();
      await Promise.allSettled(running);
      await Promise.all(pages.map((p) => p.close()));
    },
  };
}
type Boards = Awaited<ReturnType<typeof openBoards>>;

interface Ack {
  title: string;
  total: number;
  at: number;
}

/** The team's reps, each logging a win on one of its missions in turn. */
function createReps(live: readonly LiveRep[]) {
  const missions = live.map((rep) =>
    rep.missionIds.map((id, m) => {
      const state = rep.states[m];
      if (!state) throw new Error(`no seeded state for ${id}`);
      return { id, revision: 1, state };
    }),
  );
  /** The mission's state with one more win, logged now. */
  function withWin(state: TeamMissionState): TeamMissionState {
    const at = new Date().toISOString();
    const last = state.days.at(-1);
    const days = last
      ? [...state.days.slice(0, -1), { ...last, count: last.count + 1 }]
      : state.days;
    const total = state.total + 1;
    return {
      ...state,
      total,
      days,
      pace: { ...state.pace, actual: total, delta: total - state.pace.expected },
      recentWins: [{ at, amount: 1 }, ...state.recentWins].slice(0, 10),
      asOf: at,
    };
  }
  /** Rep `r` logs a win on its mission of this `turn`: the ack, or null if it was refused. */
  async function logWin(url: string, r: number, turn: number): Promise<Ack | null> {
    const rep = live[r];
    const mission = missions[r]?.[turn % MISSIONS_PER_REP];
    if (!rep || !mission) throw new Error(`no rep ${r}`);
    const state = withWin(mission.state);
    const res = await fetch(`${url}/api/v1/missions/${mission.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ revision: mission.revision + 1, state }),
    });
    const at = now();
    const answer = WriteResult.safeParse(await res.json());
    if (!res.ok || !answer.success || !answer.data.applied) return null;
    mission.revision = answer.data.revision;
    mission.state = state;
    return { title: state.title, total: state.total, at };
  }
  return {
    logWin,
    /** Every rep logs wins until `until`; resolves with the acknowledged ones. */
    async run(url: string, until: number) {
      const acks: Ack[] = [];
      let failed = 0;
      await Promise.all(
        live.map(async (_rep, r) => {
          for (let turn = 0; ; turn++) {
            const gap = WIN_GAP_MS.min + Math.random() * (WIN_GAP_MS.max - WIN_GAP_MS.min);
            await sleep(Math.max(0, Math.min(gap, until - now())));
            if (now() >= until) return;
            const ack = await logWin(url, r, turn);
            if (ack) acks.push(ack);
            else failed++;
          }
        }),
      );
      return { acks, failed };
    },
  };
}
type Reps = ReturnType<typeof createReps>;

/** The server's CPU (µs) and the wall time (ms) over `work`. */
async function cpuOver<T>(child: ServerChild, work: () => Promise<T>) {
  const cpu = await child.cpu();
  const started = now();
  const result = await work();
  return { result, cpu: (await child.cpu()) - cpu, ms: now() - started };
}
const perMinute = (run: { cpu: number; ms: number }) => run.cpu / 1000 / (run.ms / 60_000);

/** Each ack's time to each board; `missed` counts the pairs never shown by the end. */
function latencies(acks: readonly Ack[], boards: readonly Sightings[]) {
  const times: number[] = [];
  let missed = 0;
  for (const ack of acks)
    for (const board of boards) {
      const shown = board.firstShown(ack.title, ack.total);
      if (shown === undefined) missed++;
      // Shown before the ack came back (the board fetched just after the commit): no wait.
      else times.push(Math.max(0, shown - ack.at));
    }
  return { times: times.sort((a, b) => a - b), missed };
}

/** Waits until every board has shown every ack, or SETTLE_MS. */
async function settle(acks: readonly Ack[], boards: readonly Sightings[]) {
  const deadline = now() + SETTLE_MS;
  while (now() < deadline && latencies(acks, boards).missed > 0) await sleep(100);
}

interface Database {
  label: string;
  /** A file or a postgres:// URL. */
  where: string;
  live: readonly LiveRep[];
  liveSeconds: number;
  /** The server logs each request here, as `team-server serve` does on stdout. */
  logFile: string;
}

async function measure(
  report: BenchReporter,
  { label, where, live, liveSeconds, logFile }: Database,
  browser: Browser,
  stops: (() => Promise<void>)[],
) {
  const name = (what: string) => `live: ${label}: ${what}`;
  const child = await startChild(where, { logFile });
  stops.push(child.stop);
  const reps: Reps = createReps(live.slice(0, REPS_PER_TEAM));

  // The wins alone, no board open.
  const alone = await cpuOver(child, () => reps.run(child.url, now() + BASELINE_SECONDS * 1000));
  report.figure(
    name('wins, no board open: upserts per minute'),
    alone.result.acks.length / (alone.ms / 60_000),
    '/min',
  );
  report.figure(name('wins, no board open: server CPU per minute'), perMinute(alone), 'ms');
  // Nothing at all: what the server spends anyway (timers, collecting), left out of the 204s.
  const idle = await cpuOver(child, () => sleep(IDLE_SECONDS * 1000));
  report.figure(name('nothing to do: server CPU per minute'), perMinute(idle), 'ms');

  const boards: Boards = await openBoards(child.url, browser);
  stops.push(boards.close);
  await sleep(1500);
  boards.takeCounts();

  // The boards open, nothing changing.
  const quiet = await cpuOver(child, () => sleep(QUIET_SECONDS * 1000));
  const quietCounts = boards.takeCounts();
  const quietCpu = quiet.cpu - (idle.cpu / idle.ms) * quiet.ms;
  report.figure(
    name('server CPU per /board/changes answered 204'),
    quietCpu / Math.max(1, quietCounts.unchanged),
    'µs',
  );
  report.figure(
    name(`${BOARDS} boards open, nothing changing: server CPU per board per minute`),
    quietCpu / 1000 / (quiet.ms / 60_000) / BOARDS,
    'ms',
  );

  // The wins with the boards open.
  const clientBefore = process.cpuUsage();
  const run = await cpuOver(child, () => reps.run(child.url, now() + liveSeconds * 1000));
  const client = process.cpuUsage(clientBefore);
  const counts = boards.takeCounts();
  const { acks, failed } = run.result;
  await settle(acks, boards.all);
  const all = latencies(acks, boards.all);
  const inPage = latencies(acks, boards.inPages);
  const minutes = run.ms / 60_000;
  report.figure(name(`run with ${BOARDS} boards open (${PAGES} in Chromium)`), run.ms / 1000, 's');
  report.figure(name('wins acknowledged'), acks.length, '');
  report.figure(name('failed upserts'), failed, 'requests', 0);
  report.figure(name('update reaching an open board, p50'), percentile(all.times, 50), 'ms');
  report.figure(
    name('update reaching an open board, p95'),
    percentile(all.times, 95),
    'ms',
    BUDGET_MS,
  );
  report.figure(name('update reaching an open board, max'), all.times.at(-1) ?? NaN, 'ms');
  report.figure(
    name('update reaching the Chromium page’s DOM, p95'),
    percentile(inPage.times, 95),
    'ms',
    BUDGET_MS,
  );
  report.figure(
    name('update reaching the Chromium page’s DOM, max'),
    inPage.times.at(-1) ?? NaN,
    'ms',
  );
  report.figure(name(`updates not shown ${SETTLE_MS / 1000} s after the run`), all.missed, '', 0);
  report.figure(name('failed board requests'), counts.failed, '', 0);
  report.figure(name('page errors in Chromium'), boards.problems().length, '', 0);
  report.figure(
    name('/board/changes per board per minute'),
    (counts.changed + counts.unchanged) / BOARDS / minutes,
    '/min',
  );
  report.figure(
    name('/board/content per board per minute'),
    counts.content / BOARDS / minutes,
    '/min',
  );
  report.figure(name('server CPU per minute, boards open'), perMinute(run), 'ms');
  report.figure(
    name('server CPU per open board per minute (less the wins alone)'),
    (perMinute(run) - perMinute(alone)) / BOARDS,
    'ms',
  );
  report.figure(
    name(`load generator busy (share of one core; ${BOARDS - PAGES} boards and the reps)`),
    (client.user + client.system) / 1000 / run.ms,
    '×',
  );
  report.figure(name('machine load (1-min average) after the run'), load(), '');
  for (const problem of boards.problems().slice(0, 5)) console.log(`   page: ${problem}`);
  await boards.close();

  // One /board/content after another: each after a win (drawn), and with nothing changed (the
  // drawing the boards share). A drawing's cost is the pair's less a win's alone.
  const cookie = await signIn(child.url, MANAGER);
  const getContent = async () => {
    const res = await fetch(`${child.url}/board/content`, { headers: { cookie } });
    if (missionRows(await res.text()).length === 0) throw new Error('/board/content has no rows');
  };
  let turn = 0;
  const win = async () => {
    if (!(await reps.logWin(child.url, 0, turn++))) throw new Error('a win was refused');
  };
  const times = async (n: number, work: () => Promise<void>) => {
    for (let i = 0; i < n; i++) await work();
  };
  const wins = await cpuOver(child, () => times(CONTENT_REQUESTS, win));
  const drawn = await cpuOver(child, () =>
    times(CONTENT_REQUESTS, async () => {
      await win();
      await getContent();
    }),
  );
  const shared = await cpuOver(child, () => times(CONTENT_REQUESTS, getContent));
  report.figure(
    name('server CPU per /board/content after a change (drawn)'),
    (drawn.cpu - wins.cpu) / CONTENT_REQUESTS,
    'µs',
  );
  report.figure(
    name('server CPU per /board/content at an unchanged token (shared drawing)'),
    shared.cpu / CONTENT_REQUESTS,
    'µs',
  );
  report.figure(name('machine load (1-min average) after'), load(), '');
  await child.stop();
}

export const liveBench: BenchSection = {
  name: 'live',
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'mission-tray-live-bench-'));
    let cluster: PostgresCluster | undefined;
    const stops: (() => Promise<void>)[] = [];
    // Ctrl-C or a kill: the cluster (pg_ctl starts it detached) and the files go too; the server
    // children end when their stdin closes, Chromium with Playwright's own exit handler.
    const onSignal = () => {
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch(config.use?.launchOptions);
      report.figure('live: machine load (1-min average) before', load(), '');
      console.log(
        `   ${REPS_PER_TEAM} reps of one team log a win every ${WIN_GAP_MS.min / 1000}–${WIN_GAP_MS.max / 1000} s each; ` +
          `${BOARDS} boards of their manager open (${BOARDS - PAGES} as board.js's requests from this process, ` +
          `${PAGES} a Chromium page); company of ${TEAMS.toLocaleString('en')} teams × 25 reps × 5 missions`,
      );

      const file = join(dir, 'team.db');
      const sqliteSeed = await seedCompany({ file });
      report.figure('live: SQLite: seed', sqliteSeed.seconds, 's');
      const sqlite = {
        label: 'SQLite',
        where: file,
        live: sqliteSeed.live,
        liveSeconds: LIVE_SECONDS.sqlite,
        logFile: join(dir, 'sqlite.log'),
      };
      await measure(report, sqlite, browser, stops);

      cluster = await startPostgresCluster({ durable: true });
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query('CREATE DATABASE live');
      await client.end();
      const url = new URL(cluster.url);
      url.pathname = '/live';
      const pgSeed = await seedCompany({ url: url.toString() });
      report.figure('live: PostgreSQL: seed', pgSeed.seconds, 's');
      const postgres = {
        label: 'PostgreSQL, 1 instance',
        where: url.toString(),
        live: pgSeed.live,
        liveSeconds: LIVE_SECONDS.postgres,
        logFile: join(dir, 'postgres.log'),
      };
      await measure(report, postgres, browser, stops);
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      await browser?.close();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
