// The board's charts as plain SVG drawn on the server: no script, no inline style (the CSP
// allows neither), colours from board.css classes so light and dark both hold. Each chart is an
// image named by its <title> and described by a <desc> that says what it shows in words; the
// same numbers follow as a table for anyone who would rather read them.
import { format, parseISO } from 'date-fns';
import { esc } from './board-page.ts';
import type { DayPlan, WeekRate } from './repositories/board-charts.ts';

/**
 * A date formatter that formats each date once: the board draws the same eight Mondays for every
 * rep, and parsing and formatting them again was most of the page's time (5 of 9 ms a page).
 */
function dateFormat(pattern: string): (date: string) => string {
  const cache = new Map<string, string>();
  return (date) => {
    let text = cache.get(date);
    if (text === undefined) {
      if (cache.size >= 1000) cache.clear();
      text = format(parseISO(date), pattern);
      cache.set(date, text);
    }
    return text;
  };
}
const shortDate = dateFormat('d MMM');
const dayName = dateFormat('EEE d');
const longDay = dateFormat('EEEE d MMMM');
const percent = (w: WeekRate): number => Math.round((w.hit / w.due) * 100);
const n1 = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** "80% (4 of 5)" or "nothing due". */
export const rateText = (w: WeekRate): string =>
  w.due === 0 ? 'nothing due' : `${percent(w)}% (${w.hit} of ${w.due})`;

/** An id safe in HTML and SVG from any rep id (ids are letters, digits, - and _). */
const idOf = (prefix: string, id: string): string => `${prefix}-${id.replace(/[^\w-]/g, '_')}`;

/**
 * One rep's milestone hit rate per week: a bar per week (0–100 %), weeks with nothing due left
 * empty and marked with a dash, so "nothing due" never reads as 0 %.
 */
export function hitRateChart(id: string, name: string, weeks: readonly WeekRate[]): string {
  const W = 240;
  const H = 124;
  const left = 36;
  const right = W - 16;
  const top = 10;
  const bottom = 92;
  const slot = (right - left) / Math.max(1, weeks.length);
  const y = (pct: number) => bottom - ((bottom - top) * pct) / 100;
  const grid = [0, 50, 100]
    .map(
      (p) =>
        `<line class="grid" x1="${left}" x2="${right}" y1="${y(p)}" y2="${y(p)}"/><text class="tick" x="${left - 4}" y="${y(p) + 4}" text-anchor="end">${p}%</text>`,
    )
    .join('');
  const bars = weeks
    .map((w, i) => {
      const x = left + i * slot;
      const label =
        i % 2 === weeks.length % 2
          ? ''
          : `<text class="tick" x="${(x + slot / 2).toFixed(1)}" y="${bottom + 15}" text-anchor="middle">${esc(shortDate(w.week))}</text>`;
      if (w.due === 0)
        return `${label}<text class="none" x="${(x + slot / 2).toFixed(1)}" y="${bottom - 3}" text-anchor="middle">–</text>`;
      // 0 % still gets a sliver, so it is seen as a week with milestones missed, not none due.
      const top2 = Math.min(y(percent(w)), bottom - 2);
      return `${label}<rect class="bar-fill" x="${(x + slot * 0.18).toFixed(1)}" y="${top2.toFixed(1)}" width="${(slot * 0.64).toFixed(1)}" height="${(bottom - top2).toFixed(1)}"/>`;
    })
    .join('');
  const rated = weeks.filter((w) => w.due > 0);
  const latest = rated.at(-1);
  const hit = rated.reduce((s, w) => s + w.hit, 0);
  const due = rated.reduce((s, w) => s + w.due, 0);
  const first = weeks[0];
  const summary =
    rated.length === 0
      ? `No milestones were due in the ${weeks.length} weeks from ${first ? shortDate(first.week) : ''}.`
      : `Over ${weeks.length} weeks from ${first ? shortDate(first.week) : ''}: ${Math.round((hit / due) * 100)}% of milestones hit (${hit} of ${due}); week of ${latest ? `${shortDate(latest.week)}: ${rateText(latest)}` : ''}. ` +
        `By week: ${weeks.map((w) => `${shortDate(w.week)} ${rateText(w)}`).join('; ')}.`;
  const t = idOf('hr', id);
  return `<svg class="chart rate-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${t}-t" aria-describedby="${t}-d"><title id="${t}-t">${esc(name)}: milestone hit rate per week</title><desc id="${t}-d">${esc(summary)}</desc>${grid}${bars}</svg>`;
}

/** A table of the same hit rates: one row per rep, one column per week. */
export function hitRateTable(
  weeks: readonly string[],
  reps: readonly { id: string; name: string; weeks: readonly WeekRate[] }[],
): string {
  return `<div class="scroll" role="region" aria-label="Hit rates by week" tabindex="0"><table><thead><tr><th scope="col">Rep</th>${weeks
    .map((w) => `<th scope="col">Week of ${esc(shortDate(w))}</th>`)
    .join('')}</tr></thead><tbody>${reps
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.name)}</th>${r.weeks
          .map((w) =>
            w.due === 0
              ? '<td><span class="muted">—</span></td>'
              : `<td>${percent(w)}% <span class="muted">(${w.hit}/${w.due})</span></td>`,
          )
          .join('')}</tr>`,
    )
    .join('')}</tbody></table></div>`;
}

/** A y-axis step that gives 3–5 gridlines up to `max`. */
function niceStep(max: number): number {
  if (max <= 4) return 1;
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  return step;
}

/**
 * The team's wins each day of the week as bars, and the plan as a dashed line across each day:
 * a bar that reaches its line met the plan. Days after today show their plan only.
 */
export function winsChart(days: readonly DayPlan[], today: string, unit: string): string {
  const W = 360;
  const H = 210;
  const left = 34;
  const right = W - 6;
  const top = 20;
  const bottom = 176;
  const max = Math.max(1, ...days.map((d) => Math.max(d.wins, d.plan)));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const y = (v: number) => bottom - ((bottom - top) * v) / ceiling;
  const slot = (right - left) / Math.max(1, days.length);
  // A bar's number sits above its plan line when the line would run through it.
  const labelY = (d: DayPlan): number => {
    const bar = y(d.wins);
    const line = y(d.plan);
    return d.plan > 0 && line <= bar && bar - line < 14 ? line : bar;
  };
  const ticks: string[] = [];
  for (let v = 0; v <= ceiling; v += step)
    ticks.push(
      `<line class="grid" x1="${left}" x2="${right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="tick" x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`,
    );
  const marks = days
    .map((d, i) => {
      const x = left + i * slot;
      const mid = x + slot / 2;
      const future = d.date > today;
      const label = `<text class="tick${d.date === today ? ' today' : ''}" x="${mid.toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${esc(dayName(d.date))}</text>`;
      const bar =
        future || d.wins === 0
          ? ''
          : `<rect class="bar-fill" x="${(x + slot * 0.2).toFixed(1)}" y="${y(d.wins).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${(bottom - y(d.wins)).toFixed(1)}"/><text class="value" x="${mid.toFixed(1)}" y="${(labelY(d) - 4).toFixed(1)}" text-anchor="middle">${d.wins}</text>`;
      const plan =
        d.plan > 0
          ? `<line class="plan" x1="${(x + slot * 0.08).toFixed(1)}" x2="${(x + slot * 0.92).toFixed(1)}" y1="${y(d.plan).toFixed(1)}" y2="${y(d.plan).toFixed(1)}"/>`
          : '';
      return label + bar + plan;
    })
    .join('');
  const sofar = days.filter((d) => d.date <= today);
  const wins = sofar.reduce((s, d) => s + d.wins, 0);
  const plan = sofar.reduce((s, d) => s + d.plan, 0);
  const weekPlan = days.reduce((s, d) => s + d.plan, 0);
  const summary = `This week to ${longDay(today)}: ${wins} ${unit} against a plan of ${n1(Math.round(plan * 10) / 10)} (${n1(Math.round(weekPlan * 10) / 10)} for the whole week). By day: ${days
    .map((d) => `${dayName(d.date)} ${d.date > today ? '—' : d.wins} of ${n1(d.plan)} planned`)
    .join('; ')}.`;
  return `<svg class="chart wins-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="wc-t" aria-describedby="wc-d"><title id="wc-t">Team ${esc(unit)} per day this week against plan</title><desc id="wc-d">${esc(summary)}</desc>${ticks.join('')}${marks}</svg>
<p class="legend" aria-hidden="true"><span class="key key-bar"></span> ${esc(unit)} logged <span class="key key-plan"></span> plan</p>`;
}

/** The same days as a table. */
export function winsTable(days: readonly DayPlan[], today: string, unit: string): string {
  return `<table><thead><tr><th scope="col">Day</th><th scope="col">${esc(unit[0]?.toUpperCase() ?? '')}${esc(unit.slice(1))}</th><th scope="col">Plan</th></tr></thead><tbody>${days
    .map(
      (d) =>
        `<tr><th scope="row">${esc(longDay(d.date))}</th><td>${d.date > today ? '<span class="muted">—</span>' : d.wins}</td><td>${n1(d.plan)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export { idOf };
