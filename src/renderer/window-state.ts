// What the window shows, as one value changed in one place: the route (the view, and on Missions
// the list or the form) and what lies over every view (the "Log more…" dialog, the toast, the
// celebration, the reflections the rep put off). Pure, so every transition is tested without React.
import type { WindowView } from '../shared/ipc.ts';
import type { Mission } from '../shared/mission.ts';
import type { ToastMessage } from './components/Toast.tsx';
import type { MilestoneHit } from './milestone-hits.ts';

export type MissionsMode =
  | { kind: 'list' }
  /** A new mission; `from` an ended one, to start the next from it. */
  | { kind: 'new'; from?: Mission }
  | { kind: 'edit'; mission: Mission };

export type Route =
  { view: Exclude<WindowView, 'missions'> } | { view: 'missions'; mode: MissionsMode };

export interface WindowState {
  route: Route;
  /** The mission whose "Log more…" dialog is open. */
  loggingMore: Mission | null;
  toast: ToastMessage | null;
  /** The milestones being celebrated. */
  hits: MilestoneHit[];
  /** Ended missions whose reflection the rep put off until the next start. */
  laterReflections: string[];
}

export type WindowAction =
  /** A tab, a notification click or a saved form: Missions opens on its list. */
  | { type: 'go'; view: WindowView }
  /** The list, the new-mission form, or the form for one mission. */
  | { type: 'missions'; mode: MissionsMode }
  | { type: 'log-more'; mission: Mission | null }
  | { type: 'toast'; message: ToastMessage | null }
  | { type: 'hits'; hits: MilestoneHit[] }
  | { type: 'reflect-later'; missionId: string }
  /** The tray's "Reflect on …": that reflection shows again although the rep said "Later". */
  | { type: 'reflect-now'; missionId: string };

export const initialWindowState: WindowState = {
  route: { view: 'today' },
  loggingMore: null,
  toast: null,
  hits: [],
  laterReflections: [],
};

export const routeTo = (view: WindowView): Route =>
  view === 'missions' ? { view, mode: { kind: 'list' } } : { view };

/** Names what the route shows: a new key is a new page, which starts at its top. */
export const routeKey = (route: Route): string =>
  route.view !== 'missions'
    ? route.view
    : route.mode.kind === 'edit'
      ? `missions:edit:${route.mode.mission.id}`
      : `missions:${route.mode.kind}`;

export function windowReducer(state: WindowState, action: WindowAction): WindowState {
  switch (action.type) {
    case 'go':
      return { ...state, route: routeTo(action.view) };
    case 'missions':
      return { ...state, route: { view: 'missions', mode: action.mode } };
    case 'log-more':
      return { ...state, loggingMore: action.mission };
    case 'toast':
      return { ...state, toast: action.message };
    case 'hits':
      return { ...state, hits: action.hits };
    case 'reflect-later':
      return { ...state, laterReflections: [...state.laterReflections, action.missionId] };
    case 'reflect-now':
      return {
        ...state,
        laterReflections: state.laterReflections.filter((id) => id !== action.missionId),
      };
  }
}
