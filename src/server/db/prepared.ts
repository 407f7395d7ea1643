// A query written once with Kysely, compiled once per dialect, and then run many times with new
// parameters. On the upsert path building and compiling each query cost more than SQLite takes
// to run it, so the hot queries are compiled at start and only their parameters change.
import type { Compilable, CompiledQuery } from 'kysely';

type Value = string | number | null;

// The statement texts run many times with new parameters: on PostgreSQL each is sent once per
// connection as a named statement, so the server parses and plans it once, not on every run.
const statementNames = new Map<string, string>();

/** Marks `text` as run often; returns it. */
export function runOften(text: string): string {
  if (!statementNames.has(text)) statementNames.set(text, `mt_${statementNames.size + 1}`);
  return text;
}

/** The name node-postgres prepares `text` under, if it is run often. */
export const statementName = (text: string): string | undefined => statementNames.get(text);

/**
 * Builds the query once with a stand-in for each parameter, then finds where each stand-in
 * landed in the compiled parameters. Values the query fixes itself (e.g. a status) stay.
 */
export function prepare<P extends Record<string, Value>, R>(
  example: P,
  build: (p: P) => Compilable<R>,
): (values: P) => CompiledQuery<R> {
  const keys = Object.keys(example);
  const standIns: Record<string, Value> = {};
  keys.forEach((key, i) => {
    // The stand-in has the example's JS type, so the builder sees what it will be given.
    standIns[key] =
      typeof example[key] === 'number' ? -(2 ** 51) - i : `\u0000parameter ${i} ${key}`;
  });
  // Our own stand-ins, shaped like P key for key.
  const compiled = build(standIns as P).compile();
  runOften(compiled.sql);
  const slots = compiled.parameters.map((value) => {
    const key = keys.find((k) => standIns[k] === value);
    return key === undefined ? { value } : { key };
  });
  return (values) => ({
    ...compiled,
    parameters: slots.map((slot) => (slot.key === undefined ? slot.value : values[slot.key])),
  });
}
