// The manager's board as server-rendered HTML. Every value from the database passes through
// `esc`; the page carries no inline script or style, so the CSP can forbid both.
import { format, parseISO } from 'date-fns';
import { type Metric, type ReflectionReason, metricLabel } from '../shared/mission.ts';
import { hitRateChart, hitRateTable, rateText, winsChart, winsTable } from './board-svg.ts';
import { type DayPlan, metricKey, type RepPage } from './repositories/board-charts.ts';
import {
  type BoardData,
  type BoardMission,
  type BoardRep,
  REPS_PER_PAGE,
} from './repositories/board-reads.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const REASONS: Record<ReflectionReason | 'not-shared', string> = {
  'wrong-inputs': 'Wrong inputs',
  'unrealistic-target': 'Unrealistic target',
  'external-blockers': 'External blockers',
  other: 'Other reasons',
  'not-shared': 'Reflection not shared',
};

/** In UTC, and saying so: the server's zone is not the reader's, and a bare time misleads. */
const UTC_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as "30 Nov 2026, 08:00 UTC", readable without script; board.js rewrites it into
 * the reader's own zone. Calendar days (a mission's period) are not instants and don't use it.
 */
export const when = (iso: string): string =>
  `<time datetime="${esc(iso)}">${esc(UTC_TIME.format(new Date(iso)))} UTC</time>`;

const amountOf = (n: number, metric: Metric): string => `${n} ${esc(metricLabel(metric, n))}`;

/** Who the page is for, as the header needs it (the accounts' roles map onto this). */
export interface LayoutSession {
  /** The session's CSRF token: the Sign out form carries it. */
  csrf: string;
  /** Shown in the header so a manager on a shared laptop sees whose board it is. */
  email: string;
  /** The manager's team, or null for an admin with no team. */
  teamName: string | null;
  /** Sees Board and Team. */
  manager: boolean;
  /** Sees Admin. */
  admin: boolean;
}

/** The nav entry the page belongs to (marked aria-current), or null for none. */
export type NavKey = 'board' | 'team' | 'admin' | null;

export interface LayoutOptions {
  /** The document's <title>; also the page's h1 unless `heading` is given. */
  title: string;
  session: LayoutSession | null;
  /** The page's main content, already escaped HTML (the h1 is the layout's). */
  body: string;
  nav?: NavKey;
  /** The h1, when it differs from the title. */
  heading?: string;
  /** Extra attributes for <main>, already escaped (e.g. the board's data-live-*). */
  mainAttributes?: string;
  /** A narrow page (sign-in, set a password). */
  narrow?: boolean;
}

function navOf(session: LayoutSession, current: NavKey): string {
  const item = (key: Exclude<NavKey, null>, href: string, label: string) =>
    `<li><a href="${href}"${current === key ? ' aria-current="page"' : ''}>${label}</a></li>`;
  const items = [
    session.manager ? item('board', '/board', 'Board') : '',
    session.manager ? item('team', '/board/team', 'Team') : '',
    session.admin ? item('admin', '/admin', 'Admin') : '',
  ].join('');
  return `<nav class="site-nav" aria-label="Main"><ul>${items}</ul>
<p class="who">${esc(session.email)}${session.teamName ? ` <span class="muted">· ${esc(session.teamName)}</span>` : ''}</p>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${esc(session.csrf)}"><button type="submit">Sign out</button></form></nav>`;
}

/**
 * Every page of the board and the admin area: a skip link, the header with the nav the session's
 * roles allow and Sign out (a CSRF-carrying POST), one h1 and the main content. Light or dark
 * follows the system (board.css); the page carries no inline script or style.
 */
export function layout(options: LayoutOptions): string {
  const {
    title,
    session,
    body,
    nav = null,
    heading,
    mainAttributes = '',
    narrow = false,
  } = options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/board.css">
<script src="/board.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<p class="brand">Mission Tray</p>
${session ? navOf(session, nav) : ''}
</header>
<main id="main" tabindex="-1"${narrow ? ' class="narrow"' : ''}${mainAttributes ? ` ${mainAttributes}` : ''}>
<h1>${esc(heading ?? title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** A board session (a manager's) as the layout sees it. */
export const managerLayoutSession = (session: {
  csrf: string;
  email: string;
  teamName: string;
}): LayoutSession => ({
  csrf: session.csrf,
  email: session.email,
  teamName: session.teamName,
  manager: true,
  admin: false,
});

/** The sign-in page; after a refusal its sentence, with the email kept: only the password is retyped. */
export function renderLoginPage(error: string | null, email = ''): string {
  return layout({
    title: 'Mission Tray — sign in',
    heading: 'Team board',
    session: null,
    narrow: true,
    body: `<p>Sign in to see your team.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${esc(email)}"${error ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>`,
  });
}

function progressCell(m: BoardMission): string {
  const pct = Math.min(100, Math.round((m.total / m.target) * 100));
  return `${amountOf(m.total, m.metric)} of ${m.target} <span class="bar" aria-hidden="true"><span class="fill w${Math.round(pct / 5) * 5}"></span></span>`;
}

function paceCell(m: BoardMission): string {
  if (m.awayToday) return '<span class="pace away">away today</span>';
  const cls = m.paceDelta < 0 ? 'behind' : m.paceDelta > 0 ? 'ahead' : 'on';
  return `<span class="pace ${cls}">${esc(m.paceLabel)}</span>`;
}

/** The Missions table's filters, kept in the board's URL. */
export const STATUS_FILTERS = [
  'all',
  'active',
  'ended',
  'completed',
  'missed',
  'abandoned',
] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'Any status',
  active: 'Active',
  ended: 'Ended (any outcome)',
  completed: 'Completed',
  missed: 'Missed',
  abandoned: 'Abandoned',
};

export interface BoardFilters {
  /** A metric's key (metricKey: its unit), or null for every metric. */
  metric: string | null;
  status: StatusFilter;
}

/** Everything one view of the board shows. */
export interface BoardView {
  data: BoardData;
  filters: BoardFilters;
  /** The metrics the team's missions count, for the filter. */
  metrics: readonly { key: string; label: string }[];
  /** This week's wins and plan per day (of the filtered metric). */
  week: readonly DayPlan[];
  /** The server's date: the week chart's today. */
  today: string;
  /** The change token this view was read at (board.js polls against it). */
  token: string;
}

/** The query string of a view: its filters and page, defaults left out ('' when all default). */
export function boardQuery(filters: BoardFilters, page = 1): string {
  const q = new URLSearchParams();
  if (filters.metric) q.set('metric', filters.metric);
  if (filters.status !== 'all') q.set('status', filters.status);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `?${text}` : '';
}

function statusMatches(filter: StatusFilter, m: BoardMission): boolean {
  if (filter === 'all') return true;
  if (filter === 'ended') return m.status !== 'active';
  return m.status === filter;
}

/** The rows of the Missions table: this page's reps' missions that pass the filters. */
export function shownMissions(view: Pick<BoardView, 'data' | 'filters'>) {
  const { metric, status } = view.filters;
  return view.data.reps.flatMap((rep) =>
    rep.missions
      .filter(
        (m) => statusMatches(status, m) && (metric === null || metricKey(m.metric) === metric),
      )
      .map((m) => ({ rep, mission: m })),
  );
}

const repLink = (rep: Pick<BoardRep, 'id' | 'name'>): string =>
  `<a href="/board/reps/${encodeURIComponent(rep.id)}">${esc(rep.name)}</a>`;

const unitOf = (view: BoardView): string =>
  (view.filters.metric !== null &&
    view.metrics.find((m) => m.key === view.filters.metric)?.label) ||
  'wins';

/** The filter form and the export link: outside the live part, so an update never resets them. */
export function renderFilters(view: BoardView): string {
  const { filters } = view;
  const metricOptions = [
    `<option value=""${filters.metric === null ? ' selected' : ''}>All metrics</option>`,
    ...view.metrics.map(
      (m) =>
        `<option value="${esc(m.key)}"${filters.metric === m.key ? ' selected' : ''}>${esc(m.label[0]?.toUpperCase() ?? '')}${esc(m.label.slice(1))}</option>`,
    ),
  ];
  // A filter naming a metric the team no longer counts still shows as chosen.
  if (filters.metric !== null && !view.metrics.some((m) => m.key === filters.metric))
    metricOptions.push(
      `<option value="${esc(filters.metric)}" selected>${esc(filters.metric)}</option>`,
    );
  const statusOptions = STATUS_FILTERS.map(
    (st) =>
      `<option value="${st}"${filters.status === st ? ' selected' : ''}>${STATUS_LABELS[st]}</option>`,
  );
  return `<form class="filters" method="get" action="/board" role="search" aria-label="Filter missions">
<div><label for="f-metric">Metric</label> <select id="f-metric" name="metric">${metricOptions.join('')}</select></div>
<div><label for="f-status">Status</label> <select id="f-status" name="status">${statusOptions.join('')}</select></div>
<button type="submit">Show</button>
<a class="export" href="/board/export.csv${esc(boardQuery(filters, view.data.page))}" download>Export CSV</a>
</form>`;
}

function filtersText(view: BoardView): string {
  const parts: string[] = [];
  if (view.filters.metric !== null) parts.push(unitOf(view));
  if (view.filters.status !== 'all') parts.push(STATUS_LABELS[view.filters.status].toLowerCase());
  return parts.length ? ` <span class="muted">(${esc(parts.join(', '))})</span>` : '';
}

/** The part of the board that refreshes itself: sections with ids, swapped one by one. */
export function renderBoardContent(view: BoardView): string {
  const { data } = view;
  const more = (shown: number, total: number) =>
    total > shown ? `<p class="muted">The ${shown} furthest behind of ${total}.</p>` : '';
  const behind = data.behind.length
    ? `${more(data.behind.length, data.behindTotal)}<ul>${data.behind
        .map(
          (b) =>
            `<li><strong>${esc(b.rep)}</strong> — ${esc(b.mission.title)}: ${paceCell(b.mission)}</li>`,
        )
        .join('')}</ul>`
    : '<p>Nobody is behind pace right now.</p>';

  const coaching = data.coaching.length
    ? data.coaching
        .map(
          (g) =>
            `<h3>${esc(REASONS[g.reason])}</h3>${g.total > g.items.length ? `<p class="muted">${g.items.length} of ${g.total}.</p>` : ''}<ul>${g.items
              .map((i) => {
                const r = i.mission.reflection;
                return `<li><strong>${esc(i.rep)}</strong> — ${esc(i.mission.title)} (${amountOf(i.mission.total, i.mission.metric)} of ${i.mission.target}, ${esc(i.mission.status)})${
                  r
                    ? `<blockquote><p>${esc(r.note || 'No note.')}</p>${r.nextStep ? `<p><em>Next:</em> ${esc(r.nextStep)}</p>` : ''}</blockquote>`
                    : ''
                }</li>`;
              })
              .join('')}</ul>`,
        )
        .join('')
    : '<p>No missed missions to talk about.</p>';

  const shown = shownMissions(view);
  const rows = shown
    .map(
      ({ rep, mission: m }) =>
        `<tr><th scope="row">${repLink(rep)}</th><td>${esc(m.title)}</td><td>${progressCell(m)}</td><td>${paceCell(m)}</td><td>${m.streakCurrent} <span class="muted">(best ${m.streakBest})</span></td><td>${esc(m.status)}</td><td>${esc(m.endDate)}</td></tr>`,
    )
    .join('\n');
  const noRows =
    view.filters.metric !== null || view.filters.status !== 'all'
      ? 'No missions match these filters.'
      : 'No public missions yet.';

  const feed = data.feed.length
    ? `<ol class="feed">${data.feed
        .map(
          (f) =>
            `<li>${when(f.at)} <strong>${esc(f.rep)}</strong> +${amountOf(f.amount, f.metric)} — ${esc(f.mission)}</li>`,
        )
        .join('')}</ol>`
    : '<p>No wins yet.</p>';

  const pager =
    data.pages > 1
      ? `<nav class="pager" aria-label="Pages of reps"><p>Reps ${(data.page - 1) * REPS_PER_PAGE + 1}–${Math.min(data.page * REPS_PER_PAGE, data.repCount)} of ${data.repCount}.</p><ul>${Array.from(
          { length: data.pages },
          (_, i) =>
            `<li><a href="/board${esc(boardQuery(view.filters, i + 1))}"${i + 1 === data.page ? ' aria-current="page"' : ''}>${i + 1}</a></li>`,
        ).join('')}</ul></nav>`
      : '';

  const unit = unitOf(view);
  const multiples = data.reps
    .map((rep) => `<li><h3>${repLink(rep)}</h3>${hitRateChart(rep.id, rep.name, rep.weeks)}</li>`)
    .join('');

  return `<p class="updated" id="updated">Updated ${when(data.generatedAt)}</p>
<section id="week" aria-labelledby="week-h"><h2 id="week-h">This week: ${esc(unit)} per day against plan</h2>
<figure class="chart-box">${winsChart(view.week, view.today, unit)}</figure>
<details id="week-table"><summary>This week as a table</summary>${winsTable(view.week, view.today, unit)}</details></section>
<section id="behind" aria-labelledby="behind-h"><h2 id="behind-h">Behind pace today</h2>${behind}</section>
<section id="coaching" aria-labelledby="coaching-h"><h2 id="coaching-h">Coaching moments</h2>${coaching}</section>
<section id="missions" aria-labelledby="missions-h"><h2 id="missions-h">Missions${filtersText(view)}</h2>${pager}
<div class="scroll" role="region" aria-labelledby="missions-h" tabindex="0"><table><thead><tr><th scope="col">Rep</th><th scope="col">Mission</th><th scope="col">Progress</th><th scope="col">Pace</th><th scope="col">Streak</th><th scope="col">Status</th><th scope="col">Ends</th></tr></thead>
<tbody>${rows || `<tr><td colspan="7">${noRows}</td></tr>`}</tbody></table></div></section>
<section id="rates" aria-labelledby="rates-h"><h2 id="rates-h">Milestones hit, last ${data.weeks.length} weeks</h2>
${data.reps.length ? `<ul class="multiples">${multiples}</ul>` : '<p>No reps yet.</p>'}
<details id="rates-table"><summary>Hit rates as a table</summary>${hitRateTable(data.weeks, data.reps)}</details></section>
<section id="feed" aria-labelledby="feed-h"><h2 id="feed-h">Recent wins</h2>${feed}</section>`;
}

/** How often an open board asks whether anything changed (board.js reads it). */
export const LIVE_POLL_MS = 1000;

export function renderBoardPage(view: BoardView, session: LayoutSession): string {
  return layout({
    title: `Team board — ${view.data.team}`,
    session,
    nav: 'board',
    body: `${renderFilters(view)}
<p id="live-status" class="visually-hidden" role="status"></p>
<div id="board" data-live-ms="${LIVE_POLL_MS}" data-token="${esc(view.token)}">
${renderBoardContent(view)}
</div>`,
  });
}

const OUTCOMES: Record<string, string> = {
  active: 'Running',
  completed: 'Completed',
  missed: 'Missed',
  abandoned: 'Abandoned',
};

const period = (start: string, end: string): string =>
  `<time datetime="${esc(start)}">${esc(format(parseISO(start), 'd MMM'))}</time> – <time datetime="${esc(end)}">${esc(format(parseISO(end), 'd MMM yyyy'))}</time>`;

/** A rep's page: their hit rate, their public missions over time, and what they shared. */
export function renderRepPage(rep: RepPage, team: string, session: LayoutSession): string {
  const missions = rep.missions.length
    ? `<div class="scroll" role="region" aria-labelledby="rep-missions-h" tabindex="0"><table><thead><tr><th scope="col">Mission</th><th scope="col">Period</th><th scope="col">Outcome</th><th scope="col">Milestones hit</th><th scope="col">Best streak</th></tr></thead><tbody>${rep.missions
        .map(
          (m) =>
            `<tr><th scope="row">${esc(m.title)}</th><td>${period(m.startDate, m.endDate)}</td><td>${esc(OUTCOMES[m.status] ?? m.status)}: ${amountOf(m.total, m.metric)} of ${m.target}${m.status === 'active' ? ` <span class="muted">(${esc(m.paceLabel)})</span>` : ''}</td><td>${m.due ? `${Math.round((m.hit / m.due) * 100)}% <span class="muted">(${m.hit} of ${m.due})</span>` : '<span class="muted">none due</span>'}</td><td>${m.streakBest}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : `<p>${esc(rep.name)} has no public missions on the board.</p>`;
  const shared = rep.missions.filter((m) => m.reflection);
  const reflections = shared.length
    ? `<ul class="reflections">${shared
        .map((m) => {
          const r = m.reflection;
          if (!r) return '';
          return `<li><h3>${esc(m.title)} <span class="muted">· ${esc(OUTCOMES[m.status] ?? m.status)}, ${period(m.startDate, m.endDate)}</span></h3>
<dl><dt>Why</dt><dd>${esc(REASONS[r.reason])}</dd><dt>Note</dt><dd>${esc(r.note || 'No note.')}</dd><dt>Next step</dt><dd>${esc(r.nextStep || 'None given.')}</dd></dl></li>`;
        })
        .join('')}</ul>`
    : `<p>${esc(rep.name)} has not shared a reflection yet.</p>`;
  const latest = rep.weeks.filter((w) => w.due > 0).at(-1);
  return layout({
    title: `${rep.name} — ${team}`,
    session,
    nav: 'board',
    body: `<p><a href="/board">Back to the team board</a></p>
<section aria-labelledby="rep-rate-h"><h2 id="rep-rate-h">Milestones hit, last ${rep.weeks.length} weeks</h2>
<p>${latest ? `Latest week with milestones: ${esc(rateText(latest))}.` : 'No milestones were due in these weeks.'}</p>
<figure class="chart-box">${hitRateChart(rep.id, rep.name, rep.weeks)}</figure>
<details><summary>As a table</summary>${hitRateTable(
      rep.weeks.map((w) => w.week),
      [rep],
    )}</details></section>
<section aria-labelledby="rep-missions-h"><h2 id="rep-missions-h">Public missions</h2>${missions}</section>
<section aria-labelledby="rep-reflections-h"><h2 id="rep-reflections-h">Reflections shared</h2>${reflections}</section>`,
  });
}

/** A cell as a spreadsheet reads it: never a formula, always quoted. */
export function csvCell(value: string | number): string {
  let text = String(value);
  // A leading = + - @ (or tab / CR, which some spreadsheets skip first) would start a formula.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The Missions table as shown (this page, these filters), as CSV with a header row. */
export function boardCsv(view: Pick<BoardView, 'data' | 'filters'>): string {
  const header = [
    'Rep',
    'Mission',
    'Metric',
    'Done',
    'Target',
    'Pace',
    'Streak',
    'Best streak',
    'Status',
    'Ends',
  ];
  const lines = [
    header,
    ...shownMissions(view).map(({ rep, mission: m }) => [
      rep.name,
      m.title,
      metricLabel(m.metric, 2),
      m.total,
      m.target,
      m.awayToday ? 'away today' : m.paceLabel,
      m.streakCurrent,
      m.streakBest,
      m.status,
      m.endDate,
    ]),
  ];
  return `\ufeff${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
