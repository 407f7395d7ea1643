// Updates wired: electron-updater's events and calls on one side, the pure policy
// (core/updates/update-policy.ts) deciding in the middle, the rep's settings, the desktop
// notifier and the window's banner on the other. Typed against electron-updater's own AppUpdater,
// so a fake or a real updater (tests drive a real one against a loopback server) fit the same slot.
import type { AppUpdater } from 'electron-updater';
import type { AppUpdaterEvents } from 'electron-updater/out/AppUpdater.js';
import type { ClockPort } from '../../core/kernel/ports.ts';
import type { NotifierPort } from '../../core/notifications/notification-port.ts';
import {
  decideUpdate,
  INITIAL_UPDATE_STATE,
  type UpdateEffect,
  type UpdateEvent,
  type UpdateState,
} from '../../core/updates/update-policy.ts';
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { SettingsPort } from '../../shared/settings.ts';
import type { UpdateOffer } from '../../shared/updates.ts';

/** The part of electron-updater's AppUpdater the wiring uses (its events typed as its own). */
export type UpdaterLike = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'logger'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
> & {
  on<E extends keyof AppUpdaterEvents>(event: E, listener: AppUpdaterEvents[E]): unknown;
};

/** How often the policy is asked whether a check is due (and whether one timed out). */
export const UPDATE_TICK_MS = 60_000;

export interface UpdatesDeps {
  /**
   * The updater, created on first use: only a packaged build with updates on asks for it
   * (reading electron-updater's `autoUpdater` already sets up the platform's updater).
   */
  updater(): UpdaterLike;
  /** Electron's app.isPackaged: development builds never update. */
  packaged: boolean;
  settings: SettingsPort;
  clock: ClockPort;
  notifier: NotifierPort;
  productName: string;
  log(message: string, cause?: unknown): void;
  /** The policy's tick; 0 turns the timer off (tests call `tick`). */
  tickMs?: number;
}

export function createUpdates(deps: UpdatesDeps) {
  const { settings, clock, log } = deps;
  let state: UpdateState = INITIAL_UPDATE_STATE;
  let updater: UpdaterLike | null = null;
  let feedUrl: string | null = null;
  const listeners = new Set<(offer: UpdateOffer | null) => void>();

  const connect = (): UpdaterLike => {
    if (updater) return updater;
    const u = deps.updater();
    u.autoDownload = true;
    u.autoInstallOnAppQuit = false;
    // electron-updater's own log lines go to ours; a failure never reaches the rep as an error.
    u.logger = {
      info: (message?: unknown) => log(`[updater] ${String(message)}`),
      warn: (message?: unknown) => log(`[updater] ${String(message)}`),
      error: (message?: unknown) => log(`[updater] ${String(message)}`),
    };
    u.on('update-available', (info) => dispatch({ type: 'found', version: info.version }));
    u.on('update-not-available', (info) => dispatch({ type: 'up-to-date', version: info.version }));
    u.on('update-downloaded', (info) => dispatch({ type: 'downloaded', version: info.version }));
    u.on('error', (error) => dispatch({ type: 'failed', error: error.message }));
    updater = u;
    useFeed(u);
    return u;
  };

  /** A company's own host (a generic server) when the rep's settings name one. */
  const useFeed = (u: UpdaterLike) => {
    const url = settings.get().updates.url;
    if (url === feedUrl) return;
    if (url) u.setFeedURL({ provider: 'generic', url });
    else log('Update host cleared; the default host is used again after a restart');
    feedUrl = url;
  };

  const run = (effect: UpdateEffect) => {
    switch (effect.type) {
      case 'check': {
        const u = connect();
        useFeed(u);
        // Failures arrive as the updater's 'error' event (it emits one for every rejection).
        u.checkForUpdates()
          .then((result) => result?.downloadPromise?.catch(() => undefined))
          .catch(() => undefined);
        return;
      }
      case 'install-on-quit':
        if (updater) updater.autoInstallOnAppQuit = effect.enabled;
        return;
      case 'restart-and-install':
        connect().quitAndInstall(false, true);
        return;
      case 'notify':
        deps.notifier
          .show({ title: effect.title, body: effect.body })
          .catch((error: unknown) => log('Could not show the update notification', error));
        return;
      case 'offer':
        for (const listener of listeners) listener(effect.offer);
        return;
      case 'log':
        log(effect.message);
        return;
    }
  };

  function dispatch(event: UpdateEvent): void {
    const decision = decideUpdate(state, event, clock.now().getTime(), deps.productName);
    state = decision.state;
    decision.effects.forEach(run);
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;

  const handlers: IpcHandlers['updates'] = {
    offer: async () => state.offer,
    restartNow: async () => {
      dispatch({ type: 'restart-now' });
      return null;
    },
    later: async () => {
      dispatch({ type: 'later' });
      return null;
    },
  };

  return {
    handlers,
    /** The banner's offer as it changes (null: nothing to show); returns the unsubscribe. */
    subscribe(listener: (offer: UpdateOffer | null) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(): void {
      dispatch({
        type: 'started',
        packaged: deps.packaged,
        enabled: settings.get().updates.enabled,
      });
      unsubscribe = settings.subscribe((next) => {
        if (updater) useFeed(updater);
        dispatch({ type: 'switched', enabled: next.updates.enabled });
      });
      const tickMs = deps.tickMs ?? UPDATE_TICK_MS;
      if (tickMs > 0) timer = setInterval(() => dispatch({ type: 'tick' }), tickMs);
    },
    /** Asks the policy now: a check is due, or one timed out (also on wake). */
    tick: () => dispatch({ type: 'tick' }),
    state: () => state,
    stop(): void {
      clearInterval(timer);
      unsubscribe?.();
      listeners.clear();
    },
  };
}

export type Updates = ReturnType<typeof createUpdates>;
