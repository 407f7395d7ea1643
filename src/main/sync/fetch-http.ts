// The HttpPort over Node's fetch (undici): one exchange, a hard timeout covering the body too.
import type { HttpPort } from '../../core/sync/sync-ports.ts';

/** The body as JSON; null when empty or not JSON (a proxy's HTML error page, say). */
function jsonOf(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The one call of fetch the adapter makes: Node's global fetch, or Electron's net.fetch. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export function createFetchHttp(fetchImpl: FetchLike = fetch): HttpPort {
  return {
    async request({ method, url, token, body, timeoutMs }) {
      const res = await fetchImpl(url, {
        method,
        headers: {
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect could carry the token somewhere unexpected; the endpoint is configured exactly.
        redirect: 'error',
      });
      const text = await res.text();
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: jsonOf(text) };
    },
  };
}
