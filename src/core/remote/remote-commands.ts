// Carries out a parsed link or command line over the same handlers the tray and the window use,
// and says what happened in one sentence (or a few lines for `status`). Everything that can be
// refused is checked before the one write: a refused request writes nothing.
import type { Invite } from '../../shared/invite.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import { metricLabel } from '../../shared/mission.ts';
import type { MissionToday, TodaySnapshot } from '../../shared/snapshot.ts';
import { MissionTrayError } from '../kernel/errors.ts';
import { localFormat } from '../../shared/local-format.ts';
import { progressLabel } from '../notifications/notification-text.ts';
import { createLinkLimit, type LinkLimit } from './link-limit.ts';
import { parseCommandLine, parseLink } from './remote-request.ts';
import type { Parsed, RemoteOrigin, RemoteRequest } from './remote-request.ts';

export type RemoteAnswer =
  | {
      ok: true;
      /** What the rep reads: a notification's body (links) or stdout (the command line). */
      text: string;
      /** The window to open: on Today, or on this mission's card. */
      open?: { missionId: string | null };
      /** The win just logged, for the shell to offer Undo beside it. */
      logged?: { winId: string; missionId: string };
      /** An invite to show in the window for the rep to confirm or cancel (nothing joined yet). */
      join?: Invite;
    }
  /** `silent`: the rate limit already said so once in this burst. */
  | { ok: false; text: string; silent?: boolean };

export interface RemoteCommandsDeps {
  wins: IpcHandlers['wins'];
  today: () => TodaySnapshot;
  /** Milliseconds, for the link rate limit. */
  now: () => number;
  limit?: LinkLimit;
}

const quote = (title: string) => `“${title}”`;

/** The running mission a rep's words name: its id, its whole title, or a part only it has. */
export function resolveMission(
  missions: readonly MissionToday[],
  query: string,
): Parsed<MissionToday> {
  const byId = missions.find((m) => m.mission.id === query);
  if (byId) return { ok: true, value: byId };
  const wanted = query.trim().toLocaleLowerCase();
  const title = (m: MissionToday) => m.mission.title.toLocaleLowerCase();
  const exact = missions.filter((m) => title(m) === wanted);
  const matches = exact.length > 0 ? exact : missions.filter((m) => title(m).includes(wanted));
  const [only] = matches;
  if (matches.length === 1 && only) return { ok: true, value: only };
  if (matches.length === 0) {
    return {
      ok: false,
      message:
        missions.length === 0
          ? 'There is no active mission to log a win on yet.'
          : `No active mission matches "${query}". Active: ${missions.map((m) => quote(m.mission.title)).join(', ')}.`,
    };
  }
  return {
    ok: false,
    message: `${matches.length} missions match "${query}": ${matches.map((m) => quote(m.mission.title)).join(', ')}. Use more of the title, or the mission's id.`,
  };
}

/** `mission-tray status`: today's milestones, one mission after another. */
export function statusText(snapshot: TodaySnapshot): string {
  if (snapshot.missions.length === 0) return 'No active missions. Create one in Mission Tray.';
  const lines: string[] = [];
  if (snapshot.paused) lines.push('Today is paused: no reminders, the streak is kept.');
  // The rep's convention, as the tray and the notifications write it ("by 5:00 PM").
  const format = localFormat(snapshot.locale, snapshot.timeZone);
  for (const m of snapshot.missions) {
    const unit = metricLabel(m.mission.metric, m.todayTarget);
    lines.push(
      `${m.mission.title}: ${m.todayCount} of ${m.todayTarget} ${unit} today, ${m.pace.label}`,
    );
    for (const milestone of m.milestones) {
      lines.push(
        `  by ${format.deadline(milestone.by)}: ${progressLabel(milestone.count, milestone.target, m.mission.metric, format)}, ${milestone.state.replace('-', ' ')}`,
      );
    }
  }
  if (snapshot.streak.current > 0) {
    lines.push(`Streak: ${snapshot.streak.current} day${snapshot.streak.current === 1 ? '' : 's'}`);
  }
  return lines.join('\n');
}

const refusal = (error: unknown): RemoteAnswer => {
  if (error instanceof MissionTrayError) return { ok: false, text: error.message };
  throw error;
};

export function createRemoteCommands(deps: RemoteCommandsDeps) {
  const limit = deps.limit ?? createLinkLimit();

  async function log(
    request: Extract<RemoteRequest, { kind: 'log' }>,
    origin: RemoteOrigin,
  ): Promise<RemoteAnswer> {
    const found = resolveMission(deps.today().missions, request.mission);
    if (!found.ok) return { ok: false, text: found.message };
    const { mission } = found.value;
    if (request.amount > mission.target) {
      return {
        ok: false,
        text: `${quote(mission.title)} takes at most ${mission.target} ${metricLabel(mission.metric, mission.target)} at once (its whole target).`,
      };
    }
    const snapshot = await deps.wins.log({
      missionId: mission.id,
      amount: request.amount,
      ...(request.note ? { note: request.note } : {}),
      source: origin === 'link' ? 'link' : 'command-line',
    });
    const after = snapshot.missions.find((m) => m.mission.id === mission.id);
    const unit = metricLabel(mission.metric, request.amount);
    const total = after
      ? ` (${progressLabel(after.todayCount, after.todayTarget, mission.metric, localFormat(snapshot.locale, snapshot.timeZone))} today)`
      : '';
    const undo = origin === 'link' ? ' Undo it from the tray menu or the window.' : '';
    return {
      ok: true,
      text: `Logged ${request.amount} ${unit} on ${quote(mission.title)}${total}.${undo}`,
      ...(snapshot.lastWin
        ? { logged: { winId: snapshot.lastWin.id, missionId: mission.id } }
        : {}),
    };
  }

  async function undo(): Promise<RemoteAnswer> {
    const last = deps.today().lastWin;
    await deps.wins.undo(undefined);
    return {
      ok: true,
      text: last ? `Undid ${last.amount} on ${quote(last.missionTitle)}.` : 'Undid the last win.',
    };
  }

  /** One request, parsed. Rejects only on a bug (the shell logs it). */
  async function run(request: RemoteRequest, origin: RemoteOrigin): Promise<RemoteAnswer> {
    try {
      switch (request.kind) {
        case 'log':
          return await log(request, origin);
        case 'undo':
          return await undo();
        case 'status':
          return { ok: true, text: statusText(deps.today()) };
        case 'open': {
          const { missionId } = request;
          if (
            missionId !== null &&
            !deps.today().missions.some((m) => m.mission.id === missionId)
          ) {
            return { ok: false, text: 'That mission is not running any more.' };
          }
          return { ok: true, text: '', open: { missionId } };
        }
        case 'join':
          // The window asks the rep first: a link from any page can only show the invite.
          return {
            ok: true,
            text:
              origin === 'link'
                ? ''
                : `Mission Tray shows the invite to ${request.invite.server} in its window: join or cancel there.`,
            join: request.invite,
          };
      }
    } catch (error) {
      return refusal(error);
    }
  }

  return {
    /**
     * A missiontray:// link, from any web page. The limit comes first, so a page opening bad
     * links in a loop gets one notification, not one per link.
     */
    async link(url: string): Promise<RemoteAnswer> {
      const allowed = limit.take(deps.now());
      if (allowed !== 'ok') {
        return {
          ok: false,
          text: `Too many Mission Tray links at once: more than ${limit.max} in ${limit.windowMs / 1000} seconds. Nothing was done; try again in a minute.`,
          silent: allowed === 'refused-again',
        };
      }
      const parsed = parseLink(url);
      return parsed.ok ? run(parsed.value, 'link') : { ok: false, text: parsed.message };
    },
    /** `mission-tray <words>`: the rep's own command line (a link among them is a link). */
    async commandLine(words: readonly string[]): Promise<RemoteAnswer> {
      const [first = ''] = words;
      if (first.toLowerCase().startsWith('missiontray:')) return this.link(first);
      const parsed = parseCommandLine(words);
      return parsed.ok ? run(parsed.value, 'command-line') : { ok: false, text: parsed.message };
    },
  };
}
