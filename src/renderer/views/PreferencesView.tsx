// Preferences: everything the Settings port holds. Each change is saved at once; a change the
// schema refuses shows its message by the field and changes nothing.
import { useState } from 'react';
import type { z } from 'zod';
import { SettingsPatch, applySettingsPatch, type Settings } from '../../shared/settings.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import type { SyncStatus } from '../../shared/team.ts';
import { api } from '../api.ts';
import { LogsFolder, ShortcutProblem, useDesktopStatus } from '../components/DesktopNotes.tsx';
import { Field, fieldProps } from '../components/Field.tsx';
import { WeekdayPicker } from '../components/WeekdayPicker.tsx';
import { SyncSection } from '../components/SyncSection.tsx';
import { formatUntil } from '../format.ts';
import { firstIssue } from '../../shared/mission.ts';

type Errors = Partial<Record<keyof Settings, string>>;
type ParsedPatch = z.output<typeof SettingsPatch>;

export function PreferencesView(props: {
  settings: Settings;
  snapshot: TodaySnapshot;
  sync: SyncStatus | null;
  onSyncStatus: (status: SyncStatus) => void;
  /** Changes when the rep asked to join a team again: the invite field takes focus. */
  focusJoin?: number;
}) {
  const [errors, setErrors] = useState<Errors>({});
  const desktop = useDesktopStatus(props.settings);
  const [exported, setExported] = useState<string | null>(null);
  // A change shows at once (a checkbox must not flick back while the save travels); it holds
  // until the saved preferences arrive, and is dropped if the save is refused.
  const [pending, setPending] = useState<{ base: Settings; patch: ParsedPatch } | null>(null);
  const s: Settings =
    pending?.base === props.settings
      ? applySettingsPatch(props.settings, pending.patch)
      : props.settings;

  async function save(key: keyof Settings, patch: SettingsPatch) {
    const parsed = SettingsPatch.safeParse(patch);
    if (parsed.success) setPending({ base: props.settings, patch: parsed.data });
    const result = parsed.success
      ? await api().settings.update(patch)
      : { ok: false as const, error: { message: firstIssue(parsed.error) } };
    if (!result.ok) setPending(null);
    if (key === 'shortcut') desktop.refresh();
    setErrors((e) => ({ ...e, [key]: result.ok ? undefined : result.error.message }));
  }

  const now = new Date(props.snapshot.at);
  const paused = s.pausedUntil !== null && new Date(s.pausedUntil) > now;
  // The shell computes the pause from the core's clock and zone, exactly as the tray menu does.
  const pause = async (span: '1h' | 'tomorrow' | 'resume') => {
    const result = await api().app.pauseNotifications({ for: span });
    setErrors((e) => ({ ...e, pausedUntil: result.ok ? undefined : result.error.message }));
  };

  return (
    <div className="preferences">
      <section className="card" aria-labelledby="pref-notify">
        <h2 id="pref-notify">Notifications</h2>
        {paused && s.pausedUntil ? (
          <div className="paused">
            <p>Paused until {formatUntil(s.pausedUntil, props.snapshot.at)}</p>
            <button type="button" className="button" onClick={() => void pause('resume')}>
              Resume now
            </button>
          </div>
        ) : (
          <div className="button-row">
            <button type="button" className="button" onClick={() => void pause('1h')}>
              Pause 1 hour
            </button>
            <button type="button" className="button" onClick={() => void pause('tomorrow')}>
              Pause until tomorrow
            </button>
          </div>
        )}
        {errors.pausedUntil && <p className="field-error">{errors.pausedUntil}</p>}
        {(
          [
            ['reminders', 'Remind me before a milestone deadline'],
            ['milestoneHit', 'Tell me when I hit a milestone'],
            ['deadlineMissed', 'Tell me when a deadline passes unmet'],
            ['morningPlan', 'Morning plan'],
            ['missionEnded', 'When a mission ends'],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="check">
            <input
              type="checkbox"
              checked={s.notify[key]}
              onChange={(e) =>
                void save('notify', { notify: { ...s.notify, [key]: e.target.checked } })
              }
            />
            {label}
          </label>
        ))}
        <div className="field-row">
          <CommitField
            id="pref-lead"
            label="Remind this many minutes before"
            type="number"
            value={String(s.reminderLeadMinutes)}
            error={errors.reminderLeadMinutes}
            onCommit={(v) =>
              void save('reminderLeadMinutes', { reminderLeadMinutes: v === '' ? NaN : Number(v) })
            }
          />
          <CommitField
            id="pref-morning"
            label="Morning plan at"
            type="time"
            value={s.morningPlanAt}
            error={errors.morningPlanAt}
            onCommit={(v) => void save('morningPlanAt', { morningPlanAt: v })}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={s.quietHours.enabled}
            onChange={(e) =>
              void save('quietHours', {
                quietHours: { ...s.quietHours, enabled: e.target.checked },
              })
            }
          />
          Quiet hours — no notifications between
        </label>
        <div className="field-row">
          <CommitField
            id="pref-quiet-start"
            label="Quiet from"
            type="time"
            value={s.quietHours.start}
            error={errors.quietHours}
            onCommit={(v) => void save('quietHours', { quietHours: { ...s.quietHours, start: v } })}
          />
          <CommitField
            id="pref-quiet-end"
            label="Quiet until"
            type="time"
            value={s.quietHours.end}
            error={undefined}
            onCommit={(v) => void save('quietHours', { quietHours: { ...s.quietHours, end: v } })}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="pref-work">
        <h2 id="pref-work">Work week</h2>
        <WeekdayPicker
          legend="Usual working days (new missions start with these)"
          idPrefix="pref-days"
          value={s.workingDays}
          error={errors.workingDays}
          onChange={(days) => void save('workingDays', { workingDays: days })}
        />
        <Field
          id="pref-focus"
          label="The global shortcut logs a win on"
          error={errors.focusMissionId}
        >
          <select
            id="pref-focus"
            value={s.focusMissionId ?? ''}
            onChange={(e) =>
              void save('focusMissionId', { focusMissionId: e.target.value || null })
            }
          >
            <option value="">The first active mission</option>
            {props.snapshot.missions.map(({ mission }) => (
              <option key={mission.id} value={mission.id}>
                {mission.title}
              </option>
            ))}
          </select>
        </Field>
        <CommitField
          id="pref-shortcut"
          label="Global shortcut"
          type="text"
          value={s.shortcut}
          error={errors.shortcut}
          onCommit={(v) => void save('shortcut', { shortcut: v })}
        />
        {desktop.status && (
          <ShortcutProblem
            shortcut={desktop.status.shortcut}
            onUse={(accelerator) => void save('shortcut', { shortcut: accelerator })}
          />
        )}
      </section>

      <section className="card" aria-labelledby="pref-app">
        <h2 id="pref-app">App</h2>
        <div className="field-row">
          <Field id="pref-theme" label="Theme" error={errors.theme}>
            <select
              id="pref-theme"
              value={s.theme}
              onChange={(e) => void save('theme', { theme: toTheme(e.target.value) })}
            >
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </Field>
          <Field id="pref-window" label="Window" error={errors.window}>
            <select
              id="pref-window"
              value={s.window.mode}
              onChange={(e) =>
                void save('window', {
                  window: { ...s.window, mode: e.target.value === 'normal' ? 'normal' : 'compact' },
                })
              }
            >
              <option value="compact">Compact</option>
              <option value="normal">Normal</option>
            </select>
          </Field>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={s.launchAtLogin}
            disabled={!!desktop.status?.launchAtLogin.unavailable}
            onChange={(e) => void save('launchAtLogin', { launchAtLogin: e.target.checked })}
          />
          Start Mission Tray when I log in
        </label>
        {desktop.status?.launchAtLogin.unavailable && (
          <p className="muted small">{desktop.status.launchAtLogin.unavailable}</p>
        )}
        {errors.launchAtLogin && <p className="field-error">{errors.launchAtLogin}</p>}
        {desktop.status?.logsFolder && <LogsFolder folder={desktop.status.logsFolder} />}
        <label className="check">
          <input
            type="checkbox"
            checked={s.updates.enabled}
            onChange={(e) => void save('updates', { updates: { enabled: e.target.checked } })}
          />
          Keep Mission Tray up to date (downloads in the background, installs when you quit)
        </label>
        <CommitField
          id="pref-update-host"
          label="Update host (only if your company hosts its own)"
          type="url"
          value={s.updates.url ?? ''}
          placeholder="Mission Tray's own releases"
          error={errors.updates}
          onCommit={(v) => void save('updates', { updates: { url: v.trim() || null } })}
        />
      </section>

      <section className="card" aria-labelledby="pref-sync">
        <h2 id="pref-sync">Team sync</h2>
        <p className="muted small">Only missions you mark public are ever sent.</p>
        <SyncSection
          status={props.sync}
          now={props.snapshot.at}
          onStatus={props.onSyncStatus}
          {...(props.focusJoin ? { focusJoin: props.focusJoin } : {})}
        />
      </section>

      <section className="card" aria-labelledby="pref-data">
        <h2 id="pref-data">Your data</h2>
        <p className="muted small">Everything stays on this computer. Take a copy any time.</p>
        <div className="button-row">
          {(['json', 'csv'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button"
              onClick={() =>
                void api()
                  .data.export({ format })
                  .then((r) =>
                    setExported(
                      r.ok ? r.value.savedTo && `Saved to ${r.value.savedTo}` : r.error.message,
                    ),
                  )
              }
            >
              {format === 'json' ? 'Export everything (JSON)' : 'Export wins (CSV)'}
            </button>
          ))}
        </div>
        {exported && (
          <p className="small" role="status">
            {exported}
          </p>
        )}
      </section>
    </div>
  );
}

const toTheme = (v: string): Settings['theme'] => (v === 'light' || v === 'dark' ? v : 'system');

/** A text-like field saved when the rep leaves it or presses Enter, not on every keystroke. */
function CommitField(props: {
  id: string;
  label: string;
  type: 'text' | 'number' | 'time' | 'url';
  value: string;
  placeholder?: string;
  error: string | undefined;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== props.value) props.onCommit(draft);
    setDraft(null);
  };
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <input
        {...fieldProps(props.id, props.error)}
        type={props.type}
        value={draft ?? props.value}
        placeholder={props.placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </Field>
  );
}
