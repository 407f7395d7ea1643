// The shell's figures (issue 3), over the real core, store and preferences in a temp dir with
// fake Electron objects: a win logged from the tray menu until it is on disk and the menu is
// rebuilt; the same through the IPC boundary (origin check, zod in and out); rebuilding the tray
// menu; and one notification check (what is due, from the snapshot and the fired set).
import { z } from 'zod';
import { planNotifications } from '../../src/core/notifications/notification-plan.ts';
import { buildTrayMenu } from '../../src/core/tray/tray-menu.ts';
import { APP_INDEX_URL } from '../../src/main/window/app-protocol.ts';
import { channelOf } from '../../src/shared/ipc.ts';
import { Mission } from '../../src/shared/mission.ts';
import { meetingsDraft, startHarness } from '../unit/main/shell-harness.ts';
import { allOn } from '../unit/core/notifications/scheduler-fixtures.ts';
import { percentile, type BenchSection } from './report.ts';

const RUNS = 200;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

async function timed(runs: number, work: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return sorted(times);
}

export const shellBench: BenchSection = {
  name: 'shell',
  async run(report) {
    const h = await startHarness({ platform: 'linux' });
    try {
      const missions: Mission[] = [];
      for (const title of ['Book 10 meetings', 'Make 50 calls', 'Send 20 follow-ups']) {
        const created = await h.ipcMain.invoke(channelOf('missions', 'create'), APP_INDEX_URL, {
          ...meetingsDraft,
          title,
          target: 1000,
        });
        missions.push(z.object({ ok: z.literal(true), value: Mission }).parse(created).value);
      }
      const [first] = missions;
      if (!first) throw new Error('no mission');

      const tray = await timed(RUNS, () =>
        h.shell.dispatch({ type: 'log-win', missionId: first.id }),
      );
      report.figure(
        'shell: tray "Log win" → on disk, menu rebuilt, p50',
        percentile(tray, 50),
        'ms',
      );
      report.figure(
        'shell: tray "Log win" → on disk, menu rebuilt, p95',
        percentile(tray, 95),
        'ms',
        50,
        '≤ 50 ms: a click in the tray feels instant',
      );

      const ipc = await timed(RUNS, () =>
        h.ipcMain.invoke(channelOf('wins', 'log'), APP_INDEX_URL, {
          missionId: first.id,
          source: 'window',
        }),
      );
      report.figure('shell: IPC wins.log round trip in main, p95', percentile(ipc, 95), 'ms', 50);

      const snapshot = h.core.today();
      const menu = await timed(RUNS * 5, () =>
        buildTrayMenu({ snapshot, platform: 'linux', pausedUntil: null, now: h.clock.now() }),
      );
      report.figure('shell: tray menu rebuild, p95', percentile(menu, 95), 'ms', 5);

      const settings = allOn({
        notify: { ...allOn().notify, deadlineMissed: true, morningPlan: true },
      });
      const check = await timed(RUNS * 5, () =>
        planNotifications({
          snapshot,
          settings,
          now: h.clock.now(),
          timeZone: 'Europe/Berlin',
          fired: {},
          firstRun: false,
        }),
      );
      report.figure(
        'shell: notification decision (3 missions), p95',
        percentile(check, 95),
        'ms',
        5,
      );
    } finally {
      await h.close();
    }
  },
};
