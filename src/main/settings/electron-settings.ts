// In the shell, preferences live in electron-store (which extends conf) in the userData folder.
import ElectronStore from 'electron-store';
import type { ClockPort } from '../../core/kernel/ports.ts';
import type { SettingsPort } from '../../shared/settings.ts';
import { createSettingsStore } from './settings-store.ts';

export function createElectronSettings(cwd: string, clock?: ClockPort): SettingsPort {
  return createSettingsStore({
    cwd,
    ...(clock ? { clock } : {}),
    openConf: ({ cwd: dir, configName }) =>
      new ElectronStore<Record<string, unknown>>({ cwd: dir, name: configName, watch: false }),
  });
}
