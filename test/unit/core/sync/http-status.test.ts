// What the team server's answers mean, without a server: which ones sync retries, which stop it
// until the rep acts, which set one mission aside, and the sentence the rep reads for each.
import { describe, expect, it } from 'vitest';
import { teamOutcome, writeOutcome } from '../../../../src/core/sync/http-status.ts';
import type { HttpResponse } from '../../../../src/core/sync/sync-ports.ts';

const answer = (status: number, body: unknown = null, retryAfter: string | null = null) =>
  ({ status, body, retryAfter }) satisfies HttpResponse;
const upsert = { kind: 'upsert', title: 'Book 10 meetings' } as const;
const withdraw = { kind: 'withdraw', title: 'Book 10 meetings' } as const;

describe('an answer to a mission write', () => {
  it('a success carries the server’s revision; one this app cannot read is retried', () => {
    const result = { missionId: 'm1', revision: 4, applied: true };
    expect(writeOutcome(answer(200, result), upsert)).toEqual({ kind: 'written', result });
    expect(writeOutcome(answer(200, '<html>proxy</html>'), upsert)).toEqual({
      kind: 'unreadable',
    });
  });

  it('busy or failing servers and timeouts are retried, honouring Retry-After', () => {
    for (const status of [408, 429, 500, 502, 503])
      expect(writeOutcome(answer(status, { error: 'Slow down.' }, '30'), upsert)).toEqual({
        kind: 'retry',
        message: 'The team server is busy or failing (Slow down.); will retry.',
        retryAfter: '30',
      });
    expect(writeOutcome(answer(503), withdraw)).toMatchObject({
      kind: 'retry',
      message: expect.stringContaining('(HTTP 503)'),
    });
  });

  it('a revoked token stops sync and tells the rep to enter a new one', () => {
    expect(writeOutcome(answer(401, { error: 'Unknown token.' }), upsert)).toEqual({
      kind: 'stop',
      message:
        'The team server did not accept your token (it may have been revoked). Enter a new token in Preferences.',
    });
  });

  it('a 403 on an upsert sets that mission aside; on a withdrawal it stops sync', () => {
    const notYours = { error: 'That mission belongs to another rep.' };
    expect(writeOutcome(answer(403, notYours), upsert)).toEqual({
      kind: 'refused',
      message:
        'The team server refused “Book 10 meetings”: That mission belongs to another rep. It stays off the team board; your other missions are synced.',
    });
    expect(writeOutcome(answer(403, notYours), withdraw)).toEqual({
      kind: 'stop',
      message:
        'The team server refused “Book 10 meetings”: That mission belongs to another rep. Sync is paused.',
    });
  });

  it('a malformed payload, a body too large or a redirect stops sync with the server’s words', () => {
    for (const status of [301, 400, 413])
      expect(writeOutcome(answer(status, { error: `Refused ${status}.` }), upsert)).toEqual({
        kind: 'stop',
        message: `The team server refused “Book 10 meetings”: Refused ${status}. Sync is paused.`,
      });
  });

  it('a 404 is a server from before protocol v2 (no write answers 404): sync stops and says so', () => {
    const unknownRoute = { error: 'Route PUT:/api/v2/missions/m1 not found' };
    expect(writeOutcome(answer(404, unknownRoute), upsert)).toEqual({
      kind: 'stop',
      message:
        'The team server speaks an older protocol than this app (v2), so “Book 10 meetings” was not sent. Ask your manager to update the team server. Sync is paused.',
    });
  });
});

describe('an answer to a team call', () => {
  it('passes the body on below 400', () => {
    expect(teamOutcome(answer(200, { cheers: 2 }))).toEqual({ kind: 'ok', body: { cheers: 2 } });
  });

  it('names what went wrong: the token, a missing mission, or the server’s own sentence', () => {
    expect(teamOutcome(answer(401))).toEqual({
      kind: 'error',
      code: 'forbidden',
      message: 'The team server did not accept your token. Enter a new token in Preferences.',
    });
    expect(teamOutcome(answer(404, { error: 'No such mission.' }))).toEqual({
      kind: 'error',
      code: 'not-found',
      message: 'No such mission.',
    });
    expect(teamOutcome(answer(400, { error: 'You cannot cheer your own mission.' }))).toEqual({
      kind: 'error',
      code: 'invalid',
      message: 'You cannot cheer your own mission.',
    });
    expect(teamOutcome(answer(502))).toMatchObject({ code: 'invalid', message: 'HTTP 502' });
  });
});
