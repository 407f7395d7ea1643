// Today's snapshot as the core hands it to the scheduler: the scheduler's input, built by hand so
// each test states exactly the progress it is about.
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings.ts';
import type { Settings } from '../../../../src/shared/settings.ts';
import { Mission } from '../../../../src/shared/mission.ts';
import { TodaySnapshot } from '../../../../src/shared/snapshot.ts';
import type { MilestoneView } from '../../../../src/shared/snapshot.ts';
import { TEST_LOCALE } from '../../../fakes/clock.ts';

export function mission(id: string, title: string, overrides: Partial<Mission> = {}): Mission {
  return Mission.parse({
    id,
    title,
    metric: { kind: 'meetings' },
    target: 10,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    deadlines: ['12:00', '17:00'],
    visibility: 'private',
    objective: null,
    status: 'active',
    archived: false,
    plan: [],
    reflection: null,
    createdAt: '2026-01-01T08:00:00Z',
    updatedAt: '2026-01-01T08:00:00Z',
    seq: 1,
    ...overrides,
  });
}

export type MilestoneSpec = Pick<MilestoneView, 'by' | 'target' | 'count'>;

export function snapshot(
  today: string,
  timeZone: string,
  /** `total`: the mission's wins so far (0 unless a test is about the target). */
  missions: { mission: Mission; milestones: MilestoneSpec[]; total?: number }[],
  awaitingReflection: Mission[] = [],
): TodaySnapshot {
  return TodaySnapshot.parse({
    at: `${today}T00:00:00Z`,
    timeZone,
    locale: TEST_LOCALE,
    today,
    missions: missions.map(({ mission, milestones, total = 0 }) => ({
      mission,
      total,
      todayCount: Math.max(0, ...milestones.map((m) => m.count)),
      todayTarget: Math.max(0, ...milestones.map((m) => m.target)),
      milestones: milestones.map((m) => ({
        ...m,
        date: today,
        state: m.count >= m.target ? 'done' : 'upcoming',
      })),
      pace: { expected: 0, actual: 0, delta: 0, label: 'on pace' },
      catchUp: null,
      workingDaysLeft: 1,
    })),
    lastWin: null,
    wins: [],
    streak: { current: 0, best: 0 },
    status: 'on-track',
    paused: false,
    timeOff: [],
    awaitingReflection,
    notices: [],
  });
}

/** Every notification kind on, every day a working day, no quiet hours unless a test sets them. */
export const allOn = (overrides: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  notify: {
    reminders: true,
    milestoneHit: true,
    deadlineMissed: false,
    morningPlan: false,
    missionEnded: true,
  },
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  quietHours: { enabled: false, start: '19:00', end: '08:00' },
  ...overrides,
});
