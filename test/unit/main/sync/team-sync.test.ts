// Team sync as the app assembles it (createTeamSync): the real core writes missions and wins, the
// real preferences file holds the switch, the token goes through safeStorage (a fake: the Electron
// binary is not in its npm package, so no test runs it), and the real team server receives what
// the rep makes public.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort } from '../../../../src/core/kernel/ports.ts';
import type { MissionTrayCore } from '../../../../src/core/mission-tray.ts';
import type { TeamSync } from '../../../../src/main/sync/team-sync.ts';
import { MissionDraft } from '../../../../src/shared/mission.ts';
import type { SettingsPort } from '../../../../src/shared/settings.ts';
import type { SyncStatus } from '../../../../src/shared/team.ts';
import { openAppParts } from '../../../fakes/app-parts.ts';
import { TEST_LOCALE } from '../../../fakes/clock.ts';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { weekDraft } from '../../week-draft.ts';
import { createManualTimers, newClock, removeDir, tempDir } from '../../core/sync/sync-fixture.ts';

/** A draft as the IPC boundary hands it to the core: parsed. */
const draft = (extra: Partial<MissionDraft> = {}) => MissionDraft.parse(weekDraft(extra));

let server: TeamServerFixture;
let dir: string;
let store: StorePort;
let settings: SettingsPort;
let core: MissionTrayCore;
let sync: TeamSync;
let timers: ReturnType<typeof createManualTimers>;
let token: string;
const statuses: SyncStatus[] = [];

beforeEach(async () => {
  server = await startTeamServer();
  await server.store.accounts.addTeam('North');
  token = (await server.store.accounts.addRep('North', 'Ann')).token;
  dir = await tempDir();
  const clock = newClock();
  timers = createManualTimers(clock);
  ({
    store,
    settings,
    core,
    teamSync: sync,
  } = await openAppParts({
    dataDir: join(dir, 'data'),
    settingsDir: dir,
    clock,
    locale: TEST_LOCALE,
    timers: timers.timers,
  }));
  statuses.length = 0;
  sync.engine.subscribe((s) => statuses.push(s));
  await sync.start();
});
afterEach(async () => {
  await sync.close();
  await core.close();
  await store.close();
  await server.close();
  await removeDir(dir);
});

/** Lets the core's change reach the engine, then runs the debounced push. */
async function push() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  while (timers.delays().some((d) => d <= 2000)) {
    timers.fireNext();
    await sync.engine.whenIdle();
  }
}

async function filesUnder(path: string): Promise<string> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile());
  return (await Promise.all(files.map((e) => readFile(join(e.parentPath, e.name), 'utf8')))).join();
}

describe('team sync in the app', () => {
  it('is off by default and sends nothing', async () => {
    await expect(sync.areas.sync.status(undefined)).resolves.toMatchObject({
      enabled: false,
      state: 'off',
    });
    await core.handlers.missions.create(draft({ visibility: 'public' }));
    await push();
    expect(await server.rows('mission_heads')).toEqual([]);
    expect(sync.traySync.state()).toBeUndefined();
  });

  it('follows the core: public missions, wins, an undo, going private', async () => {
    const configured = await sync.areas.sync.configure({ endpoint: server.url, token });
    expect(configured).toMatchObject({ enabled: true, state: 'idle', pending: 0 });
    expect(settings.get().sync).toEqual({
      enabled: true,
      endpoint: server.url,
      team: null,
      revoked: false,
    });

    const pub = await core.handlers.missions.create(draft({ visibility: 'public' }));
    await core.handlers.missions.create(draft({ title: 'My private goal' }));
    await push();
    expect(await server.rows('missions')).toMatchObject([
      { id: pub.id, title: 'Book 10 meetings', total: 0 },
    ]);

    await core.handlers.wins.log({ missionId: pub.id, source: 'tray', amount: 2 });
    await push();
    expect(await server.rows('missions')).toMatchObject([{ total: 2 }]);

    await core.handlers.wins.undo(undefined);
    await push();
    expect(await server.rows('missions')).toMatchObject([{ total: 0 }]);

    await core.handlers.missions.update({ id: pub.id, draft: draft({ visibility: 'private' }) });
    await push();
    expect(await server.rows('missions')).toEqual([]);
    expect(JSON.stringify(await server.rows('mission_heads'))).not.toContain('private');
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  });

  it('keeps the token out of the preferences and the data folder, and the tray switch turns sync off', async () => {
    await sync.areas.sync.configure({ endpoint: server.url, token });
    expect(sync.traySync.state()).toEqual({ enabled: true });
    expect(await filesUnder(dir)).not.toContain(token);

    await sync.traySync.toggle();
    expect(sync.traySync.state()).toEqual({ enabled: false });
    expect(statuses.at(-1)).toMatchObject({ enabled: false, state: 'off' });
    const mission = await core.handlers.missions.create(draft({ visibility: 'public' }));
    await push();
    expect(await server.rows('missions')).toEqual([]);
    expect(sync.engine.status().pending).toBe(1);

    // Turned back on (the stored token is kept): the waiting change goes out.
    await sync.areas.sync.setEnabled({ enabled: true });
    expect(await server.rows('missions')).toMatchObject([{ id: mission.id }]);
  });
});
