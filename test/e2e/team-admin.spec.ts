// Issue #14's role boundaries as people meet them in real Chromium, against a real team server
// on 127.0.0.1: a manager of another team who retargets their own page's forms at this team's
// rep or invite gets a page that says so, and nothing changes; a manager the admin removed is
// sent to sign in by the open board, cannot sign in, and a form left open changes nothing (nor
// does one from before signing in again; each says so in a page, not an API error); a
// rep's token opens neither the board nor the admin area; and invites that stopped working
// while or before the rep opened them (withdrawn on the Team page mid-confirm, expired, the
// re-invite of a removed rep) get their sentence in the app, which stores nothing. The team
// onboarding path itself is team-onboarding.spec.ts; used and unknown invites are join.spec.ts.
import type { Browser, Page } from '@playwright/test';
import { hashPassword } from '../../src/server/auth.ts';
import { INVITE_ERRORS } from '../../src/shared/invite.ts';
import { startTeamServer, type TeamServerFixture } from '../unit/server/team-server-fixture.ts';
import { disclosure } from './account-pages.ts';
import { expectNoSeriousAxe } from './check-view.ts';
import { expect, expectNothingStored, test } from './harness.ts';

const PASSWORD = 'correct horse battery staple';
const ADMIN = 'ada@example.com';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The app's clock (the harness's default) and the server's start: Monday 23 November 2026. */
const START = new Date('2026-11-23T08:00:00Z').getTime();

/**
 * Teams North (manager Mia, rep Ann, a pending invite for Bo) and South (manager Sam, rep Eve,
 * a pending invite for Flo), and the admin Ada, each with a password. The server's clock runs
 * from START and can be moved on with `later(ms)`.
 */
async function twoTeams(options: { loginLimitPerMinute?: number } = {}) {
  let offset = 0;
  const started = Date.now();
  const server = await startTeamServer({
    now: () => new Date(START + offset + (Date.now() - started)),
    ...options,
  });
  const { accounts, admins, invites, passwordLinks } = server.store;
  const northId = await accounts.addTeam('North');
  const southId = await accounts.addTeam('South');
  const mia = await accounts.addManager('North', 'mia@north.test', PASSWORD);
  const sam = await accounts.addManager('South', 'sam@south.test', PASSWORD);
  const ann = await accounts.addRep('North', 'Ann Lee');
  const eve = await accounts.addRep('South', 'Eve South');
  await invites.create(northId, { repName: 'Bo North' }, mia);
  await invites.create(southId, { repName: 'Flo South' }, sam);
  const adminId = await admins.addAdmin(ADMIN);
  const link = await passwordLinks.issue({ kind: 'admin', id: adminId });
  await passwordLinks.use(
    link.secret,
    { kind: 'admin', id: adminId },
    await hashPassword(PASSWORD),
  );
  return {
    server,
    northId,
    ann,
    eve,
    later: (ms: number) => void (offset += ms),
    /** Everything the pages could change. */
    snapshot: async () => ({
      teams: await server.rows('teams'),
      managers: await server.rows('managers'),
      reps: await server.rows('reps'),
      invites: await server.rows('invites'),
    }),
  };
}

async function signIn(page: Page, server: TeamServerFixture, email: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function personAt(
  browser: Browser,
  server: TeamServerFixture,
  email: string,
  where: { timezoneId?: string; locale?: string } = {},
) {
  const context = await browser.newContext(where);
  const page = await context.newPage();
  await signIn(page, server, email);
  return { context, page };
}

test('a manager of another team who aims their page’s forms at this team gets “not on your team”, and nothing changes', async ({
  browser,
}) => {
  const { server, ann, snapshot } = await twoTeams();
  const sam = await personAt(browser, server, 'sam@south.test', {
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
  });
  try {
    const { page } = sam;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team board — South');
    await page.goto(`${server.url}/board/team`);
    await expect(page.getByRole('main')).toContainText('Eve South');
    await expect(page.getByRole('main')).not.toContainText('Ann Lee');
    await expect(page.getByRole('main')).not.toContainText('Bo North');
    // Times are the manager's own, and say their zone: the server wrote 08:00 UTC.
    await expect(page.getByRole('listitem').filter({ hasText: 'Flo South' })).toContainText(
      'expires 30 Nov 2026, 09:00 CET',
    );
    const [bo] = (await server.rows('invites')).filter((r) => r['rep_name'] === 'Bo North');
    const before = await snapshot();

    // Each of Sam's own forms, its action edited to North's rep or invite (the page's CSRF
    // token is Sam's own and valid): the answer is a page that says why, never a change.
    const attempts = [
      ['Rename', 'Save name for Eve South', `/board/team/reps/${ann.id}/rename`],
      [null, 'Re-invite Eve South', `/board/team/reps/${ann.id}/reinvite`],
      ['Remove', 'Yes, remove Eve South', `/board/team/reps/${ann.id}/remove`],
      [
        null,
        'Withdraw the invite for Flo South',
        `/board/team/invites/${String(bo?.['id'])}/revoke`,
      ],
    ] as const;
    for (const [opens, button, action] of attempts) {
      await page.goto(`${server.url}/board/team`);
      if (opens) await disclosure(page, `${opens} Eve South`).click();
      const form = page.getByRole('button', { name: button }).locator('xpath=ancestor::form');
      const own = JSON.stringify(`form[action="${await form.getAttribute('action')}"]`);
      // As text: the e2e typecheck has no DOM lib.
      await page.evaluate(
        `document.querySelector(${own}).setAttribute('action', ${JSON.stringify(action)})`,
      );
      await expect(form).toHaveAttribute('action', action);
      const answered = page.waitForResponse((r) => r.url().endsWith(action));
      await page.getByRole('button', { name: button }).click();
      expect((await answered).status(), action).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
      await expect(page.getByRole('main')).toContainText('That rep or invite is not on your team.');
      await expect(page.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/board');
    }
    await expectNoSeriousAxe(page);
    expect(await snapshot()).toEqual(before);

    // North's rep's page is not Sam's either.
    const other = await page.goto(`${server.url}/board/reps/${ann.id}`);
    expect(other?.status()).toBe(404);
    await expect(page.locator('body')).not.toContainText('Ann Lee');
  } finally {
    await sam.context.close();
    await server.close();
  }
});

test('a manager the admin removed: the open board sends them to sign in, they cannot, and a form left open changes nothing', async ({
  browser,
}) => {
  const { server, snapshot } = await twoTeams();
  const mia = await personAt(browser, server, 'mia@north.test');
  const ada = await personAt(browser, server, ADMIN);
  // Two more tabs of Mia's, left on the Team page and on the password page.
  const teamTab = await mia.context.newPage();
  const passwordTab = await mia.context.newPage();
  try {
    await expect(mia.page.getByRole('heading', { level: 1 })).toHaveText('Team board — North');
    await teamTab.goto(`${server.url}/board/team`);
    await teamTab.getByLabel("Rep's name").fill('Cy North');
    await passwordTab.goto(`${server.url}/board/password`);

    await expect(ada.page).toHaveURL(`${server.url}/admin`);
    await disclosure(ada.page, 'Revoke mia@north.test').click();
    await ada.page.getByRole('button', { name: 'Yes, revoke mia@north.test' }).click();
    await expect(ada.page.getByRole('region', { name: /^North/ })).toContainText(
      'No managers yet.',
    );
    const before = await snapshot();

    // The open board asks every second; its next question is refused and it goes to sign-in.
    await expect(mia.page).toHaveURL(`${server.url}/login`, { timeout: 15_000 });
    await signIn(mia.page, server, 'mia@north.test');
    await expect(mia.page.getByRole('alert')).toHaveText('That email and password do not match.');
    await expect(mia.page).toHaveURL(`${server.url}/login`);

    // The form left open: a page that says the session ended and nothing changed, and a way on.
    const answered = teamTab.waitForResponse((r) => r.url().endsWith('/board/team/invites'));
    await teamTab.getByRole('button', { name: 'Create invite' }).click();
    expect((await answered).status()).toBe(401);
    await expect(teamTab.getByRole('heading', { level: 1 })).toHaveText('Signed out');
    await expect(teamTab.getByRole('main')).toContainText(
      'You are signed out, so nothing was changed. Sign in and try again.',
    );
    await expect(teamTab.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    await expectNoSeriousAxe(teamTab);
    // Sign out on a page from before: already signed out, so it simply goes to sign-in.
    await passwordTab.getByRole('button', { name: 'Sign out' }).click();
    await expect(passwordTab).toHaveURL(`${server.url}/login`);
    await expect(passwordTab.getByRole('heading', { level: 1 })).toHaveText('Team board');
    expect(await snapshot()).toEqual(before);
  } finally {
    await mia.context.close();
    await ada.context.close();
    await server.close();
  }
});

test('a tab opened before the manager signed in again: its form says it is out of date and changes nothing', async ({
  browser,
}) => {
  const { server, snapshot } = await twoTeams();
  const mia = await personAt(browser, server, 'mia@north.test');
  const oldTab = await mia.context.newPage();
  try {
    await oldTab.goto(`${server.url}/board/team`);
    await oldTab.getByLabel("Rep's name").fill('Cy North');
    // In the other tab: sign out, and in again (a new session, a new CSRF token).
    await mia.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(mia.page, server, 'mia@north.test');
    await expect(mia.page).toHaveURL(`${server.url}/board`);
    const before = await snapshot();

    const answered = oldTab.waitForResponse((r) => r.url().endsWith('/board/team/invites'));
    await oldTab.getByRole('button', { name: 'Create invite' }).click();
    expect((await answered).status()).toBe(403);
    await expect(oldTab.getByRole('heading', { level: 1 })).toHaveText('Form out of date');
    await expect(oldTab.getByRole('main')).toContainText(
      'This form was not sent from the page as it is now, so nothing was changed. Reload the page and try again.',
    );
    expect(await snapshot()).toEqual(before);
    await expectNoSeriousAxe(oldTab);
    await oldTab.getByRole('link', { name: 'Back to your pages' }).click();
    await expect(oldTab).toHaveURL(`${server.url}/board`);
  } finally {
    await mia.context.close();
    await server.close();
  }
});

test('Sign out in a tab opened before signing in again: a page says so, and the new session stays', async ({
  browser,
}) => {
  const { server } = await twoTeams();
  const mia = await personAt(browser, server, 'mia@north.test');
  const oldTab = await mia.context.newPage();
  try {
    // The Team page: the board's own page would notice the sign-out and reload itself.
    await oldTab.goto(`${server.url}/board/team`);
    await mia.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(mia.page, server, 'mia@north.test');
    await expect(mia.page).toHaveURL(`${server.url}/board`);

    const answered = oldTab.waitForResponse((r) => r.url().endsWith('/logout'));
    await oldTab.getByRole('button', { name: 'Sign out' }).click();
    expect((await answered).status()).toBe(403);
    await expect(oldTab.getByRole('heading', { level: 1 })).toHaveText('Form out of date');
    await expectNoSeriousAxe(oldTab);
    // The session of the sign-in since is not ended by the old tab's form.
    await mia.page.reload();
    await expect(mia.page).toHaveURL(`${server.url}/board`);
    await expect(mia.page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  } finally {
    await mia.context.close();
    await server.close();
  }
});

test('the Team page says what a rename, a withdrawn invite and a removal did', async ({
  browser,
}) => {
  const { server, ann } = await twoTeams();
  const mia = await personAt(browser, server, 'mia@north.test');
  const page = mia.page;
  const said = page.getByRole('main').getByRole('status');
  try {
    await page.goto(`${server.url}/board/team`);
    await expect(said).toHaveCount(0);

    await disclosure(page, 'Rename Ann Lee').click();
    await page.getByLabel('New name for Ann Lee').fill('Ann Lee-Park');
    await page.getByRole('button', { name: 'Save name for Ann Lee' }).click();
    await expect(said).toHaveText('Renamed: the board and the Team page now say Ann Lee-Park.');

    await page.getByRole('button', { name: 'Withdraw the invite for Bo North' }).click();
    await expect(said).toHaveText('The invite is withdrawn: its link no longer works.');
    await expect(page.getByRole('main')).not.toContainText('Bo North');

    await disclosure(page, 'Remove Ann Lee-Park').click();
    await page.getByRole('button', { name: 'Yes, remove Ann Lee-Park' }).click();
    await expect(said).toHaveText(
      'The rep is removed: their app stops syncing, and their missions have left the board.',
    );
    await expect(page.getByRole('main')).not.toContainText('Ann Lee-Park');
    await expectNoSeriousAxe(page);

    // The address names the change by kind and id only: another rep's id says nothing.
    await page.goto(`${server.url}/board/team?done=renamed&rep=${ann.id}`);
    await expect(said).toHaveCount(0);
    await page.goto(`${server.url}/board/team?done=%3Cscript%3E`);
    await expect(said).toHaveCount(0);
  } finally {
    await mia.context.close();
    await server.close();
  }
});

test('too many sign-in attempts: the sign-in page says when to try again', async ({ browser }) => {
  const { server } = await twoTeams({ loginLimitPerMinute: 3 });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/login`);
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.getByLabel('Email').fill('mia@north.test');
      await page.getByLabel('Password').fill('a wrong guess');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('That email and password do not match.');
    }
    await page.getByLabel('Email').fill('mia@north.test');
    await page.getByLabel('Password').fill(PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = await answered;
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team board');
    await expect(page.getByRole('alert')).toHaveText(
      /^Too many sign-in attempts; try again in \d+ s\.$/,
    );
    // The email stays filled in for the next try, and the password field has the focus.
    await expect(page.getByLabel('Email')).toHaveValue('mia@north.test');
    await expect(page.getByLabel('Password')).toBeFocused();
    await expectNoSeriousAxe(page);
  } finally {
    await context.close();
    await server.close();
  }
});

test('choosing a password through the link: a mismatch is said at the field, which has the focus', async ({
  browser,
}) => {
  const { server, northId } = await twoTeams();
  const id = await server.store.admins.addManager(northId, 'nia@north.test');
  const link = await server.store.passwordLinks.issue({ kind: 'manager', id: String(id) });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/password/${link.secret}`);
    const field = page.getByLabel('New password');
    await expect(field).toBeFocused();
    await page.keyboard.type('a long new password');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a long new passwort');
    await page.keyboard.press('Enter');
    const problem = 'The two passwords differ; type the same one twice.';
    await expect(page.getByRole('alert')).toHaveText(problem);
    await expect(field).toBeFocused();
    await expect(field).toHaveAccessibleDescription(problem);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // The link still works: nothing was used up.
    await field.fill('a long new password');
    await page.getByLabel('The same again').fill('a long new password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your password is set');
  } finally {
    await context.close();
    await server.close();
  }
});

test('a rep’s token opens neither the board nor the admin area, even beside a manager’s session', async ({
  browser,
}) => {
  const { server, ann, snapshot } = await twoTeams();
  const mia = await personAt(browser, server, 'mia@north.test');
  try {
    const before = await snapshot();
    const { page } = mia;
    await mia.context.setExtraHTTPHeaders({ authorization: `Bearer ${ann.token}` });
    for (const path of ['/board', '/board/team', `/board/reps/${ann.id}`, '/admin']) {
      const answer = await page.goto(`${server.url}${path}`);
      expect(answer?.status(), path).toBe(401);
      await expect(page.locator('body')).toContainText(
        "A rep's token does not open the board or the admin area; sign in at /login.",
      );
      await expect(page.locator('body')).not.toContainText('Ann Lee');
    }
    const posted = await page.request.post(`${server.url}/board/team/invites`, {
      form: { name: 'Token Rep', nonce: 'inv_abcdefghijkl', csrf: 'x' },
    });
    expect(posted.status()).toBe(401);
    expect(await snapshot()).toEqual(before);
  } finally {
    await mia.context.close();
    await server.close();
  }
});

test('invites that stop working reach the app as one sentence each, and it stores nothing', async ({
  app,
  browser,
}) => {
  const { server, later } = await twoTeams();
  const mia = await personAt(browser, server, 'mia@north.test');
  try {
    const board = mia.page;
    const invite = async (name: string) => {
      await board.goto(`${server.url}/board/team`);
      await board.getByLabel("Rep's name").fill(name);
      await board.getByRole('button', { name: 'Create invite' }).click();
      return board.getByLabel('Invite link').inputValue();
    };
    const { page } = app;
    await app.open();

    // Withdrawn on the Team page while the rep reads the confirm screen: Join is refused.
    const forCy = await invite('Cy North');
    await app.openLink(forCy);
    const confirm = page.getByRole('dialog', { name: 'Join North?' });
    await expect(confirm).toContainText('as Cy North.');
    await board.goto(`${server.url}/board/team`);
    await board.getByRole('button', { name: 'Withdraw the invite for Cy North' }).click();
    await expect(board.getByRole('main')).not.toContainText('Cy North');
    await confirm.getByRole('button', { name: 'Join' }).click();
    await expect(confirm.getByRole('alert')).toHaveText(INVITE_ERRORS.revoked);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expectNothingStored(app);

    // The re-invite of a rep the manager then removed.
    await board.goto(`${server.url}/board/team`);
    await board.getByRole('button', { name: 'Re-invite Ann Lee' }).click();
    const forAnn = await board.getByLabel('Invite link').inputValue();
    await disclosure(board, 'Remove Ann Lee').click();
    await board.getByRole('button', { name: 'Yes, remove Ann Lee' }).click();
    await expect(board.getByRole('main')).not.toContainText('Ann Lee');
    await app.openLink(forAnn);
    const refused = page.getByRole('dialog', { name: 'Join a team' });
    await expect(refused.getByRole('alert')).toHaveText(INVITE_ERRORS.revoked);
    await refused.getByRole('button', { name: 'Close' }).click();

    // Eight days on, an invite made today has expired.
    const forDi = await invite('Di North');
    later(8 * DAY_MS);
    await app.openLink(forDi);
    await expect(refused.getByRole('alert')).toHaveText(INVITE_ERRORS.expired);
    await refused.getByRole('button', { name: 'Close' }).click();

    expectNothingStored(app);
    const reps = (await server.rows('reps')).filter((r) => r['revoked_at'] === null);
    expect(reps.map((r) => r['name']).sort()).toEqual(['Eve South']);
    expect(app.notifications).toEqual([]);
  } finally {
    await mia.context.close();
    await server.close();
  }
});

/** How far the page, or the box holding `selector`, scrolls sideways (0: it fits). */
const sideways = async (page: Page, selector = 'html') =>
  Number(
    await page.evaluate(
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e.scrollWidth - e.clientWidth; })()`,
    ),
  );

for (const colorScheme of ['light', 'dark'] as const)
  for (const width of [390, 1280] as const)
    test(`the admin area and the Team page at ${width} px, ${colorScheme}: everything in view, axe clean`, async ({
      browser,
    }) => {
      const { server } = await twoTeams();
      await server.store.accounts.addRep('North', 'Bartholomew Fitzgerald-Montgomery');
      const context = await browser.newContext({
        viewport: { width, height: 844 },
        colorScheme,
      });
      await context.addInitScript({
        content: "Object.defineProperty(navigator, 'clipboard', { value: undefined });",
      });
      const page = await context.newPage();
      try {
        await signIn(page, server, ADMIN);
        await disclosure(page, 'Revoke mia@north.test').click();
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        await expectNoSeriousAxe(page);
        await page.screenshot({
          path: `test-results/screenshots/admin-${width}-${colorScheme}.png`,
          fullPage: true,
        });

        await page.getByRole('button', { name: 'Sign out' }).click();
        await signIn(page, server, 'mia@north.test');
        await page.goto(`${server.url}/board/team`);
        await page.getByLabel("Rep's name").fill('Cy North');
        await page.getByRole('button', { name: 'Create invite' }).click();
        // No clipboard here (as on a page served over plain http): the link is selected instead.
        await page.getByRole('button', { name: 'Copy invite link' }).click();
        await expect(page.getByRole('status').filter({ hasText: 'Invite link' })).toHaveText(
          'Invite link selected: press Ctrl+C (⌘C on a Mac) to copy it.',
        );
        const link = page.getByLabel('Invite link');
        await expect(link).toBeFocused();
        const selected = await page.evaluate(
          "(() => { const f = document.getElementById('invite-link'); return f.value.slice(f.selectionStart, f.selectionEnd); })()",
        );
        expect(selected).toBe(await link.inputValue());
        await disclosure(page, 'Remove Bartholomew Fitzgerald-Montgomery').click();
        await disclosure(page, 'Rename Ann Lee').click();
        // The reps' table fits: every rep's changes are in view without scrolling it sideways.
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await sideways(page, '.scroll')).toBeLessThanOrEqual(0);
        for (const name of ['Re-invite Ann Lee', 'Yes, remove Bartholomew Fitzgerald-Montgomery']) {
          const box = await page.getByRole('button', { name }).boundingBox();
          expect(box && box.x + box.width, name).toBeLessThanOrEqual(width);
        }
        await expectNoSeriousAxe(page);
        await page.screenshot({
          path: `test-results/screenshots/team-${width}-${colorScheme}.png`,
          fullPage: true,
        });
      } finally {
        await context.close();
        await server.close();
      }
    });

test('by keyboard alone: rename a rep; Remove and Revoke ask first, and a slip changes nothing', async ({
  browser,
}) => {
  const { server, snapshot } = await twoTeams();
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  try {
    await signIn(page, server, 'mia@north.test');
    await page.goto(`${server.url}/board/team`);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel("Rep's name")).toBeFocused();

    // An invite by keyboard: type, Enter; focus lands on the link shown once, Tab reaches Copy.
    await page.keyboard.type('Cy North');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Invite link')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Copy invite link' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Invite link' })).toHaveText(
      'Invite link copied.',
    );

    // A click on Remove, or Enter on it, only opens what it would do.
    const before = await snapshot();
    await disclosure(page, 'Remove Ann Lee').click();
    const sure = page.getByRole('button', { name: 'Yes, remove Ann Lee' });
    await expect(sure).toBeVisible();
    await expect(page.locator('details[open]')).toContainText(
      "Ann Lee's app stops syncing at once and their missions leave North's board.",
    );
    await disclosure(page, 'Remove Ann Lee').press('Enter');
    await expect(sure).toBeHidden();
    expect(await snapshot()).toEqual(before);

    // Rename: Enter opens it, Tab reaches the field, Enter saves.
    await disclosure(page, 'Rename Ann Lee').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const field = page.getByLabel('New name for Ann Lee');
    await expect(field).toBeFocused();
    await field.fill('Ann Lee-Park');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Reps on North' })).toContainText('Ann Lee-Park');
    await expect(page.getByRole('table', { name: 'Reps on North' })).not.toContainText(
      /Ann Lee\b(?!-)/,
    );

    // The admin's Revoke, by keyboard: Enter opens it, Tab reaches its button, Enter revokes.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, server, ADMIN);
    // A new manager by keyboard: their one-time link gets the focus.
    await page.getByLabel('Add a manager to South (email)').fill('sue@south.test');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Password link' })).toBeFocused();
    await disclosure(page, 'Revoke sam@south.test').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Yes, revoke sam@south.test' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: /^South/ })).not.toContainText('sam@south.test');
    await expect(page.getByRole('region', { name: /^South/ })).toContainText('sue@south.test');
    await expect(page.getByRole('region', { name: /^North/ })).toContainText('mia@north.test');
  } finally {
    await context.close();
    await server.close();
  }
});
