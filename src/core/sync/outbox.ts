// The outbox: what the server acknowledged (the "sync" document) and the pure difference between
// that and the local state. Why a difference and not a queue: docs/decisions/0002-team-sync.md.
import { z } from 'zod';
import type { DocSpec } from '../kernel/ports.ts';
import type { SyncCandidate } from './team-state.ts';
import { Instant } from '../../shared/mission.ts';
import type { TeamMissionState, WriteResult } from '../../shared/team.ts';

export const Ack = z.object({
  revision: z.int().min(0),
  /** Fingerprint of the state the server acknowledged; "" when unknown. */
  hash: z.string(),
  /** Whether the server holds the mission (false after a withdrawal). */
  held: z.boolean(),
  /**
   * The server refused it for good (403): the id belongs to another rep there, as after moving
   * to another rep's token on the same server. Not sent again to this account.
   */
  refused: z.literal(true).optional(),
});
export type Ack = z.infer<typeof Ack>;

export const SyncDoc = z.object({
  schemaVersion: z.literal(1),
  /** The endpoint the acknowledgements refer to; another endpoint starts afresh. */
  endpoint: z.string().nullable(),
  /**
   * A fingerprint of the token they were given to (never the token itself): a token is one rep,
   * so another token starts afresh too. Absent before this field existed: unknown, so afresh.
   */
  tokenId: z.string().nullable().default(null),
  missions: z.record(z.string(), Ack),
  lastSuccessAt: Instant.nullable(),
});
export type SyncDoc = z.infer<typeof SyncDoc>;

export const syncDocSpec: DocSpec<SyncDoc> = {
  schema: SyncDoc,
  empty: () => ({
    schemaVersion: 1,
    endpoint: null,
    tokenId: null,
    missions: {},
    lastSuccessAt: null,
  }),
};

export type Operation =
  | {
      kind: 'upsert';
      id: string;
      title: string;
      revision: number;
      hash: string;
      state: TeamMissionState;
    }
  | { kind: 'withdraw'; id: string; title: string; revision: number };

/** 53-bit string hash (cyrb53): enough to notice that a state changed. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Fingerprints by state: the sync source hands out the same state of an archived mission. */
const hashes = new WeakMap<TeamMissionState, string>();

/** The state without the instant it was computed at: what "changed" means. */
function hashOf(state: TeamMissionState): string {
  let hash = hashes.get(state);
  if (hash === undefined) {
    hash = fingerprint(JSON.stringify({ ...state, asOf: null }));
    hashes.set(state, hash);
  }
  return hash;
}

/**
 * The upsert that sends `state` (a shareable candidate's) to a server that acknowledged `ack`:
 * above the server's revision. The team preview shows what this builds.
 */
export function upsertOf(
  c: SyncCandidate,
  state: TeamMissionState,
  ack: Ack | undefined,
): Extract<Operation, { kind: 'upsert' }> {
  const revision = Math.max(c.revision, ack ? ack.revision + 1 : 1);
  return { kind: 'upsert', id: c.id, title: c.title, revision, hash: hashOf(state), state };
}

/** The work that brings the server to the local state, oldest revision first. */
export function pendingOperations(doc: SyncDoc, candidates: readonly SyncCandidate[]): Operation[] {
  const ops: Operation[] = [];
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const c of candidates) {
    if (!c.shareable || !c.state) continue;
    const ack = doc.missions[c.id];
    const op = upsertOf(c, c.state, ack);
    if ((ack?.held && ack.hash === op.hash) || ack?.refused) continue;
    ops.push(op);
  }
  for (const [id, ack] of Object.entries(doc.missions)) {
    if (!ack.held) continue;
    const c = byId.get(id);
    if (c?.shareable) continue;
    const revision = Math.max(c?.revision ?? 0, ack.revision + 1);
    ops.push({ kind: 'withdraw', id, title: c?.title ?? 'a deleted mission', revision });
  }
  return ops.sort((a, b) => a.revision - b.revision);
}

/** Withdrawals of every mission the server holds, as a switch to another account sends them. */
export function withdrawalsOfHeld(doc: SyncDoc): Operation[] {
  return Object.entries(doc.missions)
    .filter(([, ack]) => ack.held)
    .map(([id, ack]): Operation => ({
      kind: 'withdraw',
      id,
      title: 'a mission',
      revision: ack.revision + 1,
    }));
}

/**
 * What to remember of the server's answer to `op` (null: refused for good), and whether the
 * server holds a newer revision than ours (a reinstall lost our acknowledgements): then the hash
 * is unknown, so the next pass sends ours above it.
 */
export function acknowledgementOf(
  op: Operation,
  result: WriteResult | null,
): { ack: Ack; behind: boolean } {
  const behind = result !== null && !result.applied && result.revision > op.revision;
  const ack: Ack = result
    ? {
        revision: Math.max(op.revision, result.revision),
        hash: op.kind === 'upsert' && !behind ? op.hash : '',
        held: op.kind === 'upsert',
      }
    : { revision: op.revision, hash: '', held: false, refused: true };
  return { ack, behind };
}
