// Sign-in throttling kept in the database (issue 13): two server instances over one database
// (two connections, two ports, as behind a load balancer) count the same attempts, per address
// and per account, where limits kept in each process's memory would each allow their own.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, startTeamServer, type TeamServerFixture } from './team-server-fixture.ts';

const PASSWORD = 'correct horse battery staple';

function signIn(url: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email: 'mia@north.test', password }).toString(),
  });
}

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  afterEach(() => server.close());

  it('counts an address’s attempts across instances', async () => {
    server = await startTeamServer({ dialect, loginLimitPerMinute: 3 });
    await server.store.accounts.addTeam('North');
    await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
    const other = await server.anotherInstance();
    const statuses = [];
    for (const url of [server.url, other, server.url, other, server.url])
      statuses.push((await signIn(url, 'a wrong guess')).status);
    // Two instances with limits in memory would each have let 3 through.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const refused = await signIn(other, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('counts an account’s attempts from every address, across instances', async () => {
    server = await startTeamServer({ dialect, trustProxy: true, loginAccountLimitPerHour: 3 });
    await server.store.accounts.addTeam('North');
    await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
    const other = await server.anotherInstance();
    const statuses = [];
    for (const [i, url] of [server.url, other, server.url, other].entries())
      statuses.push(
        (await signIn(url, 'a wrong guess', { 'x-forwarded-for': `203.0.113.${i + 1}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The account is throttled for a new address too, even with the right password.
    expect((await signIn(server.url, PASSWORD, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(
      429,
    );
  });
});
