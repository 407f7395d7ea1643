// Test parts for team sync: a rep's real data directory (the real store, documents written the
// way the core writes them), timers the test fires by hand, and in-memory settings and secrets.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClockPort, StorePort } from '../../../../src/core/kernel/ports.ts';
import { resolvePlan } from '../../../../src/core/missions/planner.ts';
import type {
  SecretStorePort,
  SyncSettings,
  SyncSettingsPort,
  TimerPort,
} from '../../../../src/core/sync/sync-ports.ts';
import { coreDocSpecs } from '../../../../src/core/ledger/store-docs.ts';
import { localDateOf } from '../../../../src/core/kernel/time.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import { dayDocName } from '../../../../src/shared/documents.ts';
import {
  type Mission,
  MissionDraft,
  type Reflection,
  type Visibility,
} from '../../../../src/shared/mission.ts';
import { createFakeClock, type FakeClock } from '../../../fakes/clock.ts';

export const newClock = (): FakeClock =>
  createFakeClock({ now: '2026-11-23T10:30:00.000Z', timeZone: 'Europe/Berlin' });

export async function tempDir(prefix = 'mt-sync-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

/** Timers that fire only when the test says so, moving the fake clock to their due time. */
export function createManualTimers(clock: FakeClock) {
  let pending: { due: number; callback: () => void; id: number }[] = [];
  let ids = 0;
  const timers: TimerPort = {
    after(ms, callback) {
      const id = ++ids;
      pending.push({ due: clock.now().getTime() + ms, callback, id });
      return () => {
        pending = pending.filter((t) => t.id !== id);
      };
    },
  };
  return {
    timers,
    /** Delays of the pending timers from now, soonest first. */
    delays: (): number[] => pending.map((t) => t.due - clock.now().getTime()).sort((a, b) => a - b),
    /** Fires the soonest timer; false when none is pending. */
    fireNext(): boolean {
      const next = [...pending].sort((a, b) => a.due - b.due)[0];
      if (!next) return false;
      pending = pending.filter((t) => t !== next);
      clock.set(new Date(Math.max(next.due, clock.now().getTime())));
      next.callback();
      return true;
    },
  };
}

export function memorySettings(initial: SyncSettings = { enabled: false, endpoint: null }) {
  let current = { ...initial };
  const port: SyncSettingsPort = {
    read: () => current,
    write: async (next) => {
      current = { ...next };
    },
  };
  return port;
}

export function memorySecrets(unavailable: string | null = null) {
  const values = new Map<string, string>();
  const port: SecretStorePort & { values: Map<string, string> } = {
    values,
    unavailableReason: async () => unavailable,
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => {
      if (unavailable) throw new Error(unavailable);
      values.set(name, value);
    },
    delete: async (name) => {
      values.delete(name);
    },
  };
  return port;
}

export interface MissionSpec {
  id: string;
  title: string;
  visibility: Visibility;
  target?: number;
}

/**
 * A rep's missions and wins in a real store, written as the core writes them: every change bumps
 * the store-wide sequence in the same durable write.
 */
export async function createRepData(store: StorePort, clock: ClockPort) {
  const specs = coreDocSpecs;
  const missions = await store.open('missions', specs.missions);
  let seq = missions.data.lastSeq;
  for (const name of await store.list('wins/')) {
    const date = name.slice(name.lastIndexOf('/') + 1);
    const doc = await store.open(name, specs.dayWins(date));
    for (const win of doc.data.wins) seq = Math.max(seq, win.seq);
  }

  async function edit(id: string, change: (m: Mission) => Mission): Promise<void> {
    const next = ++seq;
    await missions.update((doc) => ({
      ...doc,
      lastSeq: next,
      missions: doc.missions.map((m) =>
        m.id === id ? { ...change(m), seq: next, updatedAt: clock.now().toISOString() } : m,
      ),
    }));
  }

  return {
    async add(spec: MissionSpec): Promise<void> {
      const draft = MissionDraft.parse({
        title: spec.title,
        metric: { kind: 'meetings' },
        target: spec.target ?? 10,
        startDate: '2026-11-23',
        endDate: '2026-11-27',
        workingDays: [1, 2, 3, 4, 5],
        deadlines: ['12:00'],
        visibility: spec.visibility,
      });
      const at = clock.now().toISOString();
      const next = ++seq;
      const mission: Mission = {
        id: spec.id,
        title: draft.title,
        metric: draft.metric,
        target: draft.target,
        startDate: draft.startDate,
        endDate: draft.endDate,
        workingDays: draft.workingDays,
        deadlines: draft.deadlines,
        visibility: draft.visibility,
        objective: null,
        status: 'active',
        archived: false,
        plan: resolvePlan(draft),
        reflection: null,
        createdAt: at,
        updatedAt: at,
        seq: next,
      };
      await missions.update((doc) => ({
        ...doc,
        lastSeq: next,
        missions: [...doc.missions, mission],
      }));
    },
    setVisibility: (id: string, visibility: Visibility) => edit(id, (m) => ({ ...m, visibility })),
    archive: (id: string) => edit(id, (m) => ({ ...m, archived: true })),
    reflect: (id: string, reflection: Omit<Reflection, 'at'>) =>
      edit(id, (m) => ({
        ...m,
        status: 'missed',
        reflection: { ...reflection, at: clock.now().toISOString() },
      })),
    async remove(id: string): Promise<void> {
      const next = ++seq;
      await missions.update((doc) => ({
        ...doc,
        lastSeq: next,
        missions: doc.missions.filter((m) => m.id !== id),
      }));
    },
    async logWin(missionId: string, amount = 1, note?: string): Promise<void> {
      const date = localDateOf(clock.now(), clock.timeZone());
      const day = await store.open(dayDocName(date), specs.dayWins(date));
      const next = ++seq;
      await day.update((doc) => ({
        ...doc,
        wins: [
          ...doc.wins,
          {
            id: `w${next}`,
            missionId,
            amount,
            at: clock.now().toISOString(),
            source: 'tray' as const,
            seq: next,
            ...(note ? { note } : {}),
          },
        ],
      }));
    },
  };
}

export async function openRepStore(dir: string, clock: ClockPort) {
  return openStore(dir, { clock, log: () => undefined });
}
