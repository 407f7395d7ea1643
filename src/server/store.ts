// The team's data: one repository per aggregate (accounts, admins, password links, invites,
// sessions, missions, cheers, board reads, sign-in throttle), all over the one connection
// openDatabase makes.
import {
  type DatabaseTarget,
  type OpenDatabaseOptions,
  openDatabase,
  type TeamDatabase,
} from './db/connection.ts';
import { createAccounts } from './repositories/accounts.ts';
import { createAdminAccounts } from './repositories/admin-accounts.ts';
import { createBoardCharts } from './repositories/board-charts.ts';
import { createBoardReads } from './repositories/board-reads.ts';
import { createCheers } from './repositories/cheers.ts';
import { createInvites } from './repositories/invites.ts';
import { createMissions } from './repositories/missions.ts';
import { createPasswordLinks } from './repositories/password-links.ts';
import { createSessions } from './repositories/sessions.ts';
import { createSignInThrottle } from './repositories/sign-in-throttle.ts';

export type TeamStoreOptions = OpenDatabaseOptions;

export function createTeamStore(database: TeamDatabase, options: TeamStoreOptions = {}) {
  const now = options.now ?? (() => new Date());
  const accounts = createAccounts(database, now);
  return {
    database,
    accounts,
    admins: createAdminAccounts(database, now),
    passwordLinks: createPasswordLinks(database, now),
    invites: createInvites(database, now, accounts.forgetTokens),
    sessions: createSessions(database, now),
    missions: createMissions(database, now),
    cheers: createCheers(database, now),
    reads: createBoardReads(database, now),
    charts: createBoardCharts(database, now),
    signIns: createSignInThrottle(database, now),
    close: () => database.close(),
  };
}

export type TeamStore = ReturnType<typeof createTeamStore>;

/** Opens (and migrates) the database at `target` and builds the repositories over it. */
export async function openTeamStore(
  target: DatabaseTarget,
  options: TeamStoreOptions = {},
): Promise<TeamStore> {
  return createTeamStore(await openDatabase(target, options), options);
}
