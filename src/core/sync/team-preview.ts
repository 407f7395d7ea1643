// "See what your team will see": what the team endpoint receives for a mission, built by the very
// functions the sync engine sends with (the sync source's candidates, upsertOf, upsertBody), for a
// saved mission, for every mission sync sends, or for the form's draft as it would be saved.
import type { ClockPort } from '../kernel/ports.ts';
import { localDateOf } from '../kernel/time.ts';
import { draftedMission } from '../missions/drafted-mission.ts';
import { missionNotFound } from '../missions/rules.ts';
import { teamApiUrl } from './account.ts';
import type { SyncDoc } from './outbox.ts';
import { upsertOf } from './outbox.ts';
import { upsertBody } from './push.ts';
import type { SyncSettingsPort } from './sync-ports.ts';
import type { SyncCandidate, SyncSource } from './team-state.ts';
import type { ParsedMissionDraft } from '../../shared/mission.ts';
import type { TeamPreview, TeamPreviewItem } from '../../shared/team.ts';

/** What the preview asks for, parsed (TeamPreviewInput at the IPC boundary). */
export type TeamPreviewRequest =
  | { of: 'mission'; missionId: string }
  | { of: 'draft'; missionId: string | null; draft: ParsedMissionDraft }
  | { of: 'public' };

export interface TeamPreviewDeps {
  source: SyncSource;
  /** The server's acknowledgements, for the revision the next upsert carries. */
  acks(): Promise<SyncDoc>;
  settings: SyncSettingsPort;
  clock: ClockPort;
}

/** A draft's stand-in id while it has none: not an id the app gives (those are UUIDs). */
const DRAFT_ID = '(draft)';

export function createTeamPreview(deps: TeamPreviewDeps) {
  return async function preview(request: TeamPreviewRequest): Promise<TeamPreview> {
    const { enabled, endpoint } = deps.settings.read();
    const urlOf = (id: string) => (endpoint ? teamApiUrl(endpoint, ['missions', id]) : null);
    const doc = await deps.acks();

    let asked: SyncCandidate[];
    let draftOf: string | null | undefined;
    if (request.of === 'draft') {
      const now = deps.clock.now();
      const today = localDateOf(now, deps.clock.timeZone());
      const id = request.missionId ?? DRAFT_ID;
      draftOf = request.missionId;
      const all = await deps.source.whatIf((live) => {
        const base = request.missionId ? live.find((m) => m.id === request.missionId) : null;
        if (base === undefined) throw missionNotFound();
        return draftedMission(request.draft, base, { id, now: now.toISOString(), today });
      });
      asked = all.filter((c) => c.id === id);
    } else {
      const all = await deps.source.candidates();
      if (request.of === 'public') asked = all;
      else {
        asked = all.filter((c) => c.id === request.missionId);
        if (asked.length === 0) throw missionNotFound();
      }
    }

    const missions: TeamPreviewItem[] = [];
    for (const c of asked) {
      const ack = doc.missions[c.id];
      // A private or archived mission has no state at all; a refused one is never sent here.
      if (!c.shareable || !c.state || ack?.refused) continue;
      const op = upsertOf(c, c.state, ack);
      // Already acknowledged: the server holds this state at the revision it acknowledged.
      const body = upsertBody(
        ack?.held && ack.hash === op.hash ? { ...op, revision: ack.revision } : op,
      );
      missions.push(
        draftOf === undefined
          ? { missionId: c.id, url: urlOf(c.id), body, reflectionKept: c.reflectionKept }
          : {
              missionId: draftOf,
              url: draftOf ? urlOf(draftOf) : null,
              // Saving numbers the change anew.
              body: { ...body, revision: null },
              reflectionKept: c.reflectionKept,
            },
      );
    }
    return {
      sync: { enabled, endpoint },
      missions,
      keptPrivate: asked.filter((c) => !c.shareable).length,
    };
  };
}
