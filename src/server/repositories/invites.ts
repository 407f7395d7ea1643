// A rep's invites: made by their manager, used once by the rep's app to get the rep's own token
// (routes/join.ts). Only the secret's hash is kept; a re-invite names the rep it re-admits, whose
// token the join replaces, so their missions stay theirs.
import type { Kysely } from 'kysely';
import { INVITE_TTL_MS, type InviteProblem } from '../../shared/invite.ts';
import { newId, newLinkSecret, newToken, sha256 } from '../auth.ts';
import type { TeamDatabase } from '../db/connection.ts';
import type { TeamSchema } from '../db/schema.ts';

export type InviteOutcome<T> = ({ ok: true } & T) | { ok: false; problem: InviteProblem };

export interface PendingInvite {
  id: string;
  repId: string | null;
  repName: string;
  createdAt: string;
  expiresAt: string;
}

export interface MadeInvite {
  /** Shown once (in the link and the code), stored only as its hash. */
  secret: string;
  expiresAt: Date;
  repName: string;
}

/** Thrown inside the join's transaction to undo it: the invite stays as it was. */
class JoinRefused extends Error {
  readonly problem: InviteProblem;
  constructor(problem: InviteProblem) {
    super(problem);
    this.problem = problem;
  }
}

export function createInvites(
  database: TeamDatabase,
  now: () => Date,
  /** Tokens changed: the accounts' token cache must not answer for the old one. */
  forgetTokens: () => void,
) {
  const { db } = database;

  const byHash = (q: Kysely<TeamSchema>, hash: string) =>
    q
      .selectFrom('invites as i')
      .innerJoin('teams as t', 't.id', 'i.team_id')
      .leftJoin('reps as r', 'r.id', 'i.rep_id')
      .select([
        'i.id',
        'i.team_id',
        'i.rep_id',
        'i.rep_name',
        'i.expires_at',
        'i.used_at',
        'i.revoked_at',
        't.name as team_name',
        'r.name as current_rep_name',
        'r.revoked_at as rep_revoked_at',
      ])
      .where('i.secret_hash', '=', hash);
  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof byHash>['executeTakeFirst']>>>;

  /** Why the invite cannot be used now, or null when it can. */
  function problemOf(row: Row | undefined, at: number): InviteProblem | null {
    if (!row) return 'unknown';
    if (row.revoked_at !== null || row.rep_revoked_at != null) return 'revoked';
    if (row.used_at !== null) return 'used';
    if (row.expires_at <= at) return 'expired';
    return null;
  }
  const repNameOf = (row: Row): string => row.current_rep_name ?? row.rep_name;

  /** `create` with the id made when the manager's form was drawn: a repeat is 'repeat'. */
  async function createOnce(
    teamId: string,
    who: { repName: string } | { repId: string },
    managerId: string,
    id: string,
  ): Promise<MadeInvite | 'repeat' | null> {
    const secret = newLinkSecret();
    const created = now();
    const expiresAt = new Date(created.getTime() + INVITE_TTL_MS);
    return database.transaction(async (tx) => {
      const seen = await tx
        .selectFrom('invites')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (seen) return 'repeat';
      let repId: string | null = null;
      let repName: string;
      if ('repId' in who) {
        const rep = await tx
          .selectFrom('reps')
          .select(['id', 'name'])
          .where('id', '=', who.repId)
          .where('team_id', '=', teamId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (!rep) return null;
        repId = rep.id;
        repName = rep.name;
        await tx
          .updateTable('invites')
          .set({ revoked_at: created.toISOString() })
          .where('rep_id', '=', rep.id)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .execute();
      } else repName = who.repName;
      await tx
        .insertInto('invites')
        .values({
          id,
          secret_hash: sha256(secret),
          team_id: teamId,
          rep_id: repId,
          rep_name: repName,
          created_by: managerId,
          created_at: created.toISOString(),
          expires_at: expiresAt.getTime(),
          used_at: null,
          revoked_at: null,
        })
        .execute();
      return { secret, expiresAt, repName };
    });
  }

  return {
    /**
     * A new invite for `teamId`: of a new rep by name, or a re-invite of one of its active reps
     * (whose earlier unused invites are withdrawn). The secret is returned once; null when the
     * rep is not an active rep of the team; 'repeat' when an invite with this id was made.
     */
    async create(
      teamId: string,
      who: { repName: string } | { repId: string },
      managerId: string,
    ): Promise<MadeInvite | null> {
      const made = await createOnce(teamId, who, managerId, newId('inv'));
      return made === 'repeat' ? null : made;
    },

    createOnce,

    /** Who the invite is for, without using it. */
    async preview(
      secret: string,
    ): Promise<InviteOutcome<{ teamName: string; repName: string; expiresAt: Date }>> {
      const row = await byHash(db, sha256(secret)).executeTakeFirst();
      const problem = problemOf(row, now().getTime());
      if (problem || !row) return { ok: false, problem: problem ?? 'unknown' };
      return {
        ok: true,
        teamName: row.team_name,
        repName: repNameOf(row),
        expiresAt: new Date(row.expires_at),
      };
    },

    /**
     * Uses the invite: one transaction marks it used and gives the rep (new, or the re-invited
     * one) a new token. Of two joins with one secret exactly one succeeds: the conditional update
     * of the invite is the arbiter on both databases.
     */
    async join(
      secret: string,
    ): Promise<InviteOutcome<{ token: string; repId: string; repName: string; teamName: string }>> {
      const hash = sha256(secret);
      const token = newToken('mt');
      try {
        const joined = await database.transaction(async (tx) => {
          const at = now();
          const row = await byHash(tx, hash).executeTakeFirst();
          const problem = problemOf(row, at.getTime());
          if (problem || !row) throw new JoinRefused(problem ?? 'unknown');
          const claimed = await tx
            .updateTable('invites')
            .set({ used_at: at.toISOString() })
            .where('id', '=', row.id)
            .where('used_at', 'is', null)
            .where('revoked_at', 'is', null)
            .where('expires_at', '>', at.getTime())
            .executeTakeFirst();
          if (Number(claimed.numUpdatedRows) !== 1) throw new JoinRefused('used');
          let repId = row.rep_id;
          if (repId === null) {
            repId = newId('rep');
            await tx
              .insertInto('reps')
              .values({
                id: repId,
                team_id: row.team_id,
                name: row.rep_name,
                token_hash: sha256(token),
                revoked_at: null,
                created_at: at.toISOString(),
                last_seen_at: null,
              })
              .execute();
          } else {
            const replaced = await tx
              .updateTable('reps')
              .set({ token_hash: sha256(token) })
              .where('id', '=', repId)
              .where('team_id', '=', row.team_id)
              .where('revoked_at', 'is', null)
              .executeTakeFirst();
            if (Number(replaced.numUpdatedRows) !== 1) throw new JoinRefused('revoked');
          }
          return { repId, repName: repNameOf(row), teamName: row.team_name };
        });
        forgetTokens();
        return { ok: true, token, ...joined };
      } catch (error) {
        if (error instanceof JoinRefused) return { ok: false, problem: error.problem };
        throw error;
      }
    },

    /** The team's invites that can still be used, newest first. */
    async pending(teamId: string): Promise<PendingInvite[]> {
      const rows = await db
        .selectFrom('invites')
        .select(['id', 'rep_id', 'rep_name', 'created_at', 'expires_at'])
        .where('team_id', '=', teamId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now().getTime())
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        repId: r.rep_id,
        repName: r.rep_name,
        createdAt: r.created_at,
        expiresAt: new Date(r.expires_at).toISOString(),
      }));
    },

    /** Withdraws an unused invite of `teamId`; false when there is none such. */
    async revoke(teamId: string, inviteId: string): Promise<boolean> {
      const result = await db
        .updateTable('invites')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', inviteId)
        .where('team_id', '=', teamId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type Invites = ReturnType<typeof createInvites>;
