// The ports team sync works over. Adapters: src/main/sync (Node's fetch, Electron safeStorage,
// the settings file); tests pass the real HTTP adapter and small fakes for the rest.

export interface HttpRequest {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  url: string;
  /** The rep's bearer token; absent for the calls that come before one (an invite's). */
  token?: string;
  body?: unknown;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** The Retry-After header as sent, if any. */
  retryAfter: string | null;
  /** The parsed JSON body, or null when there was none. */
  body: unknown;
}

/** One HTTP exchange. Rejects when no response arrived (network down, refused, timed out). */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Secrets kept encrypted by the OS. */
export interface SecretStorePort {
  /** null when secrets can be stored safely here; otherwise why not, in words for the rep. */
  unavailableReason(): Promise<string | null>;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface SyncSettings {
  enabled: boolean;
  endpoint: string | null;
  /** The team's name, known when the rep joined by invite. */
  team?: string | null;
  /** The team's manager removed this rep's access: sync sends nothing until they join again. */
  revoked?: boolean;
}

/** The `sync` part of the rep's settings (src/shared/settings.ts); the token is never in it. */
export interface SyncSettingsPort {
  read(): SyncSettings;
  write(next: SyncSettings): Promise<void>;
}

/** Timers, injected so tests decide when a debounce or a backoff ends. */
export interface TimerPort {
  /** Calls `callback` after `ms`; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export const systemTimers: TimerPort = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    // A pending retry must not keep the app (or a test run) alive on its own.
    handle.unref();
    return () => clearTimeout(handle);
  },
};
