// The documents the core keeps in the store, with their specs. The store keeps one open port per
// name and checks the spec is the same object, so every module opening these documents (the core,
// sync, the bench) must use these specs.
import {
  DayWinsDoc,
  MissionArchiveDoc,
  MissionsDoc,
  SummaryDoc,
  YearTalliesDoc,
  archiveDocName,
  dayDocName,
  emptyDayWinsDoc,
  emptyMissionArchiveDoc,
  emptyMissionsDoc,
  emptySummaryDoc,
  emptyYearTalliesDoc,
  migrateMissionsDoc,
  migrateSummaryDoc,
  yearTalliesDocName,
} from '../../shared/documents.ts';
import type { LocalDate } from '../../shared/mission.ts';
import type { DocSpec, StorePort } from '../kernel/ports.ts';

export const MISSIONS_DOC = 'missions';
export const SUMMARY_DOC = 'summary';
export const WINS_PREFIX = 'wins/';
export const ARCHIVE_PREFIX = 'archive/';
export const YEAR_TALLIES_PREFIX = 'summary/';

export const missionsDocSpec: DocSpec<MissionsDoc> = {
  schema: MissionsDoc,
  empty: emptyMissionsDoc,
  migrate: migrateMissionsDoc,
};
export const summaryDocSpec: DocSpec<SummaryDoc> = {
  schema: SummaryDoc,
  empty: emptySummaryDoc,
  migrate: migrateSummaryDoc,
};

/** One spec per key, made once, since the store compares specs by identity. */
function specsBy<K, T>(make: (key: K) => DocSpec<T>): (key: K) => DocSpec<T> {
  const specs = new Map<K, DocSpec<T>>();
  return (key) => {
    let spec = specs.get(key);
    if (!spec) {
      spec = make(key);
      specs.set(key, spec);
    }
    return spec;
  };
}

/** The spec of one day's wins partition (its empty document carries the date). */
export const dayWinsDocSpec = specsBy<LocalDate, DayWinsDoc>((date) => ({
  schema: DayWinsDoc,
  empty: () => emptyDayWinsDoc(date),
}));

/** The spec of one year's archived missions. */
export const missionArchiveDocSpec = specsBy<number, MissionArchiveDoc>((year) => ({
  schema: MissionArchiveDoc,
  empty: () => emptyMissionArchiveDoc(year),
}));

/** The spec of one year's closed-day tallies. */
export const yearTalliesDocSpec = specsBy<number, YearTalliesDoc>((year) => ({
  schema: YearTalliesDoc,
  empty: () => emptyYearTalliesDoc(year),
}));

/** The specs together, for readers of the same store (sync's `specs` option). */
export const coreDocSpecs = {
  missions: missionsDocSpec,
  summary: summaryDocSpec,
  dayWins: dayWinsDocSpec,
  archive: missionArchiveDocSpec,
  yearTallies: yearTalliesDocSpec,
} as const;
export type CoreDocSpecs = typeof coreDocSpecs;

/** The date of a wins partition's document name, `wins/2026/2026-11-23` → `2026-11-23`. */
export const dateOfDayDoc = (name: string): LocalDate => name.slice(name.lastIndexOf('/') + 1);

/** The year of an archive or tallies document's name, `summary/2025` → 2025; NaN for others. */
export const yearOfDoc = (name: string): number => Number(/(\d{4})$/.exec(name)?.[1] ?? NaN);

/** The years that have a document under `prefix` (the archive, the tallies), oldest first. */
export async function docYears(store: Pick<StorePort, 'list'>, prefix: string): Promise<number[]> {
  return (await store.list(prefix))
    .map(yearOfDoc)
    .filter((year) => Number.isInteger(year))
    .sort((a, b) => a - b);
}

export { archiveDocName, dayDocName, yearTalliesDocName };
