// The tray menu as plain data, from today's snapshot and the platform. The shell turns it into an
// Electron Menu and routes each item's action; tests compare it whole for each platform.
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { hasMilestonesToday } from '../../shared/today-days.ts';
import { formatOf, progressLine, statusText, unitOf } from './tray-state.ts';

export type TrayPlatform = 'darwin' | 'win32' | 'linux';

export type TrayAction =
  | { type: 'log-win'; missionId: string }
  | { type: 'undo' }
  | { type: 'open-window' }
  | { type: 'reflect'; missionId: string }
  | { type: 'pause'; for: '1h' | 'tomorrow' | 'resume' }
  | { type: 'pause-today'; paused: boolean }
  | { type: 'toggle-sync' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean; accelerator?: string }
  | { kind: 'checkbox'; label: string; action: TrayAction; checked: boolean }
  | { kind: 'info'; label: string }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] }
  | { kind: 'separator' };

export interface TrayMenuInput {
  snapshot: TodaySnapshot;
  platform: TrayPlatform;
  /** Settings.pausedUntil, when notifications are paused. */
  pausedUntil: string | null;
  now: Date;
  /** Team sync, once the rep has set it up; absent = no sync item. */
  sync?: { enabled: boolean };
}

const MAX_TITLE = 40;
const STATE_MARK = { done: '✓', missed: '✗', 'at-risk': '!', 'on-track': '·', upcoming: '·' };

export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { snapshot, platform } = input;
  const format = formatOf(snapshot);
  // On Windows and Linux a single '&' in a label marks a keyboard mnemonic and disappears.
  const text = (s: string) => (platform === 'darwin' ? s : s.replaceAll('&', '&&'));
  // The rep's own words on one line: a title pasted with a line break would break the menu.
  const short = (s: string) => {
    const line = s.replace(/\s+/g, ' ');
    return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
  };
  const active = snapshot.missions.filter((m) => m.mission.status === 'active');
  const items: TrayMenuItem[] = [];

  // Linux tray icons have no click and often no tooltip: the menu is the only place for status.
  if (platform === 'linux') {
    items.push({ kind: 'info', label: `Mission Tray — ${statusText(snapshot)}` });
    items.push({ kind: 'separator' });
  }

  if (active.length === 0) {
    items.push({ kind: 'info', label: 'No active missions' });
    items.push({
      kind: 'action',
      label: 'Create a mission…',
      action: { type: 'open-window' },
      enabled: true,
    });
  }
  for (const today of active) {
    items.push({
      kind: 'action',
      label: text(`Log ${short(unitOf(today.mission))} — ${progressLine(today, format)}`),
      action: { type: 'log-win', missionId: today.mission.id },
      enabled: true,
    });
  }
  const last = snapshot.lastWin;
  items.push({
    kind: 'action',
    label: last
      ? text(
          `Undo last win (${last.amount > 1 ? `${last.amount} × ` : ''}${short(last.missionTitle)})`,
        )
      : 'Undo last win',
    action: { type: 'undo' },
    enabled: last !== null,
  });

  const glance = active.flatMap(({ mission, milestones }) => {
    const todays = milestones.filter((m) => m.target > 0);
    if (todays.length === 0) return [];
    const steps = todays.map(
      // Capped at the target as the window's cards show it: "3/3 by noon", never "10/3".
      (m) =>
        `${STATE_MARK[m.state]} ${format.number(Math.min(m.count, m.target))}/${format.number(m.target)} by ${format.deadline(m.by)}`,
    );
    return [{ kind: 'info' as const, label: text(`${short(mission.title)}: ${steps.join('  ')}`) }];
  });
  if (glance.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'info', label: "Today's milestones" }, ...glance);
  }

  for (const mission of snapshot.awaitingReflection) {
    items.push({
      kind: 'action',
      label: text(`Reflect on “${short(mission.title)}”…`),
      action: { type: 'reflect', missionId: mission.id },
      enabled: true,
    });
  }

  items.push({ kind: 'separator' });
  items.push({
    kind: 'action',
    label: 'Open Mission Tray',
    action: { type: 'open-window' },
    enabled: true,
  });
  items.push(pauseItem(input));
  // A sick or away day: only worth offering on a day something is due, as in the window (nothing
  // is due on a weekend or day off, so there is no streak to keep), or to take a pause back.
  if (hasMilestonesToday(snapshot) || snapshot.paused) {
    items.push({
      kind: 'checkbox',
      label: 'Pause today (keeps your streak)',
      action: { type: 'pause-today', paused: !snapshot.paused },
      checked: snapshot.paused,
    });
  }
  if (input.sync) {
    items.push({
      kind: 'checkbox',
      label: 'Team sync',
      action: { type: 'toggle-sync' },
      checked: input.sync.enabled,
    });
  }
  items.push({ kind: 'separator' });
  items.push(
    platform === 'darwin'
      ? {
          kind: 'action',
          label: 'Quit Mission Tray',
          action: { type: 'quit' },
          enabled: true,
          accelerator: 'Command+Q',
        }
      : { kind: 'action', label: 'Quit', action: { type: 'quit' }, enabled: true },
  );
  return items;
}

function pauseItem({ pausedUntil, now, snapshot }: TrayMenuInput): TrayMenuItem {
  if (pausedUntil && Date.parse(pausedUntil) > now.getTime()) {
    // As the window says it: the time today, else the weekday and time ("Tue 00:00").
    const until = formatOf(snapshot).until(pausedUntil, now);
    return {
      kind: 'action',
      label: `Resume notifications (paused until ${until})`,
      action: { type: 'pause', for: 'resume' },
      enabled: true,
    };
  }
  return {
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
  };
}
