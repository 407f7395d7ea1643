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
    /** The time of the rep's last accepted API call, written at most once a minute. */
    last_seen_at: string | null;
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
  admins: {
    id: string;
    email: string;
    /** '' until the admin sets a password through their link. */
    password_hash: string;
    revoked_at: string | null;
    created_at: string;
  };
  admin_sessions: { id_hash: string; admin_id: string; csrf: string; expires_at: number };
  /** One-time links that set an account's password (72 h); only the secret's hash is kept. */
  password_links: {
    secret_hash: string;
    admin_id: string | null;
    manager_id: string | null;
    expires_at: number;
    used_at: string | null;
    created_at: string;
  };
  /** One-time invites of a rep (7 days); only the secret's hash is kept. */
  invites: {
    id: string;
    secret_hash: string;
    team_id: string;
    /** Set for a re-invite: the join gives this rep a new token. */
    rep_id: string | null;
    rep_name: string;
    /** The manager who made it. */
    created_by: string | null;
    created_at: string;
    expires_at: number;
    used_at: string | null;
    revoked_at: string | null;
  };
  /** Sign-in attempts per key (an account or an address) in the current window. */
  sign_in_attempts: { key: string; window_start: number; attempts: number };
}

/** The databases the server runs on: embedded SQLite (the default) or PostgreSQL. */
export type DialectName = 'sqlite' | 'postgres';
