// The documents the core keeps in the store, with their specs. The store keeps one open port per
// name and checks the spec is the same object, so every module opening these documents (the core,
// sync, the bench) must use these specs.
import {
  DayWinsDoc,
  MissionsDoc,
  SummaryDoc,
  dayDocName,
  emptyDayWinsDoc,
  emptyMissionsDoc,
  emptySummaryDoc,
} from '../shared/documents.ts';
import type { LocalDate } from '../shared/mission.ts';
import type { DocSpec } from './ports.ts';

export const MISSIONS_DOC = 'missions';
export const SUMMARY_DOC = 'summary';
export const WINS_PREFIX = 'wins/';

export const missionsDocSpec: DocSpec<MissionsDoc> = {
  schema: MissionsDoc,
  empty: emptyMissionsDoc,
};
export const summaryDocSpec: DocSpec<SummaryDoc> = { schema: SummaryDoc, empty: emptySummaryDoc };

const daySpecs = new Map<LocalDate, DocSpec<DayWinsDoc>>();

/** The spec of one day's wins partition (its empty document carries the date). */
export function dayWinsDocSpec(date: LocalDate): DocSpec<DayWinsDoc> {
  let spec = daySpecs.get(date);
  if (!spec) {
    spec = { schema: DayWinsDoc, empty: () => emptyDayWinsDoc(date) };
    daySpecs.set(date, spec);
  }
  return spec;
}

/** The three specs together, for readers of the same store (sync's `specs` option). */
export const coreDocSpecs = {
  missions: missionsDocSpec,
  summary: summaryDocSpec,
  dayWins: dayWinsDocSpec,
} as const;

/** The date of a wins partition's document name, `wins/2026/2026-11-23` → `2026-11-23`. */
export const dateOfDayDoc = (name: string): LocalDate => name.slice(name.lastIndexOf('/') + 1);

export { dayDocName };
