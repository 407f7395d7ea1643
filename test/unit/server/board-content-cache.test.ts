// The open boards' shared drawing of the board's content: one drawing per view and token, never
// served for another token, not kept when the token moved while drawing or the drawing failed.
import { describe, expect, it } from 'vitest';
import { createBoardContentCache, type Drawing } from '../../../src/server/board-content-cache.ts';

/** A draw function that counts its calls; `html(n)` is the nth drawing, or an Error it throws. */
function drawer(html: (n: number) => Drawing | Error) {
  const calls = { n: 0 };
  const draw = async (): Promise<Drawing> => {
    calls.n += 1;
    await Promise.resolve();
    const result = html(calls.n);
    if (result instanceof Error) throw result;
    return result;
  };
  return { calls, draw };
}

describe('the board content cache', () => {
  it('draws once for 50 boards asking at the same token, all at once', async () => {
    const cache = createBoardContentCache();
    const { calls, draw } = drawer((n) => ({ html: `drawing ${n}`, keep: true }));
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => cache.get('north', 't1', draw)),
    );
    expect(new Set(answers)).toEqual(new Set(['drawing 1']));
    expect(await cache.get('north', 't1', draw)).toBe('drawing 1');
    expect(calls.n).toBe(1);
  });

  it('draws again at a new token and never serves the old drawing for it', async () => {
    const cache = createBoardContentCache();
    const { calls, draw } = drawer((n) => ({ html: `drawing ${n}`, keep: true }));
    expect(await cache.get('north', 't1', draw)).toBe('drawing 1');
    expect(await cache.get('north', 't2', draw)).toBe('drawing 2');
    expect(await cache.get('north', 't2', draw)).toBe('drawing 2');
    // A request that read the older token (it raced the change) gets a drawing of its own.
    expect(await cache.get('north', 't1', draw)).toBe('drawing 3');
    expect(calls.n).toBe(3);
  });

  it('keeps views apart', async () => {
    const cache = createBoardContentCache();
    const north = drawer(() => ({ html: 'north', keep: true }));
    const south = drawer(() => ({ html: 'south', keep: true }));
    expect(await cache.get('north', 'same token', north.draw)).toBe('north');
    expect(await cache.get('south', 'same token', south.draw)).toBe('south');
    expect(await cache.get('north', 'same token', south.draw)).toBe('north');
  });

  it('serves a drawing the token moved under, but draws the next request again', async () => {
    const cache = createBoardContentCache();
    const { calls, draw } = drawer((n) => ({ html: `drawing ${n}`, keep: n > 1 }));
    expect(await cache.get('north', 't1', draw)).toBe('drawing 1');
    expect(await cache.get('north', 't1', draw)).toBe('drawing 2');
    expect(await cache.get('north', 't1', draw)).toBe('drawing 2');
    expect(calls.n).toBe(2);
  });

  it('passes a failed drawing on to every board waiting for it, and keeps nothing of it', async () => {
    const cache = createBoardContentCache();
    const { calls, draw } = drawer((n) =>
      n === 1 ? new Error('database gone') : { html: 'drawn', keep: true },
    );
    const waiting = await Promise.allSettled([
      cache.get('north', 't1', draw),
      cache.get('north', 't1', draw),
    ]);
    expect(waiting.map((w) => w.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.get('north', 't1', draw)).toBe('drawn');
    expect(calls.n).toBe(2);
  });

  it('forgets the view asked for least recently once it holds its most', async () => {
    const cache = createBoardContentCache(2);
    const { calls, draw } = drawer((n) => ({ html: `drawing ${n}`, keep: true }));
    await cache.get('a', 't', draw);
    await cache.get('b', 't', draw);
    await cache.get('a', 't', draw); // a is now the most recent
    await cache.get('c', 't', draw); // b goes
    expect(calls.n).toBe(3);
    expect(await cache.get('a', 't', draw)).toBe('drawing 1');
    expect(await cache.get('b', 't', draw)).toBe('drawing 4');
    expect(calls.n).toBe(4);
  });
});
