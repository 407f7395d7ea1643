// Where each named document lives, and what to call it when talking to the rep.
//   "missions"             → <dir>/missions.json        (backup missions.json.bak)
//   "wins/2026/2026-11-23" → <dir>/wins/2026/2026-11-23.json
// Names allow no dots, so temp, backup and set-aside files can never be mistaken for documents.
import { dirname, join } from 'node:path';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;
const PREFIX = /^([A-Za-z0-9][A-Za-z0-9_-]*\/)*[A-Za-z0-9_-]*$/;

export interface DocPaths {
  name: string;
  file: string;
  backup: string;
  dir: string;
}

export function docPaths(root: string, name: string): DocPaths {
  if (name.length > 200 || !NAME.test(name)) {
    throw new Error(`Invalid document name ${JSON.stringify(name)}`);
  }
  const file = join(root, ...name.split('/')) + '.json';
  return { name, file, backup: `${file}.bak`, dir: dirname(file) };
}

export function assertPrefix(prefix: string): void {
  if (prefix.length > 200 || !PREFIX.test(prefix)) {
    throw new Error(`Invalid document prefix ${JSON.stringify(prefix)}`);
  }
}

/** The document name a directory entry stands for, or null for temp and set-aside files. */
export function docNameOfEntry(relativePath: string): string | null {
  const match = /^(.*)\.json(\.bak)?$/.exec(relativePath.replaceAll('\\', '/'));
  const name = match?.[1];
  return name !== undefined && NAME.test(name) ? name : null;
}

/** "Your missions file", "The wins file for 2026-11-23": the subject of a sentence to the rep. */
export function docLabel(name: string): string {
  if (name === 'missions') return 'Your missions file';
  if (name === 'summary') return 'Your history summary file';
  const year = /^summary\/(\d{4})$/.exec(name)?.[1];
  if (year) return `Your history summary file for ${year}`;
  const archived = /^archive\/missions-(\d{4})$/.exec(name)?.[1];
  if (archived) return `Your file of missions that ended in ${archived}`;
  if (name === 'settings') return 'Your preferences file';
  const day = /^wins\/\d{4}\/(\d{4}-\d{2}-\d{2})$/.exec(name)?.[1];
  if (day) return `The file of your wins on ${day}`;
  return `The data file "${name}"`;
}

/** What a failed write to this document failed to save: "the win", "the mission change". */
export function docChange(name: string): string {
  if (name.startsWith('wins/')) return 'the win';
  if (name === 'missions') return 'the mission change';
  if (name === 'settings') return 'the preference change';
  return 'the change';
}
