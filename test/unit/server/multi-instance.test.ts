// Two team server processes on one database behind a real haproxy (issue 13): a manager's session
// and its CSRF token, a rep's writes and a revocation behave the same whichever instance answers;
// and an instance SIGKILLed in the middle of a load of upserts loses no acknowledged write — the
// clients, retrying as the desktop sync does, land on the other. On PostgreSQL, what a company
// runs; and on one SQLite file, which two processes on one machine can share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkRetryDelay, type BackoffPolicy } from '../../../src/core/sync/backoff.ts';
import { teamApiUrl } from '../../../src/core/sync/account.ts';
import { writeOutcome } from '../../../src/core/sync/http-status.ts';
import { createFetchHttp } from '../../../src/main/sync/fetch-http.ts';
import { TeamView } from '../../../src/shared/team.ts';
import {
  addRep,
  type Backend,
  type Balancer,
  cliOk,
  type Instance,
  startBalancer,
  startInstance,
} from './instances.ts';
import { createTestDatabase } from './postgres.ts';
import { call, sampleState } from './team-server-fixture.ts';

const PASSWORD = 'a manager password for two instances';
const http = createFetchHttp();

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'mia@north.test', password: PASSWORD }).toString(),
  });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function board(url: string, cookie: string): Promise<{ status: number; html: string }> {
  const res = await fetch(`${url}/board`, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

function logout(url: string, cookie: string, csrf: string) {
  return fetch(`${url}/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf }).toString(),
  });
}

async function teamView(url: string, token: string): Promise<TeamView> {
  const res = await call(url, 'GET', '/api/v1/team', token);
  expect(res.status).toBe(200);
  return TeamView.parse(res.json);
}

const put = (url: string, token: string, id: string, revision: number, title: string) =>
  call(url, 'PUT', `/api/v1/missions/${id}`, token, {
    revision,
    state: sampleState({ title, total: revision, asOf: new Date().toISOString() }),
  });

/** A backend for one describe block, and how to remove it after. */
interface BackendKind {
  name: string;
  make(): Promise<{ backend: Backend; drop(): Promise<void> }>;
}
const backends: BackendKind[] = [
  {
    name: 'one PostgreSQL database',
    async make() {
      const database = await createTestDatabase();
      return { backend: { databaseUrl: database.url }, drop: () => database.drop() };
    },
  },
  {
    name: 'one SQLite file',
    async make() {
      const dir = mkdtempSync(join(tmpdir(), 'mt-instances-'));
      return {
        backend: { file: join(dir, 'team.db') },
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];

describe.each(backends)('two instances on $name behind haproxy', (kind) => {
  let backend: Backend;
  let drop = async () => {};
  let a: Instance;
  let b: Instance;
  let lb: Balancer;
  let ann: { id: string; token: string };
  let bob: { id: string; token: string };
  let cy: { id: string; token: string };
  /** A manager's session made before the sign-in limit is used up by the throttling test. */
  let managerCookie = '';

  beforeAll(async () => {
    ({ backend, drop } = await kind.make());
    await cliOk(backend, ['init']);
    await cliOk(backend, ['add-team', 'North']);
    await cliOk(backend, ['add-manager', '--team', 'North', '--email', 'mia@north.test'], PASSWORD);
    [ann, bob, cy] = await Promise.all([
      addRep(backend, 'North', 'Ann'),
      addRep(backend, 'North', 'Bob'),
      addRep(backend, 'North', 'Cy'),
    ]);
    [a, b] = await Promise.all([
      startInstance('a', backend, ['--rate-limit', '100000']),
      startInstance('b', backend, ['--rate-limit', '100000']),
    ]);
    lb = await startBalancer([a, b]);
    managerCookie = await signIn(lb.url);
  }, 300_000);

  afterAll(async () => {
    a?.kill('SIGKILL');
    b?.kill('SIGKILL');
    await lb?.stop();
    await Promise.all([a?.exited, b?.exited]);
    await drop();
  });

  it('keeps a manager’s session and its CSRF token whichever instance answers', async () => {
    const cookie = await signIn(a.url);
    const onA = await board(a.url, cookie);
    const onB = await board(b.url, cookie);
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    expect(onB.html).toContain('North');
    expect(csrfOf(onB.html)).toBe(csrfOf(onA.html));
    expect(csrfOf(onA.html)).not.toBe('');

    // Through the balancer, requests go to both, and every one is the signed-in board.
    const before = await lb.stats();
    for (let i = 0; i < 6; i++) expect((await board(lb.url, cookie)).status).toBe(200);
    const after = await lb.stats();
    for (const name of ['a', 'b']) {
      const sent = (stats: typeof after) => stats.find((s) => s.name === name)?.answers ?? 0;
      expect(sent(after)).toBeGreaterThan(sent(before));
    }

    // A forged token is refused on B as on A; A's real one signs out on B, and then on A too.
    expect((await logout(b.url, cookie, 'c-forged')).status).toBe(403);
    expect((await board(a.url, cookie)).status).toBe(200);
    const out = await logout(b.url, cookie, csrfOf(onA.html));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    const afterLogout = await board(a.url, cookie);
    expect(afterLogout.status).toBe(303);
    expect((await board(lb.url, cookie)).status).toBe(303);
  });

  it('applies a rep’s writes in one order whichever instance takes them', async () => {
    const first = await put(a.url, ann.token, 'ann-week', 2, 'Ann on A, revision 2');
    expect(first.json).toEqual({ missionId: 'ann-week', revision: 2, applied: true });
    // An older revision sent to the other instance is refused there too…
    const stale = await put(b.url, ann.token, 'ann-week', 1, 'Ann on B, revision 1');
    expect(stale.json).toEqual({ missionId: 'ann-week', revision: 2, applied: false });
    // …a newer one applies, and each instance reads what the other wrote.
    const next = await put(b.url, ann.token, 'ann-week', 3, 'Ann on B, revision 3');
    expect(next.json).toEqual({ missionId: 'ann-week', revision: 3, applied: true });
    for (const url of [a.url, b.url]) {
      const view = await teamView(url, bob.token);
      const annsMissions = view.reps.find((r) => r.repId === ann.id)?.missions ?? [];
      expect(annsMissions.map((m) => [m.missionId, m.title, m.total])).toEqual([
        ['ann-week', 'Ann on B, revision 3', 3],
      ]);
    }
    // Another rep cannot take the mission over through either.
    expect((await put(a.url, bob.token, 'ann-week', 9, 'Bob’s now')).status).toBe(403);
    expect((await put(b.url, bob.token, 'ann-week', 9, 'Bob’s now')).status).toBe(403);
  });

  it('refuses a revoked rep on every instance at once', async () => {
    for (const url of [a.url, b.url]) await teamView(url, cy.token);
    await cliOk(backend, ['revoke-rep', cy.id]);
    for (const url of [a.url, b.url, lb.url]) {
      const res = await call(url, 'GET', '/api/v1/team', cy.token);
      expect(res.status).toBe(401);
      const write = await put(url, cy.token, 'cy-week', 1, 'After revocation');
      expect(write.status).toBe(401);
    }
  });

  it('counts sign-in attempts in the database: the limit holds whichever instance a guess reaches', async () => {
    const attempt = (url: string, password: string) =>
      fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'mia@north.test', password }).toString(),
      });
    let refusedAt = 0;
    for (let i = 1; i <= 40 && refusedAt === 0; i++) {
      const res = await attempt(i % 2 ? a.url : b.url, 'not the password at all');
      if (res.status === 429) refusedAt = i;
      else expect(res.status).toBe(401);
    }
    // 10 a minute from one address: counted by each instance alone, guesses alternating between
    // two would get 20 before either refused one.
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThanOrEqual(10);
    for (const url of [a.url, b.url, lb.url])
      expect((await attempt(url, PASSWORD)).status).toBe(429);
  });

  it(
    'loses no acknowledged upsert when an instance is SIGKILLed mid-load: retries land on the other',
    { timeout: 180_000 },
    async () => {
      // The desktop sync's own pieces: its HTTP adapter, its reading of the answer, its backoff
      // (with delays scaled down for a test).
      const policy: BackoffPolicy = {
        random: Math.random,
        baseDelayMs: 20,
        maxDelayMs: 500,
        maxRetryAfterMs: 1000,
      };
      const clients = [ann, bob].flatMap((rep, r) =>
        Array.from({ length: 6 }, (_, m) => ({
          token: rep.token,
          missionId: `load-${r}-${m}`,
          acked: 0,
          failures: 0,
          /** Acknowledged after at least one failed attempt, once the instance was killed. */
          retriedAfterKill: 0,
        })),
      );
      const titleOf = (id: string, revision: number) => `${id} at revision ${revision}`;
      let killed = false;
      let stopping = false;
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

      async function run(client: (typeof clients)[number]) {
        for (let revision = 1; !stopping; revision++) {
          const title = titleOf(client.missionId, revision);
          const body = {
            revision,
            state: sampleState({ title, total: revision, asOf: new Date().toISOString() }),
          };
          for (let attempt = 0; ;) {
            const outcome = await http
              .request({
                method: 'PUT',
                url: teamApiUrl(lb.url, ['missions', client.missionId]),
                token: client.token,
                body,
                timeoutMs: 15_000,
              })
              .then(
                (res) => writeOutcome(res, { kind: 'upsert', title }),
                () => ({ kind: 'retry', message: 'unreachable', retryAfter: null }) as const,
              );
            if (outcome.kind === 'written') {
              // A retry of a write that had landed before its answer was lost is a repeat.
              expect(outcome.result.revision).toBe(revision);
              client.acked = revision;
              if (attempt > 0 && killed) client.retriedAfterKill += 1;
              break;
            }
            if (outcome.kind !== 'retry') throw new Error(`${client.missionId}: ${outcome.kind}`);
            attempt += 1;
            client.failures += 1;
            if (attempt > 40)
              throw new Error(`${client.missionId}: still failing: ${outcome.message}`);
            await sleep(networkRetryDelay(policy, attempt, outcome.retryAfter, new Date()));
          }
        }
      }

      const acks = () => clients.reduce((sum, c) => sum + c.acked, 0);
      const servedBy = async (name: string) =>
        (await lb.stats()).find((s) => s.name === name)?.answers ?? 0;
      const waitUntil = async (done: () => boolean | Promise<boolean>) => {
        const deadline = Date.now() + 60_000;
        while (!(await done())) {
          if (Date.now() > deadline) throw new Error(`load stalled at ${acks()} acknowledgements`);
          await sleep(20);
        }
      };

      const aBefore = await servedBy('a');
      const running = Promise.all(clients.map(run));
      // Both instances take part in the load before one dies…
      await waitUntil(async () => acks() >= 150 && (await servedBy('a')) > aBefore + 30);
      a.kill('SIGKILL');
      killed = true;
      const atKill = acks();
      const bAtKill = await servedBy('b');
      expect(await a.exited).toBe('SIGKILL');
      // …and the load goes on through the other.
      await waitUntil(() => acks() >= atKill + 150);
      stopping = true;
      await running;
      await lb.waitFor('DOWN', ['a']);

      // Requests that were in flight on the killed instance failed, were retried, and landed.
      const failures = clients.reduce((sum, c) => sum + c.failures, 0);
      const retried = clients.reduce((sum, c) => sum + c.retriedAfterKill, 0);
      expect(failures).toBeGreaterThan(0);
      expect(retried).toBeGreaterThan(0);
      // b answered the 150 acknowledgements since the kill, less those it had answered already
      // when bAtKill was read but whose clients had not yet counted them (one per client at most).
      expect(await servedBy('b')).toBeGreaterThanOrEqual(bAtKill + 150 - clients.length);

      // Every acknowledged revision is the one held: re-sending it is a repeat, not a change.
      for (const client of clients) {
        const again = await put(
          lb.url,
          client.token,
          client.missionId,
          client.acked,
          titleOf(client.missionId, client.acked),
        );
        expect(again.json).toEqual({
          missionId: client.missionId,
          revision: client.acked,
          applied: false,
        });
      }
      // The team reads each mission at its last acknowledged state…
      const view = await teamView(lb.url, ann.token);
      const held = new Map(
        view.reps.flatMap((r) => r.missions).map((m) => [m.missionId, [m.title, m.total]]),
      );
      for (const client of clients)
        expect(held.get(client.missionId)).toEqual([
          titleOf(client.missionId, client.acked),
          client.acked,
        ]);
      // …and so does the manager's board.
      const page = await board(lb.url, managerCookie);
      expect(page.status).toBe(200);
      for (const client of clients)
        expect(page.html).toContain(titleOf(client.missionId, client.acked));
    },
  );
});
