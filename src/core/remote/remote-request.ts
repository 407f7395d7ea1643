// What a `missiontray://` link or a `mission-tray <command>` line asks for. Both arrive as strings
// from outside the app (any web page can open a link), so both become one RemoteCall — a route
// name and its string parameters — and one zod parse turns that into a RemoteRequest or one
// sentence saying what is wrong. A new link is one entry in `routes`, not a new branch.
import { z } from 'zod';
import { type Invite, parseInvite } from '../../shared/invite.ts';
import { firstIssue, WinNote } from '../../shared/mission.ts';

/** Where a request came from: a link from any web page, or the rep's own command line. */
export const RemoteOrigin = z.enum(['link', 'command-line']);
export type RemoteOrigin = z.infer<typeof RemoteOrigin>;

export const LINK_SCHEME = 'missiontray';
/** Longer links are refused unread: no real link of ours comes near it. */
export const MAX_LINK_LENGTH = 2048;

export type RemoteRequest =
  | { kind: 'log'; mission: string; amount: number; note?: string }
  | { kind: 'undo' }
  | { kind: 'status' }
  | { kind: 'open'; missionId: string | null }
  /** An invite to a team: only ever shown for the rep to confirm, never joined by itself. */
  | { kind: 'join'; invite: Invite };

/** A route name ('log', 'open/today', 'open/mission') and its parameters, all strings. */
export const RemoteCall = z.object({
  origin: RemoteOrigin,
  route: z.string().max(200),
  params: z.record(z.string(), z.string().max(MAX_LINK_LENGTH)),
});
export type RemoteCall = z.infer<typeof RemoteCall>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MissionQuery = z
  .string({ error: 'Say which mission: its title (or part of it) or its id' })
  .trim()
  .min(1, { error: 'Say which mission: its title (or part of it) or its id' })
  .max(200, { error: 'That mission name is too long' });

// The amount's upper bound is the mission's own target, checked once the mission is known
// (remote-commands.ts); here only its form.
const AmountText = z
  .string()
  .regex(/^\d{1,6}$/, { error: 'The amount must be a whole number, like 2' })
  .transform(Number)
  .pipe(z.number().min(1, { error: 'The amount must be at least 1' }));

interface Route {
  /** Who may call it. A link can come from any web page: it may log and open, never take back. */
  from: readonly RemoteOrigin[];
  /** Its parameters, strict: an unknown one is a typo the rep should hear about. */
  params: z.ZodType<RemoteRequest>;
  /** For the refusal when a link asks for it. */
  linkRefusal?: string;
}

const INCOMPLETE_INVITE =
  'That invite link is incomplete: it needs the server and the code. Copy the whole link again.';

const noParams = <R extends RemoteRequest>(request: R) =>
  z.strictObject({}).transform((): RemoteRequest => request);

export const routes: Record<string, Route> = {
  log: {
    from: ['link', 'command-line'],
    params: z
      .strictObject({
        mission: MissionQuery,
        amount: AmountText.optional(),
        note: WinNote.optional(),
      })
      .transform(({ mission, amount, note }): RemoteRequest => ({
        kind: 'log',
        mission,
        amount: amount ?? 1,
        ...(note ? { note } : {}),
      })),
  },
  undo: {
    from: ['command-line'],
    params: noParams({ kind: 'undo' }),
    linkRefusal: 'A link cannot undo a win. Use Undo in the tray menu or the window.',
  },
  status: {
    from: ['command-line'],
    params: noParams({ kind: 'status' }),
    linkRefusal: 'A link cannot read your missions. Open Mission Tray to see them.',
  },
  'open/today': {
    from: ['link', 'command-line'],
    params: noParams({ kind: 'open', missionId: null }),
  },
  'open/mission': {
    from: ['link', 'command-line'],
    params: z
      .strictObject({
        id: z.string().regex(/^[\w-]{1,64}$/, { error: 'That is not a mission id' }),
      })
      .transform(({ id }): RemoteRequest => ({ kind: 'open', missionId: id })),
  },
  // missiontray://join?server=<origin>&code=<secret>, read by the invite's own parser (the same
  // one the pasted code goes through), so a link and a code are refused in the same words.
  join: {
    from: ['link', 'command-line'],
    params: z
      .strictObject({
        server: z.string({ error: INCOMPLETE_INVITE }),
        code: z.string({ error: INCOMPLETE_INVITE }),
      })
      .transform(({ server, code }, ctx): RemoteRequest => {
        const parsed = parseInvite(
          `${LINK_SCHEME}://join?server=${encodeURIComponent(server)}&code=${encodeURIComponent(code)}`,
        );
        if (parsed.ok) return { kind: 'join', invite: parsed.value };
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }),
  },
};

/** The one parser: a route and its parameters to a request, or what is wrong in one sentence. */
export function parseRemoteCall(input: unknown): Parsed<RemoteRequest> {
  const call = RemoteCall.safeParse(input);
  if (!call.success) return { ok: false, message: 'That request could not be read.' };
  const { origin, route: name, params } = call.data;
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (!route) {
    return origin === 'link'
      ? { ok: false, message: `Mission Tray has no link "${LINK_SCHEME}://${name}".` }
      : { ok: false, message: `Unknown command "${name}". Commands: ${COMMANDS.join(', ')}.` };
  }
  if (!route.from.includes(origin)) {
    return { ok: false, message: route.linkRefusal ?? 'That is not allowed from a link.' };
  }
  const parsed = route.params.safeParse(params);
  if (!parsed.success) {
    // A mistyped option first: "--mision" also leaves the mission missing, but the typo is the news.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
    if (issue?.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      const shown = origin === 'link' ? `"${key}"` : `--${key}`;
      return { ok: false, message: `Unknown option ${shown} for ${name}.` };
    }
    return { ok: false, message: firstIssue(parsed.error) };
  }
  return { ok: true, value: parsed.data };
}

/** The command line's verbs, as `mission-tray <verb>` takes them. */
export const COMMANDS = ['log', 'undo', 'status', 'join'] as const;

/** Paths with an id after the route: `open/mission/<id>`. */
const ID_ROUTES = ['open/mission'];

/** A `missiontray://…` link as a RemoteCall (not yet checked beyond its form). */
export function linkCall(link: string): Parsed<RemoteCall> {
  const bad = { ok: false, message: 'That Mission Tray link is not valid.' } as const;
  if (link.length > MAX_LINK_LENGTH) return bad;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return bad;
  }
  if (url.protocol !== `${LINK_SCHEME}:`) return bad;
  // missiontray://log?… has the route as its host; missiontray:log?… as its path.
  let segments: string[];
  try {
    segments = `${url.host}/${url.pathname}`
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return bad;
  }
  const joined = segments.join('/').toLowerCase();
  const idRoute = ID_ROUTES.find((r) => joined.startsWith(`${r}/`));
  const params: Record<string, string> = {};
  let route = joined;
  if (idRoute) {
    route = idRoute;
    params['id'] = segments.slice(idRoute.split('/').length).join('/');
  }
  for (const [key, value] of url.searchParams) {
    if (Object.hasOwn(params, key)) {
      return { ok: false, message: `The link says "${key}" twice; say it once.` };
    }
    params[key] = value;
  }
  return { ok: true, value: { origin: 'link', route, params } };
}

/**
 * `log --mission "Book 10 meetings" --amount 2` (also `--mission=…`) as a RemoteCall. `args` are
 * the rep's own words after the executable. A missiontray:// link as the only word is a link
 * (the OS starts the app so on Windows and Linux).
 */
export function commandLineCall(args: readonly string[]): Parsed<RemoteCall> {
  const [verb = '', ...rest] = args;
  if (verb.toLowerCase().startsWith(`${LINK_SCHEME}:`)) return linkCall(verb);
  const params: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const option = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(word);
    if (!option?.[1]) {
      return { ok: false, message: `Unexpected "${word}". Options look like --mission "Title".` };
    }
    const key = option[1];
    let value = option[2];
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) {
        return { ok: false, message: `--${key} needs a value.` };
      }
      i++;
    }
    if (Object.hasOwn(params, key)) {
      return { ok: false, message: `--${key} is given twice; give it once.` };
    }
    params[key] = value;
  }
  return { ok: true, value: { origin: 'command-line', route: verb.toLowerCase(), params } };
}

/**
 * The rep's words on the command line: what follows the executable (and, unpackaged, the app's
 * folder: `electron . status`). Chromium's own switches that Electron may add go first and are
 * never a command, so words up to the first one that is not a switch are skipped.
 */
export function commandWords(argv: readonly string[], packaged: boolean): string[] {
  const words = argv.slice(packaged ? 1 : 2);
  const link = words.find((w) => w.toLowerCase().startsWith(`${LINK_SCHEME}:`));
  if (link) return [link];
  const first = words.findIndex((w) => !w.startsWith('--'));
  return first === -1 ? [] : words.slice(first);
}

/** Parses either form into a request: the one path both take. */
export function parseLink(link: string): Parsed<RemoteRequest> {
  const call = linkCall(link);
  return call.ok ? parseRemoteCall(call.value) : call;
}

export function parseCommandLine(args: readonly string[]): Parsed<RemoteRequest> {
  const call = commandLineCall(args);
  return call.ok ? parseRemoteCall(call.value) : call;
}
