// Four weeks of daily wins against the daily milestone: hand-made SVG with its count axis (round
// values, gridlines) and dates on Mondays, and the same numbers day by day as a table.
import { getISODay, parseISO } from 'date-fns';
import type { HistorySnapshot } from '../../shared/snapshot.ts';
import { countTicks } from '../chart-scale.ts';
import { formatDay, formatDayMonth, formatNumber } from '../format.ts';

const W = 320;
const H = 140;
/** Room for the counts on the left and the dates below; a little above the top gridline. */
const LEFT = 24;
const BOTTOM = 18;
const TOP = 8;

export function WinsChart(props: { daily: HistorySnapshot['daily'] }) {
  const days = props.daily;
  const ticks = countTicks(Math.max(0, ...days.map((d) => Math.max(d.wins, d.planned))));
  const top = ticks.at(-1) ?? 1;
  const slot = (W - LEFT) / Math.max(1, days.length);
  const y = (n: number) => H - BOTTOM - (n / top) * (H - BOTTOM - TOP);
  const wins = days.reduce((s, d) => s + d.wins, 0);
  const planned = days.reduce((s, d) => s + d.planned, 0);
  const met = days.filter((d) => d.planned > 0 && d.wins >= d.planned).length;
  const workdays = days.filter((d) => d.planned > 0).length;
  const summary = `${formatNumber(wins)} wins against ${formatNumber(planned)} planned; the daily milestone was met on ${formatNumber(met)} of ${formatNumber(workdays)} planned days.`;
  const listed = days.filter((d) => d.wins > 0 || d.planned > 0);

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Daily wins, last 4 weeks: ${summary} Each day's numbers are in the table below.`}
      >
        {ticks.map((t) => (
          <g key={t} className="y-tick" data-value={t}>
            <line className={t === 0 ? 'axis' : 'gridline'} x1={LEFT} x2={W} y1={y(t)} y2={y(t)} />
            <text className="axis-label y-label" x={LEFT - 5} y={y(t)} dy="0.35em">
              {formatNumber(t)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = LEFT + i * slot;
          const hit = d.planned > 0 && d.wins >= d.planned;
          // A week's first day is labelled; near the edges the date keeps inside the chart.
          const anchor = i < 2 ? 'start' : i >= days.length - 2 ? 'end' : 'middle';
          const labelX = anchor === 'start' ? x : anchor === 'end' ? W : x + slot / 2;
          return (
            <g key={d.date} className="day" data-date={d.date}>
              <title>{`${formatDay(d.date)}: ${formatNumber(d.wins)} of ${formatNumber(d.planned)}`}</title>
              {d.wins > 0 && (
                <rect
                  className={hit ? 'bar bar-hit' : 'bar'}
                  x={x + slot * 0.18}
                  width={slot * 0.64}
                  y={y(d.wins)}
                  height={H - BOTTOM - y(d.wins)}
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
              {getISODay(parseISO(d.date)) === 1 && (
                <>
                  <line
                    className="axis"
                    x1={x + slot / 2}
                    x2={x + slot / 2}
                    y1={H - BOTTOM}
                    y2={H - BOTTOM + 3}
                  />
                  <text className="axis-label x-label" x={labelX} y={H - 3} textAnchor={anchor}>
                    {formatDayMonth(d.date)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-bar" aria-hidden="true" /> wins
        <span className="legend-hit" aria-hidden="true" /> milestone met
        <span className="legend-planned" aria-hidden="true" /> planned
      </figcaption>
      <details className="chart-table">
        <summary>Day by day</summary>
        <table>
          <caption className="visually-hidden">
            Wins and planned wins on each day with either, last 4 weeks
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Wins</th>
              <th scope="col">Planned</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((d) => (
              <tr key={d.date}>
                <th scope="row">{formatDay(d.date)}</th>
                <td>{formatNumber(d.wins)}</td>
                <td>{formatNumber(d.planned)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
