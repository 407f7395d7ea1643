// Known missions for the board's tests (server and Chromium), around Wednesday 25 November 2026.
import type { TeamMissionState } from '../../../src/shared/team.ts';
import { call, sampleState, type TeamServerFixture } from './team-server-fixture.ts';

/** An ended mission of Ann's from October, 1 of 3 milestones hit, with the reflection she shared. */
export const annOctober = (): TeamMissionState =>
  sampleState({
    title: 'October demos',
    metric: { kind: 'demos' },
    target: 8,
    startDate: '2026-10-05',
    endDate: '2026-10-09',
    status: 'missed',
    total: 5,
    days: [{ date: '2026-10-05', count: 5, hit: 1, of: 3 }],
    pace: { expected: 8, actual: 5, delta: -3, label: 'behind by 3' },
    recentWins: [],
    reflection: {
      reason: 'unrealistic-target',
      note: 'Eight demos in a week with onboarding',
      nextStep: 'Aim for five',
    },
  });

/**
 * Bob: 6 calls on Mon–Wed, away Tuesday, so the plan is 3 on Monday and 3 on Wednesday; 4 logged
 * on Monday, `hit` of its 1 milestone. The title starts like a spreadsheet formula.
 */
export const bobCalls = (title: string, hit: 0 | 1): TeamMissionState => ({
  ...sampleState({
    title,
    metric: { kind: 'calls' },
    target: 6,
    workingDays: [1, 2, 3],
    total: 4,
    days: [{ date: '2026-11-23', count: 4, hit, of: 1 }],
    pace: { expected: 3, actual: 4, delta: 1, label: 'ahead by 1' },
    recentWins: [{ at: '2026-11-23T15:00:00.000Z', amount: 4 }],
  }),
  away: ['2026-11-24'],
});

export interface SeededRep {
  id: string;
  token: string;
}

/** PUTs one mission through the rep API (protocol v2), failing loudly with the server's words. */
export async function putMission(
  server: TeamServerFixture,
  token: string,
  id: string,
  state: TeamMissionState,
  revision = 1,
): Promise<void> {
  const res = await call(server.url, 'PUT', `/api/v2/missions/${id}`, token, { revision, state });
  if (res.status !== 200) throw new Error(`PUT ${id}: ${res.status} ${JSON.stringify(res.json)}`);
}

/**
 * North (Mia, its manager; Ann and Bob) and South (Eve): Ann's `meetings` this week and her
 * October demos, Bob's calls titled `bobTitle`, and a South mission no North page may show.
 */
export async function seedBoard(
  server: TeamServerFixture,
  { meetings, bobTitle, bobHit }: { meetings: TeamMissionState; bobTitle: string; bobHit: 0 | 1 },
  password: string,
): Promise<{ ann: SeededRep; bob: SeededRep; eve: SeededRep }> {
  const { accounts } = server.store;
  await accounts.addTeam('North');
  await accounts.addTeam('South');
  await accounts.addManager('North', 'mia@north.test', password);
  const ann = await accounts.addRep('North', 'Ann Lee');
  const bob = await accounts.addRep('North', 'Bob Diaz');
  const eve = await accounts.addRep('South', 'Eve South');
  await putMission(server, ann.token, 'ann-meetings', meetings);
  await putMission(server, ann.token, 'ann-october', annOctober());
  await putMission(server, bob.token, 'bob-calls', bobCalls(bobTitle, bobHit));
  await putMission(server, eve.token, 'eve-1', sampleState({ title: 'South secret' }));
  return { ann, bob, eve };
}
