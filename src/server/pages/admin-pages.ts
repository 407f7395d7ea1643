// The accounts' pages as server-rendered HTML, in the board's layout: the admin area (/admin),
// the manager's Team page (/board/team), setting a password through a one-time link and changing
// it. Every value passes through `esc`; no inline script or style (the CSP forbids both). A
// one-time link or invite is rendered only into the answer to the POST that made it.
import { esc, layout, type LayoutSession, when } from '../board-page.ts';
import type { TeamRep } from '../repositories/accounts.ts';
import type { TeamWithManagers } from '../repositories/admin-accounts.ts';
import type { PendingInvite } from '../repositories/invites.ts';

/** The session of an admin, as the layout sees it. */
export const adminLayoutSession = (session: { csrf: string; email: string }): LayoutSession => ({
  csrf: session.csrf,
  email: session.email,
  teamName: null,
  manager: false,
  admin: true,
});

const csrfField = (csrf: string): string =>
  `<input type="hidden" name="csrf" value="${esc(csrf)}">`;

const alert = (message: string | null | undefined, id?: string): string =>
  message ? `<p class="error" role="alert"${id ? ` id="${id}"` : ''}>${esc(message)}</p>` : '';

/** A field's attributes when the form came back with a problem the sentence `id` names. */
const invalidIf = (problem: string | null | undefined, id: string): string =>
  problem ? ` aria-invalid="true" aria-describedby="${id}"` : '';

const notice = (message: string | null | undefined): string =>
  message ? `<p class="notice" role="status">${esc(message)}</p>` : '';

/** A one-line POST form with one button (reset, revoke, remove, withdraw). */
function buttonForm(action: string, csrf: string, label: string, accessibleName: string): string {
  return `<form method="post" action="${esc(action)}" class="inline">${csrfField(csrf)}<button type="submit" aria-label="${esc(accessibleName)}">${esc(label)}</button></form>`;
}

/**
 * A change that cannot be undone, behind a disclosure: the summary names it and whom, the body
 * says what follows, and only its button sends the form. No script: a keyboard opens it with
 * Enter, and an accidental click changes nothing.
 */
function confirmForm(options: {
  action: string;
  csrf: string;
  /** The summary's words ("Remove"); `whom` follows them for screen readers. */
  label: string;
  whom: string;
  explanation: string;
  /** The button's words ("Yes, remove Ann Lee"). */
  confirm: string;
}): string {
  return `<details class="confirm"><summary>${esc(options.label)}<span class="visually-hidden"> ${esc(options.whom)}</span></summary>
<div class="confirm-body"><p>${esc(options.explanation)}</p><form method="post" action="${esc(options.action)}">${csrfField(options.csrf)}<button type="submit">${esc(options.confirm)}</button></form></div></details>`;
}

/**
 * A text to copy, in a read-only field with its label. The first of a page takes the focus: the
 * answer that shows it once was asked for to get it, and a screen reader then reads it out.
 */
function copyField(id: string, label: string, value: string, focus = false): string {
  return `<label for="${id}">${esc(label)}</label>
<input id="${id}" class="copy" type="text" readonly value="${esc(value)}"${focus ? ' autofocus' : ''}>`;
}

// ── Simple pages

/** A page that only says something: not found, not allowed, a link that cannot be used. */
export function renderMessagePage(
  heading: string,
  message: string,
  session: LayoutSession | null,
  link: { href: string; label: string } = session
    ? { href: session.admin ? '/admin' : '/board', label: 'Back' }
    : { href: '/login', label: 'Sign in' },
): string {
  return layout({
    title: `Mission Tray — ${heading.toLowerCase()}`,
    heading,
    session,
    narrow: true,
    body: `<p>${esc(message)}</p>
<p><a href="${esc(link.href)}">${esc(link.label)}</a></p>`,
  });
}

/** A form sent after its session ended (expired, signed out, or the account removed). */
export const renderSignedOutPage = (): string =>
  renderMessagePage(
    'Signed out',
    'You are signed out, so nothing was changed. Sign in and try again.',
    null,
  );

/** `/password/<secret>`: the person the link is for chooses their password. */
export function renderSetPasswordPage(email: string, error: string | null): string {
  return layout({
    title: 'Mission Tray — choose your password',
    heading: 'Choose your password',
    session: null,
    narrow: true,
    body: `<p>For <strong>${esc(email)}</strong>. At least 12 characters; this link works once.</p>
${alert(error, 'password-problem')}
<form method="post">
<input type="text" name="username" autocomplete="username" value="${esc(email)}" hidden>
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required autofocus${invalidIf(error, 'password-problem')}>
<label for="confirm">The same again</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required>
<button type="submit">Set password</button>
</form>`,
  });
}

export function renderPasswordSetPage(email: string): string {
  return layout({
    title: 'Mission Tray — password set',
    heading: 'Your password is set',
    session: null,
    narrow: true,
    body: `<p>Sign in as <strong>${esc(email)}</strong> with your new password.</p>
<p><a href="/login">Sign in</a></p>`,
  });
}

/** `/board/password`: current and new password. */
export function renderChangePasswordPage(
  session: LayoutSession,
  outcome: { error?: string; done?: boolean } = {},
): string {
  return layout({
    title: 'Mission Tray — change your password',
    heading: 'Change your password',
    session,
    narrow: true,
    body: `${alert(outcome.error)}${notice(outcome.done ? 'Your password is changed; your other sessions were signed out.' : null)}
<form method="post" action="/board/password">
${csrfField(session.csrf)}
<input type="text" name="username" autocomplete="username" value="${esc(session.email)}" hidden>
<label for="current">Current password</label>
<input id="current" name="current" type="password" autocomplete="current-password" required autofocus>
<label for="password">New password (at least 12 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
<label for="confirm">The same again</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required>
<button type="submit">Change password</button>
</form>`,
  });
}

// ── /admin

/** A one-time password link just made, shown once in the answer to the POST that made it. */
export interface ShownPasswordLink {
  email: string;
  link: string;
  expiresAt: Date;
  /** "added" (a new manager) or "reset" (a new link; the old password stopped working). */
  why: 'added' | 'reset';
}

export interface AdminPageData {
  session: LayoutSession;
  teams: TeamWithManagers[];
  error?: string | null;
  shown?: ShownPasswordLink | null;
}

function shownLink(shown: ShownPasswordLink): string {
  const what =
    shown.why === 'added'
      ? `${shown.email} can now set their password with this link.`
      : `${shown.email}'s password no longer works and their sessions have ended. They choose a new one with this link.`;
  return `<section class="shown" aria-labelledby="shown-h">
<h2 id="shown-h">One-time password link</h2>
<p role="status">${esc(what)} Send it to them yourself: it is shown only now, works once, and expires ${when(shown.expiresAt.toISOString())}.</p>
${copyField('password-link', 'Password link', shown.link, true)}
</section>`;
}

function teamSection(team: TeamWithManagers, csrf: string): string {
  const managers = team.managers.length
    ? `<ul class="people">${team.managers
        .map(
          (
            m,
          ) => `<li><span class="name">${esc(m.email)}</span>${m.hasPassword ? '' : ' <span class="muted">(password not set yet)</span>'}
<div class="actions">${confirmForm({
            action: `/admin/managers/${m.id}/reset`,
            csrf,
            label: 'New password link',
            whom: `for ${m.email}`,
            explanation: `${m.email}'s password stops working and their sessions end now; you get a one-time link to send them.`,
            confirm: `Yes, make a new link for ${m.email}`,
          })}
${confirmForm({
  action: `/admin/managers/${m.id}/revoke`,
  csrf,
  label: 'Revoke',
  whom: m.email,
  explanation: `${m.email} can no longer sign in, and their sessions end now. ${team.name}'s board and reps stay.`,
  confirm: `Yes, revoke ${m.email}`,
})}</div></li>`,
        )
        .join('\n')}</ul>`
    : '<p class="muted">No managers yet.</p>';
  const id = `team-${esc(team.id)}`;
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${esc(team.name)} <span class="muted">· ${team.reps} ${team.reps === 1 ? 'rep' : 'reps'}</span></h2>
${managers}
<form method="post" action="/admin/managers" class="row">
${csrfField(csrf)}
<input type="hidden" name="teamId" value="${esc(team.id)}">
<label for="${id}-email">Add a manager to ${esc(team.name)} (email)</label>
<input id="${id}-email" name="email" type="email" autocomplete="off" required>
<button type="submit">Add manager</button>
</form>
</section>`;
}

export function renderAdminPage(data: AdminPageData): string {
  const { session } = data;
  return layout({
    title: 'Mission Tray — admin',
    heading: 'Teams and managers',
    session,
    nav: 'admin',
    body: `${alert(data.error)}
${data.shown ? shownLink(data.shown) : ''}
<form method="post" action="/admin/teams" class="row">
${csrfField(session.csrf)}
<label for="team-name">New team's name</label>
<input id="team-name" name="name" type="text" maxlength="100" required>
<button type="submit">Add team</button>
</form>
${data.teams.length ? data.teams.map((t) => teamSection(t, session.csrf)).join('\n') : '<p class="muted">No teams yet. Add the first one above.</p>'}`,
  });
}

// ── /board/team

/** An invite just made, shown once in the answer to the POST that made it. */
export type ShownInvite =
  | { ok: true; repName: string; link: string; code: string; expiresAt: Date }
  | { ok: false; message: string };

export interface TeamPageData {
  session: LayoutSession;
  reps: TeamRep[];
  invites: PendingInvite[];
  /** A fresh id for the next invite form: a repeated POST (a reload) makes no second invite. */
  nonce: string;
  error?: string | null;
  shown?: ShownInvite | null;
  /** What the change just made did (a rename, a removal, a withdrawn invite), in a sentence. */
  done?: string | null;
}

function shownInvite(shown: ShownInvite): string {
  if (!shown.ok) return alert(shown.message);
  return `<section class="shown" aria-labelledby="invite-h">
<h2 id="invite-h">Invite for ${esc(shown.repName)}</h2>
<p role="status">Send ${esc(shown.repName)} this link or code yourself: it is shown only now, works once, and expires ${when(shown.expiresAt.toISOString())}. Opening the link (or pasting the code) in Mission Tray joins the team; nothing else to copy.</p>
${copyField('invite-link', 'Invite link', shown.link, true)}
${copyField('invite-code', 'Invite code', shown.code)}
</section>`;
}

function repRow(rep: TeamRep, team: string, csrf: string, nonce: string): string {
  const id = `rep-${esc(rep.id)}`;
  return `<tr>
<th scope="row"><a href="/board/reps/${esc(rep.id)}">${esc(rep.name)}</a></th>
<td>${rep.lastSeenAt ? when(rep.lastSeenAt) : '<span class="muted">never</span>'}</td>
<td><div class="actions"><details class="rename"><summary>Rename<span class="visually-hidden"> ${esc(rep.name)}</span></summary>
<form method="post" action="/board/team/reps/${esc(rep.id)}/rename" class="confirm-body">${csrfField(csrf)}<label for="${id}-name">New name for ${esc(rep.name)}</label><input id="${id}-name" name="name" type="text" maxlength="100" required value="${esc(rep.name)}"><button type="submit">Save name<span class="visually-hidden"> for ${esc(rep.name)}</span></button></form></details>
<form method="post" action="/board/team/reps/${esc(rep.id)}/reinvite" class="inline">${csrfField(csrf)}<input type="hidden" name="nonce" value="${esc(nonce)}"><button type="submit" aria-label="Re-invite ${esc(rep.name)}">Re-invite</button></form>
${confirmForm({
  action: `/board/team/reps/${rep.id}/remove`,
  csrf,
  label: 'Remove',
  whom: rep.name,
  explanation: `${rep.name}'s app stops syncing at once and their missions leave ${team}'s board. Their app keeps every mission and win.`,
  confirm: `Yes, remove ${rep.name}`,
})}</div></td>
</tr>`;
}

export function renderTeamPage(data: TeamPageData): string {
  const { session, nonce } = data;
  const reps = data.reps.length
    ? `<div class="scroll"><table>
<caption>Reps on ${esc(session.teamName ?? 'the team')}</caption>
<thead><tr><th scope="col">Rep</th><th scope="col">Last sync</th><th scope="col">Change</th></tr></thead>
<tbody>${data.reps.map((r) => repRow(r, session.teamName ?? 'the team', session.csrf, nonce)).join('\n')}</tbody>
</table></div>
<p class="muted">Re-invite a rep whose laptop was replaced: when they join, their old token stops working and their missions stay theirs. Remove takes a rep and their missions off the team.</p>`
    : '<p class="muted">No reps yet. Invite the first one below.</p>';
  const invites = data.invites.length
    ? `<h2>Invites not used yet</h2>
<ul class="people">${data.invites
        .map(
          (i) =>
            `<li><span class="name">${esc(i.repName)}</span> <span class="muted">${i.repId ? 're-invite, ' : ''}expires ${when(i.expiresAt)}</span>
${buttonForm(`/board/team/invites/${i.id}/revoke`, session.csrf, 'Withdraw', `Withdraw the invite for ${i.repName}`)}</li>`,
        )
        .join('\n')}</ul>`
    : '';
  return layout({
    title: 'Mission Tray — team',
    heading: `Team ${session.teamName ?? ''}`.trim(),
    session,
    nav: 'team',
    body: `${alert(data.error)}${notice(data.done)}
${data.shown ? shownInvite(data.shown) : ''}
<h2>Invite a rep</h2>
<form method="post" action="/board/team/invites" class="row">
${csrfField(session.csrf)}
<input type="hidden" name="nonce" value="${esc(nonce)}">
<label for="rep-name">Rep's name</label>
<input id="rep-name" name="name" type="text" maxlength="100" autocomplete="off" required>
<button type="submit">Create invite</button>
</form>
<h2>Reps</h2>
${reps}
${invites}
<p><a href="/board/password">Change your password</a></p>`,
  });
}
