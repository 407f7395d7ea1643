// Model-based property test of the core over the real store: any sequence of logging, undoing,
// time passing (with ticks and day rollovers) and restarts keeps the totals, the last win and the
// sequence numbers equal to a plain list of the wins the rep logged and did not undo.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesInPeriod, localDateOf } from '../../../src/core/kernel/time.ts';
import { MissionDraft } from '../../../src/shared/mission.ts';
import { createFakeClock } from '../../fakes/clock.ts';
import { onDisk, openCore, tempDir, weekDraft, type OpenCore } from './core-fixture.ts';

type Command =
  | { kind: 'log'; amount: number }
  | { kind: 'undo' }
  | { kind: 'wait'; minutes: number }
  | { kind: 'restart' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.integer({ min: 1, max: 5 }).map((amount) => ({ kind: 'log', amount }) as const),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' } as const) },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 1, max: 36 * 60 })
      .map((minutes) => ({ kind: 'wait', minutes }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' } as const) },
);

describe('the core against a model', () => {
  it.each(['Europe/Berlin', 'America/New_York'])(
    'keeps totals, the last win and sequence numbers right (%s, across DST)',
    async (timeZone) => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
          const dir = await tempDir();
          // Friday before the autumn DST change in both zones (Berlin 25 Oct, New York 1 Nov).
          const clock = createFakeClock({ now: '2026-10-23T14:00:00Z', timeZone });
          let open: OpenCore = await openCore(dir, clock);
          const mission = await open.core.handlers.missions.create(
            MissionDraft.parse(
              weekDraft({
                startDate: '2026-10-23',
                endDate: '2026-11-30',
                workingDays: [1, 2, 3, 4, 5, 6, 7],
                target: 500,
              }),
            ),
          );
          const model: number[] = [];
          for (const step of commands) {
            if (step.kind === 'log') {
              await open.core.handlers.wins.log({
                missionId: mission.id,
                amount: step.amount,
                source: 'tray',
              });
              model.push(step.amount);
            } else if (step.kind === 'undo') {
              const undo = open.core.handlers.wins.undo(undefined);
              if (model.length === 0)
                await expect(undo).rejects.toThrow('There is no win to undo.');
              else {
                await undo;
                model.pop();
              }
            } else if (step.kind === 'wait') {
              clock.advance(step.minutes * 60_000);
              await open.core.tick();
            } else {
              await open.close();
              open = await openCore(dir, clock);
            }
            const snap = open.core.today();
            expect(snap.missions[0]?.total).toBe(model.reduce((a, b) => a + b, 0));
            expect(snap.lastWin?.amount ?? null).toBe(model.at(-1) ?? null);
          }
          await open.close();
          // Every win on disk, in every partition, with unique, increasing sequence numbers.
          const missions = await onDisk.missions(dir);
          const seqs = [...missions.missions.map((m) => m.seq)];
          const wins = [];
          for (const date of datesInPeriod('2026-10-23', localDateOf(clock.now(), timeZone))) {
            const day = await onDisk.day(dir, date).catch(() => null);
            if (day) wins.push(...day.wins);
          }
          expect(wins.map((w) => w.amount)).toEqual(model);
          const winSeqs = wins.map((w) => w.seq);
          expect(winSeqs).toEqual([...winSeqs].sort((a, b) => a - b));
          expect(new Set([...seqs, ...winSeqs]).size).toBe(seqs.length + winSeqs.length);
          expect(missions.lastSeq).toBeGreaterThanOrEqual(Math.max(...seqs));
        }),
        { numRuns: 15 },
      );
    },
    120_000,
  );
});
