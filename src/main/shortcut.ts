// The global shortcut that logs a win on the focus mission. The OS may refuse an accelerator
// (another app holds it, or Electron cannot parse it): say so in a sentence, keep the old one.
import type { GlobalShortcut } from 'electron';

export type ShortcutRegistry = Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered'>;

export function createShortcut(registry: ShortcutRegistry, onPress: () => void) {
  let current: string | null = null;
  /** Electron throws on an accelerator it cannot parse; that is a refusal too. */
  const attempt = (accelerator: string, call: (a: string) => boolean): boolean => {
    try {
      return call(accelerator);
    } catch {
      return false;
    }
  };
  const register = (accelerator: string) =>
    attempt(accelerator, (a) => registry.register(a, onPress));
  return {
    /** Switches to `accelerator`; returns why it could not, or null when it is in place. */
    apply(accelerator: string): string | null {
      if (accelerator === current) return null;
      let ok = register(accelerator);
      if (!ok && current && attempt(accelerator, (a) => registry.isRegistered(a))) {
        // The keys in place, spelled another way ("CmdOrCtrl+Shift+L" for
        // "CommandOrControl+Shift+L"): Electron refuses a combination the app already holds.
        registry.unregister(current);
        ok = register(accelerator);
        if (!ok) register(current);
        else current = null;
      }
      if (!ok) {
        return `The shortcut ${accelerator} is not available: another app or the system is using it, or it is not a valid key combination. Pick another in Preferences.`;
      }
      if (current) registry.unregister(current);
      current = accelerator;
      return null;
    },
    current: () => current,
  };
}
