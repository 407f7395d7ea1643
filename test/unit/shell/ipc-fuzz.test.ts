// Arbitrary payloads at every IPC call, through the same boundary the window uses, with the real
// core, store and preferences behind it: each answer is a result or a typed error, nothing throws
// past the boundary, nothing is logged as a crash, and a rejected call writes nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handleMessage, isAppRendererUrl } from '../../../src/main/ipc/handle-message.ts';
import { routesOf } from '../../../src/main/ipc/register-ipc.ts';
import { APP_INDEX_URL } from '../../../src/main/window/app-protocol.ts';
import { channelOf, IpcError } from '../../../src/shared/ipc.ts';
import { Mission } from '../../../src/shared/mission.ts';
import { meetingsDraft, startHarness } from './shell-harness.ts';
import type { Harness } from './shell-harness.ts';

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

// Payloads near the contract's shapes reach deeper than pure noise.
const near = () =>
  fc.record(
    {
      id: fc.oneof(fc.constant(missionId), fc.string(), fc.anything()),
      missionId: fc.oneof(fc.constant(missionId), fc.string({ maxLength: 80 }), fc.integer()),
      amount: fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double(), fc.string()),
      source: fc.constantFrom('tray', 'window', 'shortcut', 'cli', ''),
      format: fc.constantFrom('json', 'csv', 'xml', ''),
      for: fc.constantFrom('1h', 'tomorrow', 'resume', 'forever'),
      mode: fc.constantFrom('compact', 'normal', 'fullscreen'),
      theme: fc.constantFrom('light', 'dark', 'system', 'neon'),
      reminderLeadMinutes: fc.oneof(fc.integer({ min: -10, max: 500 }), fc.string()),
      shortcut: fc.oneof(fc.constant(''), fc.string({ maxLength: 70 })),
      title: fc.string({ maxLength: 150 }),
      target: fc.oneof(fc.integer({ min: -1, max: 200_000 }), fc.double()),
      startDate: fc.constantFrom('2026-11-23', '2026-02-30', 'yesterday', ''),
      endDate: fc.constantFrom('2026-11-27', '2025-01-01', '2028-01-01'),
      workingDays: fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 9 }),
      metric: fc.oneof(
        fc.constant({ kind: 'meetings' }),
        fc.record({ kind: fc.constant('custom'), label: fc.string(), unit: fc.string() }),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );
const payload = fc.oneof(fc.anything(), near());

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
        fc.asyncProperty(payload, async (input) => {
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
    expect(accepted).toBeGreaterThan(0);
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
        payload,
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
