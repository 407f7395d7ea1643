// What an admin manages at /admin: the admins themselves (the first made by `team-server init`),
// teams, and each team's managers. A manager made here has no password until they set one through
// their one-time link (password-links.ts); '' never verifies (auth.ts reads only scrypt hashes).
import { newId } from '../auth.ts';
import type { TeamDatabase } from '../db/connection.ts';

export interface Admin {
  id: string;
  email: string;
}

export interface TeamWithManagers {
  id: string;
  name: string;
  reps: number;
  managers: { id: string; email: string; hasPassword: boolean }[];
}

/** An email already taken by a manager or an admin: one address, one account. */
export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

export function createAdminAccounts(database: TeamDatabase, now: () => Date) {
  const { db } = database;

  /** A new account's row, without a password yet; throws when the email has an account. */
  async function newAccount(prefix: string, email: string) {
    const address = email.trim().toLowerCase();
    const [manager, admin] = await Promise.all([
      db.selectFrom('managers').select('id').where('email', '=', address).executeTakeFirst(),
      db.selectFrom('admins').select('id').where('email', '=', address).executeTakeFirst(),
    ]);
    if (manager || admin) throw new EmailTakenError(`${address} already has an account.`);
    return {
      id: newId(prefix),
      email: address,
      password_hash: '',
      revoked_at: null,
      created_at: now().toISOString(),
    };
  }

  return {
    async hasAdmin(): Promise<boolean> {
      const row = await db
        .selectFrom('admins')
        .select('id')
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A new admin without a password (they set it through a link). */
    async addAdmin(email: string): Promise<string> {
      const row = await newAccount('adm', email);
      await db.insertInto('admins').values(row).execute();
      const { id } = row;
      return id;
    },

    async adminForLogin(email: string): Promise<(Admin & { passwordHash: string }) | null> {
      const row = await db
        .selectFrom('admins')
        .select(['id', 'email', 'password_hash'])
        .where('email', '=', email.trim().toLowerCase())
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { id: row.id, email: row.email, passwordHash: row.password_hash } : null;
    },

    /** Every team with its active managers and how many active reps it has, by name. */
    async teams(): Promise<TeamWithManagers[]> {
      const [teams, managers, reps] = await Promise.all([
        db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute(),
        db
          .selectFrom('managers')
          .select(['id', 'team_id', 'email', 'password_hash'])
          .where('revoked_at', 'is', null)
          .orderBy('email')
          .execute(),
        db
          .selectFrom('reps')
          .select((eb) => ['team_id', eb.fn.countAll<number>().as('n')])
          .where('revoked_at', 'is', null)
          .groupBy('team_id')
          .execute(),
      ]);
      return teams.map((t) => ({
        id: t.id,
        name: t.name,
        reps: Number(reps.find((r) => r.team_id === t.id)?.n ?? 0),
        managers: managers
          .filter((m) => m.team_id === t.id)
          .map((m) => ({ id: m.id, email: m.email, hasPassword: m.password_hash !== '' })),
      }));
    },

    /** A new team; null when the name is taken. */
    async addTeam(name: string): Promise<string | null> {
      const taken = await db
        .selectFrom('teams')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirst();
      if (taken) return null;
      const id = newId('team');
      await db.insertInto('teams').values({ id, name, created_at: now().toISOString() }).execute();
      return id;
    },

    /** A manager of `teamId` without a password yet; null when there is no such team. */
    async addManager(teamId: string, email: string): Promise<string | null> {
      const team = await db
        .selectFrom('teams')
        .select('id')
        .where('id', '=', teamId)
        .executeTakeFirst();
      if (!team) return null;
      const row = await newAccount('mgr', email);
      await db
        .insertInto('managers')
        .values({ ...row, team_id: teamId })
        .execute();
      const { id } = row;
      return id;
    },

    /** An active manager by id, for the admin's actions on them. */
    async manager(id: string): Promise<{ id: string; email: string; teamName: string } | null> {
      const row = await db
        .selectFrom('managers as m')
        .innerJoin('teams as t', 't.id', 'm.team_id')
        .select(['m.id', 'm.email', 't.name as team_name'])
        .where('m.id', '=', id)
        .where('m.revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { id: row.id, email: row.email, teamName: row.team_name } : null;
    },

    /** The manager's password stops working and their sessions end, both at once. */
    async clearManagerPassword(id: string): Promise<boolean> {
      return database.transaction(async (tx) => {
        const result = await tx
          .updateTable('managers')
          .set({ password_hash: '' })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        await tx.deleteFrom('sessions').where('manager_id', '=', id).execute();
        return Number(result.numUpdatedRows) > 0;
      });
    },

    /** The manager can no longer sign in; their sessions and unused password links end. */
    async revokeManager(id: string): Promise<boolean> {
      return database.transaction(async (tx) => {
        await tx.deleteFrom('sessions').where('manager_id', '=', id).execute();
        await tx.deleteFrom('password_links').where('manager_id', '=', id).execute();
        const result = await tx
          .updateTable('managers')
          .set({ revoked_at: now().toISOString() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
    },
  };
}

export type AdminAccounts = ReturnType<typeof createAdminAccounts>;
