// The global shortcut that logs a win on the focus mission. The OS may refuse an accelerator
// (another app holds it, or Electron cannot parse it): say so in a sentence, keep the old one.
import type { GlobalShortcut } from 'electron';

export type ShortcutRegistry = Pick<GlobalShortcut, 'register' | 'unregister'>;

export function createShortcut(registry: ShortcutRegistry, onPress: () => void) {
  let current: string | null = null;
  return {
    /** Switches to `accelerator`; returns why it could not, or null when it is in place. */
    apply(accelerator: string): string | null {
      if (accelerator === current) return null;
      let ok: boolean;
      try {
        ok = registry.register(accelerator, onPress);
      } catch {
        ok = false; // Electron throws on an accelerator it cannot parse.
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
