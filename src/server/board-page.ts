// The manager's board as server-rendered HTML. Every value from the database passes through
// `esc`; the page carries no inline script or style, so the CSP can forbid both.
import { format } from 'date-fns';
import { type Metric, type ReflectionReason, metricLabel } from '../shared/mission.ts';
import { type BoardData, type BoardMission, REPS_PER_PAGE } from './repositories/board-reads.ts';

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

const when = (iso: string): string =>
  `<time datetime="${esc(iso)}">${esc(format(new Date(iso), 'd MMM HH:mm'))}</time>`;

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

export function renderLoginPage(error: string | null): string {
  return layout({
    title: 'Mission Tray — sign in',
    heading: 'Team board',
    session: null,
    narrow: true,
    body: `<p>Sign in to see your team.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
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

const rate = (hit: number, due: number): string =>
  due === 0
    ? '<span class="muted">—</span>'
    : `${Math.round((hit / due) * 100)}% <span class="muted">(${hit}/${due})</span>`;

/** The part of the board that refreshes itself. */
export function renderBoardContent(data: BoardData): string {
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

  const rows = data.reps
    .flatMap((rep) =>
      rep.missions.map(
        (m) =>
          `<tr><th scope="row">${esc(rep.name)}</th><td>${esc(m.title)}</td><td>${progressCell(m)}</td><td>${paceCell(m)}</td><td>${m.streakCurrent} <span class="muted">(best ${m.streakBest})</span></td><td>${esc(m.status)}</td><td>${esc(m.endDate)}</td></tr>`,
      ),
    )
    .join('\n');

  const rates = data.reps
    .map(
      (rep) =>
        `<tr><th scope="row">${esc(rep.name)}</th>${rep.weeks.map((w) => `<td>${rate(w.hit, w.due)}</td>`).join('')}</tr>`,
    )
    .join('\n');

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
            i + 1 === data.page
              ? `<li><a href="/board?page=${i + 1}" aria-current="page">${i + 1}</a></li>`
              : `<li><a href="/board?page=${i + 1}">${i + 1}</a></li>`,
        ).join('')}</ul></nav>`
      : '';

  return `<p class="updated">Updated ${when(data.generatedAt)}</p>
<section aria-labelledby="behind-h"><h2 id="behind-h">Behind pace today</h2>${behind}</section>
<section aria-labelledby="coaching-h"><h2 id="coaching-h">Coaching moments</h2>${coaching}</section>
<section aria-labelledby="missions-h"><h2 id="missions-h">Missions</h2>${pager}
<table><thead><tr><th scope="col">Rep</th><th scope="col">Mission</th><th scope="col">Progress</th><th scope="col">Pace</th><th scope="col">Streak</th><th scope="col">Status</th><th scope="col">Ends</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No public missions yet.</td></tr>'}</tbody></table></section>
<section aria-labelledby="rates-h"><h2 id="rates-h">Milestones hit, last ${data.weeks.length} weeks</h2>
<table><thead><tr><th scope="col">Rep</th>${data.weeks.map((w) => `<th scope="col">Week of ${esc(w)}</th>`).join('')}</tr></thead>
<tbody>${rates}</tbody></table></section>
<section aria-labelledby="feed-h"><h2 id="feed-h">Recent wins</h2>${feed}</section>`;
}

export function renderBoardPage(data: BoardData, session: LayoutSession): string {
  return layout({
    title: `Team board — ${data.team}`,
    session,
    nav: 'board',
    body: `<div id="board" data-refresh-seconds="30">
${renderBoardContent(data)}
</div>`,
  });
}
