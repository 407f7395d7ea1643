// Sync through a misbehaving network: a fault proxy between the real sync engine and the real
// team server. Whatever happens on the way, every change reaches the database once, in order,
// and the outbox empties. Backoff waits run on the test's timers; the request timeout is real.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { startRep, type RepApp } from './rep-fixture.ts';

let server: TeamServerFixture;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let app: RepApp;

const HOLD_MS = 700;

beforeEach(async () => {
  server = await startTeamServer();
  await server.store.accounts.addTeam('North');
  proxy = await startFaultProxy(server.url, HOLD_MS);
  const { token } = await server.store.accounts.addRep('North', 'Ann');
  app = await startRep({ endpoint: proxy.url, token, engine: { timeoutMs: 250 } });
});
afterEach(async () => {
  await app.close();
  await proxy.close();
  await server.close();
});

/** The revisions the server applied, per mission, in the order it applied them. */
function applied(): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const answer of proxy.answers) {
    const body = answer.body;
    if (
      typeof body === 'object' &&
      body !== null &&
      'applied' in body &&
      body.applied === true &&
      'missionId' in body &&
      'revision' in body
    ) {
      const id = String(body.missionId);
      result[id] = [...(result[id] ?? []), Number(body.revision)];
    }
  }
  return result;
}

describe('sync through failures', () => {
  it('survives down, 500, 503 + Retry-After, a timeout and a five-fold repeat', async () => {
    await app.data.add({ id: 'm1', title: 'Calls', visibility: 'public' });
    proxy.faults.push('down', { status: 500 }, { status: 503, retryAfter: '7' }, 'timeout');

    await app.engine.flush(); // refused connection
    expect(app.engine.status()).toMatchObject({ state: 'retrying', pending: 1 });
    expect(app.engine.status().lastError).toMatch(/could not be reached/);
    expect(app.timers.delays()[0]).toBe(500); // 0.5 × 1 s: full jitter with random() = 0.5

    await app.fire(); // 500
    expect(app.timers.delays()[0]).toBe(1000); // 0.5 × 2 s
    await app.fire(); // 503, Retry-After: 7
    expect(app.timers.delays()[0]).toBe(7000);
    expect(app.engine.status().nextAttemptAt).toBe(
      new Date(app.clock.now().getTime() + 7000).toISOString(),
    );
    await app.fire(); // the server stores it, but the answer comes too late
    expect(app.engine.status()).toMatchObject({ state: 'retrying', pending: 1 });
    expect(await server.rows('missions')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    await app.fire(); // the retry: a repeat the server recognises
    expect(app.engine.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });

    // A later change, its request delivered five times.
    await app.data.logWin('m1', 2);
    proxy.faults.push('repeat5');
    await app.engine.changed();
    await app.fire();
    // And one more, normally.
    await app.data.logWin('m1', 1);
    await app.engine.changed();
    await app.fire();

    const revisions = applied().m1 ?? [];
    expect(revisions).toHaveLength(3); // one per change, whatever the repeats
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(3);
    expect(await server.rows('missions')).toMatchObject([{ id: 'm1', total: 3 }]);
    expect(await server.rows('mission_heads')).toMatchObject([{ revision: revisions.at(-1) }]);
    expect(app.engine.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('backs off exponentially with full jitter up to the cap, and resumes at once on wake', async () => {
    await app.engine.close();
    await app.close();
    const { token } = await server.store.accounts.addRep('North', 'Bob');
    const draws = [0.9, 0.1, 0.99, 0.5, 0.99, 0.99, 0.99];
    app = await startRep({
      endpoint: proxy.url,
      token,
      engine: { random: () => draws.shift() ?? 0.99, maxDelayMs: 20_000 },
    });
    await app.data.add({ id: 'b1', title: 'Demos', visibility: 'public' });
    proxy.faults.push(...Array.from({ length: 7 }, () => 'down' as const));
    await app.engine.flush();
    const delays = [app.timers.delays()[0]];
    for (let i = 0; i < 6; i++) {
      await app.fire();
      delays.push(app.timers.delays()[0]);
    }
    // random × min(20 s, 1 s × 2^attempt)
    expect(delays).toEqual([900, 200, 3960, 4000, 15840, 19800, 19800]);

    // Network back: the shell calls resume(); no waiting out the 19.8 s.
    await app.engine.resume();
    expect(app.engine.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await server.rows('missions')).toMatchObject([{ id: 'b1' }]);
  });

  it('stops on a rejected payload (400) and tells the rep which mission and why', async () => {
    await app.data.add({ id: 'm1', title: 'Calls', visibility: 'public' });
    proxy.faults.push({ status: 400, error: 'state.target: Target must be at least 1' });
    await app.engine.flush();
    expect(app.engine.status()).toMatchObject({
      state: 'stopped',
      lastError: expect.stringMatching(/“Calls”.*Target must be at least 1/),
    });
    const before = proxy.requests();
    await app.engine.changed();
    while (await app.fire());
    expect(proxy.requests()).toBe(before);
    expect(await server.rows('missions')).toEqual([]);
  });
});
