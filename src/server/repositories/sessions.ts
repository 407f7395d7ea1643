// Managers' board sessions: the cookie's id stored only as its hash, with the CSRF token the
// board's forms carry. Expired sessions go as new ones come, so the table holds only live ones.
import { newToken, sha256 } from '../auth.ts';
import type { TeamDatabase } from '../db/connection.ts';
import { type Manager, managerColumns, managerOf } from './accounts.ts';

export function createSessions(database: TeamDatabase, now: () => Date) {
  const { db } = database;
  return {
    async create(managerId: string, ttlMs: number): Promise<{ id: string; csrf: string }> {
      const id = newToken('s');
      const csrf = newToken('c');
      const at = now().getTime();
      await database.transaction(async (tx) => {
        await tx.deleteFrom('sessions').where('expires_at', '<=', at).execute();
        await tx
          .insertInto('sessions')
          .values({ id_hash: sha256(id), manager_id: managerId, csrf, expires_at: at + ttlMs })
          .execute();
      });
      return { id, csrf };
    },

    async find(id: string): Promise<(Manager & { csrf: string }) | null> {
      const row = await managerColumns(db)
        .innerJoin('sessions as s', 's.manager_id', 'm.id')
        .select('s.csrf')
        .where('s.id_hash', '=', sha256(id))
        .where('s.expires_at', '>', now().getTime())
        .executeTakeFirst();
      return row ? { ...managerOf(row), csrf: row.csrf } : null;
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', sha256(id)).execute();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
