// Cheers: a rep's one-per-mission cheer for a teammate's shared mission.
import type { TeamDatabase } from '../db/connection.ts';
import type { Rep } from './accounts.ts';

export type CheerOutcome =
  { kind: 'ok'; cheers: number } | { kind: 'own' } | { kind: 'forbidden' } | { kind: 'not-found' };

export function createCheers(database: TeamDatabase, now: () => Date) {
  return {
    cheer(rep: Rep, missionId: string): Promise<CheerOutcome> {
      return database.transaction(async (tx) => {
        const owner = await tx
          .selectFrom('mission_heads as h')
          .innerJoin('missions as m', (join) =>
            join.onRef('m.rep_id', '=', 'h.rep_id').onRef('m.id', '=', 'h.id'),
          )
          .select(['m.rep_id', 'm.team_id'])
          .where('h.id', '=', missionId)
          .executeTakeFirst();
        if (!owner) return { kind: 'not-found' };
        if (owner.team_id !== rep.teamId) return { kind: 'forbidden' };
        if (owner.rep_id === rep.id) return { kind: 'own' };
        await tx
          .insertInto('cheers')
          .values({ mission_id: missionId, from_rep_id: rep.id, at: now().toISOString() })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const row = await tx
          .selectFrom('cheers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('mission_id', '=', missionId)
          .executeTakeFirst();
        return { kind: 'ok', cheers: Number(row?.n ?? 0) };
      });
    },
  };
}

export type Cheers = ReturnType<typeof createCheers>;
