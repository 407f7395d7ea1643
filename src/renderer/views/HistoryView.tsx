// History: past missions with hit or miss and their reflections, four weeks of daily wins, and
// hit rate by metric.
import type { MissionOutcome, TodaySnapshot } from '../../shared/snapshot.ts';
import type { z } from 'zod';
import { metricLabel } from '../../shared/mission.ts';
import { WinsChart } from '../components/WinsChart.tsx';
import { formatDay, formatNumber, formatPercent } from '../format.ts';
import { REASON_LABEL } from '../reason-labels.ts';
import { useHistory } from '../use-history.ts';

const OUTCOME_LABEL: Record<z.infer<typeof MissionOutcome>, string> = {
  hit: 'Hit',
  missed: 'Missed',
  abandoned: 'Abandoned',
  active: 'Active',
};

export function HistoryView(props: { today: TodaySnapshot | null }) {
  const history = useHistory(props.today);
  if (history.error) {
    return (
      <p role="alert" className="error-panel">
        {history.error.message}
      </p>
    );
  }
  const h = history.value;
  if (!h) return <p className="muted">Loading history…</p>;
  const past = h.missions.filter((m) => m.outcome !== 'active');

  return (
    <div className="history">
      <section className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">Last 4 weeks</h2>
        <WinsChart daily={h.daily} />
      </section>

      <section className="card" aria-labelledby="rate-title">
        <h2 id="rate-title">Hit rate by metric</h2>
        {h.hitRateByMetric.length === 0 ? (
          <p className="muted small">Finish a mission to see your hit rate.</p>
        ) : (
          <ul className="rates">
            {h.hitRateByMetric.map((r) => (
              <li key={r.metric}>
                <span className="rate-name">{r.metric}</span>
                <span className="rate-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(r.rate * 100)}%` }} />
                </span>
                <span className="rate-value">
                  {formatPercent(r.rate)}{' '}
                  <span className="muted small">
                    ({formatNumber(r.hit)}/{formatNumber(r.total)})
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="past-title">
        <h2 id="past-title" className="section-title">
          Past missions
        </h2>
        {past.length === 0 && <p className="muted small">Nothing finished yet.</p>}
        <ul className="past-list">
          {past.map(({ mission, total, outcome }) => (
            <li key={mission.id} className="card past-mission">
              <div className="past-head">
                <h3>{mission.title}</h3>
                <span className={`chip outcome-${outcome}`}>{OUTCOME_LABEL[outcome]}</span>
              </div>
              <p className="muted small">
                {formatNumber(total)} of {formatNumber(mission.target)}{' '}
                {metricLabel(mission.metric, mission.target)} · {formatDay(mission.startDate)} –{' '}
                {formatDay(mission.endDate)}
              </p>
              {mission.reflection && (
                <blockquote className="reflection-summary">
                  <strong>{REASON_LABEL[mission.reflection.reason]}.</strong>{' '}
                  {mission.reflection.note}
                  {mission.reflection.nextStep && (
                    <span className="next-step">Next: {mission.reflection.nextStep}</span>
                  )}
                </blockquote>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
