// The preload as a sandboxed renderer runs it: one CommonJS script whose `require` knows only
// 'electron'. Bundled here the way electron.vite.config.ts builds it (CJS, dependencies inlined).
import { runInNewContext } from 'node:vm';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelOf, ipcContract } from '../../../src/shared/ipc.ts';

async function bundlePreload(): Promise<string> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve('src/preload/index.ts'), formats: ['cjs'], fileName: 'index' },
      rollupOptions: { external: ['electron'] },
    },
  });
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!('output' in output)) continue;
    for (const chunk of output.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('Bundling the preload produced no script');
}

describe('the preload in a sandbox', () => {
  it("needs nothing but 'electron' and exposes exactly window.missionTray", async () => {
    const code = await bundlePreload();
    const exposed = new Map<string, unknown>();
    const invoked: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
      },
      ipcRenderer: {
        invoke: async (channel: string) => {
          invoked.push(channel);
          return { ok: true, value: null };
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const required: string[] = [];
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return electron;
        throw new Error(`A sandboxed preload cannot require ${id}`);
      },
    });

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['missionTray']);
    const api = exposed.get('missionTray');
    expect(Object.keys(api ?? {}).sort()).toEqual([...Object.keys(ipcContract), 'on'].sort());
    const get: unknown = Reflect.get(Reflect.get(api ?? {}, 'settings') ?? {}, 'get');
    if (typeof get !== 'function') throw new Error('settings.get is not a function');
    await get();
    expect(invoked).toEqual([channelOf('settings', 'get')]);
  });

  it('carries names only, not the schemas, so every window starts without evaluating zod', async () => {
    const code = await bundlePreload();
    expect(code).not.toMatch(/ZodError|safeParse/);
    // Unminified here; with the schemas inlined it was about 200 KB.
    expect(code.length).toBeLessThan(4096);
  });
});
