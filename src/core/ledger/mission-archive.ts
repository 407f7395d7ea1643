// Ended missions move from "missions" to one archive document per end year once today no longer
// needs them; readers merge the two by id, newest change first. Why, and how a crash between the
// two writes is survived: docs/decisions/0001-store-layout.md.
import type { MissionArchiveDoc, MissionsDoc } from '../../shared/documents.ts';
import type { LocalDate, Mission } from '../../shared/mission.ts';
import type { DocPort, DocSpec, StorePort } from '../kernel/ports.ts';
import { ARCHIVE_PREFIX, archiveDocName, coreDocSpecs, docYears } from './store-docs.ts';
import { addDays, yearOf } from '../kernel/time.ts';
import { awaitsReflection } from '../today/today-snapshot.ts';

/**
 * How far back today still looks at past days. Days are read by name, without listing every
 * partition (a listing grows with history): undo looks for the latest win this many days back,
 * and at open the closed days not yet folded are read when that gap is at most this long. Both
 * need the missions of those days (their plans, ids and titles) at hand.
 */
export const LOOKBACK_DAYS = 31;

export interface ArchiveSpecs {
  missions: DocSpec<MissionsDoc>;
  archive: (year: number) => DocSpec<MissionArchiveDoc>;
}

/**
 * Whether a mission stays in "missions": running, awaiting the rep's reflection, ended within the
 * look-back window, or ended on a day not yet folded into the tallies (the fold needs its plan).
 */
export function staysLive(
  mission: Mission,
  today: LocalDate,
  foldedThrough: LocalDate | null,
): boolean {
  if (mission.status === 'active') return true;
  if (awaitsReflection(mission)) return true;
  if (mission.endDate >= addDays(today, -LOOKBACK_DAYS)) return true;
  return foldedThrough === null || mission.endDate > foldedThrough;
}

/** The missions of both places, one per id: the newest change, the live copy when equal. */
export function mergeMissions(
  live: readonly Mission[],
  archived: readonly Mission[],
): readonly Mission[] {
  if (archived.length === 0) return live;
  const byId = new Map<string, Mission>();
  for (const mission of archived) {
    const known = byId.get(mission.id);
    if (!known || mission.seq > known.seq) byId.set(mission.id, mission);
  }
  for (const mission of live) {
    const known = byId.get(mission.id);
    if (!known || mission.seq >= known.seq) byId.set(mission.id, mission);
  }
  return [...byId.values()];
}

async function readArchived(store: StorePort, specs: ArchiveSpecs): Promise<Mission[]> {
  const missions: Mission[] = [];
  for (const year of await docYears(store, ARCHIVE_PREFIX)) {
    missions.push(...(await store.open(archiveDocName(year), specs.archive(year))).data.missions);
  }
  return missions;
}

export interface MissionArchive {
  /** Every archived mission, read on first use and kept. */
  load(): Promise<readonly Mission[]>;
  /** The archived missions if already read, else null. */
  loaded(): readonly Mission[] | null;
  /**
   * Moves the missions that no longer stay live out of "missions": the archive documents first,
   * then "missions". Rejects with the store's error when a write fails; nothing is lost either way.
   */
  sweep(today: LocalDate, foldedThrough: LocalDate | null): Promise<void>;
}

export function createMissionArchive(
  store: StorePort,
  missionsDoc: DocPort<MissionsDoc>,
): MissionArchive {
  let archived: Mission[] | null = null;
  let loading: Promise<Mission[]> | null = null;
  // A read that started before a sweep may miss what it moved: it is not kept.
  let generation = 0;

  return {
    load() {
      if (archived) return Promise.resolve(archived);
      const started = generation;
      loading ??= readArchived(store, coreDocSpecs).then(
        (missions) => {
          if (started === generation) archived = missions;
          return missions;
        },
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    },

    loaded: () => archived,

    async sweep(today, foldedThrough) {
      const leaving = missionsDoc.data.missions.filter((m) => !staysLive(m, today, foldedThrough));
      if (leaving.length === 0) return;
      const byYear = new Map<number, Mission[]>();
      for (const mission of leaving) {
        const year = yearOf(mission.endDate);
        byYear.set(year, [...(byYear.get(year) ?? []), mission]);
      }
      generation += 1;
      archived = null;
      loading = null;
      for (const [year, missions] of byYear) {
        const ids = new Set(missions.map((m) => m.id));
        const doc = await store.open(archiveDocName(year), coreDocSpecs.archive(year));
        // Replaces an earlier copy of the same mission (a move a crash cut short, or a mission
        // that came back to "missions" for a change).
        await doc.update((d) => ({
          ...d,
          missions: [...d.missions.filter((m) => !ids.has(m.id)), ...missions],
        }));
      }
      const moved = new Map(leaving.map((m) => [m.id, m.seq]));
      await missionsDoc.update((d) => ({
        ...d,
        // Only the versions written to the archive leave.
        missions: d.missions.filter((m) => moved.get(m.id) !== m.seq),
      }));
      generation += 1;
      archived = null;
      loading = null;
    },
  };
}
