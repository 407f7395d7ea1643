// Run by crash.test.ts as a plain `node crash-child.ts <dir> <YYYY-MM-DD>` (bundled first): opens
// the store and the core service, and logs wins through the same call the tray's click makes, as
// fast as it can, printing each win's id only after the call resolved (the write acknowledged).
// The parent SIGKILLs it at a random moment.
import { createMissionTray } from '../../../../src/core/mission-tray.ts';
import { instantOf } from '../../../../src/core/kernel/time.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import { LogWinInput, MissionDraft } from '../../../../src/shared/mission.ts';
import { TEST_LOCALE } from '../../../fakes/clock.ts';

const [dir, date] = process.argv.slice(2);
if (!dir || !date) throw new Error('usage: crash-child.ts <dir> <YYYY-MM-DD>');

// The rep's clock: 10:00 in Berlin on the given day, running forward in real time.
const zone = 'Europe/Berlin';
const start = instantOf(date, '10:00', zone).getTime() - performance.now();
const clock = { now: () => new Date(start + performance.now()), timeZone: () => zone };

const store = await openStore(dir, { clock, log: () => undefined });
const core = await createMissionTray({ store, clock, locale: TEST_LOCALE });
let mission = core.today().missions[0]?.mission;
// Handlers take parsed input, as the IPC boundary hands it over.
mission ??= await core.handlers.missions.create(
  MissionDraft.parse({
    title: 'Log wins until killed',
    metric: { kind: 'calls' },
    target: 100_000,
    startDate: date,
    endDate: '2026-11-30',
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    deadlines: [],
  }),
);
const input = LogWinInput.parse({ missionId: mission.id, source: 'tray' });
for (;;) {
  const snapshot = await core.handlers.wins.log(input);
  process.stdout.write(`${snapshot.lastWin?.id}\n`);
}
