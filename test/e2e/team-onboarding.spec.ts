// Issue #14's whole path in real Chromium, through the real pages: `team-server init` (a child
// process) prints the admin's one-time link; the admin sets a password, signs in, adds a team and
// its manager; the manager sets their password with the link shown once, invites a rep on the
// Team page; the desktop app (the e2e harness: real core, real lowdb files, the real window)
// opens the invite, confirms and joins; the rep's public mission and wins reach the open board
// live, with the charts' text alternatives and the rep's page; the manager removes the rep, and
// the app says so, stops sending (the server's own request log shows it) and keeps every win.
// The accounts' pages are checked with axe, light and dark.
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { startTeamServer, type TeamServerFixture } from '../unit/server/team-server-fixture.ts';
import { disclosure } from './account-pages.ts';
import { expectNoSeriousAxe } from './check-view.ts';
import { expect, test } from './harness.ts';

const CLI = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));
const ADMIN = 'ada@example.com';
const MANAGER = 'mia@north.test';
const ADMIN_PASSWORD = 'admin horse battery staple';
const MANAGER_PASSWORD = 'manager horse battery staple';
/** The app's clock (the harness's default) and the server's start: Monday 23 November 2026. */
const START = new Date('2026-11-23T08:00:00Z').getTime();
const MISSION = 'Book 10 meetings this week';

/** `team-server init` as an admin runs it, against the server's database. */
async function init(server: TeamServerFixture, email: string) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CLI, '--db', server.file, 'init', '--email', email, '--public-url', server.url],
    { env, encoding: 'utf8' },
  );
  return stdout;
}

/** The server's own request log: method and path of every request it received. */
function requestLog() {
  const stream = new PassThrough();
  const seen: string[] = [];
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const entry: unknown = JSON.parse(line);
      const req = typeof entry === 'object' && entry && 'req' in entry ? entry.req : null;
      if (typeof req === 'object' && req && 'method' in req && 'url' in req)
        seen.push(`${String(req.method)} ${String(req.url)}`);
    }
  });
  return { stream, seen, api: () => seen.filter((r) => / \/api\//.test(r)) };
}

async function noSeriousAxe(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxe(page, `${name} (${colorScheme})`);
    await page.screenshot({
      path: `test-results/screenshots/onboarding-${name}-${colorScheme}.png`,
      fullPage: true,
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A person's own browser: errors in its pages fail the test. */
async function personIn(context: BrowserContext) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return { page, problems };
}

/** Copies what the field shows with its Copy button; what reached the clipboard. */
async function copied(page: Page, within: Locator, label: string): Promise<string> {
  await within.getByRole('button', { name: `Copy ${label.toLowerCase()}` }).click();
  await expect(within.getByRole('status').filter({ hasText: `${label} copied.` })).toBeVisible();
  const text = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(text).toBe(await within.getByLabel(label).inputValue());
  return text;
}

/** The header's nav: Board, Team, Admin. */
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** On a one-time password link's page: the person chooses their password. */
async function choosePassword(page: Page, email: string, password: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your password');
  await expect(page.getByRole('main')).toContainText(`For ${email}.`);
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('The same again').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your password is set');
}

test('from init to a removed rep: admin, team, manager, invite, join, live board, revoke', async ({
  app,
  browser,
}) => {
  test.setTimeout(300_000);
  const log = requestLog();
  const started = Date.now();
  const server = await startTeamServer({
    now: () => new Date(START + (Date.now() - started)),
    logger: true,
    logStream: log.stream,
  });
  // Each copies what is shown once with its Copy button, as a person would.
  const clipboard = { permissions: ['clipboard-read', 'clipboard-write'] };
  const adminContext = await browser.newContext(clipboard);
  const managerContext = await browser.newContext(clipboard);
  try {
    // ── The admin: `init` prints the one-time link once; the admin opens it and signs in.
    const printed = await init(server, ADMIN);
    expect(printed).toContain(`Admin ${ADMIN} created.`);
    const adminLink = /^(http:\/\/\S+\/password\/\S+)$/m.exec(printed)?.[1] ?? '';
    expect(adminLink.startsWith(`${server.url}/password/`)).toBe(true);
    const admin = await personIn(adminContext);
    await admin.page.goto(adminLink);
    await noSeriousAxe(admin.page, 'admin-password');
    await choosePassword(admin.page, ADMIN, ADMIN_PASSWORD);
    // The link worked once: opened again, it says so.
    await admin.page.goto(adminLink);
    await expect(admin.page.getByRole('main')).toContainText(
      'This password link was already used.',
    );
    await signIn(admin.page, server.url, ADMIN, ADMIN_PASSWORD);
    await expect(admin.page).toHaveURL(`${server.url}/admin`);
    await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Teams and managers');
    await expect(admin.page.getByRole('main')).toContainText('No teams yet.');

    // ── A team and its manager; the manager's link is shown once.
    await admin.page.getByLabel("New team's name").fill('North');
    await admin.page.getByRole('button', { name: 'Add team' }).click();
    const north = admin.page.getByRole('region', { name: /^North/ });
    await expect(north.getByRole('heading')).toHaveText('North · 0 reps');
    await expect(north).toContainText('No managers yet.');
    await north.getByLabel('Add a manager to North (email)').fill(MANAGER);
    await north.getByRole('button', { name: 'Add manager' }).click();
    const shownLink = admin.page.getByRole('region', { name: 'One-time password link' });
    await expect(shownLink.getByRole('status').first()).toContainText(
      `${MANAGER} can now set their password with this link. Send it to them yourself: it is shown only now, works once`,
    );
    const managerLink = await copied(admin.page, shownLink, 'Password link');
    expect(managerLink.startsWith(`${server.url}/password/`)).toBe(true);
    await expect(north).toContainText(`${MANAGER} (password not set yet)`);
    await noSeriousAxe(admin.page, 'admin-manager-added');
    // Shown only in the answer that made it: the admin area again holds no link.
    await nav(admin.page, 'Admin').click();
    await expect(admin.page.getByRole('region', { name: 'One-time password link' })).toHaveCount(0);
    expect(await admin.page.content()).not.toContain(new URL(managerLink).pathname);

    // ── The manager, in their own browser: the password, then the board and Team.
    const manager = await personIn(managerContext);
    await manager.page.goto(managerLink);
    await choosePassword(manager.page, MANAGER, MANAGER_PASSWORD);
    await manager.page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(manager.page, server.url, MANAGER, MANAGER_PASSWORD);
    await expect(manager.page).toHaveURL(`${server.url}/board`);
    await expect(manager.page.getByRole('heading', { level: 1 })).toHaveText('Team board — North');
    await admin.page.reload();
    await expect(north).not.toContainText('password not set yet');

    await nav(manager.page, 'Team').click();
    await expect(manager.page.getByRole('heading', { level: 1 })).toHaveText('Team North');
    await expect(manager.page.getByRole('main')).toContainText('No reps yet.');
    await manager.page.getByLabel("Rep's name").fill('Ann Lee');
    await manager.page.getByRole('button', { name: 'Create invite' }).click();
    const shownInvite = manager.page.getByRole('region', { name: 'Invite for Ann Lee' });
    await expect(shownInvite.getByRole('status').first()).toContainText(
      'Send Ann Lee this link or code yourself: it is shown only now, works once',
    );
    const inviteCode = await copied(manager.page, shownInvite, 'Invite code');
    const inviteLink = await copied(manager.page, shownInvite, 'Invite link');
    expect(inviteLink).toMatch(/^missiontray:\/\/join\?server=/);
    expect(inviteCode).toMatch(/^MT1-[A-Za-z0-9_-]{32}@http:\/\/127\.0\.0\.1:\d+$/);
    await noSeriousAxe(manager.page, 'team-invite-shown');
    await nav(manager.page, 'Team').click();
    await expect(manager.page.getByRole('main')).toContainText('Invites not used yet');
    await expect(manager.page.getByRole('main')).not.toContainText(inviteCode);
    await noSeriousAxe(manager.page, 'team-invite-pending');

    // ── The manager's board stays open from here on: everything after arrives live.
    await nav(manager.page, 'Board').click();
    await expect(manager.page.getByRole('main')).toContainText('No public missions yet.');
    await manager.page.evaluate('window.notReloaded = true');

    // ── The rep's app opens the invite: the confirm screen, then Join.
    const { page } = app;
    await app.open();
    await app.openLink(inviteLink);
    const confirm = page.getByRole('dialog', { name: 'Join North?' });
    await expect(confirm).toContainText(
      `Mission Tray is about to join North on ${server.url} as Ann Lee.`,
    );
    await expect(confirm).toContainText(
      'None of your missions is public yet, so nothing is sent until you make one public.',
    );
    await expect(confirm).toContainText('Never sent: win notes, private missions');
    expect(await server.rows('reps')).toEqual([]);
    await confirm.getByRole('button', { name: 'Join' }).click();
    const joined = page.getByRole('dialog', { name: 'You joined North' });
    await expect(joined).toContainText(`Your public missions now sync to North at ${server.url}.`);
    await joined.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const [ann] = await server.rows('reps');
    expect(ann?.['name']).toBe('Ann Lee');
    const annId = String(ann?.['id']);

    // ── The rep makes a public mission in the window and logs two wins.
    await page.getByRole('button', { name: 'Create a mission' }).click();
    await page.getByRole('button', { name: MISSION }).click();
    await page.getByRole('checkbox', { name: /^Public/ }).check();
    await page.getByRole('button', { name: 'Create mission' }).click();
    const card = page.getByRole('article', { name: MISSION });
    const plusOne = card.getByRole('button', { name: `+1 meeting for ${MISSION}` });
    await plusOne.click();
    await expect(card.getByTestId('today-count')).toHaveText('1');
    await plusOne.click();
    await expect(card.getByTestId('today-count')).toHaveText('2');

    // ── The open board shows the rep, the wins and the charts, without a reload.
    const board = manager.page;
    const missions = board.getByRole('region', { name: /^Missions/ });
    const annRow = missions.getByRole('row', { name: new RegExp(`Ann Lee ${MISSION}`) });
    // Generous: the app pushes after its 2 s debounce, the board asks every second.
    await expect(annRow).toContainText('2 meetings of 10', { timeout: 30_000 });
    await expect(board.locator('#live-status')).toHaveText(
      `New win: Ann Lee +1 meeting — ${MISSION}`,
    );
    expect(await board.evaluate("'notReloaded' in window")).toBe(true);
    await expect(board.getByRole('region', { name: 'Recent wins' })).toContainText(
      `Ann Lee +1 meeting — ${MISSION}`,
    );
    await expect(
      board.getByRole('img', { name: 'Team wins per day this week against plan' }),
    ).toHaveAccessibleDescription(/This week to Monday 23 November: 2 wins against a plan of 2/);
    await expect(
      board.getByRole('img', { name: 'Ann Lee: milestone hit rate per week' }),
    ).toHaveAccessibleDescription(
      /100% of milestones hit \(2 of 2\); week of 23 Nov: 100% \(2 of 2\)/,
    );
    await noSeriousAxe(board, 'board-live');

    // The rep's page, from the board's link.
    await missions.getByRole('link', { name: 'Ann Lee' }).click();
    await expect(board).toHaveURL(`${server.url}/board/reps/${annId}`);
    await expect(board.getByRole('heading', { level: 1 })).toHaveText('Ann Lee — North');
    await expect(
      board.getByRole('region', { name: 'Public missions' }).getByRole('row', { name: MISSION }),
    ).toContainText('Running: 2 meetings of 10');
    await noSeriousAxe(board, 'rep-page');

    // ── The manager removes the rep on the Team page.
    await nav(board, 'Team').click();
    const reps = board.getByRole('table', { name: 'Reps on North' });
    await expect(reps.getByRole('row', { name: /Ann Lee/ })).toBeVisible();
    // Remove asks first: opening it says what follows, and only its button removes.
    await disclosure(board, 'Remove Ann Lee').click();
    await expect(board.locator('details[open]')).toContainText(
      "Ann Lee's app stops syncing at once and their missions leave North's board. Their app keeps every mission and win.",
    );
    await board.getByRole('button', { name: 'Yes, remove Ann Lee' }).click();
    await expect(board.getByRole('main')).toContainText('No reps yet.');
    expect(await server.rows('missions')).toEqual([]);

    // ── The app's next push is refused: it says the access was removed and stops sending.
    await plusOne.click();
    await expect(card.getByTestId('today-count')).toHaveText('3');
    const banner = page.getByRole('alert').filter({ hasText: 'Your access to North' });
    await expect(banner).toContainText(
      'Your access to North was removed by its manager.Mission Tray stopped syncing. Your missions and wins stay on this computer.',
      { timeout: 30_000 },
    );
    const sentBefore = log.api().length;
    expect(log.api().at(-1)).toMatch(/^PUT \/api\/v2\/missions\//);
    await plusOne.click();
    await expect(card.getByTestId('today-count')).toHaveText('4');
    // Nothing may arrive: longer than the app's 2 s debounce before a push.
    await page.waitForTimeout(4000);
    expect(log.api().slice(sentBefore)).toEqual([]);
    // Every local win is still there, in the window and on disk.
    expect((await app.winsOnDisk('2026-11-23')).wins).toHaveLength(4);
    expect((await app.missionsOnDisk()).missions.map((m) => m.title)).toEqual([MISSION]);
    expect(await server.rows('missions')).toEqual([]);

    // The one error the admin's browser reports is the used link's 410, opened on purpose.
    expect(admin.problems).toEqual([
      'Failed to load resource: the server responded with a status of 410 (Gone)',
    ]);
    expect(manager.problems).toEqual([]);
  } finally {
    await adminContext.close();
    await managerContext.close();
    await server.close();
  }
});
