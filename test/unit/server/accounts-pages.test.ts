// The accounts' pages over real HTTP on both databases, as a browser drives them (a cookie, the
// page's CSRF token, form posts): the admin's password link, teams and managers at /admin, the
// manager's Team page and its invites, and every role boundary — each refusal changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JoinResult, REP_REVOKED_ERROR, parseInvite } from '../../../src/shared/invite.ts';
import { DIALECTS, call, startTeamServer, type TeamServerFixture } from './team-server-fixture.ts';

const PASSWORD = 'correct horse battery staple';
const ADMIN = 'ada@example.com';

/** `&amp;` and friends back to text (values in the page are escaped). */
const unescape = (html: string): string =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

interface Page {
  status: number;
  html: string;
  location: string | null;
}

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;

  beforeEach(async () => {
    server = await startTeamServer({ dialect });
  });
  afterEach(() => server.close());

  /** A browser: one cookie, the page's last CSRF token, same-origin form posts. */
  function browser() {
    let cookie = '';
    let csrf = '';
    const remember = async (res: Response): Promise<Page> => {
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
      const html = await res.text();
      const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
      if (token) csrf = unescape(token);
      return { status: res.status, html, location: res.headers.get('location') };
    };
    return {
      get csrf() {
        return csrf;
      },
      async get(path: string): Promise<Page> {
        return remember(
          await fetch(`${server.url}${path}`, {
            redirect: 'manual',
            headers: cookie ? { cookie } : {},
          }),
        );
      },
      async post(
        path: string,
        form: Record<string, string>,
        options: { csrf?: string | null; origin?: string } = {},
      ): Promise<Page> {
        const token = options.csrf === undefined ? csrf : options.csrf;
        const body = new URLSearchParams({ ...(token === null ? {} : { csrf: token }), ...form });
        return remember(
          await fetch(`${server.url}${path}`, {
            method: 'POST',
            redirect: 'manual',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: options.origin ?? server.url,
              ...(cookie ? { cookie } : {}),
            },
            body: body.toString(),
          }),
        );
      },
      async signIn(email: string, password: string): Promise<Page> {
        return this.post('/login', { email, password }, { csrf: null });
      },
    };
  }

  /** What the pages could have changed. */
  const snapshot = async () => ({
    teams: await server.rows('teams'),
    managers: await server.rows('managers'),
    reps: await server.rows('reps'),
    invites: await server.rows('invites'),
    links: await server.rows('password_links'),
  });

  const valueOf = (html: string, id: string): string =>
    unescape(new RegExp(`id="${id}"[^>]*value="([^"]+)"`).exec(html)?.[1] ?? '');
  const pathOf = (link: string): string => new URL(link).pathname;

  /** The admin `init` makes, with the password set through their link. */
  async function adminSignedIn() {
    const id = await server.store.admins.addAdmin(ADMIN);
    const link = await server.store.passwordLinks.issue({ kind: 'admin', id });
    const admin = browser();
    await admin.get(`/password/${link.secret}`);
    await admin.post(
      `/password/${link.secret}`,
      { password: PASSWORD, confirm: PASSWORD },
      { csrf: null },
    );
    expect((await admin.signIn(ADMIN, PASSWORD)).location).toBe('/admin');
    return admin;
  }

  /** Team North with manager Mia signed in (through the admin's pages and Mia's link). */
  async function managerSignedIn(team = 'North', email = 'mia@north.test') {
    const admin = await adminSignedIn().catch(async () => {
      const again = browser();
      await again.signIn(ADMIN, PASSWORD);
      return again;
    });
    await admin.get('/admin');
    await admin.post('/admin/teams', { name: team });
    const page = await admin.get('/admin');
    const teamId = new RegExp(
      `name="teamId" value="([^"]+)">\\s*<label[^>]*>Add a manager to ${team} \\(email\\)`,
    ).exec(page.html)?.[1];
    const added = await admin.post('/admin/managers', { teamId: teamId ?? '', email });
    const link = valueOf(added.html, 'password-link');
    const manager = browser();
    await manager.post(pathOf(link), { password: PASSWORD, confirm: PASSWORD }, { csrf: null });
    expect((await manager.signIn(email, PASSWORD)).location).toBe('/board');
    await manager.get('/board/team');
    return { admin, manager, teamId: teamId ?? '' };
  }

  async function inviteOn(manager: ReturnType<typeof browser>, name: string) {
    const page = await manager.get('/board/team');
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const shown = await manager.post('/board/team/invites', { name, nonce });
    return {
      shown,
      nonce,
      link: valueOf(shown.html, 'invite-link'),
      code: valueOf(shown.html, 'invite-code'),
    };
  }

  describe('passwords set by their owner', () => {
    it("sets the admin's password through the one-time link, once", async () => {
      const id = await server.store.admins.addAdmin(ADMIN);
      const { secret } = await server.store.passwordLinks.issue({ kind: 'admin', id });
      const visitor = browser();
      const form = await visitor.get(`/password/${secret}`);
      expect(form.status).toBe(200);
      expect(form.html).toContain(ADMIN);
      const before = await snapshot();
      for (const [password, confirm, why] of [
        ['short', 'short', /at least 12/],
        [PASSWORD, `${PASSWORD}!`, /differ/],
      ] as const) {
        const refused = await visitor.post(
          `/password/${secret}`,
          { password, confirm },
          { csrf: null },
        );
        expect(refused.status).toBe(400);
        expect(refused.html).toMatch(why);
      }
      const forged = await visitor.post(
        `/password/${secret}`,
        { password: PASSWORD, confirm: PASSWORD },
        { csrf: null, origin: 'https://evil.example' },
      );
      expect(forged.status).toBe(403);
      expect(await snapshot()).toEqual(before);
      expect((await visitor.signIn(ADMIN, '')).status).toBe(401);

      const set = await visitor.post(
        `/password/${secret}`,
        { password: PASSWORD, confirm: PASSWORD },
        { csrf: null },
      );
      expect(set.status).toBe(200);
      expect(set.html).toContain('Your password is set');
      expect((await visitor.get(`/password/${secret}`)).status).toBe(410);
      expect(
        (
          await visitor.post(
            `/password/${secret}`,
            { password: 'another long one', confirm: 'another long one' },
            { csrf: null },
          )
        ).status,
      ).toBe(410);
      expect((await visitor.get(`/password/${'x'.repeat(32)}`)).status).toBe(404);
      expect((await visitor.signIn(ADMIN, PASSWORD)).location).toBe('/admin');
      expect(JSON.stringify(await server.rows('password_links'))).not.toContain(secret);
    });

    it('lets a manager change their password: the current one is checked, other sessions end', async () => {
      const { manager } = await managerSignedIn();
      const other = browser();
      await other.signIn('mia@north.test', PASSWORD);
      expect((await other.get('/board/team')).status).toBe(200);
      await manager.get('/board/password');
      const wrong = await manager.post('/board/password', {
        current: 'not my password',
        password: 'a brand new password',
        confirm: 'a brand new password',
      });
      expect(wrong.status).toBe(400);
      expect((await browser().signIn('mia@north.test', PASSWORD)).status).toBe(303);
      const changed = await manager.post('/board/password', {
        current: PASSWORD,
        password: 'a brand new password',
        confirm: 'a brand new password',
      });
      expect(changed.status).toBe(200);
      expect((await manager.get('/board/team')).status).toBe(200);
      expect((await other.get('/board/team')).location).toBe('/login');
      expect((await browser().signIn('mia@north.test', PASSWORD)).status).toBe(401);
      expect((await browser().signIn('mia@north.test', 'a brand new password')).status).toBe(303);
    });
  });

  describe('the admin area', () => {
    it('adds a team and a manager, whose link is shown once and sets their password', async () => {
      const admin = await adminSignedIn();
      await admin.get('/admin');
      expect((await admin.post('/admin/teams', { name: 'North' })).location).toBe('/admin');
      const dup = await admin.post('/admin/teams', { name: 'North' });
      expect(dup.status).toBe(409);
      const { manager, teamId } = await managerSignedIn();
      expect(teamId).toMatch(/^team_/);
      const page = await manager.get('/board/team');
      expect(page.status).toBe(200);
      expect(page.html).toContain('Team North');
      // The admin's page lists the manager, and no link any more.
      const again = await admin.get('/admin');
      expect(again.html).toContain('mia@north.test');
      expect(again.html).not.toContain('/password/');
    });

    it("resets a manager's password: the old one and their sessions stop at once", async () => {
      const { admin, manager } = await managerSignedIn();
      const page = await admin.get('/admin');
      const id = /\/admin\/managers\/([^/]+)\/reset/.exec(page.html)?.[1] ?? '';
      const reset = await admin.post(`/admin/managers/${id}/reset`, {});
      expect(reset.status).toBe(200);
      const link = valueOf(reset.html, 'password-link');
      expect(link).toMatch(/\/password\//);
      expect((await manager.get('/board/team')).location).toBe('/login');
      expect((await browser().signIn('mia@north.test', PASSWORD)).status).toBe(401);
      const mia = browser();
      await mia.post(
        pathOf(link),
        { password: 'my second password', confirm: 'my second password' },
        { csrf: null },
      );
      expect((await mia.signIn('mia@north.test', 'my second password')).location).toBe('/board');
    });

    it('revokes a manager: their session ends and they cannot sign in', async () => {
      const { admin, manager } = await managerSignedIn();
      const page = await admin.get('/admin');
      const id = /\/admin\/managers\/([^/]+)\/revoke/.exec(page.html)?.[1] ?? '';
      expect((await admin.post(`/admin/managers/${id}/revoke`, {})).location).toBe('/admin');
      expect((await manager.get('/board/team')).location).toBe('/login');
      expect((await manager.get('/board')).location).toBe('/login');
      expect((await browser().signIn('mia@north.test', PASSWORD)).status).toBe(401);
      expect((await admin.get('/admin')).html).not.toContain('mia@north.test');
    });
  });

  describe('role boundaries (each refusal changes nothing)', () => {
    it('keeps managers, anonymous visitors and rep tokens out of /admin', async () => {
      const { manager, teamId } = await managerSignedIn();
      const before = await snapshot();
      const asManager = await manager.get('/admin');
      expect(asManager.status).toBe(403);
      expect(asManager.html).toContain('for the server’s admins');
      expect((await manager.post('/admin/teams', { name: 'Mine' })).status).toBe(403);
      expect(
        (await manager.post('/admin/managers', { teamId, email: 'sneaky@north.test' })).status,
      ).toBe(403);
      const anonymous = browser();
      expect((await anonymous.get('/admin')).location).toBe('/login');
      expect((await anonymous.post('/admin/teams', { name: 'Anon' }, { csrf: 'x' })).status).toBe(
        401,
      );
      expect((await anonymous.get('/board/team')).location).toBe('/login');
      expect(
        (
          await anonymous.post(
            '/board/team/invites',
            { name: 'X', nonce: 'inv_abcdefghijkl' },
            { csrf: 'x' },
          )
        ).status,
      ).toBe(401);

      const rep = await server.store.accounts.addRep('North', 'Ann');
      for (const path of ['/board', '/board/team', '/board/content', '/admin', '/admin/teams']) {
        const res = await call(
          server.url,
          path === '/admin/teams' ? 'POST' : 'GET',
          path,
          rep.token,
        );
        expect(res.status, path).toBe(401);
        expect(res.json).toEqual({ error: expect.stringContaining("A rep's token") });
      }
      const after = await snapshot();
      expect({ ...after, reps: [] }).toEqual({ ...before, reps: [] });
    });

    it('answers a missing or wrong CSRF token, or another origin, with 403', async () => {
      const { admin, manager, teamId } = await managerSignedIn();
      const ann = await server.store.accounts.addRep('North', 'Ann');
      await admin.get('/admin');
      await manager.get('/board/team');
      const nonce = 'inv_abcdefghijkl';
      const before = await snapshot();
      const attempts: [ReturnType<typeof browser>, string, Record<string, string>][] = [
        [admin, '/admin/teams', { name: 'Forged' }],
        [admin, '/admin/managers', { teamId, email: 'forged@north.test' }],
        [manager, '/board/team/invites', { name: 'Forged', nonce }],
        [manager, `/board/team/reps/${ann.id}/rename`, { name: 'Forged' }],
        [manager, `/board/team/reps/${ann.id}/remove`, {}],
        [manager, `/board/team/reps/${ann.id}/reinvite`, { nonce }],
        [
          manager,
          '/board/password',
          { current: PASSWORD, password: 'forged password!', confirm: 'forged password!' },
        ],
      ];
      for (const [who, path, form] of attempts) {
        expect((await who.post(path, form, { csrf: null })).status, `${path} without`).toBe(403);
        expect((await who.post(path, form, { csrf: 'c_wrong' })).status, `${path} wrong`).toBe(403);
        expect(
          (await who.post(path, form, { origin: 'https://evil.example' })).status,
          `${path} cross-site`,
        ).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
    });

    it("gives a manager of another team 404 for that team's reps and invites", async () => {
      const { manager: mia } = await managerSignedIn('North', 'mia@north.test');
      const { shown } = await inviteOn(mia, 'Bob');
      expect(shown.status).toBe(200);
      const ann = await server.store.accounts.addRep('North', 'Ann');
      const { manager: sam } = await managerSignedIn('South', 'sam@south.test');
      const [invite] = await server.rows('invites');
      const before = await snapshot();
      for (const [path, form] of [
        [`/board/team/reps/${ann.id}/rename`, { name: 'Stolen' }],
        [`/board/team/reps/${ann.id}/remove`, {}],
        [`/board/team/reps/${ann.id}/reinvite`, { nonce: 'inv_mnopqrstuvwx' }],
        [`/board/team/invites/${String(invite?.id)}/revoke`, {}],
      ] as const) {
        await sam.get('/board/team');
        expect((await sam.post(path, form)).status, path).toBe(404);
      }
      expect(await snapshot()).toEqual(before);
      const southPage = await sam.get('/board/team');
      expect(southPage.html).not.toContain('Ann');
      expect(southPage.html).not.toContain('Bob');
    });
  });

  describe("the manager's Team page", () => {
    it('shows an invite once as a link and a code that join the team; a repeat shows none', async () => {
      const { manager } = await managerSignedIn();
      const { shown, nonce, link, code } = await inviteOn(manager, 'Ann Lee');
      expect(shown.status).toBe(200);
      const fromLink = parseInvite(link);
      const fromCode = parseInvite(code);
      expect(fromLink).toEqual(fromCode);
      expect(fromLink).toMatchObject({ ok: true, value: { server: server.url } });
      // The same form again (a reload): no second invite, nothing shown.
      const repeat = await manager.post('/board/team/invites', { name: 'Ann Lee', nonce });
      expect(repeat.location).toBe('/board/team');
      expect(await server.rows('invites')).toHaveLength(1);
      const page = await manager.get('/board/team');
      const secret = fromLink.ok ? fromLink.value.secret : '';
      expect(page.html).not.toContain(secret);
      expect(page.html).toContain('Invites not used yet');
      expect(page.html).toContain('Ann Lee');

      const joined = await call(server.url, 'POST', '/api/v2/join', null, { secret });
      expect(joined.status).toBe(201);
      const { token, rep } = JoinResult.parse(joined.json);
      const after = await manager.get('/board/team');
      expect(after.html).not.toContain('Invites not used yet');
      expect(after.html).toContain('never');
      await call(server.url, 'GET', '/api/v2/team', token);
      // The last sync is written just after the answer is sent.
      const never = /<td><span class="muted">never<\/span><\/td>/;
      let synced = await manager.get('/board/team');
      for (let i = 0; i < 50 && never.test(synced.html); i++) {
        await new Promise((r) => setTimeout(r, 20));
        synced = await manager.get('/board/team');
      }
      expect(synced.html).not.toMatch(never);
      expect(synced.html).toContain(`/board/team/reps/${rep.id}/rename`);
    });

    it('renames, re-invites and removes a rep, and withdraws an unused invite', async () => {
      const { manager, teamId } = await managerSignedIn();
      const first = parseInvite((await inviteOn(manager, 'Ann')).code);
      const joined = JoinResult.parse(
        (
          await call(server.url, 'POST', '/api/v2/join', null, {
            secret: first.ok ? first.value.secret : '',
          })
        ).json,
      );
      const id = joined.rep.id;
      await manager.get('/board/team');
      expect(
        (await manager.post(`/board/team/reps/${id}/rename`, { name: 'Ann Lee' })).location,
      ).toBe(`/board/team?done=renamed&rep=${id}`);
      expect((await server.store.accounts.teamReps(teamId)).map((r) => r.name)).toEqual([
        'Ann Lee',
      ]);

      const page = await manager.get('/board/team');
      const nonce = /name="nonce" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
      const again = await manager.post(`/board/team/reps/${id}/reinvite`, { nonce });
      expect(again.html).toContain('Invite for Ann Lee');
      const reinvite = parseInvite(valueOf(again.html, 'invite-code'));
      // Withdrawn before use: the join is refused and the old token keeps working.
      await manager.get('/board/team');
      const [pending] = await server.store.invites.pending(teamId);
      expect((await manager.post(`/board/team/invites/${pending?.id}/revoke`, {})).location).toBe(
        '/board/team?done=withdrawn',
      );
      const refused = await call(server.url, 'POST', '/api/v2/join', null, {
        secret: reinvite.ok ? reinvite.value.secret : '',
      });
      expect(refused.status).toBe(410);
      expect((await call(server.url, 'GET', '/api/v2/team', joined.token)).status).toBe(200);

      await manager.get('/board/team');
      expect((await manager.post(`/board/team/reps/${id}/remove`, {})).location).toBe(
        '/board/team?done=removed',
      );
      expect(await call(server.url, 'GET', '/api/v2/team', joined.token)).toMatchObject({
        status: 401,
        json: { error: REP_REVOKED_ERROR },
      });
      expect((await manager.get('/board/team')).html).not.toContain('Ann Lee');
    });
  });
});
