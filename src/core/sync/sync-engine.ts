// Team sync: pushes the state of public missions to the team endpoint and withdraws missions that
// stopped being public. The outbox is a difference, not a queue: the store already holds every
// change durably, and the "sync" document records what the server acknowledged. Whatever differs
// is pending — so a crash between a change and its push loses nothing.
//
// Retries are our own few lines rather than p-retry or undici's RetryAgent: the pending work must
// survive restarts (those libraries retry one call in memory), wait on the injected timers so
// tests control time, restart at once on wake or network return, and use full jitter — none of
// which those libraries offer together.
import { MissionTrayError } from '../kernel/errors.ts';
import type { ClockPort, DocPort, StorePort } from '../kernel/ports.ts';
import type {
  HttpPort,
  HttpResponse,
  SecretStorePort,
  SyncSettingsPort,
  TimerPort,
} from './sync-ports.ts';
import { systemTimers } from './sync-ports.ts';
import {
  acknowledgementOf,
  fingerprint,
  type Operation,
  pendingOperations,
  type SyncDoc,
  syncDocSpec,
  withdrawalsOfHeld,
} from './outbox.ts';
import type { SyncSource } from './team-state.ts';
import {
  API_PREFIX,
  CheerResult,
  ErrorBody,
  type SyncStatus,
  TeamView,
  WriteResult,
} from '../../shared/team.ts';

export const TOKEN_SECRET = 'team-sync-token';

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

/** Who acknowledgements are given to: the endpoint (as a URL, so "…/" is the same) and the rep. */
export interface Account {
  endpoint: string;
  tokenId: string;
}

export function accountOf(endpoint: string, token: string): Account {
  let url = endpoint;
  try {
    url = new URL(endpoint).href;
  } catch {
    // Kept as typed: endpointProblem refuses it before anything is sent.
  }
  return { endpoint: url.replace(/\/+$/, ''), tokenId: fingerprint(`team token\n${token}`) };
}

const sameAccount = (doc: SyncDoc, account: Account): boolean =>
  doc.endpoint === account.endpoint && doc.tokenId === account.tokenId;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The endpoint's problem in words, or null when it may be used. */
export function endpointProblem(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'Enter the team endpoint as a full URL, like https://team.example.com';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return null;
  return 'The team endpoint must start with https:// (plain http is allowed only on this computer).';
}

/** Retry-After as seconds or an HTTP date → milliseconds from now, or null. */
function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

const serverMessage = (res: HttpResponse): string => {
  const parsed = ErrorBody.safeParse(res.body);
  return parsed.success ? parsed.data.error : `HTTP ${res.status}`;
};

class Stop extends Error {}
/** One mission refused for good; the others go on. */
class Refused extends Error {}
class Retry extends Error {
  readonly retryAfter: string | null;
  constructor(message: string, retryAfter: string | null) {
    super(message);
    this.retryAfter = retryAfter;
  }
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const debounceMs = deps.debounceMs ?? 2000;
  const baseDelayMs = deps.baseDelayMs ?? 1000;
  const maxDelayMs = deps.maxDelayMs ?? 5 * 60_000;
  const maxRetryAfterMs = deps.maxRetryAfterMs ?? 60 * 60_000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const recheckMs = deps.recheckMs ?? 15 * 60_000;
  const log = deps.log ?? ((message, detail) => console.warn(`[sync] ${message}`, detail ?? ''));

  const docPromise = deps.store.open('sync', syncDocSpec);
  const listeners = new Set<(status: SyncStatus) => void>();
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
  let lastSuccessAt: string | null = null;

  const enabled = (): boolean => !closed && deps.settings.read().enabled;

  function status(): SyncStatus {
    const settings = deps.settings.read();
    return {
      enabled: settings.enabled,
      endpoint: settings.endpoint,
      state: settings.enabled ? state : 'off',
      lastSuccessAt,
      pending,
      lastError,
      leftBehind,
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
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

  async function send(op: Operation, endpoint: string, token: string): Promise<WriteResult> {
    const base = `${endpoint.replace(/\/+$/, '')}${API_PREFIX}/missions/${encodeURIComponent(op.id)}`;
    let res: HttpResponse;
    try {
      res =
        op.kind === 'upsert'
          ? await deps.http.request({
              method: 'PUT',
              url: base,
              token,
              body: { revision: op.revision, state: op.state },
              timeoutMs,
            })
          : await deps.http.request({
              method: 'DELETE',
              url: `${base}?revision=${op.revision}`,
              token,
              timeoutMs,
            });
    } catch (error) {
      log(`could not reach ${endpoint}`, error);
      throw new Retry('The team server could not be reached; will retry.', null);
    }
    if (res.status >= 200 && res.status < 300) {
      const result = WriteResult.safeParse(res.body);
      if (result.success) return result.data;
      log('unexpected answer from the team server', res.body);
      throw new Retry(
        'The team server sent an answer this app does not understand; will retry.',
        null,
      );
    }
    if (res.status === 401)
      throw new Stop(
        'The team server did not accept your token (it may have been revoked). Enter a new token in Preferences.',
      );
    if (res.status === 429 || res.status === 408 || res.status >= 500)
      throw new Retry(
        `The team server is busy or failing (${serverMessage(res)}); will retry.`,
        res.retryAfter,
      );
    if (res.status === 403 && op.kind === 'upsert')
      throw new Refused(
        `The team server refused “${op.title}”: ${serverMessage(res)} It stays off the team board; your other missions are synced.`,
      );
    throw new Stop(`The team server refused “${op.title}”: ${serverMessage(res)} Sync is paused.`);
  }

  async function pass(): Promise<void> {
    const doc = await docPromise;
    lastSuccessAt = doc.data.lastSuccessAt;
    const settings = deps.settings.read();
    if (!settings.enabled || stopped || closed || switching) return;
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
    await adopt(doc, account);
    const ops = pendingOperations(doc.data, await deps.source.candidates());
    pending = ops.length;
    state = ops.length ? 'syncing' : 'idle';
    emit();
    let refusal: string | null = null;
    for (const op of ops) {
      if (!enabled() || stopped || switching) return;
      let result: WriteResult | null = null;
      try {
        result = await send(op, settings.endpoint, token);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        refusal = error.message;
      }
      // The server holds a newer revision than ours (a reinstall lost our acknowledgements):
      // remember it, with an unknown hash, so the next pass sends ours above it.
      if (await acknowledge(doc, account, op, result)) again = true;
      pending = Math.max(0, pending - 1);
      lastError = refusal;
      attempt = 0;
      emit();
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
          if (error instanceof Stop) {
            stopped = true;
            state = 'stopped';
            lastError = error.message;
          } else if (error instanceof Retry) {
            attempt += 1;
            const hinted = retryAfterMs(error.retryAfter, deps.clock.now());
            const delay =
              hinted !== null
                ? Math.min(hinted, maxRetryAfterMs)
                : Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
            state = 'retrying';
            lastError = error.message;
            again = false;
            schedule(delay, true);
          } else {
            // A local failure (the store could not write): try again later like a network one.
            log('sync pass failed', error);
            attempt += 1;
            state = 'retrying';
            lastError = 'Could not record the sync progress on this computer; will retry.';
            again = false;
            schedule(Math.min(maxDelayMs, baseDelayMs * 2 ** attempt), true);
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
      const doc = await docPromise;
      lastSuccessAt = doc.data.lastSuccessAt;
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

  async function requireToken(): Promise<{ endpoint: string; token: string }> {
    const { endpoint } = deps.settings.read();
    const token = await deps.secrets.get(TOKEN_SECRET);
    if (!deps.settings.read().enabled || !endpoint || !token)
      throw new MissionTrayError('invalid', 'Turn on team sync in Preferences to see your team.');
    return { endpoint, token };
  }

  async function teamCall(method: 'GET' | 'POST', path: string): Promise<unknown> {
    const { endpoint, token } = await requireToken();
    let res: HttpResponse;
    try {
      res = await deps.http.request({
        method,
        url: `${endpoint.replace(/\/+$/, '')}${API_PREFIX}${path}`,
        token,
        timeoutMs,
      });
    } catch (error) {
      log('team request failed', error);
      throw new MissionTrayError(
        'internal',
        'The team server could not be reached. Try again in a moment.',
      );
    }
    if (res.status === 401)
      throw new MissionTrayError(
        'forbidden',
        'The team server did not accept your token. Enter a new token in Preferences.',
      );
    if (res.status >= 400)
      throw new MissionTrayError(res.status === 404 ? 'not-found' : 'invalid', serverMessage(res));
    return res.body;
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

    changed,
    resume,

    /** Pushes now (no debounce) and resolves when the pass is over. */
    flush: run,

    /** Resolves when no pass is running (a timer may still be pending). */
    whenIdle: async (): Promise<void> => {
      while (running) await running;
    },

    /** Turns sync on with an endpoint and, optionally, a new token. Stores nothing if refused. */
    async configure(input: { endpoint: string; token?: string | undefined }): Promise<SyncStatus> {
      const problem = endpointProblem(input.endpoint);
      if (problem) throw new MissionTrayError('invalid', problem, { path: ['endpoint'] });
      if (input.token !== undefined) {
        const unavailable = await deps.secrets.unavailableReason();
        if (unavailable) throw new MissionTrayError('forbidden', unavailable, { path: ['token'] });
      } else if (!(await deps.secrets.get(TOKEN_SECRET))) {
        throw new MissionTrayError('invalid', 'Paste the token your manager gave you.', {
          path: ['token'],
        });
      }
      const before = deps.settings.read().endpoint;
      const beforeToken = await deps.secrets.get(TOKEN_SECRET);
      const token = input.token ?? beforeToken;
      switching = true;
      let left = 0;
      try {
        clearTimer();
        // A push under way goes to the previous server: let it finish and be recorded first.
        while (running) await running;
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
          await deps.settings.write({ enabled: true, endpoint: input.endpoint });
        } catch (error) {
          // Keep the previous endpoint and token together: sync goes on there, and the next
          // pass sends back what was withdrawn.
          if (input.token !== undefined && beforeToken)
            await deps.secrets.set(TOKEN_SECRET, beforeToken);
          throw error;
        }
        if (token) await adopt(doc, accountOf(input.endpoint, token));
        leftBehind =
          left === 0
            ? null
            : `${left === 1 ? 'One mission stays' : `${left} missions stay`} on ${before}: removing ${left === 1 ? 'it' : 'them'} there failed. Ask your manager to take ${left === 1 ? 'it' : 'them'} off that board.`;
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

    async team(): Promise<TeamView> {
      const parsed = TeamView.safeParse(await teamCall('GET', '/team'));
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
      const parsed = CheerResult.safeParse(
        await teamCall('POST', `/missions/${encodeURIComponent(missionId)}/cheers`),
      );
      if (!parsed.success)
        throw new MissionTrayError('internal', 'The team server sent an odd answer.');
      return parsed.data.cheers;
    },

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
