// Updates, decided: when to check, what to tell the rep, whether to install on quit, and what a
// failure means. A pure function of the state, one event and the instant it happened at; the
// shell (src/main/updates) carries out the effects with electron-updater and never decides.
import type { UpdateOffer } from '../../shared/updates.ts';

/** A check every four hours keeps a day-long tray app current without polling the host. */
export const CHECK_EVERY_MS = 4 * 60 * 60_000;
/** The first check waits a little so start-up (store, tray, window) goes first. */
export const FIRST_CHECK_AFTER_MS = 30_000;
/** A check with no answer by then failed (the host is slow or the network hangs). */
export const CHECK_TIMEOUT_MS = 60_000;
/** After a failure, try again sooner than the usual interval, doubling up to it. */
export const RETRY_AFTER_FAILURE_MS = 30 * 60_000;

export type UpdatePhase = 'off' | 'idle' | 'checking' | 'downloading' | 'ready';

export interface UpdateState {
  phase: UpdatePhase;
  /** Why updates are off: a development build never updates; the rep can switch them off. */
  offBecause: 'development' | 'switched-off' | null;
  /** Epoch ms of the next check while idle. */
  nextCheckAt: number | null;
  /** Epoch ms the running check started at, for its timeout. */
  checkStartedAt: number | null;
  /** The downloaded version waiting for a restart. */
  ready: string | null;
  /** The last version the rep was told about: each version is told once. */
  told: string | null;
  /** The banner the window shows (restart now, or later: it installs on quit), until the rep picks Later or restarts. */
  offer: UpdateOffer | null;
  /** Failures in a row, for the retry interval. */
  failures: number;
}

export type UpdateEvent =
  | { type: 'started'; packaged: boolean; enabled: boolean }
  | { type: 'tick' }
  | { type: 'switched'; enabled: boolean }
  | { type: 'up-to-date'; version: string }
  | { type: 'found'; version: string }
  | { type: 'downloaded'; version: string }
  | { type: 'failed'; error: string }
  | { type: 'restart-now' }
  | { type: 'later' };

export type UpdateEffect =
  | { type: 'check' }
  /** A desktop notification, once per version. */
  | { type: 'notify'; title: string; body: string }
  | { type: 'offer'; offer: UpdateOffer | null }
  | { type: 'install-on-quit'; enabled: boolean }
  | { type: 'restart-and-install' }
  | { type: 'log'; message: string };

export interface UpdateDecision {
  state: UpdateState;
  effects: UpdateEffect[];
}

export const INITIAL_UPDATE_STATE: UpdateState = {
  phase: 'off',
  offBecause: null,
  nextCheckAt: null,
  checkStartedAt: null,
  ready: null,
  told: null,
  offer: null,
  failures: 0,
};

/** "0.3.0" → "0.3", "1.0.0" → "1.0", "0.3.1" → "0.3.1": how a rep names a version. */
export function shortVersion(version: string): string {
  return version.replace(/^(\d+\.\d+)\.0$/, '$1');
}

export function readyMessage(productName: string, version: string): string {
  return `${productName} ${shortVersion(version)} is ready — restart to update`;
}

export function decideUpdate(
  state: UpdateState,
  event: UpdateEvent,
  now: number,
  productName: string,
): UpdateDecision {
  const off = state.phase === 'off';
  switch (event.type) {
    case 'started':
      if (!event.packaged) {
        return {
          state: { ...INITIAL_UPDATE_STATE, offBecause: 'development' },
          effects: [log('Updates are off: this is not a packaged build')],
        };
      }
      if (!event.enabled) {
        return {
          state: { ...INITIAL_UPDATE_STATE, offBecause: 'switched-off' },
          effects: [log('Updates are switched off in Preferences')],
        };
      }
      return {
        state: { ...INITIAL_UPDATE_STATE, phase: 'idle', nextCheckAt: now + FIRST_CHECK_AFTER_MS },
        effects: [{ type: 'install-on-quit', enabled: false }],
      };

    case 'switched': {
      if (state.offBecause === 'development') return unchanged(state);
      if (!event.enabled) {
        if (off) return unchanged(state);
        // Off means off: a downloaded update is not installed on quit either.
        return {
          state: {
            ...state,
            phase: 'off',
            offBecause: 'switched-off',
            nextCheckAt: null,
            checkStartedAt: null,
            ready: null,
            offer: null,
          },
          effects: [
            { type: 'install-on-quit', enabled: false },
            ...(state.offer ? [{ type: 'offer', offer: null } as const] : []),
            log('Updates switched off'),
          ],
        };
      }
      if (!off) return unchanged(state);
      return {
        state: { ...state, phase: 'idle', offBecause: null, nextCheckAt: now, failures: 0 },
        effects: [log('Updates switched on')],
      };
    }

    case 'tick':
      if (state.phase === 'idle' && state.nextCheckAt !== null && now >= state.nextCheckAt) {
        return {
          state: { ...state, phase: 'checking', checkStartedAt: now, nextCheckAt: null },
          effects: [{ type: 'check' }],
        };
      }
      if (
        state.phase === 'checking' &&
        state.checkStartedAt !== null &&
        now - state.checkStartedAt >= CHECK_TIMEOUT_MS
      ) {
        return failed(state, `no answer within ${CHECK_TIMEOUT_MS / 1000} s`, now);
      }
      return unchanged(state);

    case 'up-to-date':
      if (state.phase !== 'checking') return unchanged(state);
      return {
        state: {
          ...state,
          phase: 'idle',
          checkStartedAt: null,
          nextCheckAt: now + CHECK_EVERY_MS,
          failures: 0,
        },
        effects: [],
      };

    case 'found':
      // A late answer to a check that timed out still counts: the download runs in the background.
      if (state.phase !== 'checking' && state.phase !== 'idle') return unchanged(state);
      return {
        state: { ...state, phase: 'downloading', checkStartedAt: null, nextCheckAt: null },
        effects: [log(`Update ${event.version} found; downloading in the background`)],
      };

    case 'downloaded': {
      if (off || state.ready === event.version) return unchanged(state);
      const offer = { version: event.version, message: readyMessage(productName, event.version) };
      const first = state.told !== event.version;
      return {
        state: {
          ...state,
          phase: 'ready',
          checkStartedAt: null,
          nextCheckAt: null,
          ready: event.version,
          told: event.version,
          offer: first ? offer : null,
          failures: 0,
        },
        effects: [
          { type: 'install-on-quit', enabled: true },
          ...(first
            ? [
                { type: 'offer', offer } as const,
                {
                  type: 'notify',
                  title: offer.message,
                  body: 'Restart now from the window, or it installs the next time you quit.',
                } as const,
              ]
            : []),
          log(`Update ${event.version} downloaded; it installs on quit`),
        ],
      };
    }

    case 'failed':
      if (state.phase !== 'checking' && state.phase !== 'downloading') {
        return { state, effects: [log(`Update error outside a check: ${event.error}`)] };
      }
      return failed(state, event.error, now);

    case 'later':
      if (!state.offer) return unchanged(state);
      return {
        state: { ...state, offer: null },
        effects: [{ type: 'offer', offer: null }],
      };

    case 'restart-now':
      if (state.phase !== 'ready') return unchanged(state);
      return { state: { ...state, offer: null }, effects: [{ type: 'restart-and-install' }] };
  }
}

function failed(state: UpdateState, error: string, now: number): UpdateDecision {
  const failures = state.failures + 1;
  const wait = Math.min(CHECK_EVERY_MS, RETRY_AFTER_FAILURE_MS * 2 ** (failures - 1));
  const nextCheckAt = now + wait;
  return {
    state: { ...state, phase: 'idle', checkStartedAt: null, nextCheckAt, failures },
    effects: [
      log(
        `Update check failed (${failures} in a row): ${error}; next try at ${new Date(nextCheckAt).toISOString()}`,
      ),
    ],
  };
}

const log = (message: string): UpdateEffect => ({ type: 'log', message });
const unchanged = (state: UpdateState): UpdateDecision => ({ state, effects: [] });
