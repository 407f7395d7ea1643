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
const typeImport = (from: string) => `import type { X } from '${from}';\nexport type Y = X;\n`;
const valueImport = (from: string) => `import * as m from '${from}';\nexport const f = m;\n`;

describe('which layer may import which', () => {
  it.each([
    ['src/core/kernel/x.ts', '../../main/store/index.ts', 'src/main'],
    ['src/core/x.ts', '../renderer/format.ts', 'src/renderer'],
    ['src/core/sync/x.ts', '../../server/db.ts', 'src/server'],
    ['src/shared/x.ts', '../core/kernel/time.ts', 'src/core'],
    ['src/shared/x.ts', '../main/shell.ts', 'src/main'],
    ['src/renderer/views/X.tsx', '../../core/tray/tray-state.ts', 'src/core'],
    ['src/renderer/views/X.tsx', '../../main/shell.ts', 'src/main'],
    ['src/renderer/views/X.tsx', '../../preload/build-api.ts', 'src/preload'],
    ['src/renderer/views/X.tsx', '../../server/app.ts', 'src/server'],
    ['src/renderer/views/X.tsx', '../../../test/fakes/clock.ts', 'a file outside src/'],
    ['src/server/x.ts', '../main/shell.ts', 'src/main'],
    ['src/server/x.ts', '../renderer/format.ts', 'src/renderer'],
    ['src/main/x.ts', '../renderer/format.ts', 'src/renderer'],
    ['src/main/sync/x.ts', '../../server/app.ts', 'src/server'],
  ])('%s may not import %s (%s), not even a type', async (file, target, layer) => {
    const messages = await lint(file, typeImport(target));
    expect(messages).toEqual([expect.stringMatching(crossLayer)]);
    expect(messages[0]).toContain(`may not import ${layer} (${target})`);
  });

  it('refuses a re-export and a lazy import() as well', async () => {
    expect(await lint('src/server/x.ts', "export * from '../main/shell.ts';\n")).toEqual([
      expect.stringMatching(crossLayer),
    ]);
    const lazy = "export const load = () => import('../main/shell.ts');\n";
    expect(await lint('src/renderer/App.tsx', lazy)).toEqual([expect.stringMatching(crossLayer)]);
  });

  it.each([
    ['src/core/missions/x.ts', ['../../shared/mission.ts', '../kernel/time.ts', 'zod', 'date-fns']],
    ['src/renderer/views/X.tsx', ['../../shared/snapshot.ts', '../api.ts', 'react']],
    ['src/server/x.ts', ['../shared/team.ts', 'node:crypto', 'fastify']],
    ['src/main/ipc/x.ts', ['../../core/kernel/errors.ts', '../../shared/ipc.ts', 'node:fs']],
  ])('%s may import %j', async (file, targets) => {
    for (const target of targets) expect(await lint(file, valueImport(target))).toEqual([]);
  });
});

describe('no Node built-in in src/core, src/shared and src/renderer', () => {
  it.each([
    ['src/core/kernel/x.ts', 'node:fs/promises'],
    ['src/core/sync/x.ts', 'node:http'],
    ['src/core/x.ts', 'node:crypto'],
    ['src/shared/x.ts', 'child_process'],
    ['src/shared/x.ts', 'path'],
    ['src/renderer/api.ts', 'node:fs'],
  ])('%s refuses %s', async (file, mod) => {
    const messages = await lint(file, valueImport(mod));
    expect(messages).toEqual([expect.stringMatching(restricted)]);
    expect(messages[0]).toContain('use no Node built-in');
  });
});

describe('electron and the packages that load it', () => {
  const runtime = (mod: string) => `import x from '${mod}';\nexport const y = x;\n`;
  const typeOnly = (mod: string) => `import type { X } from '${mod}';\nexport type Y = X;\n`;
  const outcome = (messages: string[]) =>
    messages.length === 0
      ? 'allowed'
      : messages.every((m) => restricted.test(m))
        ? 'refused'
        : messages;

  it.each([
    // [file, module, loaded at run time, `import type`]
    ['src/core/x.ts', 'electron', 'refused', 'refused'],
    ['src/shared/x.ts', 'electron', 'refused', 'refused'],
    ['src/renderer/api.ts', 'electron', 'refused', 'refused'],
    ['src/server/x.ts', 'electron', 'refused', 'refused'],
    ['src/main/tray/tray-view.ts', 'electron', 'refused', 'allowed'],
    ['src/main/shell.ts', 'electron', 'refused', 'allowed'],
    ['src/preload/build-api.ts', 'electron', 'refused', 'allowed'],
    ['src/main/electron-app.ts', 'electron', 'allowed', 'allowed'],
    ['src/main/index.ts', 'electron', 'allowed', 'allowed'],
    ['src/preload/index.ts', 'electron', 'allowed', 'allowed'],
    ['src/main/settings/electron-settings.ts', 'electron-store', 'allowed', 'allowed'],
    ['src/main/settings/settings-store.ts', 'electron-store', 'refused', 'refused'],
    ['src/main/electron-app.ts', 'electron-updater', 'allowed', 'allowed'],
    ['src/main/updates/updates.ts', 'electron-updater', 'refused', 'allowed'],
    ['src/core/updates/x.ts', 'electron-updater', 'refused', 'refused'],
  ])('%s, %s: at run time %s, as a type %s', async (file, mod, atRunTime, asType) => {
    expect(outcome(await lint(file, runtime(mod)))).toBe(atRunTime);
    expect(outcome(await lint(file, typeOnly(mod)))).toBe(asType);
  });

  it('says what to do instead', async () => {
    const [message] = await lint('src/main/tray/x.ts', runtime('electron'));
    expect(message).toContain('`import type` from electron');
  });

  it('refuses an inline `type` specifier, which still loads the module', async () => {
    const messages = await lint(
      'src/main/tray/x.ts',
      "import { type Tray } from 'electron';\nexport type T = Tray;\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-import-type-side-effects: /),
    ]);
  });
});
