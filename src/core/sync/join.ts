// Joining a team with a manager's invite (docs/PROTOCOL.md, "Joining a team"): the link or code
// read by the invite's one parser, the invite previewed on its server for the rep to confirm
// (team, server, what is shared), then exchanged for the rep's own token, which goes straight to
// the secret store and into sync as a hand-typed token would: it never comes back out, nor into
// a log. Every refusal is one sentence and changes nothing; the exchange is the only step that
// uses the invite up, and everything that could refuse afterwards is checked before it.
import { MissionTrayError } from '../kernel/errors.ts';
import { TOKEN_SECRET, teamApiUrl } from './account.ts';
import { serverMessage } from './http-status.ts';
import type { HttpPort, HttpResponse, SecretStorePort, SyncSettingsPort } from './sync-ports.ts';
import type { SyncSource } from './team-state.ts';
import {
  type Invite,
  InvitePreview,
  type JoinBody,
  JoinResult,
  inviteLink,
  parseInvite,
} from '../../shared/invite.ts';
import type { JoinInput, JoinPreview, SyncStatus } from '../../shared/team.ts';

export interface JoinDeps {
  http: HttpPort;
  secrets: SecretStorePort;
  settings: SyncSettingsPort;
  source: SyncSource;
  /** The sync engine's configure: stores the token and turns sync on for the server. */
  configure(input: { endpoint: string; token: string; team: string }): Promise<SyncStatus>;
  timeoutMs: number;
  log: (message: string, detail?: unknown) => void;
}

const unreachable = (server: string) =>
  `The team server ${server} could not be reached. Check your connection and try again.`;

export function createJoin(deps: JoinDeps) {
  const { log } = deps;
  /** The invite a link brought that the rep has not answered yet. */
  let waiting: Invite | null = null;

  function inviteOf(input: JoinInput): Invite {
    const parsed = parseInvite(input.invite);
    if (!parsed.ok) throw new MissionTrayError('invalid', parsed.message, { path: ['invite'] });
    return parsed.value;
  }

  /** One unauthenticated call about the invite; the server's sentence when it refuses. */
  async function ask(
    invite: Invite,
    request: { method: 'GET'; segments: string[] } | { method: 'POST'; body: JoinBody },
  ): Promise<unknown> {
    const url = teamApiUrl(invite.server, request.method === 'GET' ? request.segments : ['join']);
    let res: HttpResponse;
    try {
      res = await deps.http.request({
        method: request.method,
        url,
        ...(request.method === 'POST' ? { body: request.body } : {}),
        timeoutMs: deps.timeoutMs,
      });
    } catch (error) {
      log(`could not reach ${invite.server} about an invite`, error);
      throw new MissionTrayError('internal', unreachable(invite.server));
    }
    if (res.status >= 200 && res.status < 300) return res.body;
    // Unknown (404), used, expired or withdrawn (410), too many tries (429): the server says which.
    if (res.status === 404 || res.status === 410 || res.status === 429)
      throw new MissionTrayError(res.status === 404 ? 'not-found' : 'invalid', serverMessage(res));
    throw new MissionTrayError(
      'internal',
      `The team server ${invite.server} could not take the invite (${serverMessage(res)}). Try again in a moment.`,
    );
  }

  /** The team the rep is on now, if sync was ever set up with a token. */
  async function current(): Promise<JoinPreview['current']> {
    const settings = deps.settings.read();
    if (!settings.endpoint || !(await deps.secrets.get(TOKEN_SECRET))) return null;
    return { endpoint: settings.endpoint, team: settings.team ?? null };
  }

  return {
    /** Whom the invite is for, on which server, and what joining would share. Uses nothing up. */
    async preview(input: JoinInput): Promise<JoinPreview> {
      const invite = inviteOf(input);
      const body = await ask(invite, { method: 'GET', segments: ['invites', invite.secret] });
      const parsed = InvitePreview.safeParse(body);
      if (!parsed.success) {
        log('unexpected invite preview', parsed.error.issues);
        throw new MissionTrayError(
          'internal',
          `${invite.server} answered in a way this app does not understand; ask your manager which app version the team uses.`,
        );
      }
      const shares = (await deps.source.candidates())
        .filter((c) => c.shareable)
        .map((c) => c.title);
      return {
        server: invite.server,
        team: parsed.data.team.name,
        rep: parsed.data.rep.name,
        expiresAt: parsed.data.expiresAt,
        shares,
        current: await current(),
      };
    },

    /** The rep said Join: the invite is exchanged for their token and sync turns on there. */
    async accept(input: JoinInput): Promise<SyncStatus> {
      const invite = inviteOf(input);
      // Checked before the exchange, which uses the invite up: a token that cannot be kept
      // safely must not be asked for.
      const unavailable = await deps.secrets.unavailableReason();
      if (unavailable) throw new MissionTrayError('forbidden', unavailable);
      const body = await ask(invite, { method: 'POST', body: { secret: invite.secret } });
      const parsed = JoinResult.safeParse(body);
      if (!parsed.success) {
        // Only where it failed: the body may hold the token.
        log(
          'unexpected join answer',
          parsed.error.issues.map((i) => i.path.join('.')),
        );
        throw new MissionTrayError(
          'internal',
          `${invite.server} answered the invite in a way this app does not understand; ask your manager for a new invite.`,
        );
      }
      const { token, team } = parsed.data;
      let status: SyncStatus;
      try {
        status = await deps.configure({ endpoint: invite.server, token, team: team.name });
      } catch (error) {
        log('could not keep the token from an invite', error instanceof Error ? error.name : '');
        throw new MissionTrayError(
          'storage',
          `Mission Tray could not keep your access to ${team.name} on this computer, so the invite is used up. Ask your manager for a new one.`,
        );
      }
      waiting = null;
      return status;
    },

    /** A link brought an invite: kept until the window's confirm screen answers it. */
    offer(invite: Invite): void {
      waiting = invite;
    },

    /** The invite waiting for the rep's answer, as the window passes it back. */
    pending(): JoinInput | null {
      return waiting ? { invite: inviteLink(waiting.server, waiting.secret) } : null;
    },

    /** Cancel on the confirm screen: the invite is forgotten, nothing was stored. */
    dismiss(): void {
      waiting = null;
    },
  };
}

export type Join = ReturnType<typeof createJoin>;
