// What one sync run reads of a rep's two-year history (the bench's heavy-use layout, written
// straight to a real data directory, with the real core running on it): after its first run, a
// run reads no archive, no past year's tallies and lists no folder — and still finds exactly what
// a freshly started app finds, as missions are archived or deleted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort } from '../../../../src/core/kernel/ports.ts';
import { createMissionTray, type MissionTrayCore } from '../../../../src/core/mission-tray.ts';
import { coreDocSpecs } from '../../../../src/core/ledger/store-docs.ts';
import { createStoreSyncSource } from '../../../../src/core/sync/sync-source.ts';
import type { SyncCandidate } from '../../../../src/core/sync/team-state.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import { BENCH_NOW, BENCH_ZONE, writeHistory, type History } from '../../../bench/store-history.ts';
import { createFakeClock, TEST_LOCALE, type FakeClock } from '../../../fakes/clock.ts';

let dir: string;
let clock: FakeClock;
let store: StorePort;
let core: MissionTrayCore;
let history: History;
/** Names the sync source opened and folders it listed, since the last `reset`. */
const opened: string[] = [];
const listed: string[] = [];

/** The store as the sync source sees it, counting what it asks for. */
const counted = (): StorePort => ({
  ...store,
  open: (name, spec) => (opened.push(name), store.open(name, spec)),
  list: (prefix) => (listed.push(prefix), store.list(prefix)),
});
const reset = () => ((opened.length = 0), (listed.length = 0));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mt-sync-source-'));
  history = writeHistory(dir, 2);
  clock = createFakeClock({ now: BENCH_NOW, timeZone: BENCH_ZONE });
  store = await openStore(dir, { clock, log: () => undefined });
  core = await createMissionTray({ store, clock, locale: TEST_LOCALE });
});
afterEach(async () => {
  await core.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Candidates in id order, without the instant each state was computed at (sync ignores it). */
const byId = (candidates: SyncCandidate[]) =>
  [...candidates]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((c) => ({ ...c, state: c.state && { ...c.state, asOf: null } }));
/** What a freshly started app's sync would find now. */
const afterRestart = async () => byId(await createStoreSyncSource({ store, clock }).candidates());

describe('a sync run over two years of history', () => {
  it('reads the whole archive once, then only what today’s missions need', async () => {
    const source = createStoreSyncSource({ store: counted(), clock });
    const first = await source.candidates();
    expect(first).toHaveLength(history.missions);
    expect(opened.filter((name) => name.startsWith('archive/')).length).toBeGreaterThan(0);

    reset();
    await core.handlers.wins.log({ missionId: history.activeMissionId, source: 'tray', amount: 1 });
    const second = await source.candidates();

    expect(listed).toEqual([]);
    expect(opened.filter((name) => name.startsWith('archive/'))).toEqual([]);
    expect(opened.filter((name) => name.startsWith('summary/'))).toEqual(['summary/2026']);
    // "missions", "summary", this year's tallies and the wins of the last week.
    expect(opened.length).toBeLessThanOrEqual(11);
    const total = (candidates: SyncCandidate[]) =>
      candidates.find((c) => c.id === history.activeMissionId)?.state?.total ?? 0;
    expect(total(second)).toBe(total(first) + 1);
    expect(byId(second)).toEqual(await afterRestart());
  });

  it('still finds a mission the core archives between runs, and drops one deleted', async () => {
    const source = createStoreSyncSource({ store: counted(), clock });
    await source.candidates();

    // A month on: the core folds the days and moves October's and early November's missions to
    // the archive.
    clock.set('2026-12-28T08:00:00Z');
    await core.tick();
    const live = await store.open('missions', coreDocSpecs.missions);
    expect(live.data.missions.map((m) => m.id)).not.toContain('calls-2026-10');
    reset();
    const afterMove = await source.candidates();
    expect(opened.filter((name) => name.startsWith('archive/'))).toEqual(['archive/missions-2026']);
    expect(afterMove.find((c) => c.id === 'calls-2026-10')).toMatchObject({ shareable: true });
    expect(byId(afterMove)).toEqual(await afterRestart());

    const gone = live.data.missions[0]?.id;
    await live.update((doc) => ({ ...doc, missions: doc.missions.filter((m) => m.id !== gone) }));
    const afterDelete = await source.candidates();
    expect(afterDelete.map((c) => c.id)).not.toContain(gone);
    expect(afterDelete).toHaveLength(history.missions - 1);
    expect(byId(afterDelete)).toEqual(await afterRestart());
  });
});
