// One active mission on Today: the big +1, today's milestones, pace, and a catch-up plan.
import { metricLabel } from '../../shared/metric-label.ts';
import type { MilestoneState, MissionToday } from '../../shared/snapshot.ts';
import { formatDay, formatDeadline, formatNumber } from '../format.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { TeamPreviewButton } from './TeamPreviewButton.tsx';

const STATE_LABEL: Record<MilestoneState, string> = {
  done: 'Done',
  'on-track': 'On track',
  'at-risk': 'At risk',
  missed: 'Missed',
  upcoming: 'Upcoming',
};

export function MissionCard(props: {
  item: MissionToday;
  today: string;
  shortcut: number | null;
  onLog: (missionId: string) => void;
  onLogMore: (mission: MissionToday['mission']) => void;
}) {
  const { mission, pace, catchUp } = props.item;
  const unit = (n: number) => metricLabel(mission.metric, n);
  const milestones = props.item.milestones.filter((m) => m.date === props.today);
  const paceKind = pace.delta > 0 ? 'ahead' : pace.delta < 0 ? 'behind' : 'on-pace';
  const titleId = `mission-${mission.id}-title`;

  return (
    <article
      className="card mission-card"
      aria-labelledby={titleId}
      data-mission-id={mission.id}
      tabIndex={-1}
    >
      <div className="mission-head">
        <div className="mission-heading">
          <h2 id={titleId}>{mission.title}</h2>
          <p className="mission-progress-text">
            <span>
              <span data-testid="mission-total">{formatNumber(props.item.total)}</span> of{' '}
              {formatNumber(mission.target)} {unit(mission.target)}
            </span>
            {mission.visibility === 'public' && (
              <TeamPreviewButton
                className="chip chip-quiet chip-action"
                label={`Team: what your team sees of ${mission.title}`}
                request={() => ({ of: 'mission', missionId: mission.id })}
              >
                Team
              </TeamPreviewButton>
            )}
          </p>
          {mission.objective && <p className="mission-objective">For {mission.objective}</p>}
        </div>
        <span className="log-wrap">
          <button
            type="button"
            className="log-button"
            aria-label={`+1 ${unit(1)} for ${mission.title}`}
            aria-keyshortcuts={props.shortcut ? String(props.shortcut) : undefined}
            onClick={() => props.onLog(mission.id)}
          >
            +1
          </button>
          {/* Beside the button, not in it: its accessible name must begin with what it shows. */}
          {props.shortcut && (
            <kbd className="log-kbd" aria-hidden="true">
              {props.shortcut}
            </kbd>
          )}
          <button
            type="button"
            className="link-button log-more"
            aria-label={`Log more for ${mission.title}`}
            onClick={() => props.onLogMore(mission)}
          >
            Log more…
          </button>
        </span>
      </div>

      <ProgressBar total={props.item.total} target={mission.target} />

      <p className="today-line">
        <span>
          Today <strong data-testid="today-count">{formatNumber(props.item.todayCount)}</strong>
          {props.item.todayTarget > 0 && <> / {formatNumber(props.item.todayTarget)}</>}
        </span>
        <span className={`pace pace-${paceKind}`} data-testid="pace">
          {pace.label}
        </span>
      </p>

      {milestones.length > 0 ? (
        <ul className="milestones" aria-label={`Today's milestones for ${mission.title}`}>
          {milestones.map((m) => (
            <li key={`${m.date}-${m.by}`} className={`milestone milestone-${m.state}`}>
              <span className="milestone-check" aria-hidden="true" />
              <span className="milestone-what">
                {formatNumber(m.target)} {unit(m.target)} by {formatDeadline(m.by)}
              </span>
              <span className="milestone-count">
                {formatNumber(Math.min(m.count, m.target))}/{formatNumber(m.target)}
              </span>
              <span className={`state state-${m.state}`}>{STATE_LABEL[m.state]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">
          {mission.startDate > props.today
            ? `Starts ${formatDay(mission.startDate)}.`
            : 'No milestone today — a rest day for this mission.'}
        </p>
      )}

      {catchUp && catchUp.length > 0 && (
        <div className="catch-up">
          <h3>Catch-up plan</h3>
          <p className="muted small">
            What remains, spread over the {formatNumber(props.item.workingDaysLeft)} working{' '}
            {props.item.workingDaysLeft === 1 ? 'day' : 'days'} left:
          </p>
          <ol className="catch-up-days">
            {catchUp.slice(0, 5).map((day) => {
              const count = day.checkpoints.at(-1)?.count ?? 0;
              return (
                <li key={day.date}>
                  <span>{day.date === props.today ? 'Today' : formatDay(day.date)}</span>
                  <strong>
                    {formatNumber(count)} {unit(count)}
                  </strong>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </article>
  );
}
