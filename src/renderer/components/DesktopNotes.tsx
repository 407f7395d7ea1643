// Preferences' view of what the OS made of the app: a global shortcut it refused (with others to
// try in one click), and the logs folder to open. The shell reports both (app.desktop).
import { useCallback, useEffect, useState } from 'react';
import type { DesktopStatus } from '../../shared/desktop.ts';
import type { Settings } from '../../shared/settings.ts';
import { api } from '../api.ts';

/** The shell's desktop status, asked again whenever the preferences change or `refresh` is called. */
export function useDesktopStatus(settings: Settings) {
  const [status, setStatus] = useState<DesktopStatus | null>(null);
  const refresh = useCallback(() => {
    void api()
      .app.desktop()
      .then((result) => {
        if (result.ok) setStatus(result.value);
      });
  }, []);
  useEffect(refresh, [refresh, settings]);
  return { status, refresh };
}

export function ShortcutProblem(props: {
  shortcut: DesktopStatus['shortcut'];
  onUse: (accelerator: string) => void;
}) {
  const { shortcut } = props;
  if (shortcut.active || !shortcut.problem) return null;
  return (
    <div className="desktop-note" role="alert">
      <p>{shortcut.problem}</p>
      {shortcut.alternatives.length > 0 && (
        <div className="button-row">
          {shortcut.alternatives.map((accelerator) => (
            <button
              key={accelerator}
              type="button"
              className="button"
              onClick={() => props.onUse(accelerator)}
            >
              Use {accelerator}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export function LogsFolder(props: { folder: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <div className="logs-folder">
      <button
        type="button"
        className="button"
        onClick={() =>
          void api()
            .app.openLogsFolder()
            .then((result) => setFailure(result.ok ? null : result.error.message))
        }
      >
        Open logs folder
      </button>
      <p className="muted small">Mission Tray writes what went wrong to {props.folder}</p>
      {failure && (
        <p className="field-error" role="status">
          {failure}
        </p>
      )}
    </div>
  );
}
