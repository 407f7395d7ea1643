// The update policy with the clock in the test's hands: when it checks, what it says and how
// often, whether the update installs on quit, and that a failure is only ever logged.
import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  CHECK_TIMEOUT_MS,
  decideUpdate,
  FIRST_CHECK_AFTER_MS,
  INITIAL_UPDATE_STATE,
  RETRY_AFTER_FAILURE_MS,
  shortVersion,
  type UpdateEffect,
  type UpdateEvent,
} from '../../../../src/core/updates/update-policy.ts';
import { createFakeClock } from '../../../fakes/clock.ts';

const MINUTE = 60_000;

function policy(start: { packaged?: boolean; enabled?: boolean } = {}) {
  const clock = createFakeClock({ now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' });
  let state = INITIAL_UPDATE_STATE;
  const send = (event: UpdateEvent): UpdateEffect[] => {
    const decision = decideUpdate(state, event, clock.now().getTime(), 'Mission Tray');
    state = decision.state;
    return decision.effects;
  };
  const startEffects = send({
    type: 'started',
    packaged: start.packaged ?? true,
    enabled: start.enabled ?? true,
  });
  /** Advances the clock minute by minute, ticking; returns the minutes at which a check ran. */
  const run = (minutes: number) => {
    const checks: number[] = [];
    for (let m = 1; m <= minutes; m += 1) {
      clock.advance(MINUTE);
      if (send({ type: 'tick' }).some((e) => e.type === 'check')) checks.push(m);
    }
    return checks;
  };
  /** Minutes, ticking each one, until the policy starts the next check (or `limit`). */
  const minutesToNextCheck = (limit: number) => {
    for (let m = 1; m <= limit; m += 1) {
      clock.advance(MINUTE);
      if (send({ type: 'tick' }).some((e) => e.type === 'check')) return m;
    }
    return Infinity;
  };
  return { clock, send, run, minutesToNextCheck, startEffects, state: () => state };
}

const told = (effects: UpdateEffect[]) =>
  effects.filter((e) => e.type === 'notify' || (e.type === 'offer' && e.offer !== null));
const logs = (effects: UpdateEffect[]) =>
  effects.flatMap((e) => (e.type === 'log' ? [e.message] : []));

describe('update policy', () => {
  it('never checks in a development build, however long it runs', () => {
    const p = policy({ packaged: false });
    expect(logs(p.startEffects)).toEqual(['Updates are off: this is not a packaged build']);
    expect(p.run(3 * 24 * 60)).toEqual([]);
    // Switching updates on in Preferences does not change that.
    expect(p.send({ type: 'switched', enabled: true })).toEqual([]);
    expect(p.run(60)).toEqual([]);
  });

  it('checks shortly after start, then every four hours while up to date', () => {
    const p = policy();
    expect(FIRST_CHECK_AFTER_MS).toBe(30_000);
    expect(p.run(1)).toEqual([1]);
    expect(p.send({ type: 'up-to-date', version: '0.2.0' })).toEqual([]);
    expect(p.minutesToNextCheck(9 * 60)).toBe(CHECK_EVERY_MS / MINUTE);
    p.send({ type: 'up-to-date', version: '0.2.0' });
    expect(p.minutesToNextCheck(9 * 60)).toBe(240);
  });

  it('does not start a second check while one is running', () => {
    const p = policy();
    p.run(1);
    expect(p.run(CHECK_TIMEOUT_MS / MINUTE - 1)).toEqual([]);
    expect(p.state().phase).toBe('checking');
  });

  it('tells the rep once that the version is ready, and installs it on quit', () => {
    const p = policy();
    p.run(1);
    const found = p.send({ type: 'found', version: '0.3.0' });
    expect(told(found)).toEqual([]);
    const downloaded = p.send({ type: 'downloaded', version: '0.3.0' });
    expect(downloaded).toContainEqual({ type: 'install-on-quit', enabled: true });
    expect(told(downloaded)).toEqual([
      {
        type: 'offer',
        offer: { version: '0.3.0', message: 'Mission Tray 0.3 is ready — restart to update' },
      },
      {
        type: 'notify',
        title: 'Mission Tray 0.3 is ready — restart to update',
        body: 'Restart now from the window, or it installs the next time you quit.',
      },
    ]);
    // The updater reporting the same download again (e.g. a late check) says nothing new.
    expect(told(p.send({ type: 'downloaded', version: '0.3.0' }))).toEqual([]);
    // Once ready, it stops checking: the next version comes after the restart.
    expect(p.run(24 * 60)).toEqual([]);
  });

  it('Later hides the banner for good; the update still installs on quit', () => {
    const p = policy();
    p.run(1);
    p.send({ type: 'found', version: '0.3.0' });
    p.send({ type: 'downloaded', version: '0.3.0' });
    expect(p.send({ type: 'later' })).toEqual([{ type: 'offer', offer: null }]);
    expect(p.state().offer).toBeNull();
    expect(p.state().phase).toBe('ready');
    expect(p.send({ type: 'later' })).toEqual([]);
  });

  it('Restart now installs only an update that is ready', () => {
    const p = policy();
    expect(p.send({ type: 'restart-now' })).toEqual([]);
    p.run(1);
    p.send({ type: 'found', version: '0.3.0' });
    expect(p.send({ type: 'restart-now' })).toEqual([]);
    p.send({ type: 'downloaded', version: '0.3.0' });
    expect(p.send({ type: 'restart-now' })).toEqual([{ type: 'restart-and-install' }]);
  });

  it('a failed check is logged, never shown, and retried sooner, backing off to four hours', () => {
    const p = policy();
    p.run(1);
    const waits: number[] = [];
    for (let i = 1; i <= 6; i += 1) {
      const effects = p.send({ type: 'failed', error: 'net::ERR_INTERNET_DISCONNECTED' });
      expect(told(effects)).toEqual([]);
      expect(logs(effects)[0]).toMatch(
        new RegExp(`^Update check failed \\(${i} in a row\\): net::ERR_INTERNET_DISCONNECTED`),
      );
      waits.push(p.minutesToNextCheck(5 * 60));
    }
    expect(RETRY_AFTER_FAILURE_MS).toBe(30 * MINUTE);
    expect(waits).toEqual([30, 60, 120, 240, 240, 240]);
    // A check that works again resets the back-off: the next one is four hours later.
    p.send({ type: 'up-to-date', version: '0.2.0' });
    p.send({ type: 'tick' });
    expect(p.minutesToNextCheck(5 * 60)).toBe(240);
    p.send({ type: 'failed', error: 'HttpError: 404' });
    expect(p.minutesToNextCheck(5 * 60)).toBe(30);
  });

  it('a check with no answer within a minute counts as failed; a late answer still downloads', () => {
    const p = policy();
    p.run(1);
    let timedOut: UpdateEffect[] = [];
    for (let s = 0; s < CHECK_TIMEOUT_MS / 1000; s += 1) {
      p.clock.advance(1000);
      timedOut = p.send({ type: 'tick' });
      if (timedOut.length) break;
    }
    expect(logs(timedOut)[0]).toMatch(/^Update check failed \(1 in a row\): no answer within 60 s/);
    expect(told(timedOut)).toEqual([]);
    expect(p.state().phase).toBe('idle');
    expect(p.send({ type: 'found', version: '0.3.0' })).toHaveLength(1);
    expect(p.state().phase).toBe('downloading');
  });

  it('switched off: no checks, no install on quit, the banner withdrawn; on again: checks', () => {
    const p = policy();
    p.run(1);
    p.send({ type: 'found', version: '0.3.0' });
    p.send({ type: 'downloaded', version: '0.3.0' });
    const off = p.send({ type: 'switched', enabled: false });
    expect(off).toContainEqual({ type: 'install-on-quit', enabled: false });
    expect(off).toContainEqual({ type: 'offer', offer: null });
    expect(p.run(24 * 60)).toEqual([]);
    expect(p.send({ type: 'switched', enabled: true })).toEqual([
      { type: 'log', message: 'Updates switched on' },
    ]);
    expect(p.run(1)).toEqual([1]);
    // The same version downloaded again is installed on quit but not told a second time.
    const again = p.send({ type: 'downloaded', version: '0.3.0' });
    expect(again).toContainEqual({ type: 'install-on-quit', enabled: true });
    expect(told(again)).toEqual([]);
  });

  it('switched off in Preferences before start: never checks until switched on', () => {
    const p = policy({ enabled: false });
    expect(p.run(8 * 60)).toEqual([]);
    p.send({ type: 'switched', enabled: true });
    expect(p.run(1)).toEqual([1]);
  });

  it('names versions the way a rep does', () => {
    expect(shortVersion('0.3.0')).toBe('0.3');
    expect(shortVersion('1.0.0')).toBe('1.0');
    expect(shortVersion('0.3.1')).toBe('0.3.1');
    expect(shortVersion('1.0.0-beta.1')).toBe('1.0.0-beta.1');
  });
});
