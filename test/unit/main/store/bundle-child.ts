// Bundles a child-process entry into one ES module, as electron-vite bundles the app's main
// process. Why: plain Node loading `date-fns` from its root index reads ~1,000 files (about 2 s
// per start on a 2-core machine), and the crash test starts a child 40 times.
import { join } from 'node:path';
import { build } from 'vite';

export async function bundleChild(entry: string, outDir: string): Promise<string> {
  const fileName = 'child.mjs';
  await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node22',
      rollupOptions: { output: { format: 'es', entryFileNames: fileName } },
    },
  });
  return join(outDir, fileName);
}
