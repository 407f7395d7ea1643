// The account sync works for: which endpoints may be used, the one way a team API URL is built
// from an endpoint, who the acknowledgements belong to (the endpoint and a token fingerprint),
// and what a switch to another server leaves behind.
import { MissionTrayError } from '../kernel/errors.ts';
import { fingerprint, type SyncDoc } from './outbox.ts';
import type { SecretStorePort } from './sync-ports.ts';
import { API_PREFIX } from '../../shared/team.ts';

/** The name of the rep's team token in the secret store. */
export const TOKEN_SECRET = 'team-sync-token';

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

const withoutTrailingSlashes = (url: string): string => url.replace(/\/+$/, '');

/**
 * A team API URL: the endpoint as the rep typed it (a trailing "/" or not), the API prefix, then
 * each path segment encoded, e.g. `['missions', id, 'cheers']`.
 */
export function teamApiUrl(
  endpoint: string,
  segments: readonly string[],
  query?: Record<string, string | number>,
): string {
  const path = segments.map((segment) => `/${encodeURIComponent(segment)}`).join('');
  const search = query
    ? `?${Object.entries(query)
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
        .join('&')}`
    : '';
  return `${withoutTrailingSlashes(endpoint)}${API_PREFIX}${path}${search}`;
}

/**
 * Refuses what `configure` cannot take, before anything is stored: an endpoint it may not use, a
 * new token where secrets cannot be kept safely, or no token at all.
 */
export async function refuseBadInput(
  input: { endpoint: string; token?: string | undefined },
  secrets: SecretStorePort,
): Promise<void> {
  const problem = endpointProblem(input.endpoint);
  if (problem) throw new MissionTrayError('invalid', problem, { path: ['endpoint'] });
  if (input.token !== undefined) {
    const unavailable = await secrets.unavailableReason();
    if (unavailable) throw new MissionTrayError('forbidden', unavailable, { path: ['token'] });
  } else if (!(await secrets.get(TOKEN_SECRET))) {
    throw new MissionTrayError('invalid', 'Paste the token your manager gave you.', {
      path: ['token'],
    });
  }
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
  return { endpoint: withoutTrailingSlashes(url), tokenId: fingerprint(`team token\n${token}`) };
}

export const sameAccount = (doc: SyncDoc, account: Account): boolean =>
  doc.endpoint === account.endpoint && doc.tokenId === account.tokenId;

/** What the status says after a switch whose withdrawals from `previous` stopped short; null if none. */
export function leftBehindNote(left: number, previous: string | null): string | null {
  if (left === 0) return null;
  const them = left === 1 ? 'it' : 'them';
  return `${left === 1 ? 'One mission stays' : `${left} missions stay`} on ${previous}: removing ${them} there failed. Ask your manager to take ${them} off that board.`;
}
