// `npm run team-server -- …` as an administrator runs it: real processes, a real database file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openTeamStore } from '../../../src/server/store.ts';

const cli = fileURLToPath(new URL('../../../src/server/cli.ts', import.meta.url));
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, '--db', join(dir, 'team.db'), ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// Eight processes: on a loaded machine each can take seconds to start.
it(
  'adds a team, a rep (token shown once, stored hashed), a manager, and revokes the rep',
  { timeout: 180_000 },
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'mt-cli-'));
    expect(run(['init']).out).toContain('Created the team database');
    expect(run(['add-team', 'North']).out).toContain('Team "North" added.');

    const rep = run(['add-rep', '--team', 'North', '--name', 'Ann Lee']);
    expect(rep.code).toBe(0);
    const token = rep.out.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^mt_[A-Za-z0-9_-]{40,}$/);
    const files = ['team.db', 'team.db-wal'].filter((f) => existsSync(join(dir, f)));
    for (const f of files)
      expect(readFileSync(join(dir, f)).toString('latin1')).not.toContain(token);

    expect(
      run(['add-manager', '--team', 'North', '--email', 'mia@north.test'], 'short\n').code,
    ).toBe(1);
    const manager = run(
      ['add-manager', '--team', 'North', '--email', 'mia@north.test'],
      'a long enough password\n',
    );
    expect(manager.out).toContain('Manager mia@north.test added');
    expect(run(['add-rep', '--team', 'Nowhere', '--name', 'X']).err).toContain('No team named');

    const db = await openTeamStore({ file: join(dir, 'team.db') });
    const found = await db.accounts.repByToken(token);
    expect(found).toMatchObject({ name: 'Ann Lee', teamName: 'North' });
    await db.close();

    expect(run(['revoke-rep', found?.id ?? '']).out).toContain('revoked');
    const after = await openTeamStore({ file: join(dir, 'team.db') });
    expect(await after.accounts.repByToken(token)).toBeNull();
    await after.close();
  },
);
