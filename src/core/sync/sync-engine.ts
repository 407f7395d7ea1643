// Team sync: pushes the state of public missions to the team endpoint and withdraws missions that
// stopped being public, one pass at a time, retrying with backoff. How and why:
// docs/decisions/0002-team-sync.md; the wire protocol: docs/PROTOCOL.md.
import { MissionTrayError } from '../kernel/errors.ts';
import type { ClockPort, StorePort } from '../kernel/ports.ts';
import { TOKEN_SECRET, accountOf, leftBehindNote, refuseBadInput } from './account.ts';
import { type BackoffPolicy, afterFailure } from './backoff.ts';
import { pendingOperations } from './outbox.ts';
import { PassFailed, Refused, Revoked, createPush } from './push.ts';
import type { HttpPort, SecretStorePort, SyncSettingsPort, TimerPort } from './sync-ports.ts';
import { systemTimers } from './sync-ports.ts';
import { createTeamClient } from './team-client.ts';
import { createTeamPreview } from './team-preview.ts';
import type { SyncSource } from './team-state.ts';
import { revokedMessage } from '../../shared/team-access.ts';
import type { SyncStatus, WriteResult } from '../../shared/team.ts';

export interface SyncEngineDeps {
  store: StorePort;
  clock: ClockPort;
  http: HttpPort;
  secrets: SecretStorePort;
  settings: SyncSettingsPort;
  source: SyncSource;
  timers?: TimerPort;
  /** [0, 1) — full jitter. */
  random?: () => number;
  debounceMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  /** How often pace and streak are re-checked while nothing else happens. */
  recheckMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const timers = deps.timers ?? systemTimers;
  const backoff: BackoffPolicy = {
    random: deps.random ?? Math.random,
    baseDelayMs: deps.baseDelayMs ?? 1000,
    maxDelayMs: deps.maxDelayMs ?? 5 * 60_000,
    maxRetryAfterMs: deps.maxRetryAfterMs ?? 60 * 60_000,
  };
  const debounceMs = deps.debounceMs ?? 2000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const recheckMs = deps.recheckMs ?? 15 * 60_000;
  const log = deps.log ?? ((message, detail) => console.warn(`[sync] ${message}`, detail ?? ''));

  const push = createPush({ ...deps, timeoutMs, log });
  const teamClient = createTeamClient({ ...deps, timeoutMs, log, onRevoked: () => revoked() });
  const listeners = new Set<(status: SyncStatus) => void>();
  const revokedListeners = new Set<(message: string) => void>();
  let state: SyncStatus['state'] = 'idle';
  let pending = 0;
  let lastError: string | null = null;
  let leftBehind: string | null = null;
  let stopped = false;
  let attempt = 0;
  let nextAttemptAt: Date | null = null;
  let cancelTimer: (() => void) | null = null;
  let cancelRecheck: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  /** While `configure` moves sync to another account: no pass sends anything. */
  let switching = false;

  const enabled = (): boolean => !closed && deps.settings.read().enabled;

  function status(): SyncStatus {
    const settings = deps.settings.read();
    return {
      enabled: settings.enabled,
      endpoint: settings.endpoint,
      state: settings.enabled ? state : 'off',
      lastSuccessAt: push.lastSuccessAt(),
      pending,
      lastError,
      leftBehind,
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
      team: settings.team ?? null,
      revoked: settings.revoked ?? false,
    };
  }

  function emit(): void {
    const current = status();
    for (const listener of listeners) listener(current);
  }

  function clearTimer(): void {
    cancelTimer?.();
    cancelTimer = null;
    nextAttemptAt = null;
  }

  function schedule(ms: number, retrying: boolean): void {
    clearTimer();
    nextAttemptAt = retrying ? new Date(deps.clock.now().getTime() + ms) : null;
    cancelTimer = timers.after(ms, () => {
      cancelTimer = null;
      nextAttemptAt = null;
      void run();
    });
  }

  function scheduleRecheck(): void {
    cancelRecheck?.();
    cancelRecheck = enabled()
      ? timers.after(recheckMs, () => {
          cancelRecheck = null;
          void changed();
          scheduleRecheck();
        })
      : null;
  }

  /**
   * The server said the team's manager removed this rep: sync stops (no retry: every call would
   * be refused) and remembers it across restarts; the rep hears it once. Nothing local changes.
   */
  async function revoked(): Promise<void> {
    stopped = true;
    state = 'stopped';
    clearTimer();
    const settings = deps.settings.read();
    lastError = revokedMessage(settings);
    if (settings.revoked) return;
    try {
      await deps.settings.write({ ...settings, revoked: true });
    } catch (error) {
      log('could not record that access was removed', error);
    }
    for (const listener of revokedListeners) listener(lastError);
    emit();
  }

  async function pass(): Promise<void> {
    const doc = await push.read();
    const settings = deps.settings.read();
    if (!settings.enabled || stopped || closed || switching) return;
    if (settings.revoked) {
      // Asking again would only be refused again: nothing is sent until the rep joins again.
      stopped = true;
      lastError = revokedMessage(settings);
      return;
    }
    if (!settings.endpoint) {
      stopped = true;
      lastError = 'Enter the team endpoint in Preferences to sync.';
      return;
    }
    const token = await deps.secrets.get(TOKEN_SECRET);
    if (!token) {
      stopped = true;
      lastError = 'Enter your team token in Preferences to sync.';
      return;
    }
    const account = accountOf(settings.endpoint, token);
    await push.adopt(doc, account);
    const ops = pendingOperations(doc.data, await deps.source.candidates());
    pending = ops.length;
    state = ops.length ? 'syncing' : 'idle';
    emit();
    let refusal: string | null = null;
    for (const op of ops) {
      if (!enabled() || stopped || switching) return;
      let result: WriteResult | null = null;
      try {
        result = await push.send(op, settings.endpoint, token);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        refusal = error.message;
      }
      // The server holds a newer revision than ours (a reinstall lost our acknowledgements):
      // remember it, with an unknown hash, so the next pass sends ours above it.
      if (await push.acknowledge(doc, account, op, result)) again = true;
      pending = Math.max(0, pending - 1);
      lastError = refusal;
      attempt = 0;
      emit();
    }
  }

  /** Runs passes until nothing new arrived meanwhile; one at a time. */
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
          if (!stopped) state = 'idle';
        } catch (error) {
          if (error instanceof Revoked) {
            await revoked();
            continue;
          }
          if (!(error instanceof PassFailed)) log('sync pass failed', error);
          const failure = error instanceof PassFailed ? error.failure : { kind: 'local' as const };
          const next = afterFailure(backoff, failure, attempt, deps.clock.now());
          attempt = next.attempt;
          lastError = next.message;
          if (next.retryInMs === null) {
            stopped = true;
            state = 'stopped';
          } else {
            state = 'retrying';
            again = false;
            schedule(next.retryInMs, true);
          }
        }
      } while (again && !stopped && enabled());
      if (stopped) state = 'stopped';
      running = null;
      emit();
    })();
    return running;
  }

  /** Recomputes the pending count without sending (sync off, stopped or waiting to retry). */
  async function recount(): Promise<void> {
    // A rep who never set sync up pays nothing for it on each change.
    if (!deps.settings.read().endpoint) return;
    try {
      const doc = await push.read();
      pending = pendingOperations(doc.data, await deps.source.candidates()).length;
    } catch (error) {
      log('could not count pending changes', error);
    }
    emit();
  }

  /** Something changed locally: push after a quiet moment. Resolves once the count is fresh. */
  function changed(): Promise<void> {
    if (enabled() && !stopped && state !== 'retrying') schedule(debounceMs, false);
    return recount();
  }

  /** Wake or network return: retry at once instead of waiting out the backoff. */
  function resume(): Promise<void> {
    if (!enabled() || stopped) return recount();
    clearTimer();
    attempt = 0;
    return run();
  }

  return {
    /** Loads the acknowledgements and starts syncing if the rep turned it on. */
    async start(): Promise<SyncStatus> {
      await recount();
      scheduleRecheck();
      if (enabled()) await run();
      return status();
    },

    status,

    subscribe(listener: (status: SyncStatus) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Called once when the server says the team's manager removed this rep, with the sentence. */
    onRevoked(listener: (message: string) => void): () => void {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },

    changed,
    resume,

    /** Pushes now (no debounce) and resolves when the pass is over. */
    flush: run,

    /** Resolves when no pass is running (a timer may still be pending). */
    whenIdle: async (): Promise<void> => {
      while (running) await running;
    },

    /**
     * Turns sync on with an endpoint and, optionally, a new token (and the team's name, when the
     * token came from an invite). Stores nothing if refused.
     */
    async configure(input: {
      endpoint: string;
      token?: string | undefined;
      team?: string | null;
    }): Promise<SyncStatus> {
      await refuseBadInput(input, deps.secrets);
      const current = deps.settings.read();
      const before = current.endpoint;
      const beforeToken = await deps.secrets.get(TOKEN_SECRET);
      const sameToken = input.token === undefined;
      const team =
        input.team !== undefined
          ? input.team
          : sameToken && before === input.endpoint
            ? (current.team ?? null)
            : null;
      // A new token is a new account; the old one stays revoked only with its own token.
      const stillRevoked = sameToken && before === input.endpoint && (current.revoked ?? false);
      switching = true;
      try {
        clearTimer();
        // A push under way goes to the previous server: let it finish and be recorded first.
        while (running) await running;
        const left = await push.switchAccount({
          endpoint: input.endpoint,
          token: input.token,
          // A server that removed this rep refuses the withdrawals too: none is attempted.
          before: current.revoked ? null : before,
          beforeToken,
          team,
          revoked: stillRevoked,
        });
        leftBehind = leftBehindNote(left, before);
      } finally {
        switching = false;
      }
      stopped = false;
      lastError = null;
      scheduleRecheck();
      await resume();
      return status();
    },

    async setEnabled(on: boolean): Promise<SyncStatus> {
      const current = deps.settings.read();
      if (on && !current.endpoint)
        throw new MissionTrayError('invalid', 'Enter the team endpoint and your token first.', {
          path: ['endpoint'],
        });
      await deps.settings.write({ ...current, enabled: on });
      clearTimer();
      stopped = false;
      attempt = 0;
      if (on) {
        lastError = null;
        scheduleRecheck();
        await resume();
      } else {
        state = 'idle';
        cancelRecheck?.();
        cancelRecheck = null;
        await recount();
      }
      return status();
    },

    /** What the team endpoint receives for a mission, every public one, or a draft. */
    preview: createTeamPreview({
      source: deps.source,
      acks: async () => (await push.read()).data,
      settings: deps.settings,
      clock: deps.clock,
    }),

    team: teamClient.team,
    cheer: teamClient.cheer,

    /** Stops timers; an in-flight request finishes and is recorded. */
    async close(): Promise<void> {
      closed = true;
      clearTimer();
      cancelRecheck?.();
      await running;
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
