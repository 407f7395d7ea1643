// `npm run team-server -- …` as an administrator runs it: real processes, a real database (a
// SQLite file given with --db, or PostgreSQL given as DATABASE_URL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../../src/server/db/connection.ts';
import { openTeamStore } from '../../../src/server/store.ts';
import { DIALECTS, testDatabaseTarget } from './team-server-fixture.ts';

const cli = fileURLToPath(new URL('../../../src/server/cli.ts', import.meta.url));
describe.each(DIALECTS)('on %s', (dialect) => {
  let dir = '';
  let target: DatabaseTarget = { file: '' };
  let drop = async () => {};
  afterEach(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  function run(args: string[], input?: string) {
    // The SQLite run must not pick up a DATABASE_URL from the shell.
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const result = spawnSync(
      process.execPath,
      'url' in target ? [cli, ...args] : [cli, '--db', target.file, ...args],
      {
        input,
        encoding: 'utf8',
        env: 'url' in target ? { ...env, DATABASE_URL: target.url } : env,
      },
    );
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  // Eight processes: on a loaded machine each can take seconds to start.
  it(
    'adds a team, a rep (token shown once, stored hashed), a manager, and revokes the rep',
    { timeout: 180_000 },
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'mt-cli-'));
      ({ target, drop } = await testDatabaseTarget(dialect, dir));
      expect(run(['init']).out).toContain('Created the team database');
      expect(run(['add-team', 'North']).out).toContain('Team "North" added.');

      const rep = run(['add-rep', '--team', 'North', '--name', 'Ann Lee']);
      expect(rep.code).toBe(0);
      const token = rep.out.trim().split('\n').at(-1) ?? '';
      expect(token).toMatch(/^mt_[A-Za-z0-9_-]{40,}$/);
      const files = ['team.db', 'team.db-wal'].filter((f) => existsSync(join(dir, f)));
      for (const f of files)
        expect(readFileSync(join(dir, f)).toString('latin1')).not.toContain(token);
      if (dialect === 'postgres') {
        const store = await openTeamStore(target);
        const reps = await sql`SELECT * FROM reps`.execute(store.database.db);
        await store.close();
        expect(reps.rows).toHaveLength(1);
        expect(JSON.stringify(reps.rows)).not.toContain(token);
      }

      expect(
        run(['add-manager', '--team', 'North', '--email', 'mia@north.test'], 'short\n').code,
      ).toBe(1);
      const manager = run(
        ['add-manager', '--team', 'North', '--email', 'mia@north.test'],
        'a long enough password\n',
      );
      expect(manager.out).toContain('Manager mia@north.test added');
      expect(run(['add-rep', '--team', 'Nowhere', '--name', 'X']).err).toContain('No team named');

      const db = await openTeamStore(target);
      const found = await db.accounts.repByToken(token);
      expect(found).toMatchObject({ name: 'Ann Lee', teamName: 'North' });
      await db.close();

      expect(run(['revoke-rep', found?.id ?? '']).out).toContain('revoked');
      const after = await openTeamStore(target);
      expect(await after.accounts.repByToken(token)).toBeNull();
      await after.close();
    },
  );
});
