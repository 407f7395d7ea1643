// The layer rules in eslint.config.js, run through ESLint itself on small files placed in each
// layer: a wrong import must fail `npm run lint`, and the imports each layer lives on must not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** ESLint's messages for `code` as if it were the file at `filePath` (which need not exist). */
async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const crossLayer = /^layers\/import-boundaries: /;
const restricted = /^@typescript-eslint\/no-restricted-imports: /;

describe('src/core and src/shared', () => {
  it.each([
    ['src/core/kernel/x.ts', 'node:fs/promises'],
    ['src/core/sync/x.ts', 'node:http'],
    ['src/core/x.ts', 'node:crypto'],
    ['src/shared/x.ts', 'child_process'],
    ['src/shared/x.ts', 'path'],
  ])('%s refuses the Node built-in %s', async (file, mod) => {
    const messages = await lint(file, `import * as m from '${mod}';\nexport const f = m;\n`);
    expect(messages).toEqual([expect.stringMatching(restricted)]);
    expect(messages[0]).toContain('use no Node built-in');
  });

  it.each([
    ['src/core/x.ts', 'import'],
    ['src/core/tray/x.ts', 'import type'],
    ['src/shared/x.ts', 'import type'],
  ])('%s refuses electron, even as `%s`', async (file, how) => {
    const use = how === 'import' ? 'export const a = app;' : 'export type A = typeof app;';
    const messages = await lint(file, `${how} { app } from 'electron';\n${use}\n`);
    expect(messages).toEqual([expect.stringMatching(restricted)]);
    expect(messages[0]).toContain("'electron' import is restricted");
  });

  it.each([
    ['src/core/kernel/x.ts', '../../main/store/index.ts', 'src/main'],
    ['src/core/x.ts', '../renderer/format.ts', 'src/renderer'],
    ['src/core/sync/x.ts', '../../server/db.ts', 'src/server'],
    ['src/shared/x.ts', '../core/kernel/time.ts', 'src/core'],
    ['src/shared/x.ts', '../main/shell.ts', 'src/main'],
  ])('%s refuses %s (%s)', async (file, target, layer) => {
    const messages = await lint(file, `import type { X } from '${target}';\nexport type Y = X;\n`);
    expect(messages).toEqual([expect.stringMatching(crossLayer)]);
    expect(messages[0]).toContain(`may not import ${layer} (${target})`);
  });

  it('allows the core its own files, src/shared, zod and date-fns', async () => {
    const code =
      "import { z } from 'zod';\nimport { parseISO } from 'date-fns';\n" +
      "import type { Mission } from '../../shared/mission.ts';\n" +
      "import { localDateOf } from '../kernel/time.ts';\n" +
      'export const f = [z, parseISO, localDateOf];\nexport type M = Mission;\n';
    expect(await lint('src/core/missions/x.ts', code)).toEqual([]);
  });
});

describe('src/renderer', () => {
  it.each([
    ['../../core/tray/tray-state.ts', 'src/core'],
    ['../../main/shell.ts', 'src/main'],
    ['../../preload/build-api.ts', 'src/preload'],
    ['../../server/app.ts', 'src/server'],
    ['../../../test/fakes/clock.ts', 'a file outside src/'],
  ])('refuses %s, even for a type (%s)', async (target, layer) => {
    const messages = await lint(
      'src/renderer/views/X.tsx',
      `import type { X } from '${target}';\nexport type Y = X;\n`,
    );
    expect(messages).toEqual([expect.stringMatching(crossLayer)]);
    expect(messages[0]).toContain(`may not import ${layer}`);
  });

  it('refuses a lazy import() of another layer', async () => {
    const messages = await lint(
      'src/renderer/App.tsx',
      "export const load = () => import('../main/shell.ts');\n",
    );
    expect(messages).toEqual([expect.stringMatching(crossLayer)]);
  });

  it('refuses electron and Node built-ins', async () => {
    const messages = await lint(
      'src/renderer/api.ts',
      "import { ipcRenderer } from 'electron';\nimport { readFileSync } from 'node:fs';\n" +
        'export const f = [ipcRenderer, readFileSync];\n',
    );
    expect(messages).toEqual([
      expect.stringMatching(restricted),
      expect.stringMatching(restricted),
    ]);
  });

  it('allows src/shared, its own files and React', async () => {
    const code =
      "import { useState } from 'react';\nimport type { Snapshot } from '../../shared/snapshot.ts';\n" +
      "import { api } from '../api.ts';\nimport { Field } from '../components/Field.tsx';\n" +
      'export const f = [useState, api, Field];\nexport type S = Snapshot;\n';
    expect(await lint('src/renderer/views/X.tsx', code)).toEqual([]);
  });
});

describe('src/server', () => {
  it.each([
    ['../main/shell.ts', 'src/main'],
    ['../renderer/format.ts', 'src/renderer'],
  ])('refuses %s (%s)', async (target, layer) => {
    const messages = await lint('src/server/x.ts', `export * from '${target}';\n`);
    expect(messages).toEqual([expect.stringMatching(crossLayer)]);
    expect(messages[0]).toContain(`src/server may not import ${layer}`);
  });

  it('refuses electron', async () => {
    const messages = await lint(
      'src/server/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
    );
    expect(messages).toEqual([expect.stringMatching(restricted)]);
  });

  it('allows src/shared and Node built-ins', async () => {
    const code =
      "import { randomBytes } from 'node:crypto';\nimport { TeamMissionState } from '../shared/team.ts';\n" +
      'export const f = [randomBytes, TeamMissionState];\n';
    expect(await lint('src/server/x.ts', code)).toEqual([]);
  });
});

describe('electron at run time', () => {
  const runtime = "import { Tray } from 'electron';\nexport const T = Tray;\n";
  const typeOnly = "import type { Tray } from 'electron';\nexport type T = Tray;\n";

  it.each(['src/main/tray/tray-view.ts', 'src/main/shell.ts', 'src/preload/build-api.ts'])(
    '%s may not load it',
    async (file) => {
      const messages = await lint(file, runtime);
      expect(messages).toEqual([expect.stringMatching(restricted)]);
      expect(messages[0]).toContain('`import type` from electron');
    },
  );

  it('an inline `type` specifier still loads it, so it is refused too', async () => {
    const messages = await lint(
      'src/main/tray/x.ts',
      "import { type Tray } from 'electron';\nexport type T = Tray;\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-import-type-side-effects: /),
    ]);
  });

  it.each(['src/main/tray/tray-view.ts', 'src/preload/build-api.ts'])(
    '%s may `import type` from it',
    async (file) => {
      expect(await lint(file, typeOnly)).toEqual([]);
    },
  );

  it.each(['src/main/electron-app.ts', 'src/main/index.ts', 'src/preload/index.ts'])(
    '%s may load it',
    async (file) => {
      expect(await lint(file, runtime)).toEqual([]);
    },
  );

  it('electron-store, which loads electron itself, only in the settings adapter', async () => {
    const code = "import ElectronStore from 'electron-store';\nexport const S = ElectronStore;\n";
    expect(await lint('src/main/settings/electron-settings.ts', code)).toEqual([]);
    expect(await lint('src/main/settings/settings-store.ts', code)).toEqual([
      expect.stringMatching(restricted),
    ]);
  });

  it('electron-updater, which loads electron itself, at run time only in electron-app.ts', async () => {
    const runtime = "import updater from 'electron-updater';\nexport const u = updater;\n";
    const typeOnly =
      "import type { AppUpdater } from 'electron-updater';\nexport type U = AppUpdater;\n";
    expect(await lint('src/main/electron-app.ts', runtime)).toEqual([]);
    expect(await lint('src/main/updates/updates.ts', typeOnly)).toEqual([]);
    expect(await lint('src/main/updates/updates.ts', runtime)).toEqual([
      expect.stringMatching(restricted),
    ]);
    expect(await lint('src/core/updates/x.ts', typeOnly)).toEqual([
      expect.stringMatching(restricted),
    ]);
  });
});

describe('src/main', () => {
  it('refuses the renderer and the team server', async () => {
    const code =
      "import { fmt } from '../renderer/format.ts';\nimport { buildApp } from '../server/app.ts';\n" +
      'export const f = [fmt, buildApp];\n';
    expect(await lint('src/main/x.ts', code)).toEqual([
      expect.stringMatching(crossLayer),
      expect.stringMatching(crossLayer),
    ]);
  });
});
