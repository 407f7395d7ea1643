// PostgreSQL's statements for a group commit's usual upserts (missions.ts): each takes the whole
// group as one JSON array parameter, so a group of any size is the same three round trips, and
// the same three statement texts (prepared once per connection, db/connection.ts). SQLite has no
// round trips to save, and reading each field out of JSON costs it more than a statement per
// write: it runs the same decisions one prepared statement per write (missions.ts).

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
  const rows = 'json_array_elements(CAST($1 AS json)) AS j(value)';
  const integer = (key: string) => `CAST(j.value ->> '${key}' AS integer)`;
  const field = (key: string) => (integerColumns.has(key) ? integer(key) : `j.value ->> '${key}'`);
  const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  const id = field('id');
  const repId = field('rep_id');
  const keys = new Set(['rep_id', 'id']);
  const statements: BatchStatements = {
    lookup: `SELECT ${integer('i')} AS i, h.rep_id AS owner, h.revision AS revision,
  ${flag(`EXISTS (SELECT 1 FROM missions m WHERE m.rep_id = ${repId} AND m.id = ${id})`)} AS live,
  ${flag(`EXISTS (SELECT 1 FROM reps r WHERE r.id = ${repId} AND r.revoked_at IS NULL)`)} AS active
FROM ${rows} LEFT JOIN mission_heads h ON h.id = ${id}`,
    advance: `INSERT INTO mission_heads (id, rep_id, revision)
SELECT ${id}, ${repId}, ${integer('revision')} FROM ${rows}
ON CONFLICT (id) DO UPDATE SET revision = excluded.revision
WHERE mission_heads.rep_id = excluded.rep_id AND mission_heads.revision < excluded.revision
RETURNING id`,
    upsert: `INSERT INTO missions (${columns.join(', ')})
SELECT ${columns.map(field).join(', ')} FROM ${rows}
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
