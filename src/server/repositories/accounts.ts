// Teams, reps and managers: who may write (a rep's token, stored only as its hash) and who may
// sign in to the board (a manager's email and scrypt hash).
import type { Kysely } from 'kysely';
import { hashPassword, newId, newToken, sha256 } from '../auth.ts';
import type { TeamDatabase } from '../db/connection.ts';
import { prepare } from '../db/prepared.ts';
import type { TeamSchema } from '../db/schema.ts';

export interface Rep {
  id: string;
  teamId: string;
  teamName: string;
  name: string;
}

export interface Manager {
  id: string;
  teamId: string;
  teamName: string;
  email: string;
}

/** A manager row joined with their team (sign-in and sessions select these columns). */
export function managerColumns(db: Kysely<TeamSchema>) {
  return db
    .selectFrom('managers as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['m.id', 'm.team_id', 'm.email', 't.name as team_name'])
    .where('m.revoked_at', 'is', null);
}

export const managerOf = (row: {
  id: string;
  team_id: string;
  email: string;
  team_name: string;
}): Manager => ({ id: row.id, teamId: row.team_id, teamName: row.team_name, email: row.email });

// Token → rep, kept briefly so a request skips the hash and the query. A revocation in this
// process clears it; one from another connection (the CLI) clears it on the next lookup where
// the database can tell (SQLite). PostgreSQL has other instances, so there it serves only mission
// writes, which check in their own transaction that the rep is not revoked (missions.ts).
const REP_CACHE_TTL_MS = 5000;
const REP_CACHE_MAX = 10_000;
/** A rep's last sync is written at most this often (the Team page shows it to the minute). */
export const LAST_SEEN_EVERY_MS = 60_000;

export interface TeamRep {
  id: string;
  name: string;
  lastSeenAt: string | null;
  createdAt: string;
}

export function createAccounts(database: TeamDatabase, now: () => Date) {
  const { db } = database;
  const repByHash = prepare({ hash: '' }, (p) =>
    db
      .selectFrom('reps as r')
      .innerJoin('teams as t', 't.id', 'r.team_id')
      .select(['r.id', 'r.team_id', 'r.name', 't.name as team_name'])
      .where('r.token_hash', '=', p.hash)
      .where('r.revoked_at', 'is', null),
  );
  const repCache = new Map<string, { rep: Rep; until: number }>();
  const lastSeen = new Map<string, number>();

  async function teamId(name: string): Promise<string> {
    const row = await db
      .selectFrom('teams')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new Error(`No team named "${name}". Add it first with add-team.`);
    return row.id;
  }

  return {
    async addTeam(name: string): Promise<string> {
      const id = newId('team');
      await db.insertInto('teams').values({ id, name, created_at: now().toISOString() }).execute();
      return id;
    },

    /** Returns the rep's token: shown once, stored only as its hash. */
    async addRep(
      team: string,
      name: string,
    ): Promise<{ id: string; teamId: string; token: string }> {
      const id = newId('rep');
      const token = newToken('mt');
      const inTeam = await teamId(team);
      await db
        .insertInto('reps')
        .values({
          id,
          team_id: inTeam,
          name,
          token_hash: sha256(token),
          revoked_at: null,
          created_at: now().toISOString(),
          last_seen_at: null,
        })
        .execute();
      return { id, teamId: inTeam, token };
    },

    async addManager(team: string, email: string, password: string): Promise<string> {
      const hash = await hashPassword(password);
      const id = newId('mgr');
      const inTeam = await teamId(team);
      await db
        .insertInto('managers')
        .values({
          id,
          team_id: inTeam,
          email: email.toLowerCase(),
          password_hash: hash,
          revoked_at: null,
          created_at: now().toISOString(),
        })
        .execute();
      return id;
    },

    /** The rep's token stops working and their missions leave the board (ids stay as tombstones). */
    async revokeRep(id: string): Promise<boolean> {
      repCache.clear();
      return database.transaction(async (tx) => {
        const result = await tx
          .updateTable('reps')
          .set({ revoked_at: now().toISOString() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        const revoked = Number(result.numUpdatedRows) > 0;
        if (revoked) {
          await tx
            .deleteFrom('cheers')
            .where('mission_id', 'in', (eb) =>
              eb.selectFrom('missions').select('id').where('rep_id', '=', id),
            )
            .execute();
          await tx.deleteFrom('missions').where('rep_id', '=', id).execute();
          await tx
            .updateTable('invites')
            .set({ revoked_at: now().toISOString() })
            .where('rep_id', '=', id)
            .where('used_at', 'is', null)
            .where('revoked_at', 'is', null)
            .execute();
        }
        return revoked;
      });
    },

    async revokeManager(email: string): Promise<boolean> {
      const address = email.toLowerCase();
      return database.transaction(async (tx) => {
        await tx
          .deleteFrom('sessions')
          .where('manager_id', 'in', (eb) =>
            eb.selectFrom('managers').select('id').where('email', '=', address),
          )
          .execute();
        const result = await tx
          .updateTable('managers')
          .set({ revoked_at: now().toISOString() })
          .where('email', '=', address)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
    },

    /**
     * The rep a token names. `forMissionWrite`: the caller is a mission write, which checks
     * revocation itself, so a token seen in the last seconds may answer from the cache even
     * where other instances may have revoked it since.
     */
    async repByToken(token: string, forMissionWrite = false): Promise<Rep | null> {
      const othersMayRevoke = database.dialect === 'postgres';
      if (!othersMayRevoke && database.othersChanged()) repCache.clear();
      const at = Date.now();
      const cached = othersMayRevoke && !forMissionWrite ? undefined : repCache.get(token);
      if (cached && cached.until > at) return cached.rep;
      const row = (await db.executeQuery(repByHash({ hash: sha256(token) }))).rows[0];
      if (!row) {
        repCache.delete(token);
        return null;
      }
      const rep = { id: row.id, teamId: row.team_id, teamName: row.team_name, name: row.name };
      // Only known tokens are kept, so guessing tokens cannot grow the cache.
      if (repCache.size >= REP_CACHE_MAX) repCache.clear();
      repCache.set(token, { rep, until: at + REP_CACHE_TTL_MS });
      return rep;
    },

    /** Whether `token` is a rep's that was revoked (not merely unknown): a different sentence. */
    async isRevokedToken(token: string): Promise<boolean> {
      const row = await db
        .selectFrom('reps')
        .select('id')
        .where('token_hash', '=', sha256(token))
        .where('revoked_at', 'is not', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The token cache answers for tokens that a join has just replaced: forget them all. */
    forgetTokens(): void {
      repCache.clear();
    },

    /**
     * Records the rep's accepted API call: at most one write per rep per minute from this
     * process, and none when another instance wrote it within the minute.
     */
    async touch(repId: string): Promise<void> {
      const at = now();
      const last = lastSeen.get(repId);
      if (last !== undefined && at.getTime() - last < LAST_SEEN_EVERY_MS) return;
      if (lastSeen.size >= REP_CACHE_MAX) lastSeen.clear();
      lastSeen.set(repId, at.getTime());
      await db
        .updateTable('reps')
        .set({ last_seen_at: at.toISOString() })
        .where('id', '=', repId)
        .where((eb) =>
          eb.or([
            eb('last_seen_at', 'is', null),
            eb('last_seen_at', '<', new Date(at.getTime() - LAST_SEEN_EVERY_MS).toISOString()),
          ]),
        )
        .execute();
    },

    /** The team's active reps for its Team page, by name. */
    async teamReps(teamId: string): Promise<TeamRep[]> {
      const rows = await db
        .selectFrom('reps')
        .select(['id', 'name', 'last_seen_at', 'created_at'])
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is', null)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        lastSeenAt: r.last_seen_at,
        createdAt: r.created_at,
      }));
    },

    /** Renames an active rep of `teamId`; false when the team has no such rep. */
    async renameRep(teamId: string, repId: string, name: string): Promise<boolean> {
      const result = await db
        .updateTable('reps')
        .set({ name })
        .where('id', '=', repId)
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      repCache.clear();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Whether `repId` is an active rep of `teamId` (a manager acts only on their own team). */
    async isTeamRep(teamId: string, repId: string): Promise<boolean> {
      const row = await db
        .selectFrom('reps')
        .select('id')
        .where('id', '=', repId)
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A manager's new password; their other sessions end (the one making the change stays). */
    async changeManagerPassword(
      id: string,
      passwordHash: string,
      keepSession: string,
    ): Promise<void> {
      await database.transaction(async (tx) => {
        await tx
          .updateTable('managers')
          .set({ password_hash: passwordHash })
          .where('id', '=', id)
          .execute();
        await tx
          .deleteFrom('sessions')
          .where('manager_id', '=', id)
          .where('id_hash', '!=', sha256(keepSession))
          .execute();
      });
    },

    async managerForLogin(email: string): Promise<(Manager & { passwordHash: string }) | null> {
      const row = await managerColumns(db)
        .select('m.password_hash')
        .where('m.email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row ? { ...managerOf(row), passwordHash: row.password_hash } : null;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
