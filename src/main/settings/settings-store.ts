// Preferences on disk, behind SettingsPort. Plain Node: `conf` backs it in tests and in the
// renderer harness; the shell passes electron-store (which extends conf) through `openConf`.
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { StorageError } from '../../core/kernel/errors.ts';
import type { ClockPort } from '../../core/kernel/ports.ts';
import { systemClock } from '../../core/kernel/ports.ts';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  DEFAULT_SHORTCUT,
  FIRST_DEFAULT_SHORTCUT,
  Settings,
} from '../../shared/settings.ts';
import type { SettingsPort } from '../../shared/settings.ts';
import type { StoreNotice } from '../../shared/snapshot.ts';

export const PREFERENCES_NAME = 'preferences';

/** The part of conf (and electron-store) the port uses. */
export interface ConfLike {
  store: Record<string, unknown>;
}
export type OpenConf = (options: { cwd: string; configName: string }) => ConfLike;

const openPlainConf: OpenConf = ({ cwd, configName }) =>
  new Conf<Record<string, unknown>>({ cwd, configName, watch: false });

export interface SettingsStoreDeps {
  /** The directory holding preferences.json (Electron: app.getPath('userData')). */
  cwd: string;
  openConf?: OpenConf;
  clock?: ClockPort;
}

export function createSettingsStore({
  cwd,
  openConf = openPlainConf,
  clock = systemClock,
}: SettingsStoreDeps): SettingsPort {
  const path = join(cwd, `${PREFERENCES_NAME}.json`);
  let notices: StoreNotice[] = [];

  // conf throws at start-up on a file it cannot parse, and would keep values our schema rejects;
  // check the file first so a damaged one is kept aside and the rep starts with defaults.
  const found = readPreferences(path);
  if (found === 'damaged' || found === 'folder') {
    const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
    const movedTo = join(cwd, `${PREFERENCES_NAME}.damaged-${stamp}.json`);
    renameSync(path, movedTo);
    const [was, kept] =
      found === 'folder'
        ? ['had a folder in its place', 'The folder']
        : ['was damaged', 'The damaged file'];
    notices.push({
      id: `preferences-${stamp}`,
      kind: 'preferences-reset',
      setAside: found === 'folder' ? 'folder' : 'damaged-file',
      movedTo,
      message: `Your preferences file ${was}, so Mission Tray is using its default preferences. ${kept} was kept at ${movedTo}.`,
      at: clock.now().toISOString(),
    });
  }

  const conf = openConf({ cwd, configName: PREFERENCES_NAME });
  const read = typeof found === 'string' ? null : withCurrentDefaults(found);
  let current: Settings = read?.settings ?? DEFAULT_SETTINGS;
  const upgrades = read?.told ?? [];
  if (upgrades.length > 0) {
    try {
      conf.store = current; // written at once, so the rep is told once
    } catch {
      // Still upgraded in memory; the next save writes it.
    }
  }
  const listeners = new Set<(settings: Settings) => void>();

  return {
    get: () => current,
    update(patch) {
      const next = applySettingsPatch(current, patch);
      try {
        conf.store = next;
      } catch (cause) {
        throw new StorageError(
          'Mission Tray could not save your preferences. Check that the disk has free space, then try again.',
          cause,
        );
      }
      current = next;
      for (const listener of listeners) listener(next);
      return next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notices: () => notices,
    upgrades: () => upgrades,
    dismissNotice(id) {
      notices = notices.filter((n) => n.id !== id);
    },
  };
}

/**
 * Earlier versions wrote every default into the file, so a stored Teams-mute shortcut
 * (FIRST_DEFAULT_SHORTCUT) that the rep never set is the old default, not a choice: it becomes
 * today's default. One the rep set (shortcutChosen) stays.
 */
function withCurrentDefaults(settings: Settings): { settings: Settings; told: string[] } {
  if (settings.shortcutChosen || settings.shortcut !== FIRST_DEFAULT_SHORTCUT) {
    return { settings, told: [] };
  }
  return {
    settings: { ...settings, shortcut: DEFAULT_SHORTCUT },
    told: [
      `Mission Tray's global shortcut is now ${DEFAULT_SHORTCUT}: the old one, ${FIRST_DEFAULT_SHORTCUT}, is Microsoft Teams' mute. Choose another in Preferences.`,
    ],
  };
}

function readPreferences(path: string): Settings | 'missing' | 'damaged' | 'folder' {
  if (!existsSync(path)) return 'missing';
  if (statSync(path).isDirectory()) return 'folder';
  try {
    const parsed = Settings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : 'damaged';
  } catch {
    return 'damaged';
  }
}
