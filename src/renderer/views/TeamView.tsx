// Team: teammates' public missions, ranked by progress and pace, and the cheers the rep received.
// Recognition, not surveillance: only what reps chose to make public is here.
import { useEffect, useState } from 'react';
import { metricLabel } from '../../shared/metric-label.ts';
import type { IpcError } from '../../shared/ipc.ts';
import type { SyncStatus, TeamView as Team, TeammateMission } from '../../shared/team.ts';
import { api } from '../api.ts';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { formatNumber } from '../format.ts';

interface Row {
  rep: string;
  mine: boolean;
  mission: TeammateMission;
}

/** Furthest along first; between equals, the one further ahead of pace. */
function ranked(team: Team): Row[] {
  const share = (m: TeammateMission) => (m.target > 0 ? m.total / m.target : 0);
  return team.reps
    .flatMap((rep) =>
      rep.missions
        .filter((mission) => mission.status === 'active')
        .map((mission) => ({ rep: rep.name, mine: rep.repId === team.me.repId, mission })),
    )
    .sort(
      (a, b) => share(b.mission) - share(a.mission) || b.mission.pace.delta - a.mission.pace.delta,
    );
}

export function TeamView(props: { sync: SyncStatus | null; onOpenPreferences: () => void }) {
  const [team, setTeam] = useState<{ value: Team | null; error: IpcError | null }>({
    value: null,
    error: null,
  });
  const enabled = props.sync?.enabled ?? false;
  const lastSync = props.sync?.lastSuccessAt ?? null;

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void api()
      .team.view()
      .then((r) => {
        if (current)
          setTeam(r.ok ? { value: r.value, error: null } : { value: null, error: r.error });
      });
    return () => {
      current = false;
    };
  }, [enabled, lastSync]);

  if (!enabled) {
    return (
      <section className="empty-state" aria-labelledby="team-off">
        <h2 id="team-off">Team sync is off</h2>
        <p>
          Turn it on to see your teammates’ public missions and cheer them on. Only missions you
          mark public are ever shared.
        </p>
        <button type="button" className="button button-primary" onClick={props.onOpenPreferences}>
          Set up team sync
        </button>
      </section>
    );
  }
  if (team.error)
    return (
      <p className="error-panel" role="alert">
        {team.error.message}
      </p>
    );
  if (!team.value) return <p className="muted">Loading your team…</p>;

  const rows = ranked(team.value);
  const cheer = async (missionId: string) => {
    const result = await api().team.cheer({ missionId });
    if (!result.ok) {
      setTeam((t) => ({ ...t, error: result.error }));
      return;
    }
    setTeam((t) =>
      t.value
        ? {
            ...t,
            value: {
              ...t.value,
              reps: t.value.reps.map((rep) => ({
                ...rep,
                missions: rep.missions.map((m) =>
                  m.missionId === missionId
                    ? { ...m, cheers: result.value.cheers, cheeredByMe: true }
                    : m,
                ),
              })),
            },
          }
        : t,
    );
  };

  return (
    <div className="team">
      {team.value.cheersReceived.length > 0 && (
        <section className="card cheers" aria-labelledby="cheers-title">
          <h2 id="cheers-title">Cheers for you</h2>
          <ul>
            {team.value.cheersReceived.slice(0, 3).map((c) => (
              <li key={`${c.missionId}-${c.from}-${c.at}`}>
                <strong>{c.from}</strong> cheered “{c.missionTitle}”
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="team-title">
        <h2 id="team-title" className="section-title">
          {team.value.me.team}
        </h2>
        {rows.length === 0 && <p className="muted small">No public missions running yet.</p>}
        <ol className="team-list">
          {rows.map(({ rep, mine, mission }) => (
            <li key={mission.missionId} className="card team-row">
              <div className="team-head">
                <div>
                  <h3>
                    {rep}
                    {mine && <span className="chip chip-quiet">You</span>}
                  </h3>
                  <p className="muted small">{mission.title}</p>
                </div>
                {!mine && (
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-pressed={mission.cheeredByMe}
                    disabled={mission.cheeredByMe}
                    onClick={() => void cheer(mission.missionId)}
                  >
                    {mission.cheeredByMe ? 'Cheered' : 'Cheer'}
                    <span className="visually-hidden">
                      {' '}
                      {rep}’s {mission.title}
                    </span>
                    {mission.cheers > 0 && <> · {formatNumber(mission.cheers)}</>}
                  </button>
                )}
              </div>
              <ProgressBar total={mission.total} target={mission.target} />
              <p className="today-line">
                <span>
                  {formatNumber(mission.total)} of {formatNumber(mission.target)}{' '}
                  {metricLabel(mission.metric, mission.target)}
                </span>
                <span
                  className={`pace pace-${mission.pace.delta > 0 ? 'ahead' : mission.pace.delta < 0 ? 'behind' : 'on-pace'}`}
                >
                  {mission.pace.label}
                </span>
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
