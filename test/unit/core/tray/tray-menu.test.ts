import { describe, expect, it } from 'vitest';
import {
  allTrayIconNames,
  trayIconName,
  TRAY_STATUSES,
} from '../../../../src/core/tray/tray-icon.ts';
import { buildTrayMenu } from '../../../../src/core/tray/tray-menu.ts';
import type { TrayMenuItem, TrayPlatform } from '../../../../src/core/tray/tray-menu.ts';
import {
  clipAtWord,
  formatOf,
  progressLine,
  statusText,
  trayTitle,
  trayTooltip,
} from '../../../../src/core/tray/tray-state.ts';
import type { TodaySnapshot } from '../../../../src/shared/snapshot.ts';
import { mission, snapshot } from '../notifications/scheduler-fixtures.ts';

const meetings = mission('m1', 'Book 10 meetings', {
  startDate: '2026-11-23',
  endDate: '2026-11-27',
});
const calls = mission('m2', 'Calls & follow-ups', {
  metric: { kind: 'calls' },
  target: 100,
  startDate: '2026-11-01',
  endDate: '2026-11-30',
});
const now = new Date('2026-11-23T10:30:00Z'); // 11:30 in Berlin

function today(): TodaySnapshot {
  const base = snapshot('2026-11-23', 'Europe/Berlin', [
    {
      mission: meetings,
      milestones: [
        { by: '12:00', target: 2, count: 1 },
        { by: '17:00', target: 4, count: 1 },
      ],
    },
    { mission: calls, milestones: [{ by: null, target: 5, count: 5 }] },
  ]);
  const totals = [3, 41];
  return {
    ...base,
    status: 'on-track',
    missions: base.missions.map((m, i) => ({ ...m, total: totals[i] ?? 0 })),
    lastWin: {
      id: 'w9',
      missionId: 'm1',
      missionTitle: 'Book 10 meetings',
      amount: 1,
      at: '2026-11-23T09:00:00Z',
      source: 'tray',
    },
  };
}

const common = (amp: string): TrayMenuItem[] => [
  {
    kind: 'action',
    label: 'Log meeting — 3/10 this week · 1/2 by noon',
    action: { type: 'log-win', missionId: 'm1' },
    enabled: true,
  },
  {
    kind: 'action',
    label: `Log call — 41/100 this month · today done ✓`,
    action: { type: 'log-win', missionId: 'm2' },
    enabled: true,
  },
  {
    kind: 'action',
    label: 'Undo last win (Book 10 meetings)',
    action: { type: 'undo' },
    enabled: true,
  },
  { kind: 'separator' },
  { kind: 'info', label: "Today's milestones" },
  { kind: 'info', label: 'Book 10 meetings: · 1/2 by noon  · 1/4 by 17:00' },
  { kind: 'info', label: `Calls ${amp} follow-ups: ✓ 5/5 by end of day` },
  { kind: 'separator' },
  { kind: 'action', label: 'Open Mission Tray', action: { type: 'open-window' }, enabled: true },
  {
    kind: 'submenu',
    label: 'Pause notifications',
    items: [
      { kind: 'action', label: 'For 1 hour', action: { type: 'pause', for: '1h' }, enabled: true },
      {
        kind: 'action',
        label: 'Until tomorrow',
        action: { type: 'pause', for: 'tomorrow' },
        enabled: true,
      },
    ],
  },
  {
    kind: 'checkbox',
    label: 'Pause today (keeps your streak)',
    action: { type: 'pause-today', paused: true },
    checked: false,
  },
  { kind: 'separator' },
];

const build = (platform: TrayPlatform, extra: Partial<Parameters<typeof buildTrayMenu>[0]> = {}) =>
  buildTrayMenu({ snapshot: today(), platform, pausedUntil: null, now, ...extra });

describe('the tray menu', () => {
  it('on macOS: log items, undo, the day at a glance, open, pause, quit with ⌘Q', () => {
    expect(build('darwin')).toEqual([
      ...common('&'),
      {
        kind: 'action',
        label: 'Quit Mission Tray',
        action: { type: 'quit' },
        enabled: true,
        accelerator: 'Command+Q',
      },
    ]);
  });

  it("on Windows: the same, with '&' kept visible and a plain Quit", () => {
    expect(build('win32')).toEqual([
      ...common('&&'),
      { kind: 'action', label: 'Quit', action: { type: 'quit' }, enabled: true },
    ]);
  });

  it('on Linux, where the icon only opens the menu: status first, then everything', () => {
    expect(build('linux')).toEqual([
      { kind: 'info', label: 'Mission Tray — On track' },
      { kind: 'separator' },
      ...common('&&'),
      { kind: 'action', label: 'Quit', action: { type: 'quit' }, enabled: true },
    ]);
  });

  it('offers to resume notifications while paused, saying until when, as the window does', () => {
    const items = build('linux', { pausedUntil: '2026-11-23T23:00:00.000Z' });
    expect(items).toContainEqual({
      kind: 'action',
      label: 'Resume notifications (paused until Tue 00:00)',
      action: { type: 'pause', for: 'resume' },
      enabled: true,
    });
    expect(items.some((i) => i.kind === 'submenu')).toBe(false);
  });

  it('shows the team sync switch once sync exists', () => {
    expect(build('win32', { sync: { enabled: true } })).toContainEqual({
      kind: 'checkbox',
      label: 'Team sync',
      action: { type: 'toggle-sync' },
      checked: true,
    });
    expect(build('win32').some((i) => i.kind === 'checkbox' && i.label === 'Team sync')).toBe(
      false,
    );
  });

  it('on a paused day: says so first and offers to take the pause back', () => {
    const items = buildTrayMenu({
      snapshot: { ...today(), paused: true, status: 'idle' },
      platform: 'linux',
      pausedUntil: null,
      now,
    });
    expect(items[0]).toEqual({ kind: 'info', label: 'Mission Tray — Today is paused' });
    expect(items).toContainEqual({
      kind: 'checkbox',
      label: 'Pause today (keeps your streak)',
      action: { type: 'pause-today', paused: false },
      checked: true,
    });
  });

  it('on a day with nothing due (a weekend of a Mon–Fri mission): no "Pause today"', () => {
    const saturday = snapshot('2026-11-28', 'Europe/Berlin', [
      { mission: meetings, milestones: [] },
    ]);
    const items = buildTrayMenu({ snapshot: saturday, platform: 'linux', pausedUntil: null, now });
    expect(items).toContainEqual(
      expect.objectContaining({ action: { type: 'log-win', missionId: 'm1' } }),
    );
    expect(items.some((i) => i.kind === 'checkbox')).toBe(false);
  });

  it('with nothing logged yet and no missions: undo disabled, an invitation to create one', () => {
    const empty = { ...snapshot('2026-11-23', 'Europe/Berlin', []), status: 'idle' as const };
    const items = buildTrayMenu({ snapshot: empty, platform: 'darwin', pausedUntil: null, now });
    // Nothing running, nothing to pause.
    expect(items.some((i) => i.kind === 'checkbox')).toBe(false);
    expect(items.slice(0, 3)).toEqual([
      { kind: 'info', label: 'No active missions' },
      {
        kind: 'action',
        label: 'Create a mission…',
        action: { type: 'open-window' },
        enabled: true,
      },
      { kind: 'action', label: 'Undo last win', action: { type: 'undo' }, enabled: false },
    ]);
  });

  it('keeps each item on one line, whatever the title holds', () => {
    const odd = mission('m4', 'Calls\nto\tmake', {});
    const items = buildTrayMenu({
      snapshot: snapshot('2026-11-23', 'Europe/Berlin', [
        { mission: odd, milestones: [{ by: '12:00', target: 2, count: 0 }] },
      ]),
      platform: 'linux',
      pausedUntil: null,
      now,
    });
    expect(items).toContainEqual({ kind: 'info', label: 'Calls to make: · 0/2 by noon' });
  });

  it('caps each milestone count at its target, as the window does ("3/3", never "10/3")', () => {
    const items = buildTrayMenu({
      snapshot: snapshot('2026-11-23', 'Europe/Berlin', [
        {
          mission: meetings,
          milestones: [
            { by: '12:00', target: 3, count: 10 },
            { by: '17:00', target: 12, count: 10 },
          ],
        },
      ]),
      platform: 'darwin',
      pausedUntil: null,
      now,
    });
    expect(items).toContainEqual({
      kind: 'info',
      label: 'Book 10 meetings: ✓ 3/3 by noon  · 10/12 by 17:00',
    });
  });

  it('names the period of a mission across two weeks or months, not "this week"', () => {
    const across = mission('m5', 'Demos', { startDate: '2026-11-25', endDate: '2026-12-01' });
    const items = buildTrayMenu({
      snapshot: snapshot('2026-11-30', 'Europe/Berlin', [
        { mission: across, milestones: [], total: 5 },
      ]),
      platform: 'darwin',
      pausedUntil: null,
      now,
    });
    expect(items[0]).toMatchObject({ label: 'Log meeting — 5/10 over 25 Nov – 1 Dec' });
  });

  it('writes times, dates and the pause in the rep’s locale: en-US reads a 12-hour clock', () => {
    const us: TodaySnapshot = { ...today(), locale: 'en-US' };
    const items = buildTrayMenu({
      snapshot: us,
      platform: 'linux',
      pausedUntil: '2026-11-23T23:00:00.000Z',
      now,
    });
    const labels = items.flatMap((i) => ('label' in i ? [i.label] : []));
    expect(labels).toContain('Book 10 meetings: · 1/2 by noon  · 1/4 by 5:00 PM');
    expect(labels).toContain('Resume notifications (paused until Tue 12:00 AM)');
    const across = mission('m5', 'Demos', { startDate: '2026-11-25', endDate: '2026-12-01' });
    const [first] = buildTrayMenu({
      snapshot: {
        ...snapshot('2026-11-30', 'Europe/Berlin', [
          { mission: across, milestones: [{ by: '17:00', target: 2, count: 0 }], total: 5 },
        ]),
        locale: 'en-US',
      },
      platform: 'darwin',
      pausedUntil: null,
      now,
    });
    expect(first).toMatchObject({
      label: 'Log meeting — 5/10 over Nov 25 – Dec 1 · 0/2 by 5:00 PM',
    });
  });

  it('invites a reflection on a mission that ended short', () => {
    const ended = mission('m3', 'Ten demos', { status: 'missed' });
    const items = buildTrayMenu({
      snapshot: { ...today(), awaitingReflection: [ended] },
      platform: 'darwin',
      pausedUntil: null,
      now,
    });
    expect(items).toContainEqual({
      kind: 'action',
      label: 'Reflect on “Ten demos”…',
      action: { type: 'reflect', missionId: 'm3' },
      enabled: true,
    });
  });
});

describe('tray icon, tooltip and title', () => {
  it('names an icon for every platform, status and bar colour', () => {
    const rows = (['darwin', 'win32', 'linux'] as const).flatMap((platform) =>
      TRAY_STATUSES.flatMap((status) =>
        [false, true].map((darkMode) => [
          platform,
          status,
          darkMode,
          trayIconName({ platform, status, darkMode }),
        ]),
      ),
    );
    expect(rows).toContainEqual(['darwin', 'behind', true, 'tray-behindTemplate.png']);
    expect(rows).toContainEqual(['darwin', 'behind', false, 'tray-behindTemplate.png']);
    expect(rows).toContainEqual(['win32', 'done', true, 'tray-done-dark.png']);
    expect(rows).toContainEqual(['linux', 'idle', false, 'tray-idle-light.png']);
    // Different statuses never share an icon: the rep can tell them apart at a glance.
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const darkMode of [false, true]) {
        const names = TRAY_STATUSES.map((status) => trayIconName({ platform, status, darkMode }));
        expect(new Set(names).size).toBe(TRAY_STATUSES.length);
      }
    }
    expect(allTrayIconNames()).toHaveLength(12);
  });

  it("puts the day's status and each mission's progress in the tooltip", () => {
    expect(trayTooltip(today())).toBe(
      [
        'Mission Tray — On track',
        'Book 10 meetings: 3/10 this week · 1/2 by noon',
        'Calls & follow-ups: 41/100 this month · today done ✓',
      ].join('\n'),
    );
  });

  it('writes the tooltip’s times in the rep’s locale', () => {
    // Noon's milestone done: the tooltip names the next one, at 17:00 / 5:00 PM.
    const afternoon = snapshot('2026-11-23', 'Europe/Berlin', [
      {
        mission: meetings,
        milestones: [
          { by: '12:00', target: 2, count: 2 },
          { by: '17:00', target: 4, count: 2 },
        ],
        total: 4,
      },
    ]);
    const line = (locale: string) => trayTooltip({ ...afternoon, locale }).split('\n')[1];
    expect(line('en-GB')).toBe('Book 10 meetings: 4/10 this week · 2/4 by 17:00');
    expect(line('en-US')).toBe('Book 10 meetings: 4/10 this week · 2/4 by 5:00 PM');
  });

  it('keeps the tooltip within what Windows shows, ending with an ellipsis', () => {
    const long = mission('m9', 'A very long mission title that goes on and on about calls', {});
    const many = snapshot('2026-11-23', 'Europe/Berlin', [
      { mission: long, milestones: [{ by: '12:00', target: 2, count: 1 }] },
      { mission: { ...long, id: 'm10' }, milestones: [{ by: '12:00', target: 2, count: 1 }] },
    ]);
    const tip = trayTooltip(many);
    expect(tip.length).toBeLessThanOrEqual(127);
    expect(tip.length).toBeGreaterThan(100);
    expect(tip.startsWith('Mission Tray — ')).toBe(true);
    // Cut after a whole word of the full text, never inside one ("by no…").
    expect(tip.endsWith('…')).toBe(true);
    const kept = tip.slice(0, -1);
    const full = [
      `Mission Tray — ${statusText(many)}`,
      ...many.missions.map((m) => `${m.mission.title}: ${progressLine(m, formatOf(many))}`),
    ].join('\n');
    expect(full.startsWith(kept)).toBe(true);
    expect(full.charAt(kept.length)).toMatch(/\s/);
  });

  it('clips text after the last whole word that fits, dropping a dangling separator', () => {
    expect(clipAtWord('Book 10 meetings: 3/10 this week · 1/2 by noon', 46)).toBe(
      'Book 10 meetings: 3/10 this week · 1/2 by noon',
    );
    expect(clipAtWord('Book 10 meetings: 3/10 this week · 1/2 by noon', 45)).toBe(
      'Book 10 meetings: 3/10 this week · 1/2 by…',
    );
    expect(clipAtWord('Book 10 meetings: 3/10 this week · 1/2 by noon', 43)).toBe(
      'Book 10 meetings: 3/10 this week · 1/2 by…',
    );
    expect(clipAtWord('Book 10 meetings: 3/10 this week · 1/2 by noon', 36)).toBe(
      'Book 10 meetings: 3/10 this week…',
    );
    // One word longer than the room is cut where it must be.
    expect(clipAtWord('Supercalifragilistic', 8)).toBe('Superca…');
  });

  it("shows the focus mission's next milestone as the macOS title", () => {
    expect(trayTitle(today(), null)).toBe('1/2');
    expect(trayTitle(today(), 'm2')).toBe('5');
    expect(trayTitle({ ...today(), status: 'done' }, null)).toBe('✓');
    expect(trayTitle(snapshot('2026-11-23', 'Europe/Berlin', []), null)).toBe('');
  });
});
