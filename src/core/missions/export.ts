// The rep's data, out: everything as JSON, and the wins as CSV for a spreadsheet.
import { SCHEMA_VERSION } from '../../shared/documents.ts';
import type { MissionsDoc } from '../../shared/documents.ts';
import { metricLabel } from '../../shared/mission.ts';
import type { Mission, Win } from '../../shared/mission.ts';
import { localDateOf, localTimeOf } from '../kernel/time.ts';

export interface ExportInput {
  missions: MissionsDoc;
  /** Every win, any order. */
  wins: readonly Win[];
  exportedAt: Date;
  timeZone: string;
}

const bySeq = (wins: readonly Win[]): Win[] => [...wins].sort((a, b) => a.seq - b.seq);

/** All data: every mission (with plans and reflections), time off and every win. */
export function exportJson(input: ExportInput): string {
  return (
    JSON.stringify(
      {
        app: 'mission-tray',
        schemaVersion: SCHEMA_VERSION,
        exportedAt: input.exportedAt.toISOString(),
        timeZone: input.timeZone,
        missions: input.missions.missions,
        timeOff: input.missions.timeOff,
        wins: bySeq(input.wins),
      },
      null,
      2,
    ) + '\n'
  );
}

// A cell starting with one of these is run as a formula by spreadsheet apps (CSV injection);
// a leading apostrophe makes them show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_HEADER = ['date', 'time', 'mission', 'metric', 'amount', 'source', 'note', 'at', 'id'];

/** Every win as a CSV row, oldest first, with local date and time in the rep's zone. */
export function winsCsv(input: ExportInput): string {
  const missions = new Map<string, Mission>(input.missions.missions.map((m) => [m.id, m]));
  const rows = bySeq(input.wins).map((win) => {
    const mission = missions.get(win.missionId);
    const at = new Date(win.at);
    return [
      localDateOf(at, input.timeZone),
      localTimeOf(at, input.timeZone),
      mission?.title ?? win.missionId,
      mission ? metricLabel(mission.metric) : '',
      win.amount,
      win.source,
      win.note ?? '',
      win.at,
      win.id,
    ];
  });
  return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
