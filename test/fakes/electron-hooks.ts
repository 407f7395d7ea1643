// `node --import ./test/fakes/electron-hooks.ts …`: resolves 'electron' to the fake module, so the
// real main-process bundle can start in plain Node (no test runs the Electron binary).
import { registerHooks } from 'node:module';

const fake = new URL('./electron.ts', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    return specifier === 'electron'
      ? { url: fake, shortCircuit: true }
      : nextResolve(specifier, context);
  },
});
