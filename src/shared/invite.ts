// A rep's invite to a team (docs/PROTOCOL.md, "Joining a team"): the one-time link and code a
// manager hands out, and the two calls the app makes with it. The link and the code carry the
// same two things — the server's origin and a one-time secret — so one parser reads both, and the
// server and the app build and check them with the same code.
import { z } from 'zod';
import { Instant } from './mission.ts';
import { TeamId } from './team.ts';

/** The scheme of the app's links (`missiontray://join?…`). */
const SCHEME = 'missiontray:';
/** The code's version prefix: `MT1-<secret>@<server>`. */
export const INVITE_CODE_PREFIX = 'MT1-';
/** How long an invite can be used after it is made. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Longer text is not an invite; nothing past this is read. */
const MAX_INVITE_TEXT = 2048;

/** 24 random bytes as base64url: 32 characters, stored on the server only as their SHA-256. */
export const InviteSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32}$/, { error: 'An invite secret is 32 letters, digits, "-" or "_".' });

/** `POST <prefix>/join`. */
export const JoinBody = z.strictObject({ secret: InviteSecret });
export type JoinBody = z.infer<typeof JoinBody>;

const DisplayName = z.string().min(1).max(200);

/** `GET <prefix>/invites/<secret>`: who the invite is for, without using it. */
export const InvitePreview = z.strictObject({
  team: z.strictObject({ name: DisplayName }),
  rep: z.strictObject({ name: DisplayName }),
  expiresAt: Instant,
});
export type InvitePreview = z.infer<typeof InvitePreview>;

/** `POST <prefix>/join` → 201: the rep's own token, kept by the app and never shown. */
export const JoinResult = z.strictObject({
  token: z.string().min(16).max(200),
  rep: z.strictObject({ id: TeamId, name: DisplayName }),
  team: z.strictObject({ name: DisplayName }),
});
export type JoinResult = z.infer<typeof JoinResult>;

/** The answers to an invite that cannot be used (404 for the first, 410 for the others). */
export const INVITE_ERRORS = {
  unknown:
    'This invite is not known to the team server. Check that you copied all of it, or ask your manager for a new one.',
  used: 'This invite was already used. Ask your manager to invite you again.',
  expired: 'This invite has expired (invites last 7 days). Ask your manager for a new one.',
  revoked: 'This invite was withdrawn by your manager. Ask them for a new one.',
} as const;
export type InviteProblem = keyof typeof INVITE_ERRORS;

/**
 * What every API call with a revoked rep's token answers (401), distinct from an unknown token's
 * sentence, so the app can say that the team's access was removed and stop syncing.
 */
export const REP_REVOKED_ERROR = "This rep's access was removed by the team's manager.";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Invite {
  /** The team server's origin, e.g. `https://team.example.com` or `http://127.0.0.1:8787`. */
  server: string;
  secret: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

const NOT_AN_INVITE =
  'That is not a Mission Tray invite. Paste the whole link or code (it starts with MT1-) your manager gave you.';
const BAD_SECRET =
  'That invite is incomplete or mistyped. Copy it again from your manager, all of it.';
const BAD_SERVER =
  'That invite names a team server Mission Tray will not join: it must use https:// (plain http only on this computer).';

/** The server's origin, or the sentence saying why an invite may not name it. */
function serverOrigin(text: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: BAD_SERVER };
  }
  const bare =
    url.username === '' &&
    url.password === '' &&
    (url.pathname === '/' || url.pathname === '') &&
    url.search === '' &&
    url.hash === '';
  const allowed =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!bare || !allowed) return { ok: false, message: BAD_SERVER };
  return { ok: true, value: url.origin };
}

/** The sentence saying why `server` cannot be put in an invite, or null when it can. */
export function inviteServerProblem(server: string): string | null {
  const origin = serverOrigin(server);
  return origin.ok ? null : origin.message;
}

function invite(server: string, secret: string): Parsed<Invite> {
  if (!InviteSecret.safeParse(secret).success) return { ok: false, message: BAD_SECRET };
  const origin = serverOrigin(server);
  return origin.ok ? { ok: true, value: { server: origin.value, secret } } : origin;
}

function parseLink(text: string): Parsed<Invite> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: NOT_AN_INVITE };
  }
  // missiontray://join?… has the route as its host; missiontray:join?… as its path.
  const route = `${url.host}/${url.pathname}`.split('/').filter((s) => s !== '');
  if (route.length !== 1 || route[0]?.toLowerCase() !== 'join')
    return { ok: false, message: NOT_AN_INVITE };
  const servers = url.searchParams.getAll('server');
  const codes = url.searchParams.getAll('code');
  if (servers.length !== 1 || codes.length !== 1) return { ok: false, message: BAD_SECRET };
  return invite(servers[0] ?? '', codes[0] ?? '');
}

function parseCode(text: string): Parsed<Invite> {
  const rest = text.slice(INVITE_CODE_PREFIX.length);
  const at = rest.indexOf('@');
  if (at < 0) return { ok: false, message: BAD_SECRET };
  const host = rest.slice(at + 1);
  return invite(host.includes('://') ? host : `https://${host}`, rest.slice(0, at));
}

/**
 * Reads an invite as the rep pasted or opened it: the `missiontray://join?server=…&code=…` link or
 * the `MT1-<secret>@<server>` code. Spaces and line breaks (a link wrapped in an email) are
 * ignored. Nothing here contacts the server.
 */
export function parseInvite(text: string): Parsed<Invite> {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > MAX_INVITE_TEXT)
    return { ok: false, message: NOT_AN_INVITE };
  if (compact.toLowerCase().startsWith(SCHEME)) return parseLink(compact);
  if (compact.toUpperCase().startsWith(INVITE_CODE_PREFIX)) return parseCode(compact);
  return { ok: false, message: NOT_AN_INVITE };
}

function checked(server: string, secret: string): Invite {
  const parsed = invite(server, secret);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** `missiontray://join?server=<origin>&code=<secret>`; throws on a server an invite may not name. */
export function inviteLink(server: string, secret: string): string {
  const value = checked(server, secret);
  return `missiontray://join?server=${encodeURIComponent(value.server)}&code=${value.secret}`;
}

/** `MT1-<secret>@team.example.com` (https implied) or `MT1-<secret>@http://127.0.0.1:8787`. */
export function inviteCode(server: string, secret: string): string {
  const value = checked(server, secret);
  const where = value.server.startsWith('https://')
    ? value.server.slice('https://'.length)
    : value.server;
  return `${INVITE_CODE_PREFIX}${value.secret}@${where}`;
}
