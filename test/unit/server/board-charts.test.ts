// The board's charts, the rep's page, the filters and CSV export, and the live poll, over real
// HTTP on both databases, with known data: Wednesday 25 November 2026, noon UTC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamMissionState } from '../../../src/shared/team.ts';
import { putMission, seedBoard } from './board-seed.ts';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

const PASSWORD = 'correct horse battery staple';
const NOW = new Date('2026-11-25T12:00:00Z');

/** Ann: 10 meetings Mon–Fri (plan 2 a day), 3 + 2 + 1 logged Mon–Wed, 4 of 5 milestones hit. */
const annMeetings = (): TeamMissionState =>
  sampleState({
    title: 'Book 10 meetings',
    total: 6,
    days: [
      { date: '2026-11-23', count: 3, hit: 2, of: 2 },
      { date: '2026-11-24', count: 2, hit: 1, of: 2 },
      { date: '2026-11-25', count: 1, hit: 1, of: 1 },
    ],
    pace: { expected: 5, actual: 6, delta: 1, label: 'ahead by 1' },
    recentWins: [{ at: '2026-11-25T09:00:00.000Z', amount: 1 }],
  });

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  let ann: { id: string; token: string };
  let bob: { id: string; token: string };
  let eve: { id: string; token: string };
  let cookie: string;

  const put = (token: string, id: string, state: TeamMissionState, revision = 1) =>
    putMission(server, token, id, state, revision);

  /** A manager's session cookie. */
  const signIn = async (email: string) => {
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password: PASSWORD }).toString(),
    });
    return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });
  const page = async (path: string) => (await get(path)).text();

  beforeEach(async () => {
    server = await startTeamServer({ dialect, now: () => NOW });
    ({ ann, bob, eve } = await seedBoard(
      server,
      {
        meetings: annMeetings(),
        bobTitle: '=HYPERLINK("http://evil.test","Calls")',
        bobHit: 1,
      },
      PASSWORD,
    ));
    cookie = await signIn('mia@north.test');
  });
  afterEach(() => server.close());

  it('charts the team’s wins per day this week against plan, with the numbers in words', async () => {
    const html = await page('/board');
    const desc = /<desc id="wc-d">(.*?)<\/desc>/s.exec(html)?.[1] ?? '';
    // Mon 3 + 4, Tue 2, Wed 1 logged; plan Mon 2 + 3, Tue 2 (Bob away), Wed 2 + 3.
    expect(desc).toContain(
      'This week to Wednesday 25 November: 10 wins against a plan of 12 (16 for the whole week).',
    );
    expect(desc).toContain('Mon 23 7 of 5 planned; Tue 24 2 of 2 planned; Wed 25 1 of 5 planned');
    expect(desc).toContain('Thu 26 — of 2 planned');
    const table = /id="week-table".*?<\/details>/s.exec(html)?.[0] ?? '';
    expect(table).toContain('<th scope="row">Monday 23 November</th><td>7</td><td>5</td>');
    expect(table).toContain(
      '<th scope="row">Sunday 29 November</th><td><span class="muted">—</span></td><td>0</td>',
    );
    // Bars for the days so far with wins, none for days to come.
    const chart = /<svg class="chart wins-chart".*?<\/svg>/s.exec(html)?.[0] ?? '';
    expect(chart.match(/class="bar-fill"/g)).toHaveLength(3);
    expect(chart.match(/class="plan"/g)).toHaveLength(5);
  });

  it('filters by metric and status, keeping them in the URL, and the chart follows the metric', async () => {
    const html = await page('/board?metric=calls');
    const missions = /id="missions-h".*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(missions).toContain('HYPERLINK');
    expect(missions).not.toContain('Book 10 meetings');
    expect(html).toContain('This week: calls per day against plan');
    expect(/<desc id="wc-d">(.*?)<\/desc>/s.exec(html)?.[1]).toContain(
      '4 calls against a plan of 6',
    );
    expect(html).toContain('<option value="calls" selected>Calls</option>');
    expect(html).toContain('href="/board/export.csv?metric=calls"');

    const ended = await page('/board?status=ended');
    const endedMissions = /id="missions-h".*?<\/section>/s.exec(ended)?.[0] ?? '';
    expect(endedMissions).toContain('October demos');
    expect(endedMissions).not.toContain('Book 10 meetings');
    expect(ended).toContain('<option value="ended" selected>');

    const none = await page('/board?metric=demos&status=active');
    expect(none).toContain('No missions match these filters.');
    // A filter that makes no sense reads as no filter.
    const odd = await page('/board?status=%3Cscript%3E&metric=');
    expect(odd).toContain('Book 10 meetings');
    expect(odd).not.toContain('<script>');
  });

  it('exports exactly the filtered missions as CSV, formulas neutralised', async () => {
    const res = await get('/board/export.csv?status=active');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="North-board-2026-11-25.csv"',
    );
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      '"Rep","Mission","Metric","Done","Target","Pace","Streak","Best streak","Status","Ends"',
      '"Ann Lee","Book 10 meetings","meetings","6","10","ahead by 1","1","1","active","2026-11-27"',
      `"Bob Diaz","'=HYPERLINK(""http://evil.test"",""Calls"")","calls","4","6","ahead by 1","1","1","active","2026-11-27"`,
    ]);
    const calls = await (await get('/board/export.csv?metric=calls')).text();
    expect(calls).not.toContain('Ann Lee');
    expect(calls).not.toContain('South secret');
  });

  it('charts each rep’s milestone hit rate over 8 weeks, nothing due never reading as 0 %', async () => {
    const html = await page('/board');
    const descs = [...html.matchAll(/<desc id="hr-([^"]+)-d">([^<]*)<\/desc>/g)];
    expect(descs.map((m) => m[1])).toEqual([ann.id, bob.id]);
    const annDesc = descs[0]?.[2] ?? '';
    // Ann: 4 of 5 this week and 1 of 3 in October's week (which is 8 weeks back: in range).
    expect(annDesc).toContain('Over 8 weeks from 5 Oct: 63% of milestones hit (5 of 8)');
    expect(annDesc).toContain('5 Oct 33% (1 of 3); 12 Oct nothing due');
    expect(annDesc).toContain('23 Nov 80% (4 of 5)');
    const table = /id="rates-table".*?<\/details>/s.exec(html)?.[0] ?? '';
    expect(table).toContain('<th scope="col">Week of 5 Oct</th>');
    expect(table).toMatch(
      /Ann Lee<\/th><td>33% <span class="muted">\(1\/3\)<\/span><\/td><td><span class="muted">—<\/span>/,
    );
  });

  it('shows a rep’s page: missions over time, outcomes and shared reflections; 404 for other teams', async () => {
    const res = await get(`/board/reps/${ann.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Ann Lee — North</h1>');
    const missions = /id="rep-missions-h".*?<\/section>/s.exec(html)?.[0] ?? '';
    // Newest first.
    expect(missions.indexOf('Book 10 meetings')).toBeLessThan(missions.indexOf('October demos'));
    expect(missions).toContain('Missed: 5 demos of 8');
    expect(missions).toContain('33% <span class="muted">(1 of 3)</span>');
    const reflections = /id="rep-reflections-h".*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(reflections).toContain('<dt>Why</dt><dd>Unrealistic target</dd>');
    expect(reflections).toContain('Eight demos in a week with onboarding');
    expect(reflections).toContain('<dt>Next step</dt><dd>Aim for five</dd>');
    expect(html).not.toContain('Bob Diaz');

    for (const id of [eve.id, 'rep_unknown', '..%2Fadmin']) {
      const other = await get(`/board/reps/${id}`);
      expect(other.status).toBe(404);
      const text = await other.text();
      expect(text).toContain('There is no rep with this address on your team.');
      expect(text).not.toContain('South secret');
    }
    await server.store.accounts.revokeRep(bob.id);
    expect((await get(`/board/reps/${bob.id}`)).status).toBe(404);
    // Without a session: the sign-in page, not the rep.
    const anonymous = await fetch(`${server.url}/board/reps/${ann.id}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
  });

  it('answers the live poll with 204 until a rep’s win changes the board, then a new token', async () => {
    const html = await page('/board');
    const token = /data-token="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(token).not.toBe('');
    const same = await get(`/board/changes?since=${encodeURIComponent(token)}`);
    expect(same.status).toBe(204);

    const more = annMeetings();
    await put(
      ann.token,
      'ann-meetings',
      {
        ...more,
        total: 7,
        pace: { ...more.pace, actual: 7, delta: 2, label: 'ahead by 2' },
        days: more.days.map((d) => (d.date === '2026-11-25' ? { ...d, count: 2 } : d)),
        recentWins: [{ at: '2026-11-25T11:59:00.000Z', amount: 1 }, ...more.recentWins],
      },
      2,
    );
    const changed = await get(`/board/changes?since=${encodeURIComponent(token)}`);
    expect(changed.status).toBe(200);
    const next: unknown = await changed.json();
    expect(next).toMatchObject({ token: expect.any(String) });
    const content = await get('/board/content');
    expect(content.headers.get('x-board-token')).toBe((next as { token: string }).token);
    expect(await content.text()).toContain('7 meetings of 10');

    // Another team's write is not this board's change.
    const quiet = content.headers.get('x-board-token') ?? '';
    await put(
      eve.token,
      'eve-1',
      sampleState({
        title: 'South secret',
        total: 4,
        pace: { expected: 2, actual: 4, delta: 2, label: 'ahead by 2' },
      }),
      2,
    );
    expect((await get(`/board/changes?since=${encodeURIComponent(quiet)}`)).status).toBe(204);
    // A withdrawn mission is.
    const withdrawn = await call(
      server.url,
      'DELETE',
      '/api/v2/missions/bob-calls?revision=2',
      bob.token,
    );
    expect(withdrawn.status).toBeLessThan(300);
    expect((await get(`/board/changes?since=${encodeURIComponent(quiet)}`)).status).toBe(200);

    expect((await fetch(`${server.url}/board/changes?since=x`)).status).toBe(401);
  });

  it('gives every open board the content of its own team and view, and a change to all of them', async () => {
    const { accounts } = server.store;
    const content = async (session: string, path = '/board/content') => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: session } });
      return { token: res.headers.get('x-board-token'), html: await res.text() };
    };
    // Two teams whose boards have the same change token: one rep each with the same mission,
    // written at the same (the server's fixed) time.
    for (const team of ['East', 'West']) {
      await accounts.addTeam(team);
      await accounts.addManager(team, `boss@${team.toLowerCase()}.test`, PASSWORD);
    }
    const erin = await accounts.addRep('East', 'Erin East');
    const walt = await accounts.addRep('West', 'Walt West');
    await put(erin.token, 'east-1', sampleState({ title: 'East mission' }));
    await put(walt.token, 'west-1', sampleState({ title: 'West mission' }));
    const eastBoard = await signIn('boss@east.test');
    const westBoard = await signIn('boss@west.test');

    const east = await content(eastBoard);
    const west = await content(westBoard);
    expect(west.token).toBe(east.token);
    expect(east.html).toContain('Erin East');
    expect(east.html).not.toContain('Walt West');
    expect(west.html).toContain('Walt West');
    expect(west.html).not.toContain('Erin East');
    // Another view of the same board at the same token is drawn for itself.
    expect((await content(eastBoard, '/board/content?status=missed')).html).toContain(
      'No missions match these filters.',
    );
    expect((await content(eastBoard)).html).toContain('3 meetings of 10');

    // Erin's win reaches both of East's open boards (two sessions) at once, not West's.
    const secondEastBoard = await signIn('boss@east.test');
    await put(erin.token, 'east-1', sampleState({ title: 'East mission', total: 4 }), 2);
    for (const board of [secondEastBoard, eastBoard]) {
      const after = await content(board);
      expect(after.token).not.toBe(east.token);
      expect(after.html).toContain('4 meetings of 10');
    }
    expect(await content(westBoard)).toEqual(west);
  });
});
