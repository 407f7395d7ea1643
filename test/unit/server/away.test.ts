// Time off reaches the team as "away", and nothing more: the real core marks a holiday on a
// public mission, the real sync engine pushes it over HTTP to the real team server, and the test
// reads what the app sent and what the server kept. Protocol v1 apps keep working beside it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMissionTray } from '../../../src/core/mission-tray.ts';
import type { HttpRequest } from '../../../src/core/sync/sync-ports.ts';
import { createFetchHttp } from '../../../src/main/sync/fetch-http.ts';
import { MissionDraft } from '../../../src/shared/mission.ts';
import { API_PREFIX, API_V1_PREFIX, UpsertMissionBody } from '../../../src/shared/team.ts';
import { startRep, type RepApp } from '../core/sync/rep-fixture.ts';
import { newClock } from '../core/sync/sync-fixture.ts';
import { TEST_LOCALE } from '../../fakes/clock.ts';
import {
  call,
  DIALECTS,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

let server: TeamServerFixture;
const apps: RepApp[] = [];
const PASSWORD = 'correct horse battery staple';

/** Ann's app: the real core and sync engine over one data directory, every request recorded. */
async function annsApp() {
  const { token } = await server.store.accounts.addRep('North', 'Ann');
  const sent: HttpRequest[] = [];
  const real = createFetchHttp();
  const clock = newClock(); // Monday 23 November 2026, 11:30 in Berlin
  const app = await startRep({
    endpoint: server.url,
    token,
    clock,
    engine: { http: { request: (r) => (sent.push(r), real.request(r)) } },
  });
  apps.push(app);
  const core = await createMissionTray({ store: app.store, clock, locale: TEST_LOCALE });
  return { app, core, clock, sent };
}

const draft = (visibility: 'public' | 'private') =>
  MissionDraft.parse({
    title: visibility === 'public' ? 'Book 10 meetings' : 'Private calls',
    metric: { kind: 'meetings' },
    target: 10,
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    workingDays: [1, 2, 3, 4, 5],
    deadlines: ['12:00', '17:00'],
    visibility,
  });

describe.each(DIALECTS)('time off on the team endpoint, on %s', (dialect) => {
  beforeEach(async () => {
    server = await startTeamServer({ dialect, now: () => new Date('2026-11-24T10:30:00Z') });
    await server.store.accounts.addTeam('North');
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await server.close();
  });

  it('sends the days away of a public mission, never their kind, over protocol v2', async () => {
    const { app, core, sent } = await annsApp();
    const mission = await core.handlers.missions.create(draft('public'));
    await core.handlers.missions.create(draft('private'));
    // A holiday from Wednesday to the next Monday: only the mission's working days are "away".
    await core.handlers.missions.markTimeOff({
      from: '2026-11-25',
      to: '2026-11-30',
      kind: 'holiday',
      spread: false,
    });
    app.engine.changed();
    await app.fire();

    const upserts = sent.filter((r) => r.method === 'PUT');
    expect(upserts.map((r) => r.url)).toEqual([
      `${server.url}${API_PREFIX}/missions/${mission.id}`,
    ]);
    const body = UpsertMissionBody.parse(upserts[0]?.body);
    expect(body.state.away).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    // The kind (and so any reason) stays on the laptop: not in any request, not on the server.
    const everythingSent = JSON.stringify(sent.map((r) => r.body));
    expect(everythingSent).not.toMatch(/holiday|timeOff/i);
    expect(everythingSent).not.toContain('Private calls');
    expect(JSON.stringify(await server.rows('missions'))).not.toMatch(/holiday/i);
  });

  it('shows the rep away today on the board, not behind, while a teammate behind is listed', async () => {
    const { app, core } = await annsApp();
    // Monday 11:30: Ann logged nothing yet (behind by 1), and Tuesday and Wednesday are time off.
    await core.handlers.missions.create(draft('public'));
    await core.handlers.missions.markTimeOff({
      from: '2026-11-24',
      to: '2026-11-25',
      kind: 'sick',
      spread: false,
    });
    app.engine.changed();
    await app.fire();
    const bob = await server.store.accounts.addRep('North', 'Bob');
    const behind = { expected: 4, actual: 1, delta: -3, label: 'behind by 3' };
    const bobState = sampleState({ title: 'Bob calls', total: 1, pace: behind });
    await call(server.url, 'PUT', `${API_V1_PREFIX}/missions/m-bob`, bob.token, {
      revision: 1,
      state: bobState,
    });
    await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'mia@north.test', password: PASSWORD }).toString(),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // The server's today is Tuesday 24: Ann is away; Bob (v1, nothing away) is behind.
    const html = await (await fetch(`${server.url}/board`, { headers: { cookie } })).text();
    const annRow = /<tr><th scope="row"><a [^>]*>Ann<\/a><\/th>.*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(annRow).toContain('away today');
    expect(annRow).not.toContain('behind');
    const behindSection = /id="behind-h".*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(behindSection).toContain('Bob');
    expect(behindSection).not.toContain('Ann');
    expect(html).not.toMatch(/sick/i);
  });

  it('still accepts an app of protocol v1, which sends no days away', async () => {
    const bob = await server.store.accounts.addRep('North', 'Bob');
    const res = await call(server.url, 'PUT', `${API_V1_PREFIX}/missions/m-bob`, bob.token, {
      revision: 1,
      state: sampleState({ title: 'Bob v1 mission' }),
    });
    expect(res.status).toBe(200);
    const team = await call(server.url, 'GET', `${API_V1_PREFIX}/team`, bob.token);
    expect(JSON.stringify(team.json)).toContain('Bob v1 mission');
  });

  it('refuses days away out of order or outside the mission, in words', async () => {
    const eve = await server.store.accounts.addRep('North', 'Eve');
    for (const away of [['2026-11-26', '2026-11-25'], ['2026-12-01']]) {
      const res = await call(server.url, 'PUT', `${API_PREFIX}/missions/m-eve`, eve.token, {
        revision: 1,
        state: { ...sampleState(), away },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.json)).toMatch(/Days away are in order|A day away falls outside/);
    }
  });
});
