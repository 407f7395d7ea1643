// Links and the command line over the real parser, core and store (a temp directory): what a
// rep would see in the notification or on stdout/stderr, and what ends up on disk.
import { describe, expect, it } from 'vitest';
import type { MissionTrayCore } from '../../../../src/core/mission-tray.ts';
import { createLinkLimit } from '../../../../src/core/remote/link-limit.ts';
import { createRemoteCommands } from '../../../../src/core/remote/remote-commands.ts';
import { MissionDraft } from '../../../../src/shared/mission.ts';
import type { MissionDraft as Draft } from '../../../../src/shared/mission.ts';
import { berlinClock, onDisk, openCore, tempDir, weekDraft } from '../core-fixture.ts';

const create = (core: MissionTrayCore, over: Partial<Draft> = {}) =>
  core.handlers.missions.create(MissionDraft.parse(weekDraft(over)));

async function setUp() {
  const dir = await tempDir();
  const clock = berlinClock('2026-11-23T07:00:00Z'); // Monday 08:00 Berlin
  const opened = await openCore(dir, clock);
  const { core } = opened;
  const meetings = await create(core);
  const demos = await create(core, { title: 'Book 5 demos', metric: { kind: 'demos' }, target: 5 });
  clock.set('2026-11-24T08:30:00Z'); // Tuesday 09:30
  const remote = createRemoteCommands({
    wins: core.handlers.wins,
    today: core.today,
    now: () => clock.now().getTime(),
  });
  const winsOnDisk = async () =>
    (await onDisk.day(dir, '2026-11-24').catch(() => ({ wins: [] }))).wins;
  return { ...opened, dir, clock, meetings, demos, remote, winsOnDisk };
}

describe('a win logged by a link', () => {
  it('lands on disk with its amount, note and source, and says so with an undo', async () => {
    const { remote, winsOnDisk, meetings } = await setUp();
    const answer = await remote.link(
      'missiontray://log?mission=Book%2010%20meetings&amount=2&note=Acme%20call',
    );
    expect(answer).toMatchObject({
      ok: true,
      text: 'Logged 2 meetings on “Book 10 meetings” (2 of 2 meetings today). Undo it from the tray menu or the window.',
      logged: { missionId: meetings.id },
    });
    expect(await winsOnDisk()).toMatchObject([
      { missionId: meetings.id, amount: 2, note: 'Acme call', source: 'link' },
    ]);
  });

  it('finds the mission by its id, its title in any case, or a part only it has', async () => {
    const { remote, winsOnDisk, meetings, demos } = await setUp();
    expect((await remote.link(`missiontray://log?mission=${meetings.id}`)).ok).toBe(true);
    expect((await remote.link('missiontray://log?mission=BOOK%205%20DEMOS')).ok).toBe(true);
    expect((await remote.link('missiontray://log?mission=demo')).ok).toBe(true);
    expect((await winsOnDisk()).map((w) => w.missionId)).toEqual([meetings.id, demos.id, demos.id]);
  });

  it('an ambiguous, unknown, out-of-bounds or malformed link gets one sentence and writes nothing', async () => {
    const { core, winsOnDisk, writes } = await setUp();
    const before = new Map(writes);
    const refusals = [
      [
        'missiontray://log?mission=Book',
        '2 missions match "Book": “Book 10 meetings”, “Book 5 demos”. Use more of the title, or the mission\'s id.',
      ],
      [
        'missiontray://log?mission=calls',
        'No active mission matches "calls". Active: “Book 10 meetings”, “Book 5 demos”.',
      ],
      [
        'missiontray://log?mission=demos&amount=6',
        '“Book 5 demos” takes at most 5 demos at once (its whole target).',
      ],
      ['missiontray://log?mission=demos&amount=-1', 'The amount must be a whole number, like 2'],
      ['missiontray://log?mission=demos&amount=1e3', 'The amount must be a whole number, like 2'],
      ['missiontray://log?mission=demos&amount=0', 'The amount must be at least 1'],
      ['missiontray://log?amount=2', 'Say which mission: its title (or part of it) or its id'],
      [
        'missiontray://log?mission=demos&mission=meetings',
        'The link says "mission" twice; say it once.',
      ],
      ['missiontray://log?mission=demos&amonut=2', 'Unknown option "amonut" for log.'],
      [
        `missiontray://log?mission=demos&note=${'x'.repeat(201)}`,
        'Keep the note under 200 characters',
      ],
      ['missiontray://delete?mission=demos', 'Mission Tray has no link "missiontray://delete".'],
      ['https://evil.example/log?mission=demos', 'That Mission Tray link is not valid.'],
      [`missiontray://log?mission=${'x'.repeat(2100)}`, 'That Mission Tray link is not valid.'],
    ] as const;
    // A limit they cannot reach: here each link is refused for what it says, not for how many.
    const unlimited = createRemoteCommands({
      wins: core.handlers.wins,
      today: core.today,
      now: () => 0,
      limit: createLinkLimit({ max: 100, windowMs: 60_000 }),
    });
    for (const [link, text] of refusals) {
      expect(await unlimited.link(link), link).toEqual({ ok: false, text });
    }
    expect(await winsOnDisk()).toEqual([]);
    expect(writes).toEqual(before);
  });

  it('never undoes, nor reads the missions', async () => {
    const { remote, winsOnDisk } = await setUp();
    await remote.commandLine(['log', '--mission', 'demos']);
    expect(await remote.link('missiontray://undo')).toEqual({
      ok: false,
      text: 'A link cannot undo a win. Use Undo in the tray menu or the window.',
    });
    expect(await remote.link('missiontray://status')).toMatchObject({ ok: false });
    expect(await winsOnDisk()).toHaveLength(1);
  });

  it('a burst is cut at five a minute, said once, and taken again after the minute', async () => {
    const { remote, winsOnDisk, clock } = await setUp();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await remote.link('missiontray://log?mission=demos'));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expect(answers.slice(5).map((a) => !a.ok && a.silent)).toEqual([false, true, true]);
    expect(answers[5]?.text).toBe(
      'Too many Mission Tray links at once: more than 5 in 60 seconds. Nothing was done; try again in a minute.',
    );
    expect(await winsOnDisk()).toHaveLength(5);
    clock.advance(61_000);
    expect((await remote.link('missiontray://log?mission=demos')).ok).toBe(true);
    expect(await winsOnDisk()).toHaveLength(6);
  });

  it('opens Today or a running mission, and refuses a mission that is not running', async () => {
    const { remote, meetings } = await setUp();
    expect(await remote.link('missiontray://open/today')).toMatchObject({
      ok: true,
      open: { missionId: null },
    });
    expect(await remote.link(`missiontray://open/mission/${meetings.id}`)).toMatchObject({
      ok: true,
      open: { missionId: meetings.id },
    });
    expect(await remote.link('missiontray://open/mission/nope')).toEqual({
      ok: false,
      text: 'That mission is not running any more.',
    });
  });
});

describe('the command line', () => {
  it('logs, undoes and prints today’s milestones', async () => {
    const { remote, winsOnDisk, clock } = await setUp();
    expect(
      await remote.commandLine(['log', '--mission', 'Book 10 meetings', '--amount', '2']),
    ).toMatchObject({
      ok: true,
      text: 'Logged 2 meetings on “Book 10 meetings” (2 of 2 meetings today).',
    });
    expect(
      await remote.commandLine(['log', '--mission=demos', '--note=Demo booked']),
    ).toMatchObject({ ok: true });
    expect((await winsOnDisk()).map((w) => w.source)).toEqual(['command-line', 'command-line']);
    clock.set('2026-11-24T10:00:00Z'); // 11:00
    expect(await remote.commandLine(['status'])).toEqual({
      ok: true,
      text: [
        // Monday had none: both are behind the week's pace, today's milestones done.
        'Book 10 meetings: 2 of 2 meetings today, behind by 1',
        '  by noon: 2 of 1 meeting, done',
        '  by 17:00: 2 of 2 meetings, done',
        'Book 5 demos: 1 of 1 demo today, behind by 1',
        '  by noon: 1 of 1 demo, done',
        '  by 17:00: 1 of 1 demo, done',
        'Streak: 1 day',
      ].join('\n'),
    });
    expect(await remote.commandLine(['undo'])).toEqual({
      ok: true,
      text: 'Undid 1 on “Book 5 demos”.',
    });
    expect(await winsOnDisk()).toHaveLength(1);
  });

  it('a mistyped command or option gets one stderr line and writes nothing', async () => {
    const { remote, winsOnDisk } = await setUp();
    const cases = [
      [['lgo'], 'Unknown command "lgo". Commands: log, undo, status, join.'],
      [['log', 'demos'], 'Unexpected "demos". Options look like --mission "Title".'],
      [['log', '--mission'], '--mission needs a value.'],
      [
        ['log', '--mission', 'demos', '--amount', 'two'],
        'The amount must be a whole number, like 2',
      ],
      [['log', '--mision', 'demos'], 'Unknown option --mision for log.'],
      [['status', '--mission', 'demos'], 'Unknown option --mission for status.'],
    ] as const;
    for (const [words, text] of cases) {
      expect(await remote.commandLine(words), words.join(' ')).toEqual({ ok: false, text });
    }
    expect(await remote.commandLine(['undo'])).toEqual({
      ok: false,
      text: 'There is no win to undo.',
    });
    expect(await winsOnDisk()).toEqual([]);
  });
});
