// Which notifications to show, and when. Works from absolute instants and a persisted set of what
// has already fired, checked on an interval, on resume/unlock and after every change: that
// survives sleep, restarts and clock changes without special cases, and fires each at most once.
import { z } from 'zod';
import type { Settings } from '../shared/settings.ts';
import type { TodaySnapshot } from '../shared/snapshot.ts';
import { Instant } from '../shared/mission.ts';
import type { DesktopNotification, NotifierPort } from './notification-port.ts';
import { deadlineLabel, durationLabel, progressLabel } from './notification-text.ts';
import type { ClockPort, DocPort, StorePort } from './ports.ts';
import { addDays, daysBetween, instantOf, isoWeekday, localTimeOf, minutesToMs } from './time.ts';

/** More than this many due at once are shown as one summary. */
export const MAX_AT_ONCE = 3;
/** A missed-deadline notice later than this after the deadline is stale. */
const MISSED_GRACE_MINUTES = 60;
const MORNING_GRACE_MINUTES = 120;
/** Mission-ended invitations older than this are not shown any more. */
const ENDED_WINDOW_DAYS = 7;
const KEEP_FIRED_DAYS = 14;

export const NotificationsDoc = z.object({
  schemaVersion: z.literal(1),
  /** Key of each notification decided (shown or deliberately skipped) → when it was due. */
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

interface Candidate {
  key: string;
  due: Date;
  /** After this the notification is stale: summarized (if `missedLine`) or dropped. */
  expires: Date | null;
  notification: DesktopNotification;
  /** The line a summary uses for a milestone that passed unmet. */
  missedLine?: string;
}

export interface PlanInput {
  snapshot: TodaySnapshot;
  settings: Settings;
  now: Date;
  timeZone: string;
  fired: Readonly<Record<string, string>>;
  firstRun: boolean;
}

export interface Plan {
  show: DesktopNotification[];
  /** Keys decided by this check → when they were due; persist before showing. */
  decided: Record<string, string>;
}

export function planNotifications(input: PlanInput): Plan {
  const { now, fired } = input;
  const due = candidatesOf(input)
    .filter((c) => c.due.getTime() <= now.getTime() && !(c.key in fired))
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  const decided = Object.fromEntries(due.map((c) => [c.key, c.due.toISOString()]));
  if (input.firstRun || due.length === 0 || isMuted(input)) return { show: [], decided };

  const isStale = (c: Candidate) => c.expires !== null && now.getTime() >= c.expires.getTime();
  const fresh = due.filter((c) => !isStale(c));
  const missedLines = [
    ...new Set(due.filter(isStale).flatMap((c) => (c.missedLine ? [c.missedLine] : []))),
  ];

  if (fresh.length > MAX_AT_ONCE) {
    return {
      show: [{ title: 'Mission Tray', body: fresh.map((c) => c.notification.body).join('\n') }],
      decided,
    };
  }
  const show = fresh.map((c) => c.notification);
  if (missedLines.length > 0) {
    const n = missedLines.length;
    show.unshift({
      title: 'While you were away',
      body: `${n === 1 ? '1 milestone' : `${n} milestones`} passed: ${missedLines.join('; ')}`,
    });
  }
  return { show, decided };
}

/** Quiet hours, a pause, or a day off: decide everything due, show nothing. */
function isMuted({ settings, now, timeZone, snapshot }: PlanInput): boolean {
  if (settings.pausedUntil && now.getTime() < Date.parse(settings.pausedUntil)) return true;
  if (!settings.workingDays.includes(isoWeekday(snapshot.today))) return true;
  const { enabled, start, end } = settings.quietHours;
  if (!enabled || start === end) return false;
  const t = localTimeOf(now, timeZone);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

function candidatesOf({ snapshot, settings, now, timeZone }: PlanInput): Candidate[] {
  const out: Candidate[] = [];
  const { notify } = settings;
  const today = snapshot.today;
  const minutes = (m: number) => minutesToMs(m);

  for (const { mission, milestones } of snapshot.missions) {
    if (mission.status !== 'active') continue;
    for (const m of milestones) {
      if (m.date !== today || m.target === 0) continue;
      const id = `${mission.id}:${m.date}:${m.by ?? 'eod'}`;
      const deadline = instantOf(m.date, m.by, timeZone);
      const progress = progressLabel(m.count, m.target, mission.metric);
      const when = deadlineLabel(m.by);
      const missedLine = `${progress} by ${when} (${mission.title})`;
      if (m.count >= m.target) {
        if (notify.milestoneHit) {
          out.push({
            key: `hit:${id}`,
            due: now,
            expires: null,
            notification: {
              title: `Milestone hit: ${mission.title}`,
              body: `${progress} by ${when}. Nice work.`,
            },
          });
        }
        continue;
      }
      if (notify.reminders) {
        const remindAt = new Date(deadline.getTime() - minutes(settings.reminderLeadMinutes));
        const left = (deadline.getTime() - Math.max(now.getTime(), remindAt.getTime())) / 60_000;
        out.push({
          key: `reminder:${id}`,
          due: remindAt,
          expires: deadline,
          notification: {
            title: mission.title,
            body: `${progress} — ${durationLabel(left)} to ${when}`,
          },
          missedLine,
        });
      }
      if (notify.deadlineMissed) {
        out.push({
          key: `missed:${id}`,
          due: deadline,
          expires: new Date(deadline.getTime() + minutes(MISSED_GRACE_MINUTES)),
          notification: {
            title: mission.title,
            body: `The ${when} milestone passed at ${progress}. Tomorrow is a fresh start.`,
          },
          missedLine,
        });
      }
    }
  }

  if (notify.morningPlan) {
    const lines = snapshot.missions.flatMap(({ mission, milestones }) => {
      const todays = milestones.filter((m) => m.date === today && m.target > 0);
      if (mission.status !== 'active' || todays.length === 0) return [];
      const steps = todays.map(
        (m) => `${progressLabel(m.count, m.target, mission.metric)} by ${deadlineLabel(m.by)}`,
      );
      return [`${mission.title}: ${steps.join(', ')}`];
    });
    if (lines.length > 0) {
      const at = instantOf(today, settings.morningPlanAt, timeZone);
      out.push({
        key: `morning:${today}`,
        due: at,
        expires: new Date(at.getTime() + minutes(MORNING_GRACE_MINUTES)),
        notification: { title: "Today's plan", body: lines.join('\n') },
      });
    }
  }

  if (notify.missionEnded) {
    for (const mission of snapshot.awaitingReflection) {
      if (daysBetween(mission.endDate, today) > ENDED_WINDOW_DAYS) continue;
      out.push({
        key: `ended:${mission.id}`,
        due: now,
        expires: null,
        notification: {
          title: `Mission ended: ${mission.title}`,
          body: 'It ended short of the target. Take a minute to note why and what to try next.',
        },
      });
    }
  }
  return out;
}

export interface SchedulerDeps {
  store: StorePort;
  clock: ClockPort;
  settings: () => Settings;
  today: () => TodaySnapshot;
  notifier: NotifierPort;
  log: (message: string, cause: unknown) => void;
}

export interface Scheduler {
  /** Decides and shows what is due now; checks never overlap. Returns what was shown. */
  check(): Promise<DesktopNotification[]>;
  /** Checks every `intervalMs` until the returned function is called. */
  start(intervalMs?: number): () => void;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  let doc: Promise<DocPort<NotificationsDoc>> | null = null;
  let last: Promise<unknown> = Promise.resolve();

  async function checkOnce(): Promise<DesktopNotification[]> {
    doc ??= deps.store.open('notifications', {
      schema: NotificationsDoc,
      empty: emptyNotificationsDoc,
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
    for (const notification of plan.show) {
      await deps.notifier.show(notification).catch((error: unknown) => {
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

  return {
    check,
    start(intervalMs = 30_000) {
      const timer = setInterval(() => {
        check().catch((error: unknown) => deps.log('Notification check failed', error));
      }, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
