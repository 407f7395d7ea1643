// The Team view's calls to the team server: the team and a cheer. Not sync: they send nothing of
// the rep's and need only sync's endpoint and token.
import { MissionTrayError } from '../kernel/errors.ts';
import { TOKEN_SECRET, teamApiUrl } from './account.ts';
import { teamOutcome } from './http-status.ts';
import type { HttpPort, HttpResponse, SecretStorePort, SyncSettingsPort } from './sync-ports.ts';
import { revokedMessage } from '../../shared/team-access.ts';
import { CheerResult, TeamView } from '../../shared/team.ts';

/** What a call to the team server needs: the way out, the account, and how long to wait. */
export interface TeamCallDeps {
  http: HttpPort;
  secrets: SecretStorePort;
  settings: SyncSettingsPort;
  timeoutMs: number;
  log: (message: string, detail?: unknown) => void;
}

export function createTeamClient(
  deps: TeamCallDeps & {
    /** The server said the team's manager removed this rep (sync stops). */
    onRevoked(): Promise<void>;
  },
) {
  const { log } = deps;

  async function requireToken(): Promise<{ endpoint: string; token: string }> {
    const { endpoint, revoked } = deps.settings.read();
    // The server would refuse it: said here, without asking again.
    if (revoked) throw new MissionTrayError('forbidden', revokedMessage(deps.settings.read()));
    const token = await deps.secrets.get(TOKEN_SECRET);
    if (!deps.settings.read().enabled || !endpoint || !token)
      throw new MissionTrayError('invalid', 'Turn on team sync in Preferences to see your team.');
    return { endpoint, token };
  }

  async function call(method: 'GET' | 'POST', segments: readonly string[]): Promise<unknown> {
    const { endpoint, token } = await requireToken();
    const url = teamApiUrl(endpoint, segments);
    let res: HttpResponse;
    try {
      res = await deps.http.request({ method, url, token, timeoutMs: deps.timeoutMs });
    } catch (error) {
      log('team request failed', error);
      throw new MissionTrayError(
        'internal',
        'The team server could not be reached. Try again in a moment.',
      );
    }
    const outcome = teamOutcome(res);
    if (outcome.kind === 'revoked') {
      await deps.onRevoked();
      throw new MissionTrayError('forbidden', revokedMessage(deps.settings.read()));
    }
    if (outcome.kind === 'error') throw new MissionTrayError(outcome.code, outcome.message);
    return outcome.body;
  }

  return {
    async team(): Promise<TeamView> {
      const parsed = TeamView.safeParse(await call('GET', ['team']));
      if (!parsed.success) {
        log('unexpected team view', parsed.error);
        throw new MissionTrayError(
          'internal',
          'The team server sent a team this app does not understand.',
        );
      }
      return parsed.data;
    },

    async cheer(missionId: string): Promise<number> {
      const parsed = CheerResult.safeParse(await call('POST', ['missions', missionId, 'cheers']));
      if (!parsed.success)
        throw new MissionTrayError('internal', 'The team server sent an odd answer.');
      return parsed.data.cheers;
    },
  };
}
