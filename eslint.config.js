import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layers (src/README.md, docs/decisions/0003-layers-enforced-by-lint.md): which src/ folders
// each layer's relative imports may reach. A layer not listed here (src/main) may import any.
const srcDir = join(dirname(fileURLToPath(import.meta.url)), 'src');
const mayImport = {
  shared: ['shared'],
  core: ['core', 'shared'],
  renderer: ['renderer', 'shared'],
  preload: ['preload', 'shared'],
  server: ['server', 'shared', 'core'],
  main: ['main', 'core', 'shared'],
};
const why = {
  shared: 'src/shared is the contract every layer reads: pure schemas, types and defaults.',
  core: 'the core is plain TypeScript over ports: an adapter belongs in src/main, behind a port.',
  renderer: 'the window talks only to the preload API, whose types are in src/shared.',
  preload: 'the sandboxed preload bundles only the IPC names and its own files.',
  server: 'the team endpoint is not part of the desktop app.',
  main: 'the window and the team endpoint are separate programs, not modules of the shell.',
};

/** The src/ layer a file or an import's target is in, or null outside src/. */
function layerOf(file) {
  const rel = relative(srcDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep)[0];
}

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each src/ layer to the layers it may import (src/README.md).' },
    schema: [],
    messages: {
      crossLayer: 'src/{{from}} may not import {{target}} ({{source}}): {{why}}',
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    const allowed = from === null ? undefined : mayImport[from];
    if (!allowed) return {};
    const check = (node) => {
      const source = node?.type === 'Literal' ? node.value : undefined;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const layer = layerOf(resolve(dirname(context.filename), source));
      if (layer !== null && allowed.includes(layer)) return;
      const target = layer === null ? 'a file outside src/' : `src/${layer}`;
      context.report({
        node,
        messageId: 'crossLayer',
        data: { from, target, source, why: why[from] },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.source),
    };
  },
};

// Node's built-in modules, bare (`fs`) and prefixed (`node:fs`). src/shared and src/core import
// none of them, node:crypto included: shared is bundled into the window and the sandboxed
// preload, where no Node module exists, and the core reaches the platform only through its ports
// (clock, timers, store, HTTP) or web-standard globals — its ids come from the global
// `crypto.randomUUID()` (injectable as `newId`) and its hashes are plain code (cyrb53), so it
// runs unchanged in plain Node, a worker or a page. The whole list, not a chosen few: a pure
// module (node:path, node:events) still ties the core to Node, and the list follows Node's own.
// src/renderer is a page in a sandboxed window: no Node there either.
const noNode =
  'src/shared, src/core and src/renderer use no Node built-in: the platform comes in through ' +
  'a port or a web-standard global (eslint.config.js says why).';
const nodeBuiltins = {
  paths: builtinModules
    .filter((name) => !name.startsWith('node:'))
    .map((name) => ({ name, message: noNode })),
  patterns: [{ regex: '^node:', message: noNode }],
};
const noElectron = {
  name: 'electron',
  message: 'Electron stays in src/main and src/preload; this layer runs without it.',
};
// electron-store requires electron when it loads (vitest inlines it so the fake reaches it).
const noElectronStore = {
  name: 'electron-store',
  message: 'electron-store loads Electron: only src/main/settings/electron-settings.ts uses it.',
};
// electron-updater requires electron when it loads, too: the updater is made in electron-app.ts
// and handed to src/main/updates as a value of its type.
const updaterTypesOnly = {
  name: 'electron-updater',
  allowTypeImports: true,
  message: 'electron-updater loads Electron: only src/main/electron-app.ts imports it at run time.',
};
const noUpdater = { ...updaterTypesOnly, allowTypeImports: false };
const electronTypesOnly = {
  name: 'electron',
  allowTypeImports: true,
  message:
    'Only src/main/electron-app.ts, src/main/index.ts and src/preload/index.ts load Electron; ' +
    'take its objects as parameters and `import type` from electron, so this file runs in plain Node.',
};
const restrict = (paths, patterns = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.node24',
      'out',
      'out-electron-test',
      'dist',
      'test-results',
      'playwright-report',
      '.scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { layers: { rules: { 'import-boundaries': importBoundaries } } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { type X } from 'm'` still loads m (verbatimModuleSyntax keeps `import 'm'`).
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'layers/import-boundaries': 'error',
    },
  },
  {
    files: ['src/shared/**', 'src/core/**', 'src/renderer/**'],
    rules: restrict(
      [noElectron, noElectronStore, noUpdater, ...nodeBuiltins.paths],
      nodeBuiltins.patterns,
    ),
  },
  {
    files: ['src/server/**'],
    rules: restrict([noElectron, noElectronStore, noUpdater]),
  },
  {
    files: ['src/main/**', 'src/preload/**'],
    rules: restrict([electronTypesOnly, noElectronStore, updaterTypesOnly]),
  },
  {
    files: ['src/main/settings/electron-settings.ts'],
    rules: restrict([electronTypesOnly, updaterTypesOnly]),
  },
  {
    // The three files that load Electron at run time; they hold no decisions, only wiring.
    files: ['src/main/index.ts', 'src/preload/index.ts'],
    rules: restrict([noElectronStore, updaterTypesOnly]),
  },
  {
    // It also makes the updater.
    files: ['src/main/electron-app.ts'],
    rules: restrict([noElectronStore]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
