// Pushing the outbox: one operation sent to the team server, its answer recorded in the sync
// document for the account it was sent to, and the withdrawals a switch to another server sends
// first. A failure is thrown as what it means for the run (PassFailed, Refused).
import type { ClockPort, DocPort, StorePort } from '../kernel/ports.ts';
import { type Account, TOKEN_SECRET, accountOf, sameAccount, teamApiUrl } from './account.ts';
import type { PassFailure } from './backoff.ts';
import { UNREACHABLE, UNREADABLE, writeOutcome } from './http-status.ts';
import {
  acknowledgementOf,
  type Operation,
  type SyncDoc,
  syncDocSpec,
  withdrawalsOfHeld,
} from './outbox.ts';
import type { HttpRequest, HttpResponse } from './sync-ports.ts';
import type { TeamCallDeps } from './team-client.ts';
import type { UpsertMissionBody, WriteResult } from '../../shared/team.ts';

/** A pass ends here: the sync stops or retries, as `failure` says. */
export class PassFailed extends Error {
  readonly failure: Exclude<PassFailure, { kind: 'local' }>;
  constructor(failure: Exclude<PassFailure, { kind: 'local' }>) {
    super(failure.message);
    this.failure = failure;
  }
}
/** One mission refused for good; the others go on. */
export class Refused extends Error {}
/** The team's manager removed this rep: the pass ends and sync stops until they join again. */
export class Revoked extends Error {}

/** The body of an upsert's PUT: what the team endpoint receives, and what the preview shows. */
export const upsertBody = (op: Extract<Operation, { kind: 'upsert' }>): UpsertMissionBody => ({
  revision: op.revision,
  state: op.state,
});

const retry = (message: string, retryAfter: string | null) =>
  new PassFailed({ kind: 'network', message, retryAfter });

export function createPush(deps: TeamCallDeps & { store: StorePort; clock: ClockPort }) {
  const { log } = deps;
  const docPromise = deps.store.open('sync', syncDocSpec);
  let lastSuccessAt: string | null = null;

  async function send(op: Operation, endpoint: string, token: string): Promise<WriteResult> {
    const segments = ['missions', op.id];
    const request: HttpRequest =
      op.kind === 'upsert'
        ? {
            method: 'PUT',
            url: teamApiUrl(endpoint, segments),
            token,
            body: upsertBody(op),
            timeoutMs: deps.timeoutMs,
          }
        : {
            method: 'DELETE',
            url: teamApiUrl(endpoint, segments, { revision: op.revision }),
            token,
            timeoutMs: deps.timeoutMs,
          };
    let res: HttpResponse;
    try {
      res = await deps.http.request(request);
    } catch (error) {
      log(`could not reach ${endpoint}`, error);
      throw retry(UNREACHABLE, null);
    }
    const outcome = writeOutcome(res, op);
    switch (outcome.kind) {
      case 'written':
        return outcome.result;
      case 'unreadable':
        log('unexpected answer from the team server', res.body);
        throw retry(UNREADABLE, null);
      case 'retry':
        throw retry(outcome.message, outcome.retryAfter);
      case 'refused':
        throw new Refused(outcome.message);
      case 'stop':
        throw new PassFailed({ kind: 'stop', message: outcome.message });
      case 'revoked':
        throw new Revoked(`${endpoint} removed this rep's access`);
    }
  }

  /**
   * Makes the acknowledgements those of `account`. Another server or another rep holds none of
   * what the previous one acknowledged, so everything public is sent again. `configure` withdraws
   * from the previous account first; this also covers a switch a crash cut short, and settings
   * changed behind the app's back.
   */
  async function adopt(doc: DocPort<SyncDoc>, account: Account): Promise<void> {
    if (sameAccount(doc.data, account)) return;
    await doc.update((d) => ({ ...d, ...account, missions: {}, lastSuccessAt: null }));
    lastSuccessAt = null;
  }

  /**
   * Records the server's answer (null: refused for good), if the acknowledgements are still
   * `account`'s; true if the server is ahead of us.
   */
  async function acknowledge(
    doc: DocPort<SyncDoc>,
    account: Account,
    op: Operation,
    result: WriteResult | null,
  ): Promise<boolean> {
    const { ack, behind } = acknowledgementOf(op, result);
    const at = deps.clock.now().toISOString();
    await doc.update((d) =>
      sameAccount(d, account)
        ? {
            ...d,
            lastSuccessAt: result ? at : d.lastSuccessAt,
            missions: { ...d.missions, [op.id]: ack },
          }
        : d,
    );
    lastSuccessAt = doc.data.lastSuccessAt;
    return behind;
  }

  /**
   * Best effort, before a switch: asks the previous server to drop every mission it holds of this
   * rep, while its token is still at hand, one at a time until one fails (unreachable, refused).
   * Each withdrawal is recorded, so a switch cut short by a crash resumes the old sync faithfully.
   * Returns how many the previous server still holds.
   */
  async function withdrawAll(
    doc: DocPort<SyncDoc>,
    endpoint: string,
    token: string,
  ): Promise<number> {
    const account = accountOf(endpoint, token);
    const withdrawals = withdrawalsOfHeld(doc.data);
    let left = withdrawals.length;
    for (const op of withdrawals) {
      try {
        await acknowledge(doc, account, op, await send(op, endpoint, token));
      } catch (error) {
        log(`could not withdraw ${left} missions from ${endpoint} before the switch`, error);
        break;
      }
      left -= 1;
    }
    return left;
  }

  /**
   * Moves sync from `before` (the stored endpoint and token) to `endpoint` with `token` (undefined:
   * the stored one): withdraws from the previous account, then stores the new token and settings
   * and starts the acknowledgements afresh. Returns how many missions the previous server still
   * holds. Sends nothing else: the caller keeps passes away meanwhile.
   */
  async function switchAccount(input: {
    endpoint: string;
    token?: string | undefined;
    before: string | null;
    beforeToken: string | null;
    /** The team's name (known when joined by invite), and whether the account stays revoked. */
    team: string | null;
    revoked: boolean;
  }): Promise<number> {
    const { before, beforeToken } = input;
    const token = input.token ?? beforeToken;
    let left = 0;
    const doc = await docPromise;
    if (before && beforeToken && token) {
      const previous = accountOf(before, beforeToken);
      const next = accountOf(input.endpoint, token);
      if (sameAccount(doc.data, previous) && !sameAccount(doc.data, next)) {
        // Best effort: a server that cannot be reached keeps them; the switch goes on.
        left = await withdrawAll(doc, before, beforeToken);
      }
    }
    if (input.token !== undefined) await deps.secrets.set(TOKEN_SECRET, input.token);
    try {
      await deps.settings.write({
        enabled: true,
        endpoint: input.endpoint,
        team: input.team,
        revoked: input.revoked,
      });
    } catch (error) {
      // Keep the previous endpoint and token together: sync goes on there, and the next
      // pass sends back what was withdrawn.
      if (input.token !== undefined && beforeToken)
        await deps.secrets.set(TOKEN_SECRET, beforeToken);
      throw error;
    }
    if (token) await adopt(doc, accountOf(input.endpoint, token));
    return left;
  }

  return {
    /** The sync document, its last success read again. */
    async read(): Promise<DocPort<SyncDoc>> {
      const doc = await docPromise;
      lastSuccessAt = doc.data.lastSuccessAt;
      return doc;
    },
    /** When the server last acknowledged something, as last read or recorded. */
    lastSuccessAt: (): string | null => lastSuccessAt,
    send,
    adopt,
    acknowledge,
    switchAccount,
  };
}

export type Push = ReturnType<typeof createPush>;
