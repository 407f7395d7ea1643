// The team server is its own package (src/server/package.json, an npm workspace): it declares every
// package it imports, so `npm ci --workspace src/server --omit=dev` is enough to run it, and the
// desktop app's production tree — what electron-builder packs — holds none of it.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  getCollectorByPackageManager,
  PM,
} from 'app-builder-lib/out/node-module-collector/index.js';
import { TmpDir } from 'temp-file';
import { expect, it } from 'vitest';
import { z } from 'zod';

const root = process.cwd();
const Manifest = z.object({ name: z.string(), dependencies: z.record(z.string(), z.string()) });
const server = Manifest.parse(
  JSON.parse(readFileSync(join(root, 'src/server/package.json'), 'utf8')),
);
const desktop = Manifest.parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));

/** The bare package names imported by `file` and every relative .ts file it reaches. */
function importsFrom(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
    if (!spec || spec.startsWith('node:')) continue;
    if (spec.startsWith('.')) {
      if (spec.endsWith('.ts'))
        for (const p of importsFrom(resolve(dirname(file), spec), seen)) packages.add(p);
      continue;
    }
    const parts = spec.split('/');
    packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
  }
  return packages;
}

it('declares, as runtime dependencies, every package the server and its shared schemas import', () => {
  const dir = join(root, 'src/server');
  const imported = new Set<string>();
  for (const name of readdirSync(dir))
    if (name.endsWith('.ts')) for (const p of importsFrom(join(dir, name))) imported.add(p);
  expect([...imported].sort()).toEqual(Object.keys(server.dependencies).sort());
});

it('leaves the server out of what electron-builder would pack for the desktop app', async () => {
  const tmp = new TmpDir('mt-packaging');
  try {
    const collector = getCollectorByPackageManager(PM.NPM, root, tmp);
    const { nodeModules } = await collector.getNodeModules({ packageName: desktop.name });
    const names = new Set<string>();
    const walk = (modules: readonly { name: string; dependencies?: unknown }[]) => {
      for (const m of modules) {
        names.add(m.name);
        if (Array.isArray(m.dependencies)) walk(m.dependencies);
      }
    };
    walk(nodeModules);
    // The app's own runtime packages are there (the check sees the tree at all)…
    for (const name of Object.keys(desktop.dependencies)) expect(names).toContain(name);
    // …and none of the server's: not the package, not Fastify, its plugins or its logger.
    const serverOnly = Object.keys(server.dependencies).filter((d) => !(d in desktop.dependencies));
    expect(serverOnly.length).toBeGreaterThan(0);
    for (const name of [server.name, ...serverOnly, 'pino', 'avvio', 'find-my-way'])
      expect(names).not.toContain(name);
  } finally {
    await tmp.cleanup();
  }
}, 120_000);
