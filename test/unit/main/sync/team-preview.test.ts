// "See what your team will see" (issue #15): the preview of what the team endpoint receives, over
// the app as main assembles it — the real core writes missions and wins, the real sync engine
// sends them through a recording proxy to a real team server — so the preview is compared with
// the very bodies the server was sent, and a private mission is shown never to be in either.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort } from '../../../../src/core/kernel/ports.ts';
import type { MissionTrayCore } from '../../../../src/core/mission-tray.ts';
import type { TeamSync } from '../../../../src/main/sync/team-sync.ts';
import { MissionDraft, ReflectionInput } from '../../../../src/shared/mission.ts';
import { API_PREFIX, TeamPreview, UpsertMissionBody } from '../../../../src/shared/team.ts';
import { TEST_LOCALE, type FakeClock } from '../../../fakes/clock.ts';
import { openAppParts } from '../../../fakes/app-parts.ts';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { weekDraft } from '../../week-draft.ts';
import { startFaultProxy } from '../../core/sync/fault-proxy.ts';
import { createManualTimers, newClock, removeDir, tempDir } from '../../core/sync/sync-fixture.ts';

const draft = (extra: Partial<MissionDraft> = {}) => MissionDraft.parse(weekDraft(extra));

let server: TeamServerFixture;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let dir: string;
let clock: FakeClock;
let store: StorePort;
let core: MissionTrayCore;
let sync: TeamSync;
let timers: ReturnType<typeof createManualTimers>;
let token: string;

beforeEach(async () => {
  server = await startTeamServer();
  proxy = await startFaultProxy(server.url, 0);
  await server.store.accounts.addTeam('North');
  token = (await server.store.accounts.addRep('North', 'Ann')).token;
  dir = await tempDir();
  clock = newClock();
  timers = createManualTimers(clock);
  ({
    store,
    core,
    teamSync: sync,
  } = await openAppParts({
    dataDir: join(dir, 'data'),
    settingsDir: dir,
    clock,
    locale: TEST_LOCALE,
    timers: timers.timers,
  }));
  await sync.start();
});
afterEach(async () => {
  await sync.close();
  await core.close();
  await store.close();
  await proxy.close();
  await server.close();
  await removeDir(dir);
});

/** What the preview answers, parsed as the IPC boundary parses it on its way to the window. */
const preview = async (input: Parameters<TeamSync['areas']['sync']['preview']>[0]) =>
  TeamPreview.parse(await sync.areas.sync.preview(input));

/** The PUT bodies the server was sent, by mission id. */
function sentBodies(): Map<string, UpsertMissionBody> {
  const bodies = new Map<string, UpsertMissionBody>();
  const prefix = `${API_PREFIX}/missions/`;
  for (const r of proxy.received) {
    if (r.method === 'PUT' && r.path.startsWith(prefix))
      bodies.set(decodeURIComponent(r.path.slice(prefix.length)), UpsertMissionBody.parse(r.body));
  }
  return bodies;
}

/** Lets the core's change reach the engine, then runs the debounced push. */
async function push() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  while (timers.delays().some((d) => d <= 2000)) {
    timers.fireNext();
    await sync.engine.whenIdle();
  }
}

describe('the team preview', () => {
  it('is exactly the body the sync engine then sends, notes and private missions left out', async () => {
    const pub = await core.handlers.missions.create(draft({ visibility: 'public' }));
    const secret = await core.handlers.missions.create(draft({ title: 'My private goal' }));
    await core.handlers.wins.log({
      missionId: pub.id,
      amount: 2,
      source: 'tray',
      note: 'Acme CFO',
    });
    clock.advance(60_000);
    await core.handlers.wins.log({ missionId: secret.id, amount: 1, source: 'tray' });

    // Before sync is on (Preferences): every mission sync would send, to no endpoint yet.
    const before = await preview({ of: 'public' });
    expect(before.sync).toEqual({ enabled: false, endpoint: null });
    expect(before.missions.map((m) => [m.missionId, m.url])).toEqual([[pub.id, null]]);
    expect(before.keptPrivate).toBe(1);

    await sync.areas.sync.configure({ endpoint: proxy.url, token });
    await push();
    const shown = await preview({ of: 'public' });
    expect(shown.sync).toEqual({ enabled: true, endpoint: proxy.url });
    const [item] = shown.missions;
    expect(item?.url).toBe(`${proxy.url}${API_PREFIX}/missions/${pub.id}`);
    // The server was sent this very body: the same revision, state and instant (the clock stood).
    expect(sentBodies().get(pub.id)).toEqual(item?.body);
    expect(item?.body.state).toMatchObject({
      title: 'Book 10 meetings',
      target: 10,
      total: 2,
      days: [{ date: '2026-11-23', count: 2, hit: 2, of: 2 }],
      recentWins: [{ at: '2026-11-23T10:30:00.000Z', amount: 2 }],
      reflection: null,
    });

    // The private mission is in neither, by id or by title, nor is the win's note.
    expect([...sentBodies().keys()]).toEqual([pub.id]);
    for (const text of [JSON.stringify(shown), JSON.stringify(proxy.received)]) {
      expect(text).not.toContain(secret.id);
      expect(text).not.toContain('My private goal');
      expect(text).not.toContain('Acme CFO');
    }
  });

  it('cannot show a private mission as sent, and the engine never sends it', async () => {
    const secret = await core.handlers.missions.create(draft({ title: 'My private goal' }));
    await sync.areas.sync.configure({ endpoint: proxy.url, token });
    await push();

    expect(await preview({ of: 'mission', missionId: secret.id })).toEqual({
      sync: { enabled: true, endpoint: proxy.url },
      missions: [],
      keptPrivate: 1,
    });
    // Nor as the form's draft of it while it stays private.
    const asDraft = await preview({
      of: 'draft',
      missionId: secret.id,
      draft: draft({ title: 'My private goal' }),
    });
    expect(asDraft.missions).toEqual([]);
    expect(proxy.received.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(await server.rows('missions')).toEqual([]);
  });

  it("shows a draft as it would be sent once saved: the form's values over the mission's wins", async () => {
    const mission = await core.handlers.missions.create(draft({ title: 'Quiet week' }));
    await core.handlers.wins.log({ missionId: mission.id, amount: 3, source: 'window' });
    await sync.areas.sync.configure({ endpoint: proxy.url, token });

    // A new mission: no id, no revision, nothing logged yet.
    const fresh = await preview({
      of: 'draft',
      missionId: null,
      draft: draft({
        title: 'Make 40 calls',
        metric: { kind: 'calls' },
        target: 40,
        visibility: 'public',
      }),
    });
    expect(fresh.missions).toHaveLength(1);
    expect(fresh.missions[0]).toMatchObject({ missionId: null, url: null, reflectionKept: false });
    expect(fresh.missions[0]?.body).toMatchObject({
      revision: null,
      state: { title: 'Make 40 calls', metric: { kind: 'calls' }, target: 40, total: 0, days: [] },
    });

    // Making the private mission public, renamed: the preview carries its wins already.
    const edited = draft({ title: 'Loud week', objective: 'Q4 pipeline', visibility: 'public' });
    const shown = await preview({ of: 'draft', missionId: mission.id, draft: edited });
    expect(shown.missions[0]?.missionId).toBe(mission.id);
    expect(shown.missions[0]?.body.revision).toBeNull();
    expect(proxy.received.filter((r) => r.method === 'PUT')).toEqual([]);

    await core.handlers.missions.update({ id: mission.id, draft: edited });
    await push();
    const sent = sentBodies().get(mission.id);
    // All but the instant it was computed at: the push ran after the debounce.
    expect({ ...sent?.state, asOf: null }).toEqual({
      ...shown.missions[0]?.body.state,
      asOf: null,
    });
    expect(sent?.state.asOf).toBe(clock.now().toISOString());
    expect(sent?.state).toMatchObject({ title: 'Loud week', objective: 'Q4 pipeline', total: 3 });
  });

  it('refuses a draft as saving would, and a mission that is gone', async () => {
    await expect(
      preview({ of: 'draft', missionId: null, draft: draft({ startDate: '2026-11-20' }) }),
    ).rejects.toThrow('Missions start today or later: pick a start date from 2026-11-23 on.');
    await expect(preview({ of: 'mission', missionId: 'no-such-mission' })).rejects.toThrow(
      /no longer exists|not found/i,
    );
  });

  it('says whether the reflection is included: only the one the rep shared', async () => {
    const kept = await core.handlers.missions.create(draft({ visibility: 'public' }));
    const shared = await core.handlers.missions.create(
      draft({ title: 'Make 20 calls', visibility: 'public' }),
    );
    clock.set('2026-11-28T09:00:00Z');
    await core.tick();
    const reflect = (id: string, shareWithTeam: boolean) =>
      core.handlers.missions.reflect({
        id,
        reflection: ReflectionInput.parse({
          reason: 'external-blockers',
          note: 'Two clients on holiday',
          nextStep: 'Book earlier',
          shareWithTeam,
        }),
      });
    await reflect(kept.id, false);
    await reflect(shared.id, true);

    const keptShown = (await preview({ of: 'mission', missionId: kept.id })).missions[0];
    expect(keptShown?.reflectionKept).toBe(true);
    expect(keptShown?.body.state.reflection).toBeNull();
    expect(JSON.stringify(keptShown)).not.toContain('Two clients on holiday');
    const sharedShown = (await preview({ of: 'mission', missionId: shared.id })).missions[0];
    expect(sharedShown?.reflectionKept).toBe(false);
    expect(sharedShown?.body.state).toMatchObject({
      status: 'missed',
      reflection: {
        reason: 'external-blockers',
        note: 'Two clients on holiday',
        nextStep: 'Book earlier',
      },
    });
  });
});
