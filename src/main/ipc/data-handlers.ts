// The `data` area: the rep's export, saved where they choose.
import type { ClockPort } from '../../core/kernel/ports.ts';
import { StorageError } from '../../core/kernel/errors.ts';
import { localDateOf } from '../../core/kernel/time.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';

export interface DataHandlersDeps {
  exportData(format: 'json' | 'csv'): Promise<string>;
  /** Asks where to save (Electron's save dialog); null when the rep cancels. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  writeFile(path: string, content: string): Promise<void>;
  clock: ClockPort;
}

export function createDataHandlers(deps: DataHandlersDeps): IpcHandlers['data'] {
  return {
    export: async ({ format }) => {
      const content = await deps.exportData(format);
      const day = localDateOf(deps.clock.now(), deps.clock.timeZone());
      const path = await deps.chooseSavePath(`mission-tray-${day}.${format}`);
      if (path === null) return { savedTo: null };
      try {
        await deps.writeFile(path, content);
      } catch (cause) {
        throw new StorageError(
          `Mission Tray could not save the export to ${path}. Pick a folder you can write to, with free space.`,
          cause,
        );
      }
      return { savedTo: path };
    },
  };
}
