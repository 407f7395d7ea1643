// PostgreSQL's statements for a group commit's usual upserts (missions.ts): each takes the whole
// group as one JSON array parameter, so a group of any size is the same three round trips, and
// the same three statement texts (prepared once per connection, db/connection.ts). The array is
// read by json_to_recordset into typed columns, so PostgreSQL parses each write's JSON once:
// reading it field by field (`->>` on each element) parsed a mission's whole object again for
// every column: ~250 µs of that statement's time per write. SQLite has no round trips to save, and
// reading each field out of JSON costs it more than a statement per write: it runs the same
// decisions one prepared statement per write (missions.ts).

import { runOften } from '../db/prepared.ts';

export interface BatchStatements {
  /** Per write: its head's owner and revision, whether it is live, whether its rep is not revoked. */
  lookup: string;
  /** Moves each head forward, for its owner and to a higher revision only; returns the ids moved. */
  advance: string;
  /** Writes each mission row (insert or replace every column). */
  upsert: string;
}

export function postgresBatchStatements(
  columns: readonly string[],
  integerColumns: ReadonlySet<string>,
): BatchStatements {
  // The write's index in its group and its revision are integers too.
  const integers = new Set([...integerColumns, 'i', 'revision']);
  /** The parameter's array as rows of `names`, each typed as its column is. */
  const rows = (names: readonly string[]) =>
    `json_to_recordset(CAST($1 AS json)) AS j(${names
      .map((name) => `${name} ${integers.has(name) ? 'integer' : 'text'}`)
      .join(', ')})`;
  const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  const keys = new Set(['rep_id', 'id']);
  const statements: BatchStatements = {
    lookup: `SELECT j.i AS i, h.rep_id AS owner, h.revision AS revision,
  ${flag('EXISTS (SELECT 1 FROM missions m WHERE m.rep_id = j.rep_id AND m.id = j.id)')} AS live,
  ${flag('EXISTS (SELECT 1 FROM reps r WHERE r.id = j.rep_id AND r.revoked_at IS NULL)')} AS active
FROM ${rows(['i', 'id', 'rep_id'])} LEFT JOIN mission_heads h ON h.id = j.id`,
    advance: `INSERT INTO mission_heads (id, rep_id, revision)
SELECT j.id, j.rep_id, j.revision FROM ${rows(['id', 'rep_id', 'revision'])}
ON CONFLICT (id) DO UPDATE SET revision = excluded.revision
WHERE mission_heads.rep_id = excluded.rep_id AND mission_heads.revision < excluded.revision
RETURNING id`,
    upsert: `INSERT INTO missions (${columns.join(', ')})
SELECT ${columns.map((c) => `j.${c}`).join(', ')} FROM ${rows(columns)}
ON CONFLICT (rep_id, id) DO UPDATE SET ${columns
      .filter((c) => !keys.has(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
  };
  runOften(statements.lookup);
  runOften(statements.advance);
  runOften(statements.upsert);
  return statements;
}
