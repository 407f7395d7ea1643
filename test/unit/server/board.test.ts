// The manager's board over real HTTP: sign-in, the session cookie's flags, CSRF-safe sign-out,
// one team per manager, and escaping of everything reps typed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  const PASSWORD = 'correct horse battery staple';

  beforeEach(async () => {
    server = await startTeamServer({ dialect, now: () => new Date('2026-11-25T12:00:00Z') });
    await server.store.accounts.addTeam('North');
    await server.store.accounts.addTeam('South');
    await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
    const ann = await server.store.accounts.addRep('North', 'Ann');
    const eve = await server.store.accounts.addRep('South', 'Eve');
    await call(server.url, 'PUT', '/api/v1/missions/m-ann', ann.token, {
      revision: 1,
      state: sampleState({
        title: '<script>alert(1)</script> calls',
        status: 'missed',
        pace: { expected: 8, actual: 3, delta: -5, label: 'behind by 5' },
        reflection: {
          reason: 'external-blockers',
          note: 'CRM was down <b>all week</b>',
          nextStep: '',
        },
      }),
    });
    await call(server.url, 'PUT', '/api/v1/missions/m-eve', eve.token, {
      revision: 1,
      state: sampleState({ title: 'Eve south mission' }),
    });
  });
  afterEach(() => server.close());

  async function signIn(email: string, password: string) {
    return fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }).toString(),
    });
  }

  const cookieOf = (res: Response): string =>
    (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  describe('the board', () => {
    it('sends a visitor without a session to the sign-in form', async () => {
      const res = await fetch(`${server.url}/board`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login');
      expect((await fetch(`${server.url}/board/content`)).status).toBe(401);
    });

    it('refuses a wrong password and sets no cookie', async () => {
      const res = await signIn('mia@north.test', 'wrong password!!');
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('do not match');
    });

    it('signs in with an HttpOnly SameSite=Strict cookie and shows only the manager’s team, escaped', async () => {
      const res = await signIn('MIA@north.test', PASSWORD);
      expect(res.status).toBe(303);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      const board = await fetch(`${server.url}/board`, { headers: { cookie: cookieOf(res) } });
      expect(board.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await board.text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; calls');
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('CRM was down &lt;b&gt;all week&lt;/b&gt;');
      expect(html).toContain('External blockers');
      expect(html).toContain('behind by 5');
      expect(html).not.toContain('Eve');
      // The session id is never stored as such.
      expect(JSON.stringify(await server.rows('sessions'))).not.toContain(
        cookieOf(res).split('=')[1],
      );
    });

    it('counts a custom unit in the singular for one, from old clients (no singular sent) and new', async () => {
      const bob = await server.store.accounts.addRep('North', 'Bob');
      const one = { total: 1, days: [{ date: '2026-11-23', count: 1, hit: 1, of: 1 }] };
      const pace = { expected: 1, actual: 1, delta: 0, label: 'on pace' };
      // A client from before units had a singular sends only the plural.
      const old = await call(server.url, 'PUT', '/api/v1/missions/m-bob-old', bob.token, {
        revision: 1,
        state: sampleState({
          ...one,
          pace,
          title: 'Proposals out',
          metric: { kind: 'custom', label: 'Proposals', unit: 'proposals' },
          recentWins: [{ at: '2026-11-23T10:00:00.000Z', amount: 1 }],
        }),
      });
      const current = await call(server.url, 'PUT', '/api/v1/missions/m-bob-new', bob.token, {
        revision: 1,
        state: sampleState({
          ...one,
          pace,
          title: 'People met',
          metric: { kind: 'custom', label: 'Contacts', unit: 'people', singular: 'person' },
          recentWins: [{ at: '2026-11-23T10:05:00.000Z', amount: 1 }],
        }),
      });
      expect([old.status, current.status]).toEqual([200, 200]);
      const res = await signIn('mia@north.test', PASSWORD);
      const html = await (
        await fetch(`${server.url}/board`, { headers: { cookie: cookieOf(res) } })
      ).text();
      expect(html).toContain('1 proposal of 10');
      expect(html).toContain('1 person of 10');
      expect(html).toContain('+1 person — People met');
      expect(html).not.toMatch(/1 proposals|1 people/);
    });

    it('writes the feed’s and the update’s times in UTC and says so, whatever zone the server runs in', async () => {
      const zone = process.env['TZ'];
      // Node follows a change of TZ at run time: the server now renders as if run in New York.
      process.env['TZ'] = 'America/New_York';
      try {
        const bob = await server.store.accounts.addRep('North', 'Bob');
        await call(server.url, 'PUT', '/api/v1/missions/m-bob', bob.token, {
          revision: 1,
          state: sampleState({
            title: 'Calls at dawn',
            recentWins: [{ at: '2026-11-25T09:30:00.000Z', amount: 1 }],
          }),
        });
        const res = await signIn('mia@north.test', PASSWORD);
        const html = await (
          await fetch(`${server.url}/board`, { headers: { cookie: cookieOf(res) } })
        ).text();
        expect(html).toContain(
          '<time datetime="2026-11-25T09:30:00.000Z">25 Nov 2026, 09:30 UTC</time> <strong>Bob</strong>',
        );
        expect(html).toMatch(/Updated <time datetime="[^"]+">25 Nov 2026, 12:00 UTC<\/time>/);
      } finally {
        if (zone === undefined) delete process.env['TZ'];
        else process.env['TZ'] = zone;
      }
    });

    it('signs out only with the page’s CSRF token', async () => {
      const cookie = cookieOf(await signIn('mia@north.test', PASSWORD));
      const html = await (await fetch(`${server.url}/board`, { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const post = (body: string) =>
        fetch(`${server.url}/logout`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
      expect((await post('csrf=forged')).status).toBe(403);
      expect((await fetch(`${server.url}/board/content`, { headers: { cookie } })).status).toBe(
        200,
      );
      expect((await post(`csrf=${encodeURIComponent(csrf)}`)).status).toBe(303);
      expect((await fetch(`${server.url}/board/content`, { headers: { cookie } })).status).toBe(
        401,
      );
    });

    it('refuses a sign-in form posted from another site', async () => {
      const res = await fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        body: new URLSearchParams({ email: 'mia@north.test', password: PASSWORD }).toString(),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('ends a revoked manager’s session', async () => {
      const cookie = cookieOf(await signIn('mia@north.test', PASSWORD));
      await server.store.accounts.revokeManager('mia@north.test');
      expect((await fetch(`${server.url}/board/content`, { headers: { cookie } })).status).toBe(
        401,
      );
      expect((await call(server.url, 'GET', '/board/content', null)).status).toBe(401);
    });

    it('pages a big team by reps, while "behind pace" and hit rates still count everyone', async () => {
      for (let r = 0; r < 60; r++) {
        const rep = await server.store.accounts.addRep(
          'North',
          `Rep ${String(r).padStart(2, '0')}`,
        );
        await server.store.missions.upsertMission(rep, `big-${r}`, 1, {
          ...sampleState({ title: `Mission of rep ${r}`, total: 2 }),
          days: [{ date: '2026-11-24', count: 2, hit: r % 2, of: 1 }],
          pace: { expected: 4, actual: 2, delta: -2, label: 'behind by 2' },
        });
      }
      const cookie = cookieOf(await signIn('mia@north.test', PASSWORD));
      const page1 = await (await fetch(`${server.url}/board`, { headers: { cookie } })).text();
      expect(page1).toContain('Reps 1–50 of 61.');
      const table1 = page1.slice(page1.indexOf('id="missions-h"'), page1.indexOf('id="rates-h"'));
      expect(table1).toContain('Mission of rep 0<');
      expect(table1).not.toContain('Mission of rep 59<');
      expect(page1).toContain('The 25 furthest behind of 60.');
      const rates = page1.slice(page1.indexOf('id="rates-table"'));
      const rowOf = (name: string) =>
        rates.slice(rates.indexOf(`${name}<`), rates.indexOf('</tr>', rates.indexOf(`${name}<`)));
      expect(rowOf('Rep 01')).toContain('100% <span class="muted">(1/1)</span>');
      expect(rowOf('Rep 02')).toContain('0% <span class="muted">(0/1)</span>');
      const page2 = await (
        await fetch(`${server.url}/board/content?page=2`, { headers: { cookie } })
      ).text();
      expect(page2).toContain('Reps 51–61 of 61.');
      const table2 = page2.slice(page2.indexOf('id="missions-h"'), page2.indexOf('id="rates-h"'));
      expect(table2).toContain('Mission of rep 59<');
      expect(table2).not.toContain('Mission of rep 0<');
      // A page past the end (a bookmark from before reps left) shows the last one.
      const past = await (
        await fetch(`${server.url}/board/content?page=9`, { headers: { cookie } })
      ).text();
      expect(past).toContain('Reps 51–61 of 61.');
      expect(past).toContain('Mission of rep 59<');
    });
  });
});
