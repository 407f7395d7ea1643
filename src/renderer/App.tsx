// The window: one header, five views, and the overlays every view shares (notices, reflection,
// toast, celebration). State comes only from the core's snapshots; actions go only through `api`.
import {
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { metricLabel } from '../shared/metric-label.ts';
import type { WindowView } from '../shared/ipc.ts';
import type { LogWinInput } from '../shared/mission.ts';
import type { Settings } from '../shared/settings.ts';
import type { TodaySnapshot } from '../shared/snapshot.ts';
import type { SyncStatus } from '../shared/team.ts';
import { api } from './api.ts';
import { Celebration } from './components/Celebration.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { MissionMark } from './components/Icons.tsx';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { RevokedBanner } from './components/RevokedBanner.tsx';
import { UpdateBanner } from './components/UpdateBanner.tsx';
import { Toast } from './components/Toast.tsx';
import { adoptFormat, formatDayLong, formatNumber } from './format.ts';
import { milestoneHits } from './milestone-hits.ts';
import { remoteWinToAnnounce } from './remote-win.ts';
import { useLive, type LiveValue, type PendingRequest } from './live-value.ts';
import { shortcutFor } from './shortcuts.ts';
import { TodayView } from './views/TodayView.tsx';
import { initialWindowState, routeKey, windowReducer, type MissionsMode } from './window-state.ts';

// Only Today is in the first download (its budget is 100 KB gzip); the other views bring the
// schemas and forms when the rep first opens them.
const MissionsView = lazy(() =>
  import('./views/MissionsView.tsx').then((m) => ({ default: m.MissionsView })),
);
const HistoryView = lazy(() =>
  import('./views/HistoryView.tsx').then((m) => ({ default: m.HistoryView })),
);
const TeamView = lazy(() => import('./views/TeamView.tsx').then((m) => ({ default: m.TeamView })));
const PreferencesView = lazy(() =>
  import('./views/PreferencesView.tsx').then((m) => ({ default: m.PreferencesView })),
);
const LogWinDialog = lazy(() =>
  import('./views/LogWinDialog.tsx').then((m) => ({ default: m.LogWinDialog })),
);
const JoinDialog = lazy(() =>
  import('./components/JoinDialog.tsx').then((m) => ({ default: m.JoinDialog })),
);
const ReflectionDialog = lazy(() =>
  import('./views/ReflectionDialog.tsx').then((m) => ({ default: m.ReflectionDialog })),
);

export type View = WindowView;
const VIEWS: { id: View; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'missions', label: 'Missions' },
  { id: 'history', label: 'History' },
  { id: 'team', label: 'Team' },
  { id: 'preferences', label: 'Preferences' },
];

/** Keys typed into a form field are the rep's text, never a shortcut. */
const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function App(props: {
  today: LiveValue<TodaySnapshot>;
  settings: LiveValue<Settings>;
  sync: LiveValue<SyncStatus>;
  /** A missiontray://open/mission/<id> link's mission, until its card is shown. */
  showMission: PendingRequest<string>;
}) {
  const today = useLive(props.today);
  const settings = useLive(props.settings);
  const sync = useLive(props.sync);
  const acceptSync = props.sync.accept;
  const [state, dispatch] = useReducer(windowReducer, initialWindowState);
  const { route, toast, hits, laterReflections, loggingMore } = state;
  const { view } = route;
  const previous = useRef<TodaySnapshot | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  /** The invite a missiontray://join link brought, shown for the rep to confirm. */
  const [joining, setJoining] = useState<string | null>(null);
  /** Bumped by "Join again": Preferences' invite field takes focus. */
  const [focusJoin, setFocusJoin] = useState(0);

  // One scrolling area serves every view: a new view (or form) starts at its top, not where the
  // last one was left (a long form scrolled to Create left Today's first card out of view).
  const page = routeKey(route);
  useLayoutEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [page]);

  const theme = settings.value?.theme ?? 'system';
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  const snapshot = today.value;
  // Before any view renders with it: the window writes times as the tray and notifications do.
  if (snapshot) adoptFormat(snapshot);
  useEffect(() => {
    if (!snapshot) return;
    const newHits = milestoneHits(previous.current, snapshot);
    previous.current = snapshot;
    if (newHits.length > 0) dispatch({ type: 'hits', hits: newHits });
  }, [snapshot]);

  // A win a link or the command line logged: the same toast as a +1, with its Undo.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!snapshot) return;
    const win = remoteWinToAnnounce(snapshot, announced.current);
    if (!win) return;
    announced.current = win.id;
    const mission = snapshot.missions.find((m) => m.mission.id === win.missionId)?.mission;
    const from = win.source === 'link' ? 'from a link' : 'from the command line';
    dispatch({
      type: 'toast',
      message: {
        kind: 'win',
        text: `Logged ${formatNumber(win.amount)} ${mission ? metricLabel(mission.metric, win.amount) : 'win'}`,
        detail: `${win.missionTitle} — ${from}`,
      },
    });
  }, [snapshot]);

  // Stable, so the overlays' timers are not restarted by every new snapshot.
  const endCelebration = useCallback(() => dispatch({ type: 'hits', hits: [] }), []);
  const closeToast = useCallback(() => dispatch({ type: 'toast', message: null }), []);

  const go = useCallback((next: View) => {
    dispatch({ type: 'go', view: next });
    // Move focus to the new view so keyboard and screen-reader users land on its content.
    requestAnimationFrame(() => mainRef.current?.focus());
  }, []);

  // A notification the rep clicked brings the window to the view it is about.
  useEffect(() => api().on.navigate(go), [go]);
  // A missiontray://open/mission/<id> link: Today, with that mission's card in view and focused.
  // It may come before the first snapshot (the link opened this window): it waits for the card.
  const { showMission } = props;
  const missionToShow = useSyncExternalStore(showMission.subscribe, showMission.get);
  useEffect(() => {
    if (missionToShow === null) return;
    // Not go(): it would move the focus to the view, away from the card.
    if (view !== 'today') {
      dispatch({ type: 'go', view: 'today' });
      return;
    }
    if (!snapshot) return;
    const card = document.querySelector<HTMLElement>(
      `[data-mission-id="${CSS.escape(missionToShow)}"]`,
    );
    card?.scrollIntoView({ block: 'nearest' });
    card?.focus();
    // A mission no longer on Today (it ended since the link was made) leaves Today as it is.
    showMission.done(missionToShow);
  }, [missionToShow, view, snapshot, showMission]);
  useEffect(
    () => api().on.reflect((missionId) => dispatch({ type: 'reflect-now', missionId })),
    [],
  );
  // A join link: its confirm screen, also when the link started the app before this window.
  useEffect(() => {
    let pushed = false;
    const unsubscribe = api().on.join((value) => {
      pushed = true;
      setJoining(value.invite);
    });
    void api()
      .join.pending()
      .then((r) => {
        if (!pushed && r.ok && r.value) setJoining(r.value.invite);
      });
    return unsubscribe;
  }, []);
  const joinAgain = useCallback(() => {
    setFocusJoin((n) => n + 1);
    go('preferences');
  }, [go]);

  const newMission = useCallback(() => dispatch({ type: 'missions', mode: { kind: 'new' } }), []);
  const setMissionsMode = useCallback(
    (mode: MissionsMode) => dispatch({ type: 'missions', mode }),
    [],
  );

  /** Logs a win and says so with an undo; resolves to the core's message when it refuses. */
  const logWinWith = useCallback(async (input: LogWinInput): Promise<string | null> => {
    const result = await api().wins.log(input);
    if (!result.ok) return result.error.message;
    const win = result.value.lastWin;
    const mission = result.value.missions.find((m) => m.mission.id === input.missionId)?.mission;
    const amount = win?.amount ?? 1;
    dispatch({
      type: 'toast',
      message: {
        kind: 'win',
        text: `Logged ${formatNumber(amount)} ${mission ? metricLabel(mission.metric, amount) : 'win'}`,
        detail: [mission?.title, input.note?.trim()].filter(Boolean).join(' — '),
      },
    });
    return null;
  }, []);

  /** The +1: one win, a refusal in the toast. */
  const logWin = useCallback(
    async (missionId: string) => {
      const refused = await logWinWith({ missionId, source: 'window' });
      if (refused) dispatch({ type: 'toast', message: { kind: 'error', text: refused } });
    },
    [logWinWith],
  );

  const pauseToday = useCallback(async (paused: boolean) => {
    const result = await api().missions.pauseToday({ paused });
    if (!result.ok)
      dispatch({ type: 'toast', message: { kind: 'error', text: result.error.message } });
  }, []);

  const undo = useCallback(async () => {
    const result = await api().wins.undo();
    dispatch({
      type: 'toast',
      message: result.ok
        ? { kind: 'info', text: 'Last win undone' }
        : { kind: 'error', text: result.error.message },
    });
  }, []);

  // Every keyboard shortcut (shortcuts.ts) is dispatched here, none while a dialog is open.
  useEffect(() => {
    const commands = {
      missions: snapshot?.missions ?? [],
      canUndo: Boolean(snapshot?.lastWin),
      logWin: (missionId: string) => void logWin(missionId),
      undo: () => void undo(),
      newMission,
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target) || document.querySelector('dialog[open]'))
        return;
      const shortcut = shortcutFor(e, commands);
      if (!shortcut) return;
      e.preventDefault();
      shortcut.perform(e, commands);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [snapshot, logWin, undo, newMission]);

  const reflecting = snapshot?.awaitingReflection.find((m) => !laterReflections.includes(m.id));

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <MissionMark />
          <h1>Mission Tray</h1>
        </div>
        {snapshot && <p className="header-date">{formatDayLong(snapshot.today)}</p>}
      </header>
      <nav className="tabs" aria-label="Views">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            className="tab"
            aria-current={view === v.id ? 'page' : undefined}
            onClick={() => go(v.id)}
          >
            {v.label}
          </button>
        ))}
      </nav>
      {snapshot && snapshot.notices.length > 0 && <NoticeBanner notices={snapshot.notices} />}
      <UpdateBanner />
      <RevokedBanner status={sync.value} onJoinAgain={joinAgain} />
      {/* In the tab order: a view with no control (History) still scrolls from the keyboard. */}
      <main ref={mainRef} tabIndex={0} className="main" aria-label={labelOf(view)}>
        {today.error && (
          <p role="alert" className="error-panel">
            {today.error.message}
          </p>
        )}
        <ErrorBoundary resetKey={view}>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {view === 'today' && snapshot && (
              <TodayView
                snapshot={snapshot}
                pausedUntil={settings.value?.pausedUntil ?? null}
                onLog={logWin}
                onLogMore={(mission) => dispatch({ type: 'log-more', mission })}
                onPauseToday={(paused) => void pauseToday(paused)}
                onNewMission={newMission}
                onStartFrom={(from) => dispatch({ type: 'missions', mode: { kind: 'new', from } })}
                onReflect={(missionId) => dispatch({ type: 'reflect-now', missionId })}
              />
            )}
            {route.view === 'missions' && snapshot && settings.value && (
              <MissionsView
                snapshot={snapshot}
                settings={settings.value}
                mode={route.mode}
                onMode={setMissionsMode}
                onSaved={(text) => {
                  dispatch({ type: 'toast', message: { kind: 'info', text } });
                  go('today');
                }}
              />
            )}
            {view === 'history' && <HistoryView today={snapshot} />}
            {view === 'team' && (
              <TeamView sync={sync.value} onOpenPreferences={() => go('preferences')} />
            )}
            {view === 'preferences' && settings.value && snapshot && (
              <PreferencesView
                settings={settings.value}
                snapshot={snapshot}
                sync={sync.value}
                onSyncStatus={acceptSync}
                focusJoin={focusJoin}
              />
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
      {loggingMore && (
        <Suspense fallback={null}>
          <LogWinDialog
            key={loggingMore.id}
            mission={loggingMore}
            onLog={logWinWith}
            onClose={() => dispatch({ type: 'log-more', mission: null })}
          />
        </Suspense>
      )}
      {reflecting && (
        <Suspense fallback={null}>
          <ReflectionDialog
            key={reflecting.id}
            mission={reflecting}
            onLater={() => dispatch({ type: 'reflect-later', missionId: reflecting.id })}
            onDone={() =>
              dispatch({
                type: 'toast',
                message: { kind: 'info', text: 'Reflection saved — thank you' },
              })
            }
          />
        </Suspense>
      )}
      {joining && (
        <Suspense fallback={null}>
          <JoinDialog
            key={joining}
            invite={joining}
            onClose={() => setJoining(null)}
            onJoined={acceptSync}
          />
        </Suspense>
      )}
      <Celebration hits={hits} onDone={endCelebration} />
      <Toast
        message={toast}
        canUndo={Boolean(snapshot?.lastWin)}
        onUndo={undo}
        onClose={closeToast}
      />
    </div>
  );
}

const labelOf = (view: View): string => VIEWS.find((v) => v.id === view)?.label ?? '';
