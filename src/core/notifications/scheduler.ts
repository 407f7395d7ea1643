// Which notifications to show, and when. Works from absolute instants and a persisted set of what
// has already fired, checked on an interval, on resume/unlock and after every change: that
// survives sleep, restarts and clock changes without special cases, and fires each at most once.
import { z } from 'zod';
import { Instant } from '../../shared/mission.ts';
import type { Settings } from '../../shared/settings.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { planNotifications } from './notification-plan.ts';
import type { CompletedMission } from './notification-plan.ts';
import type { DesktopNotification, NotifierPort } from './notification-port.ts';
import type { ClockPort, DocPort, StorePort } from '../kernel/ports.ts';
import { addDays, instantOf } from '../kernel/time.ts';

const KEEP_FIRED_DAYS = 14;

export const NotificationsDoc = z.object({
  schemaVersion: z.literal(1),
  /**
   * Key of each notification decided (shown or deliberately skipped) → when it was due, or later
   * for one that could come back (a running mission's target: its end). Kept 14 days past that.
   */
  fired: z.record(z.string(), Instant),
  /** null until the first check: what was due before the app ever ran is not news. */
  lastCheck: Instant.nullable(),
});
export type NotificationsDoc = z.infer<typeof NotificationsDoc>;
const emptyNotificationsDoc = (): NotificationsDoc => ({
  schemaVersion: 1,
  fired: {},
  lastCheck: null,
});

export interface SchedulerDeps {
  store: StorePort;
  clock: ClockPort;
  settings: () => Settings;
  today: () => TodaySnapshot;
  /** Missions ended lately with their target met, with their totals. */
  completed: () => readonly CompletedMission[];
  notifier: NotifierPort;
  log: (message: string, cause: unknown) => void;
}

/** The shell calls `check` on its poll, on resume/unlock and after every change. */
export interface Scheduler {
  /** Decides what is due now and hands it to the desktop; checks never overlap. Returns it. */
  check(): Promise<DesktopNotification[]>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  let doc: Promise<DocPort<NotificationsDoc>> | null = null;
  let last: Promise<unknown> = Promise.resolve();

  async function checkOnce(): Promise<DesktopNotification[]> {
    // Opened once; a failed open is retried on the next check rather than remembered.
    doc ??= deps.store
      .open('notifications', { schema: NotificationsDoc, empty: emptyNotificationsDoc })
      .catch((error: unknown) => {
        doc = null;
        throw error;
      });
    const fired = await doc;
    const now = deps.clock.now();
    const timeZone = deps.clock.timeZone();
    const snapshot = deps.today();
    const plan = planNotifications({
      snapshot,
      settings: deps.settings(),
      now,
      timeZone,
      fired: fired.data.fired,
      firstRun: fired.data.lastCheck === null,
      completed: deps.completed(),
    });
    if (Object.keys(plan.decided).length === 0 && fired.data.lastCheck !== null) return [];
    // Persist the decision before showing: a crash may lose a notification, never repeat one.
    const keepFrom = addDays(snapshot.today, -KEEP_FIRED_DAYS);
    await fired.update((current) => ({
      ...current,
      fired: Object.fromEntries(
        Object.entries({ ...current.fired, ...plan.decided }).filter(
          ([, due]) => Date.parse(due) >= instantOf(keepFrom, null, timeZone).getTime(),
        ),
      ),
      lastCheck: now.toISOString(),
    }));
    // Handed to the desktop without waiting: on macOS and Windows a notification's answer comes
    // only once it is clicked or times out (10 s), and the next check must not wait for that.
    for (const notification of plan.show) {
      deps.notifier.show(notification).catch((error: unknown) => {
        deps.log(`Could not show the notification "${notification.title}"`, error);
      });
    }
    return plan.show;
  }

  const check = () => {
    const run = last.then(checkOnce, checkOnce);
    last = run.catch(() => undefined);
    return run;
  };

  return { check };
}
