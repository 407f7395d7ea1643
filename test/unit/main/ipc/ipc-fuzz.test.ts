// Arbitrary payloads at every IPC call, through the same boundary the window uses, with the real
// core, store and preferences behind it: each answer is a result or a typed error, nothing throws
// past the boundary, nothing is logged as a crash, and a rejected call writes nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handleMessage, isAppRendererUrl } from '../../../../src/main/ipc/handle-message.ts';
import { routesOf } from '../../../../src/main/ipc/register-ipc.ts';
import { APP_INDEX_URL } from '../../../../src/main/window/app-protocol.ts';
import { channelOf, IpcError } from '../../../../src/shared/ipc.ts';
import { Mission } from '../../../../src/shared/mission.ts';
import { meetingsDraft, startHarness } from '../shell-harness.ts';
import type { Harness } from '../shell-harness.ts';

const ResultShape = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
]);

/** Every file under the temp dir and its content hash: what "nothing written" compares. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(d, entry.name);
      hash.update(path);
      if (entry.isDirectory()) walk(path);
      else hash.update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

let h: Harness;
let missionId: string;
beforeAll(async () => {
  h = await startHarness();
  const created = await h.ipcMain.invoke(
    channelOf('missions', 'create'),
    APP_INDEX_URL,
    meetingsDraft,
  );
  missionId = z.object({ ok: z.literal(true), value: Mission }).parse(created).value.id;
});
afterAll(async () => {
  await h.close();
});

// Payloads near the contract's shapes reach the handlers, not just the schemas: each field is
// usually plausible and sometimes wrong, and any field may be missing.
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
// Built once the mission exists (beforeAll), so calls can name it.
const fieldsFor = (missionId: string) => ({
  id: mostly(fc.constant(missionId), fc.oneof(fc.string(), fc.anything())),
  missionId: mostly(fc.constant(missionId), fc.oneof(fc.string({ maxLength: 80 }), fc.integer())),
  amount: mostly(
    fc.integer({ min: 1, max: 5 }),
    fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double(), fc.string()),
  ),
  source: mostly(fc.constantFrom('tray', 'window', 'shortcut'), fc.constantFrom('cli', '')),
  format: mostly(fc.constantFrom('json', 'csv'), fc.constantFrom('xml', '')),
  for: mostly(fc.constantFrom('1h', 'tomorrow', 'resume'), fc.constant('forever')),
  mode: mostly(fc.constantFrom('compact', 'normal'), fc.constant('fullscreen')),
  theme: mostly(fc.constantFrom('light', 'dark', 'system'), fc.constant('neon')),
  reminderLeadMinutes: mostly(
    fc.integer({ min: 5, max: 240 }),
    fc.oneof(fc.integer(), fc.string()),
  ),
  shortcut: mostly(
    fc.constantFrom('Alt+Shift+W', 'CommandOrControl+Shift+M'),
    fc.string({ maxLength: 70 }),
  ),
  title: mostly(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 150 })),
  target: mostly(fc.integer({ min: 1, max: 50 }), fc.oneof(fc.integer(), fc.double())),
  startDate: mostly(fc.constant('2026-11-23'), fc.constantFrom('2026-02-30', 'yesterday', '')),
  endDate: mostly(
    fc.constantFrom('2026-11-27', '2026-12-31'),
    fc.constantFrom('2025-01-01', '2028-01-01'),
  ),
  workingDays: mostly(
    fc.constant([1, 2, 3, 4, 5]),
    fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 9 }),
  ),
  metric: mostly(
    fc.constant({ kind: 'meetings' }),
    fc.oneof(
      fc.record({ kind: fc.constant('custom'), label: fc.string(), unit: fc.string() }),
      fc.anything(),
    ),
  ),
  note: mostly(fc.string({ maxLength: 40 }), fc.string({ maxLength: 400 })),
  // Time off: today or later is allowed, the past, an impossible date or a year too long is not.
  from: mostly(
    fc.constantFrom('2026-11-23', '2026-11-25'),
    fc.constantFrom('2026-11-20', '23.11.'),
  ),
  to: mostly(
    fc.constantFrom('2026-11-24', '2026-11-27'),
    fc.constantFrom('2026-11-19', '2028-01-01'),
  ),
  kind: mostly(fc.constantFrom('holiday', 'training', 'field'), fc.constantFrom('party', '')),
  spread: mostly(fc.boolean(), fc.constantFrom('yes', 1)),
  // sync.preview: a saved mission, every public one (a draft is missions.create's shape).
  of: mostly(fc.constantFrom('mission', 'public'), fc.constantFrom('draft', 'all')),
});
const payloadFor = (missionId: string) => {
  const fields = fieldsFor(missionId);
  return fc.oneof(
    { arbitrary: fc.record(fields), weight: 3 },
    { arbitrary: fc.record(fields, { requiredKeys: [] }), weight: 1 },
    { arbitrary: fc.anything(), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
};

describe('the IPC boundary under fuzzing', () => {
  it('answers every call with a result or a typed error, and a rejected call writes nothing', async () => {
    const deps = {
      isTrustedSender: (url: string) => isAppRendererUrl(url, APP_INDEX_URL),
      log: (message: string) => h.logged.push(message),
    };
    const routes = routesOf(h.shell.handlers);
    expect(routes.length).toBeGreaterThan(15);
    let rejected = 0;
    let accepted = 0;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(payloadFor(missionId), async (input) => {
          const before = fingerprint(h.dir);
          const result = ResultShape.parse(
            await handleMessage(route, { senderFrame: { url: APP_INDEX_URL } }, input, deps),
          );
          if (result.ok) {
            accepted++;
            return;
          }
          rejected++;
          expect(result.error.code, `${route.channel}: ${result.error.message}`).not.toBe(
            'internal',
          );
          expect(result.error.message.length).toBeGreaterThan(10);
          expect(fingerprint(h.dir), `${route.channel} wrote on a rejected call`).toBe(before);
        }),
        { numRuns: 40 },
      );
    }
    expect(h.logged).toEqual([]);
    expect(rejected).toBeGreaterThan(0);
    // Enough calls got through to the core to mean something.
    expect(accepted).toBeGreaterThan(routes.length * 4);
  });

  it('refuses every call from any other origin, whatever the payload', async () => {
    const deps = {
      isTrustedSender: (url: string) => isAppRendererUrl(url, APP_INDEX_URL),
      log: () => undefined,
    };
    const routes = routesOf(h.shell.handlers);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.oneof(fc.webUrl(), fc.constant('file:///tmp/index.html'), fc.string()),
        payloadFor(missionId),
        async (index, url, input) => {
          const route = routes[index];
          if (!route) throw new Error('no route');
          const before = fingerprint(h.dir);
          const result = await handleMessage(route, { senderFrame: { url } }, input, deps);
          expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          expect(fingerprint(h.dir)).toBe(before);
        },
      ),
      { numRuns: 200 },
    );
  });
});
