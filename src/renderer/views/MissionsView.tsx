// Missions: the active ones (edit, archive, abandon), time off ahead, and the form for a new or
// edited mission.
import { useState } from 'react';
import { metricLabel } from '../../shared/mission.ts';
import type { Settings } from '../../shared/settings.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { api } from '../api.ts';
import { formatDay, formatNumber } from '../format.ts';
import { MissionForm } from './MissionForm.tsx';
import { TimeOffSection } from '../components/TimeOffSection.tsx';
import { TeamPreviewButton } from '../components/TeamPreviewButton.tsx';
import type { MissionsMode } from '../window-state.ts';

export function MissionsView(props: {
  snapshot: TodaySnapshot;
  settings: Settings;
  mode: MissionsMode;
  onMode: (mode: MissionsMode) => void;
  onSaved: (message: string) => void;
}) {
  const { mode } = props;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (mode.kind !== 'list') {
    const editing = mode.kind === 'edit' ? mode.mission : null;
    return (
      <MissionForm
        key={editing?.id ?? (mode.kind === 'new' && mode.from ? `from:${mode.from.id}` : 'new')}
        today={props.snapshot.today}
        workingDays={props.settings.workingDays}
        editing={editing}
        from={mode.kind === 'new' ? mode.from : undefined}
        onCancel={() => props.onMode({ kind: 'list' })}
        onSaved={(m) =>
          props.onSaved(editing ? `Saved “${m.title}”` : `Mission “${m.title}” created`)
        }
      />
    );
  }

  const act = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await call;
    setConfirming(null);
    setError(result.ok ? null : (result.error?.message ?? 'That did not work'));
  };

  return (
    <section className="missions" aria-labelledby="missions-title">
      <div className="section-head">
        <h2 id="missions-title">Active missions</h2>
        <button
          type="button"
          className="button button-primary"
          aria-keyshortcuts="N"
          onClick={() => props.onMode({ kind: 'new' })}
        >
          New mission
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {props.snapshot.missions.length === 0 && (
        <p className="muted">No active missions. Start one — a week is a good length.</p>
      )}
      <ul className="mission-list">
        {props.snapshot.missions.map(({ mission, total }) => (
          <li key={mission.id} className="card mission-row">
            <div>
              <h3>{mission.title}</h3>
              <p className="muted small">
                {formatNumber(total)} of {formatNumber(mission.target)}{' '}
                {metricLabel(mission.metric, mission.target)} · {formatDay(mission.startDate)} –{' '}
                {formatDay(mission.endDate)} ·{' '}
                {mission.visibility === 'public' ? 'Team' : 'Private'}
              </p>
            </div>
            <div className="row-actions">
              {mission.visibility === 'public' && (
                <TeamPreviewButton
                  className="button button-quiet"
                  request={() => ({ of: 'mission', missionId: mission.id })}
                >
                  Team preview<span className="visually-hidden"> of {mission.title}</span>
                </TeamPreviewButton>
              )}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => props.onMode({ kind: 'edit', mission })}
              >
                Edit<span className="visually-hidden"> {mission.title}</span>
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void act(api().missions.archive({ id: mission.id }))}
              >
                Archive<span className="visually-hidden"> {mission.title}</span>
              </button>
              {confirming === mission.id ? (
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => void act(api().missions.abandon({ id: mission.id }))}
                >
                  Yes, abandon
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => setConfirming(mission.id)}
                >
                  Abandon<span className="visually-hidden"> {mission.title}</span>
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <TimeOffSection snapshot={props.snapshot} />
    </section>
  );
}
