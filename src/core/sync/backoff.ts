// How long sync waits before it tries again. Why our own few lines rather than a retry library:
// docs/decisions/0002-team-sync.md.

export interface BackoffPolicy {
  /** [0, 1) — full jitter. */
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number;
}

/** Retry-After as seconds or an HTTP date → milliseconds from now, or null. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The wait after the `attempt`th failure in a row to reach the server (1 for the first): the
 * server's Retry-After when it sent one (capped), else full jitter over an exponential ceiling.
 */
export function networkRetryDelay(
  policy: BackoffPolicy,
  attempt: number,
  retryAfter: string | null,
  now: Date,
): number {
  const hinted = retryAfterMs(retryAfter, now);
  return hinted !== null
    ? Math.min(hinted, policy.maxRetryAfterMs)
    : Math.floor(
        policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)),
      );
}

/** The wait after the `attempt`th failure in a row on this computer (the store could not write). */
export function localRetryDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/** Why a pass stopped short, as the run loop sees it. */
export type PassFailure =
  /** The server will not take this from us: no retry until the rep changes the settings. */
  | { kind: 'stop'; message: string }
  /** No answer, or the server is busy or failing. */
  | { kind: 'network'; message: string; retryAfter: string | null }
  /** This computer could not record the progress (the store could not write). */
  | { kind: 'local' };

export const LOCAL_FAILURE_MESSAGE =
  'Could not record the sync progress on this computer; will retry.';

/**
 * What follows a failed pass, given `attempt` failures in a row before it: the next attempt count,
 * the sentence the status shows, and the wait before the next pass (null: stopped, no retry).
 */
export function afterFailure(
  policy: BackoffPolicy,
  failure: PassFailure,
  attempt: number,
  now: Date,
): { attempt: number; message: string; retryInMs: number | null } {
  switch (failure.kind) {
    case 'stop':
      return { attempt, message: failure.message, retryInMs: null };
    case 'network':
      return {
        attempt: attempt + 1,
        message: failure.message,
        retryInMs: networkRetryDelay(policy, attempt + 1, failure.retryAfter, now),
      };
    case 'local':
      return {
        attempt: attempt + 1,
        message: LOCAL_FAILURE_MESSAGE,
        retryInMs: localRetryDelay(policy, attempt + 1),
      };
  }
}
