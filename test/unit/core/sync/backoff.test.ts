// How long sync waits after a failure, without timers or a server: full jitter under a ceiling
// that doubles, the server's Retry-After (capped), and what each kind of failure leads to.
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  type BackoffPolicy,
  LOCAL_FAILURE_MESSAGE,
  networkRetryDelay,
  retryAfterMs,
} from '../../../../src/core/sync/backoff.ts';

const now = new Date('2026-11-23T10:30:00.000Z');
const policy = (random: number): BackoffPolicy => ({
  random: () => random,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 5 ', now)).toBe(5000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:31:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
  });
});

describe('the wait after a network failure', () => {
  it('is full jitter under a ceiling that doubles from one second to five minutes', () => {
    const ceilings = [1, 2, 3, 4, 9, 10, 20].map((attempt) =>
      networkRetryDelay(policy(0.999999), attempt, null, now),
    );
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 255_999, 299_999, 299_999]);
    expect(networkRetryDelay(policy(0), 6, null, now)).toBe(0);
    expect(networkRetryDelay(policy(0.5), 3, null, now)).toBe(2000);
  });

  it('follows the server’s Retry-After instead, for at most an hour', () => {
    expect(networkRetryDelay(policy(0.5), 1, '90', now)).toBe(90_000);
    expect(networkRetryDelay(policy(0.5), 1, String(24 * 3600), now)).toBe(3_600_000);
  });
});

describe('what a failed pass leads to', () => {
  it('a refusal stops without counting an attempt or waiting', () => {
    expect(afterFailure(policy(0.5), { kind: 'stop', message: 'Paused.' }, 2, now)).toEqual({
      attempt: 2,
      message: 'Paused.',
      retryInMs: null,
    });
  });

  it('a network failure counts an attempt and waits its jittered delay', () => {
    const failure = { kind: 'network', message: 'Unreachable.', retryAfter: null } as const;
    expect(afterFailure(policy(0.5), failure, 0, now)).toEqual({
      attempt: 1,
      message: 'Unreachable.',
      retryInMs: 500,
    });
    expect(afterFailure(policy(0.5), failure, 3, now).retryInMs).toBe(4000);
  });

  it('a local failure waits the full, unjittered ceiling and says it is this computer', () => {
    expect(afterFailure(policy(0), { kind: 'local' }, 0, now)).toEqual({
      attempt: 1,
      message: LOCAL_FAILURE_MESSAGE,
      retryInMs: 2000,
    });
    expect(afterFailure(policy(0), { kind: 'local' }, 12, now).retryInMs).toBe(300_000);
    expect(LOCAL_FAILURE_MESSAGE).toMatch(/this computer; will retry/);
  });
});
