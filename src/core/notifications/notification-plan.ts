// What to notify now, as a pure decision: from today's snapshot, the preferences, the instant and
// what has already been decided. Due items fire once, oldest first; items whose moment passed
// while the machine slept collapse into one "While you were away" summary; quiet hours, a pause
// or a day off decide everything due and show nothing, except a mission's own news (it ended, or
// met its target), which waits for the rep to be back: missions settle at midnight, in quiet hours.
import type { Mission } from '../../shared/mission.ts';
import type { Settings } from '../../shared/settings.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import type { DesktopNotification } from './notification-port.ts';
import { durationLabel, progressLabel as progressIn } from './notification-text.ts';
import { localFormat } from '../../shared/local-format.ts';
import { daysBetween, instantOf, isoWeekday, localTimeOf, minutesToMs } from '../kernel/time.ts';

/** More than this many due at once are shown as one summary. */
export const MAX_AT_ONCE = 3;
/** A missed-deadline notice later than this after the deadline is stale. */
const MISSED_GRACE_MINUTES = 60;
const MORNING_GRACE_MINUTES = 120;
/** Mission-ended invitations older than this are not shown any more. */
const ENDED_WINDOW_DAYS = 7;

interface Candidate {
  key: string;
  due: Date;
  /** After this the notification is stale: summarized (if `missedLine`) or dropped. */
  expires: Date | null;
  notification: DesktopNotification;
  /** The line a summary uses for a milestone that passed unmet. */
  missedLine?: string;
  /** Not decided while notifications are muted: shown once the rep is back. */
  waitsOutMute?: boolean;
  /** Decided, never shown: another notification of this check says it (a target reached). */
  silent?: boolean;
  /** Kept in the fired set at least this long (it could come back until then). */
  rememberUntil?: Date;
}

/** A mission that ended with its target met, and its wins. */
export interface CompletedMission {
  mission: Mission;
  total: number;
}

export interface PlanInput {
  snapshot: TodaySnapshot;
  settings: Settings;
  now: Date;
  timeZone: string;
  fired: Readonly<Record<string, string>>;
  firstRun: boolean;
  /** Missions ended lately with their target met (they are no longer in the snapshot). */
  completed?: readonly CompletedMission[];
}

export interface Plan {
  show: DesktopNotification[];
  /**
   * Keys decided by this check → when they were due (or until when to remember them, if later);
   * persist before showing.
   */
  decided: Record<string, string>;
}

export function planNotifications(input: PlanInput): Plan {
  const { now, fired } = input;
  const muted = !input.firstRun && isMuted(input);
  const due = candidatesOf(input)
    .filter((c) => c.due.getTime() <= now.getTime() && !(c.key in fired))
    .filter((c) => !(muted && c.waitsOutMute))
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  const remembered = (c: Candidate) =>
    new Date(Math.max(c.due.getTime(), c.rememberUntil?.getTime() ?? 0)).toISOString();
  const decided = Object.fromEntries(due.map((c) => [c.key, remembered(c)]));
  if (input.firstRun || due.length === 0 || muted) return { show: [], decided };

  const isStale = (c: Candidate) => c.expires !== null && now.getTime() >= c.expires.getTime();
  const fresh = due.filter((c) => !isStale(c) && !c.silent);
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
  // The rep paused today (ill, away): like a day off.
  if (snapshot.paused) return true;
  const { enabled, start, end } = settings.quietHours;
  if (!enabled || start === end) return false;
  const t = localTimeOf(now, timeZone);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

function candidatesOf(input: PlanInput): Candidate[] {
  const { snapshot, settings, now, timeZone, fired } = input;
  const out: Candidate[] = [];
  const { notify } = settings;
  const today = snapshot.today;
  const minutes = (m: number) => minutesToMs(m);
  // The tray's and the window's convention: "by 5:00 PM" in en-US, "by 17:00" in en-GB.
  const format = localFormat(snapshot.locale, timeZone);
  const progressLabel = (count: number, target: number, metric: Mission['metric']) =>
    progressIn(count, target, metric, format);
  const deadlineLabel = format.deadline;

  for (const { mission, milestones, total } of snapshot.missions) {
    if (mission.status !== 'active') continue;
    // Reaching the target is news once per mission: now, or when it ends (below), not both.
    const targetKey = `completed:${mission.id}`;
    const reachesTarget = notify.milestoneHit && total >= mission.target && !(targetKey in fired);
    if (reachesTarget) {
      out.push({
        key: targetKey,
        due: now,
        expires: null,
        waitsOutMute: true,
        // Remembered while the mission runs, or its end would announce it again.
        rememberUntil: instantOf(mission.endDate, null, timeZone),
        notification: {
          title: `Target reached: ${mission.title}`,
          body: `${progressLabel(total, mission.target, mission.metric)}. Well done — anything more is a bonus.`,
        },
      });
    }
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
            silent: reachesTarget,
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
      // Its passing, for the summary only: a milestone reminded before a sleep still passed in
      // it. Decided silently at its deadline when the rep is here; listed when the check comes
      // later than the grace (the machine slept), whether or not a reminder was shown.
      if (notify.reminders || notify.deadlineMissed) {
        out.push({
          key: `passed:${id}`,
          due: deadline,
          expires: new Date(deadline.getTime() + minutes(MISSED_GRACE_MINUTES)),
          silent: true,
          notification: { title: mission.title, body: missedLine },
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
        waitsOutMute: true,
        notification: {
          title: `Mission ended: ${mission.title}`,
          body: 'It ended short of the target. Take a minute to note why and what to try next.',
        },
      });
    }
    for (const { mission, total } of input.completed ?? []) {
      if (daysBetween(mission.endDate, today) > ENDED_WINDOW_DAYS) continue;
      out.push({
        key: `completed:${mission.id}`,
        due: now,
        expires: null,
        waitsOutMute: true,
        notification: {
          title: `Mission complete: ${mission.title}`,
          body: `${progressLabel(total, mission.target, mission.metric)}. You hit your target — well done.`,
        },
      });
    }
  }
  return out;
}
