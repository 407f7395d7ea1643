// The window's one state: which view and, on Missions, list or form; and what lies over the views.
import { describe, expect, it } from 'vitest';
import { storedMission } from '../../e2e/seed-history.ts';
import {
  initialWindowState,
  routeKey,
  windowReducer,
  type WindowAction,
  type WindowState,
} from '../../../src/renderer/window-state.ts';

const mission = storedMission(
  { id: 'm1', title: 'Book 10 meetings', target: 10, startDate: '2026-11-23', seq: 1 },
  'Europe/Berlin',
);
const run = (...actions: WindowAction[]): WindowState =>
  actions.reduce(windowReducer, initialWindowState);

describe('the window state', () => {
  it('opens on Today with nothing over it', () => {
    expect(initialWindowState).toEqual({
      route: { view: 'today' },
      loggingMore: null,
      toast: null,
      hits: [],
      laterReflections: [],
    });
  });

  it('opens Missions on its list, even when the form was open before', () => {
    const state = run(
      { type: 'missions', mode: { kind: 'edit', mission } },
      { type: 'go', view: 'today' },
      { type: 'go', view: 'missions' },
    );
    expect(state.route).toEqual({ view: 'missions', mode: { kind: 'list' } });
  });

  it('goes to the new-mission form from any view (N, the first-run button)', () => {
    expect(
      run({ type: 'go', view: 'history' }, { type: 'missions', mode: { kind: 'new' } }).route,
    ).toEqual({ view: 'missions', mode: { kind: 'new' } });
  });

  it('keeps the overlays when the view changes (a notification click behind a dialog)', () => {
    const state = run(
      { type: 'log-more', mission },
      { type: 'toast', message: { kind: 'info', text: 'Saved' } },
      { type: 'go', view: 'preferences' },
    );
    expect(state.route).toEqual({ view: 'preferences' });
    expect(state.loggingMore).toBe(mission);
    expect(state.toast).toEqual({ kind: 'info', text: 'Saved' });
  });

  it('closes the dialog and the toast, and remembers each reflection put off', () => {
    const state = run(
      { type: 'log-more', mission },
      { type: 'toast', message: { kind: 'info', text: 'Saved' } },
      { type: 'log-more', mission: null },
      { type: 'toast', message: null },
      { type: 'reflect-later', missionId: 'm1' },
      { type: 'reflect-later', missionId: 'm2' },
    );
    expect(state.loggingMore).toBeNull();
    expect(state.toast).toBeNull();
    expect(state.laterReflections).toEqual(['m1', 'm2']);
  });

  it('names each page once, so a new view or form starts at its top and a new snapshot does not', () => {
    const keys = [
      run({ type: 'go', view: 'today' }),
      run({ type: 'go', view: 'missions' }),
      run({ type: 'missions', mode: { kind: 'new' } }),
      run({ type: 'missions', mode: { kind: 'edit', mission } }),
      run({ type: 'missions', mode: { kind: 'edit', mission: { ...mission, id: 'm2' } } }),
      run({ type: 'go', view: 'history' }),
    ].map((s) => routeKey(s.route));
    expect(new Set(keys).size).toBe(keys.length);
    // A toast or a snapshot over the same page keeps the rep's place.
    expect(routeKey(run({ type: 'go', view: 'history' }, { type: 'hits', hits: [] }).route)).toBe(
      routeKey(run({ type: 'go', view: 'history' }).route),
    );
  });

  it("brings back a reflection put off when the tray's “Reflect on …” asks for it", () => {
    const state = run(
      { type: 'reflect-later', missionId: 'm1' },
      { type: 'reflect-later', missionId: 'm2' },
      { type: 'reflect-now', missionId: 'm1' },
    );
    expect(state.laterReflections).toEqual(['m2']);
  });
});
