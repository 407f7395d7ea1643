// The missions: "missions" (what today needs) and the archive of ended ones (mission-archive.ts),
// looked up by id, and a changed mission written with the next sequence number.
import type { MissionsDoc } from '../../shared/documents.ts';
import { Mission, type LocalDate } from '../../shared/mission.ts';
import { awayDatesOf, type TimeOffDay } from '../../shared/time-off.ts';
import type { ClockPort, DocPort, StorePort } from '../kernel/ports.ts';
import { checked, missionNotFound } from '../missions/rules.ts';
import type { DayLedger } from './day-ledger.ts';
import { createMissionArchive, mergeMissions, type MissionArchive } from './mission-archive.ts';

export interface MissionBook {
  readonly doc: DocPort<MissionsDoc>;
  readonly archive: MissionArchive;
  /** The missions today needs: every running one, and those ended lately. */
  current(): readonly Mission[];
  /** Every mission read so far: the archived ones too once something has asked for them. */
  known(): readonly Mission[];
  /** Every mission, the archive read on first use (history, suggestions, export). */
  all(): Promise<readonly Mission[]>;
  /** Time off, in date order. */
  timeOff(): readonly TimeOffDay[];
  /** The days of time off, for the rules that only ask whether the rep is away. */
  awayDates(): ReadonlySet<LocalDate>;
  /** The earliest day a win may lie on through `date`: wins are logged within a period. */
  earliestStart(date: LocalDate): LocalDate;
  /** A mission by id, looked for in the archive when today does not hold it. */
  find(id: string): Promise<Mission | undefined>;
  /** The same, refusing an id no mission has. */
  byId(id: string): Promise<Mission>;
  /**
   * Writes one changed mission with the next sequence number. An archived mission comes back to
   * "missions" with the change (the newer copy wins), and the next sweep archives it again.
   */
  save(mission: Mission): Promise<Mission>;
}

export function createMissionBook(deps: {
  store: StorePort;
  clock: ClockPort;
  doc: DocPort<MissionsDoc>;
  ledger: DayLedger;
}): MissionBook {
  const { doc, ledger, clock } = deps;
  const archive = createMissionArchive(deps.store, doc);
  const current = (): readonly Mission[] => doc.data.missions;
  const all = async (): Promise<readonly Mission[]> =>
    mergeMissions(current(), await archive.load());
  // Pace and the streak ask on every snapshot: the set is made once per version of the document.
  let away: { from: readonly TimeOffDay[]; dates: ReadonlySet<LocalDate> } | null = null;
  const awayDates = (): ReadonlySet<LocalDate> => {
    const timeOff = doc.data.timeOff;
    if (away?.from !== timeOff) away = { from: timeOff, dates: awayDatesOf(timeOff) };
    return away.dates;
  };
  const find = async (id: string): Promise<Mission | undefined> =>
    current().find((m) => m.id === id) ?? (await all()).find((m) => m.id === id);
  return {
    doc,
    archive,
    current,
    known: () => mergeMissions(current(), archive.loaded() ?? []),
    all,
    timeOff: () => doc.data.timeOff,
    awayDates,
    earliestStart: (date) =>
      current().reduce<LocalDate>((a, m) => (m.startDate < a ? m.startDate : a), date),
    find,
    async byId(id) {
      const mission = await find(id);
      if (!mission) throw missionNotFound();
      return mission;
    },
    async save(mission) {
      const next = ledger.seq + 1;
      const saved = checked(() =>
        Mission.parse({ ...mission, seq: next, updatedAt: clock.now().toISOString() }),
      );
      await doc.update((d) => ({
        ...d,
        missions: d.missions.some((m) => m.id === saved.id)
          ? d.missions.map((m) => (m.id === saved.id ? saved : m))
          : [...d.missions, saved],
        lastSeq: next,
      }));
      ledger.seq = next;
      return saved;
    },
  };
}
