// The sync source over the store: reads the rep's documents and makes each mission a candidate
// for the team (team-state.ts decides what the team may see of it).
import { type DayTallies, dayDocName } from '../../shared/documents.ts';
import type { LocalDate, Mission, Win } from '../../shared/mission.ts';
import { awayDatesOf } from '../../shared/time-off.ts';
import { LOOKBACK_DAYS } from '../ledger/mission-archive.ts';
import type { ClockPort, StorePort } from '../kernel/ports.ts';
import {
  ARCHIVE_PREFIX,
  MISSIONS_DOC,
  SUMMARY_DOC,
  WINS_PREFIX,
  archiveDocName,
  coreDocSpecs,
  dateOfDayDoc,
  docYears,
  yearTalliesDocName,
  type CoreDocSpecs,
} from '../ledger/store-docs.ts';
import { addDays, datesInPeriod, daysBetween, localDateOf, yearOf } from '../kernel/time.ts';
import {
  missionRevision,
  teamStateOf,
  type SyncCandidate,
  type SyncSource,
  type TeamStateInput,
} from './team-state.ts';

/** How many days back the wins partitions are read for a mission's recent wins. */
const RECENT_DAYS = 7;

/** The store checks specs by identity: pass the core's (the default) when sharing its store. */
export type SyncSourceSpecs = CoreDocSpecs;

interface MissionWins {
  open: Map<LocalDate, Win[]>;
  all: Win[];
}

type ClosedTally = TeamStateInput['closed'][number];

/** The years holding a mission's closed days. */
function yearsOf(mission: Mission, today: LocalDate): number[] {
  const years: number[] = [];
  const last = Math.min(yearOf(mission.endDate), yearOf(today));
  for (let year = yearOf(mission.startDate); year <= last; year += 1) years.push(year);
  return years;
}

function talliesByMission(days: DayTallies): Map<string, ClosedTally[]> {
  const byMission = new Map<string, ClosedTally[]>();
  for (const [date, tallies] of Object.entries(days)) {
    for (const [id, tally] of Object.entries(tallies)) {
      const closed = byMission.get(id);
      if (closed) closed.push({ date, ...tally });
      else byMission.set(id, [{ date, ...tally }]);
    }
  }
  return byMission;
}

/** A candidate made from an archived mission, and the seq of the copy it was made from. */
interface ArchivedCandidate {
  seq: number;
  candidate: SyncCandidate;
}

/**
 * Reads the rep's documents: missions, the closed days' tallies of their years, and the wins
 * partitions not yet folded or from the last week (for recent wins), by name. Never writes.
 *
 * A run reads only what can have changed: the whole archive on the first run, later only the
 * missions that left "missions" and the years the missions in "missions" span, holding what it
 * read until the next run (in memory only). Why that finds everything:
 * docs/decisions/0002-team-sync.md.
 */
export function createStoreSyncSource(deps: {
  store: StorePort;
  clock: ClockPort;
  specs?: SyncSourceSpecs;
}): SyncSource {
  const { store } = deps;
  const specs = deps.specs ?? coreDocSpecs;
  /** Candidates of the archived missions by id; null until the first run succeeds. */
  let archived: ReadonlyMap<string, ArchivedCandidate> | null = null;
  /** The missions in "missions" at the last run, with their end year (their archive document). */
  let lastLive = new Map<string, number>();
  /** The documents the last run read for "missions", held to keep them in the store's memory. */
  const held: object[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function archivedMissions(years: Iterable<number>): Promise<Mission[]> {
    const missions: Mission[] = [];
    for (const year of years) {
      missions.push(...(await store.open(archiveDocName(year), specs.archive(year))).data.missions);
    }
    return missions;
  }

  /** The wins partitions since the last folded day and of the last week, up to today. */
  async function recentDates(today: LocalDate, folded: LocalDate | null): Promise<LocalDate[]> {
    const recentFrom = addDays(today, -RECENT_DAYS);
    if (folded !== null && daysBetween(folded, today) <= LOOKBACK_DAYS) {
      const afterFold = addDays(folded, 1);
      return datesInPeriod(afterFold < recentFrom ? afterFold : recentFrom, today);
    }
    // Never folded, or not for a long while: only a listing tells which days have wins.
    return (await store.list(WINS_PREFIX))
      .map(dateOfDayDoc)
      .filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date))
      .filter((date) => (folded === null || date > folded || date >= recentFrom) && date <= today);
  }

  async function read(drafted?: (live: readonly Mission[]) => Mission): Promise<SyncCandidate[]> {
    const now = deps.clock.now();
    const timeZone = deps.clock.timeZone();
    const today = localDateOf(now, timeZone);
    const missionsDoc = await store.open(MISSIONS_DOC, specs.missions);
    const summaryDoc = await store.open(SUMMARY_DOC, specs.summary);
    const keep: object[] = [missionsDoc, summaryDoc];
    const draft = drafted?.(missionsDoc.data.missions);
    const live = draft
      ? [...missionsDoc.data.missions.filter((m) => m.id !== draft.id), draft]
      : missionsDoc.data.missions;
    const awayDates = awayDatesOf(missionsDoc.data.timeOff);
    const folded = summaryDoc.data.foldedThrough;

    // The archived missions to make candidates of: all of them on the first run, afterwards those
    // that left "missions" (archived, or deleted when the archive does not have them).
    const known = new Map(archived ?? []);
    let fromArchive: Mission[];
    if (archived === null) {
      fromArchive = await archivedMissions(await docYears(store, ARCHIVE_PREFIX));
    } else {
      const liveIds = new Set(live.map((m) => m.id));
      const left = [...lastLive].filter(([id]) => !liveIds.has(id));
      const leftIds = new Set(left.map(([id]) => id));
      for (const id of leftIds) known.delete(id);
      fromArchive = (await archivedMissions(new Set(left.map(([, year]) => year)))).filter((m) =>
        leftIds.has(m.id),
      );
    }

    const liveYears = new Set(live.flatMap((m) => yearsOf(m, today)));
    const years = new Set([...liveYears, ...fromArchive.flatMap((m) => yearsOf(m, today))]);
    const days: DayTallies = { ...summaryDoc.data.unsplit };
    for (const year of [...years].sort((a, b) => a - b)) {
      const doc = await store.open(yearTalliesDocName(year), specs.yearTallies(year));
      if (liveYears.has(year)) keep.push(doc);
      Object.assign(days, doc.data.days);
    }
    const closedOf = talliesByMission(days);

    const winsByMission = new Map<string, MissionWins>();
    const noWins = (): MissionWins => ({ open: new Map(), all: [] });
    for (const date of await recentDates(today, folded)) {
      const doc = await store.open(dayDocName(date), specs.dayWins(date));
      keep.push(doc);
      for (const win of doc.data.wins) {
        const entry = winsByMission.get(win.missionId) ?? noWins();
        entry.all.push(win);
        if (folded === null || date > folded)
          entry.open.set(date, [...(entry.open.get(date) ?? []), win]);
        winsByMission.set(win.missionId, entry);
      }
    }

    const candidateOf = (mission: Mission): SyncCandidate => {
      const wins = winsByMission.get(mission.id) ?? noWins();
      const shareable = mission.visibility === 'public' && !mission.archived;
      return {
        id: mission.id,
        title: mission.title,
        shareable,
        revision: missionRevision(mission, wins.all),
        reflectionKept: mission.reflection !== null && !mission.reflection.shareWithTeam,
        state: shareable
          ? teamStateOf({
              mission,
              closed: closedOf.get(mission.id) ?? [],
              openDays: wins.open,
              recentWins: wins.all,
              awayDates,
              now,
              timeZone,
            })
          : null,
      };
    };
    for (const mission of fromArchive) {
      const copy = known.get(mission.id);
      if (!copy || mission.seq > copy.seq)
        known.set(mission.id, { seq: mission.seq, candidate: candidateOf(mission) });
    }

    // A mission in both places (a move a crash cut short): the newest change, the live copy when
    // equal, as mergeMissions decides.
    const liveSeq = new Map(live.map((m) => [m.id, m.seq]));
    const candidates = live.filter((m) => m.seq >= (known.get(m.id)?.seq ?? 0)).map(candidateOf);
    for (const [id, copy] of known) {
      if (copy.seq > (liveSeq.get(id) ?? -1)) candidates.push(copy.candidate);
    }

    if (draft) return candidates;
    archived = known;
    lastLive = new Map(live.map((m) => [m.id, yearOf(m.endDate)]));
    held.splice(0, held.length, ...keep);
    return candidates;
  }

  // One run at a time: each builds on what the one before found.
  const queued = (run: () => Promise<SyncCandidate[]>): Promise<SyncCandidate[]> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    candidates: () => queued(() => read()),
    whatIf: (drafted) => queued(() => read(drafted)),
  };
}
