// Four weeks of daily wins against the daily milestone: a few hundred bytes of hand-made SVG.
import type { HistorySnapshot } from '../../shared/snapshot.ts';
import { formatDay, formatDayNumeric, formatNumber } from '../format.ts';

const W = 320;
const H = 120;
const AXIS = 16;

export function WinsChart(props: { daily: HistorySnapshot['daily'] }) {
  const days = props.daily;
  const max = Math.max(1, ...days.map((d) => Math.max(d.wins, d.planned)));
  const slot = W / Math.max(1, days.length);
  const y = (n: number) => H - AXIS - (n / max) * (H - AXIS - 8);
  const wins = days.reduce((s, d) => s + d.wins, 0);
  const planned = days.reduce((s, d) => s + d.planned, 0);
  const met = days.filter((d) => d.planned > 0 && d.wins >= d.planned).length;
  const workdays = days.filter((d) => d.planned > 0).length;
  const summary = `${formatNumber(wins)} wins against ${formatNumber(planned)} planned; the daily milestone was met on ${formatNumber(met)} of ${formatNumber(workdays)} planned days.`;

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Daily wins, last 4 weeks: ${summary}`}>
        {days.map((d, i) => {
          const x = i * slot;
          const hit = d.planned > 0 && d.wins >= d.planned;
          return (
            <g key={d.date}>
              <title>{`${formatDay(d.date)}: ${formatNumber(d.wins)} of ${formatNumber(d.planned)}`}</title>
              {d.wins > 0 && (
                <rect
                  className={hit ? 'bar bar-hit' : 'bar'}
                  x={x + slot * 0.18}
                  width={slot * 0.64}
                  y={y(d.wins)}
                  height={H - AXIS - y(d.wins)}
                  rx={1.5}
                />
              )}
              {d.planned > 0 && (
                <line
                  className="planned"
                  x1={x + 1}
                  x2={x + slot - 1}
                  y1={y(d.planned)}
                  y2={y(d.planned)}
                />
              )}
              {i % 7 === 0 && (
                <text className="axis-label" x={x + 1} y={H - 3}>
                  {formatDayNumeric(d.date)}
                </text>
              )}
            </g>
          );
        })}
        <line className="axis" x1={0} x2={W} y1={H - AXIS} y2={H - AXIS} />
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-bar" aria-hidden="true" /> wins
        <span className="legend-hit" aria-hidden="true" /> milestone met
        <span className="legend-planned" aria-hidden="true" /> planned
      </figcaption>
    </figure>
  );
}
