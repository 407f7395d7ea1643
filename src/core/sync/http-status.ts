// What the team server's answers mean: for a mission write (sync goes on, retries, sets the
// mission aside, or pauses) and for a team call (the sentence the Team view shows).
import type { ErrorCode } from '../../shared/ipc.ts';
import type { HttpResponse } from './sync-ports.ts';
import { REP_REVOKED_ERROR } from '../../shared/invite.ts';
import { API_PREFIX, ErrorBody, WriteResult } from '../../shared/team.ts';

/** The server's own sentence, or the status when it sent none. */
export const serverMessage = (res: HttpResponse): string => {
  const parsed = ErrorBody.safeParse(res.body);
  return parsed.success ? parsed.data.error : `HTTP ${res.status}`;
};

/**
 * The team's manager removed this rep: the server answers every call with 401 and its own
 * sentence for it (an unknown token has another), so sync can stop for good rather than retry.
 */
export const isRevoked = (res: HttpResponse): boolean =>
  res.status === 401 && ErrorBody.safeParse(res.body).data?.error === REP_REVOKED_ERROR;

export type WriteOutcome =
  | { kind: 'written'; result: WriteResult }
  /** A success whose body is not a WriteResult: retried, and logged. */
  | { kind: 'unreadable' }
  | { kind: 'retry'; message: string; retryAfter: string | null }
  /** This mission refused for good on this account; the others go on. */
  | { kind: 'refused'; message: string }
  /** Sync pauses until the rep changes the settings. */
  | { kind: 'stop'; message: string }
  /** The team's manager removed the rep: sync stops until they join again. */
  | { kind: 'revoked' };

export const UNREACHABLE = 'The team server could not be reached; will retry.';
export const UNREADABLE =
  'The team server sent an answer this app does not understand; will retry.';

/** The answer to an upsert or a withdrawal of the mission titled `title`. */
export function writeOutcome(
  res: HttpResponse,
  op: { kind: 'upsert' | 'withdraw'; title: string },
): WriteOutcome {
  if (res.status >= 200 && res.status < 300) {
    const result = WriteResult.safeParse(res.body);
    return result.success ? { kind: 'written', result: result.data } : { kind: 'unreadable' };
  }
  if (isRevoked(res)) return { kind: 'revoked' };
  if (res.status === 401)
    return {
      kind: 'stop',
      message:
        'The team server did not accept your token (it may have been revoked). Enter a new token in Preferences.',
    };
  if (res.status === 429 || res.status === 408 || res.status >= 500)
    return {
      kind: 'retry',
      message: `The team server is busy or failing (${serverMessage(res)}); will retry.`,
      retryAfter: res.retryAfter,
    };
  // No write of protocol v2 answers 404: the route itself is unknown, on a server from before v2.
  if (res.status === 404)
    return {
      kind: 'stop',
      message: `The team server speaks an older protocol than this app (${API_PREFIX.slice(5)}), so “${op.title}” was not sent. Ask your manager to update the team server. Sync is paused.`,
    };
  if (res.status === 403 && op.kind === 'upsert')
    return {
      kind: 'refused',
      message: `The team server refused “${op.title}”: ${serverMessage(res)} It stays off the team board; your other missions are synced.`,
    };
  return {
    kind: 'stop',
    message: `The team server refused “${op.title}”: ${serverMessage(res)} Sync is paused.`,
  };
}

export type TeamOutcome =
  | { kind: 'ok'; body: unknown }
  | { kind: 'error'; code: ErrorCode; message: string }
  | { kind: 'revoked' };

/** The answer to a team call (the team view, a cheer). */
export function teamOutcome(res: HttpResponse): TeamOutcome {
  if (isRevoked(res)) return { kind: 'revoked' };
  if (res.status === 401)
    return {
      kind: 'error',
      code: 'forbidden',
      message: 'The team server did not accept your token. Enter a new token in Preferences.',
    };
  if (res.status >= 400)
    return {
      kind: 'error',
      code: res.status === 404 ? 'not-found' : 'invalid',
      message: serverMessage(res),
    };
  return { kind: 'ok', body: res.body };
}
