// The outbox without a server: what is pending is the difference between the local missions and
// what the server acknowledged, and an answer is remembered so the same work is not sent twice.
import { describe, expect, it } from 'vitest';
import {
  acknowledgementOf,
  type Operation,
  pendingOperations,
  syncDocSpec,
  type SyncDoc,
  withdrawalsOfHeld,
} from '../../../../src/core/sync/outbox.ts';
import type { SyncCandidate } from '../../../../src/core/sync/team-state.ts';
import { sampleState } from '../../server/team-server-fixture.ts';

function docWith(missions: SyncDoc['missions']): SyncDoc {
  return { ...syncDocSpec.empty(), endpoint: 'https://team.example.com', tokenId: 't', missions };
}

function candidate(id: string, overrides: Partial<SyncCandidate> = {}): SyncCandidate {
  return {
    id,
    title: `Mission ${id}`,
    shareable: true,
    revision: 5,
    state: sampleState(),
    reflectionKept: false,
    ...overrides,
  };
}

/** The acknowledgement the server gave for exactly this candidate's state. */
function ackedAs(c: SyncCandidate, revision = c.revision): SyncDoc['missions'][string] {
  const [op] = pendingOperations(docWith({}), [c]);
  if (op?.kind !== 'upsert') throw new Error('expected an upsert');
  return { revision, hash: op.hash, held: true };
}

const kinds = (ops: Operation[]) => ops.map((op) => `${op.kind} ${op.id}@${op.revision}`);

describe('the outbox', () => {
  it('sends a public mission the server never saw, and nothing of a private one', () => {
    const ops = pendingOperations(docWith({}), [
      candidate('pub'),
      candidate('priv', { shareable: false, state: null }),
    ]);
    expect(kinds(ops)).toEqual(['upsert pub@5']);
    expect(ops[0]).toMatchObject({ title: 'Mission pub', state: sampleState() });
  });

  it('sends nothing for a state the server holds, even computed at another instant', () => {
    const c = candidate('m');
    const later = candidate('m', { state: sampleState({ asOf: '2026-11-23T12:00:00.000Z' }) });
    expect(pendingOperations(docWith({ m: ackedAs(c) }), [later])).toEqual([]);
  });

  it('sends a changed state above the acknowledged revision, so the server applies it', () => {
    const c = candidate('m', { revision: 3 });
    const changed = candidate('m', { revision: 3, state: sampleState({ total: 4 }) });
    expect(kinds(pendingOperations(docWith({ m: ackedAs(c, 7) }), [changed]))).toEqual([
      'upsert m@8',
    ]);
  });

  it('withdraws what the server holds once private, archived or deleted', () => {
    const held = ackedAs(candidate('x'), 4);
    const ops = pendingOperations(docWith({ gone: held, priv: held }), [
      candidate('priv', { shareable: false, state: null, revision: 9 }),
    ]);
    expect(kinds(ops)).toEqual(['withdraw gone@5', 'withdraw priv@9']);
    expect(ops.find((op) => op.id === 'gone')?.title).toBe('a deleted mission');
  });

  it('never sends again a mission the server refused, nor withdraws one it does not hold', () => {
    const doc = docWith({
      refused: { revision: 2, hash: '', held: false, refused: true },
      withdrawn: { revision: 3, hash: '', held: false },
    });
    expect(pendingOperations(doc, [candidate('refused')])).toEqual([]);
    expect(pendingOperations(doc, [])).toEqual([]);
  });

  it('orders the work oldest revision first', () => {
    const ops = pendingOperations(docWith({ old: ackedAs(candidate('x'), 1) }), [
      candidate('b', { revision: 9 }),
      candidate('a', { revision: 4 }),
    ]);
    expect(kinds(ops)).toEqual(['withdraw old@2', 'upsert a@4', 'upsert b@9']);
  });
});

describe('an answer remembered', () => {
  const upsert: Operation = {
    kind: 'upsert',
    id: 'm',
    title: 'Calls',
    revision: 6,
    hash: 'abc',
    state: sampleState(),
  };
  const withdraw: Operation = { kind: 'withdraw', id: 'm', title: 'Calls', revision: 6 };

  it('an applied upsert: held with its state, not sent again', () => {
    expect(acknowledgementOf(upsert, { missionId: 'm', revision: 6, applied: true })).toEqual({
      ack: { revision: 6, hash: 'abc', held: true },
      behind: false,
    });
  });

  it('the server ahead of us (a reinstall lost the record): its revision, the state unknown', () => {
    const { ack, behind } = acknowledgementOf(upsert, {
      missionId: 'm',
      revision: 11,
      applied: false,
    });
    expect({ ack, behind }).toEqual({ ack: { revision: 11, hash: '', held: true }, behind: true });
    const c = candidate('m', { revision: 6 });
    expect(kinds(pendingOperations(docWith({ m: ack }), [c]))).toEqual(['upsert m@12']);
  });

  it('a withdrawal: no longer held; a refusal: set aside for good', () => {
    expect(acknowledgementOf(withdraw, { missionId: 'm', revision: 6, applied: true }).ack).toEqual(
      { revision: 6, hash: '', held: false },
    );
    expect(acknowledgementOf(upsert, null)).toEqual({
      ack: { revision: 6, hash: '', held: false, refused: true },
      behind: false,
    });
  });

  it('a switch withdraws exactly what the previous server holds, each above its revision', () => {
    const doc = docWith({
      a: { revision: 3, hash: 'h', held: true },
      b: { revision: 8, hash: '', held: false },
      c: { revision: 1, hash: 'h', held: true },
    });
    expect(kinds(withdrawalsOfHeld(doc))).toEqual(['withdraw a@4', 'withdraw c@2']);
  });
});
