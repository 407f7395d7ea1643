// Today: every active mission's milestones at a glance, with one click (or one key) per win.
import { useState } from 'react';
import { metricLabel } from '../../shared/metric-label.ts';
import type { Mission } from '../../shared/mission.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { TIME_OFF_LABELS } from '../../shared/time-off-days.ts';
import { hasMilestonesToday, missedToday } from '../../shared/today-days.ts';
import { api } from '../api.ts';
import { FlameIcon } from '../components/Icons.tsx';
import { MissionCard } from '../components/MissionCard.tsx';
import { formatDay, formatNumber, formatTime, formatUntil } from '../format.ts';
import { lastEnded, nextPeriodWords, type EndedMission } from '../last-mission.ts';
import { useHistory } from '../use-history.ts';

export function TodayView(props: {
  snapshot: TodaySnapshot;
  /** When notifications are paused, until when (an instant). */
  pausedUntil: string | null;
  onLog: (missionId: string) => void;
  /** Opens the longer form: several wins, or a note. */
  onLogMore: (mission: Mission) => void;
  /** Pauses today (ill, away) or takes the pause back. */
  onPauseToday: (paused: boolean) => void;
  onNewMission: () => void;
  /** Opens the form for the next mission, from one that ended. */
  onStartFrom: (mission: Mission) => void;
  /** Shows an ended mission's reflection (again, after "Later"). */
  onReflect: (missionId: string) => void;
}) {
  const { snapshot } = props;
  const paused =
    props.pausedUntil !== null && new Date(props.pausedUntil) > new Date(snapshot.at)
      ? props.pausedUntil
      : null;
  return (
    <>
      {paused && (
        <div className="paused-line">
          <span>Notifications paused until {formatUntil(paused, snapshot.at)}</span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void api().app.pauseNotifications({ for: 'resume' })}
          >
            Resume
          </button>
        </div>
      )}
      {snapshot.missions.length === 0 ? (
        <NoMissionRunning
          snapshot={snapshot}
          onNewMission={props.onNewMission}
          onStartFrom={props.onStartFrom}
          onReflect={props.onReflect}
        />
      ) : (
        <Missions
          snapshot={snapshot}
          onLog={props.onLog}
          onLogMore={props.onLogMore}
          onPauseToday={props.onPauseToday}
        />
      )}
    </>
  );
}

/**
 * Nothing running: a rep whose missions have ended sees where they stand and starts the next
 * from the last; only a rep with no history at all sees the first-run screen.
 */
function NoMissionRunning(props: {
  snapshot: TodaySnapshot;
  onNewMission: () => void;
  onStartFrom: (mission: Mission) => void;
  onReflect: (missionId: string) => void;
}) {
  const { snapshot } = props;
  const history = useHistory(snapshot);
  // Nothing until history answers: the first-run screen must not flash before a rep's past.
  if (!history.value && !history.error) return null;
  const last = history.value ? lastEnded(history.value) : null;
  if (!last && snapshot.streak.best === 0)
    return <FirstMission onNewMission={props.onNewMission} />;
  return (
    <WhereYouStand
      snapshot={snapshot}
      last={last}
      onNewMission={props.onNewMission}
      onStartFrom={props.onStartFrom}
      onReflect={props.onReflect}
    />
  );
}

const OUTCOME_WORDS = { hit: 'Hit', missed: 'Missed', abandoned: 'Abandoned' } as const;

function WhereYouStand(props: {
  snapshot: TodaySnapshot;
  last: EndedMission | null;
  onNewMission: () => void;
  onStartFrom: (mission: Mission) => void;
  onReflect: (missionId: string) => void;
}) {
  const { snapshot, last } = props;
  const { current, best } = snapshot.streak;
  const waiting = snapshot.awaitingReflection[0];
  const start = last ? nextPeriodWords(last.mission, snapshot.today) : 'Start a mission';
  return (
    <section className="where-you-stand" aria-labelledby="stand-title">
      <h2 id="stand-title">{last ? 'Your last mission has ended' : 'No mission running'}</h2>
      {last && (
        <div className="card last-mission" data-testid="last-mission">
          <div className="last-mission-head">
            <h3>{last.mission.title}</h3>
            <span className={`chip outcome-${last.outcome}`}>{OUTCOME_WORDS[last.outcome]}</span>
          </div>
          <p>
            Ended {formatNumber(last.total)} of {formatNumber(last.mission.target)}{' '}
            {metricLabel(last.mission.metric, last.mission.target)}
            <span className="muted"> · {formatDay(last.mission.endDate)}</span>
          </p>
        </div>
      )}
      <div className="streak" data-testid="streak">
        <FlameIcon />
        {current > 0 ? (
          <span>
            <strong>{formatNumber(current)}-day streak</strong> — it carries on with your next
            mission
          </span>
        ) : (
          <span>
            No streak running
            {best > 0 && <span className="muted"> · best {formatNumber(best)}</span>}
          </span>
        )}
      </div>
      {waiting && (
        <div className="card reflection-waiting">
          <p>A reflection on “{waiting.title}” is waiting: it shapes your next suggestion.</p>
          <button type="button" className="button" onClick={() => props.onReflect(waiting.id)}>
            Reflect now
          </button>
        </div>
      )}
      <div className="stand-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => (last ? props.onStartFrom(last.mission) : props.onNewMission())}
        >
          {start}
        </button>
        {last && (
          <p className="muted small">
            Pre-filled from “{last.mission.title}”, with a target from your history. Or press{' '}
            <kbd>N</kbd> for a blank one.
          </p>
        )}
      </div>
    </section>
  );
}

function FirstMission(props: { onNewMission: () => void }) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="empty-art" aria-hidden="true" />
      <h2 id="empty-title">Set your first mission</h2>
      <p>
        A short goal you choose — like “Book 10 meetings this week”. Mission Tray breaks it into
        daily milestones, and you log each win with one click.
      </p>
      <button type="button" className="button button-primary" onClick={props.onNewMission}>
        Create a mission
      </button>
      <p className="muted small">
        Tip: press <kbd>N</kbd> any time for a new mission.
      </p>
    </section>
  );
}

function Missions(props: {
  snapshot: TodaySnapshot;
  onLog: (missionId: string) => void;
  onLogMore: (mission: Mission) => void;
  onPauseToday: (paused: boolean) => void;
}) {
  const { snapshot } = props;
  const { current, best } = snapshot.streak;
  const pauseToday = props.onPauseToday;
  const workingDay = hasMilestonesToday(snapshot);
  const awayKind = snapshot.timeOff.find((d) => d.date === snapshot.today)?.kind;
  return (
    <section className="today" aria-label="Today's missions">
      {snapshot.paused && (
        <div className="paused-line" role="status">
          <span>
            {awayKind && awayKind !== 'away'
              ? `Today is time off (${TIME_OFF_LABELS[awayKind]}): no reminders, and your streak is kept.`
              : 'Today is paused: no reminders, and your streak is kept.'}
          </span>
          <button type="button" className="button button-quiet" onClick={() => pauseToday(false)}>
            {awayKind && awayKind !== 'away' ? 'Work today' : 'Unpause'}
          </button>
        </div>
      )}
      {snapshot.status === 'done' && (
        <p className="all-done">
          Every milestone for today is done. Nice work — the rest is a bonus.
        </p>
      )}
      <div className="streak" data-testid="streak">
        <FlameIcon />
        {current > 0 ? (
          <span>
            <strong>{formatNumber(current)}-day streak</strong>
            {best > current && <span className="muted"> · best {formatNumber(best)}</span>}
          </span>
        ) : snapshot.paused ? (
          <span>Rest today; start a streak tomorrow</span>
        ) : !workingDay ? (
          <span>No milestones today; a streak starts on your next working day</span>
        ) : missedToday(snapshot) ? (
          <span>A milestone slipped today; start a streak on your next working day</span>
        ) : (
          <span>Hit every milestone today to start a streak</span>
        )}
      </div>
      {snapshot.missions.map((item, i) => (
        <MissionCard
          key={item.mission.id}
          item={item}
          today={snapshot.today}
          shortcut={i < 9 ? i + 1 : null}
          onLog={props.onLog}
          onLogMore={props.onLogMore}
        />
      ))}
      {snapshot.wins.length > 0 && <TodayLog snapshot={snapshot} />}
      {/* Nothing is due on a weekend or day off, so there is no streak to keep by pausing it. */}
      {!snapshot.paused && workingDay && (
        <p className="pause-today muted small">
          Ill or away today?{' '}
          <button type="button" className="link-button" onClick={() => pauseToday(true)}>
            Pause today
          </button>{' '}
          and your streak is kept.
        </p>
      )}
      <p className="shortcut-hint muted small">
        Keys: <kbd>1</kbd>–<kbd>9</kbd> log a win ·{' '}
        {snapshot.lastWin && (
          <>
            <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo ·{' '}
          </>
        )}
        <kbd>N</kbd> new mission
      </p>
    </section>
  );
}

/**
 * Today's wins, newest first, with their notes: folded away until the rep opens it, and only
 * then rendered (a busy day has a hundred, and every win re-renders Today).
 */
function TodayLog(props: { snapshot: TodaySnapshot }) {
  const { wins, missions } = props.snapshot;
  const [open, setOpen] = useState(false);
  const missionOf = new Map(missions.map((m) => [m.mission.id, m.mission]));
  // The snapshot carries the latest wins only; the day's count is every mission's.
  const total = missions.reduce((sum, m) => sum + m.todayCount, 0);
  return (
    <details className="card today-log" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Today’s log · {formatNumber(total)}</summary>
      {open && (
        <ol className="today-log-list">
          {wins.map((win) => {
            const mission = missionOf.get(win.missionId);
            return (
              <li key={win.id}>
                <time dateTime={win.at}>{formatTime(win.at)}</time>
                <span>
                  +{formatNumber(win.amount)}{' '}
                  {mission ? metricLabel(mission.metric, win.amount) : ''}
                  {mission && <span className="muted"> · {mission.title}</span>}
                  {win.note && <span className="today-log-note">{win.note}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
