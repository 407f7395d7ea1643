// The tables as Kysely sees them: one interface per table, the same on SQLite and PostgreSQL
// (db/migrations.ts creates them). Times are ISO strings; session and throttle windows are ms.
export interface TeamSchema {
  schema_migrations: { version: number; name: string; applied_at: string };
  teams: { id: string; name: string; created_at: string };
  reps: {
    id: string;
    team_id: string;
    name: string;
    token_hash: string;
    revoked_at: string | null;
    created_at: string;
  };
  managers: {
    id: string;
    team_id: string;
    email: string;
    password_hash: string;
    revoked_at: string | null;
    created_at: string;
  };
  sessions: { id_hash: string; manager_id: string; csrf: string; expires_at: number };
  /** Who owns each mission id and the highest revision seen, withdrawn or not. */
  mission_heads: { id: string; rep_id: string; revision: number };
  missions: {
    rep_id: string;
    id: string;
    team_id: string;
    title: string;
    /** The mission's metric as JSON. */
    metric: string;
    target: number;
    total: number;
    status: string;
    start_date: string;
    end_date: string;
    pace_expected: number;
    pace_delta: number;
    pace_label: string;
    streak_current: number;
    streak_best: number;
    reflection_reason: string | null;
    reflection_note: string | null;
    reflection_next: string | null;
    /** [[monday, hit, due], …] per ISO week, as JSON. */
    weeks: string;
    /** [[at, amount], …], newest first, at most 20, as JSON. */
    wins: string;
    last_win_at: string | null;
    updated_at: string;
    /** The days the rep is away (protocol v2's `away`), as a JSON array of dates. */
    away: string;
    /** [[date, wins], …] of the days with wins, oldest first, as JSON. */
    daily: string;
    /** The mission's working days (1 = Monday … 7 = Sunday), as JSON. */
    working_days: string;
  };
  cheers: { mission_id: string; from_rep_id: string; at: string };
  /** Sign-in attempts per key (an account or an address) in the current window. */
  sign_in_attempts: { key: string; window_start: number; attempts: number };
}

/** The databases the server runs on: embedded SQLite (the default) or PostgreSQL. */
export type DialectName = 'sqlite' | 'postgres';
