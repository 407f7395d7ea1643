// The global shortcut that logs a win on the focus mission. The OS may refuse an accelerator
// (another app holds it, or Electron cannot parse it): say so in a sentence, keep the old one.
import type { GlobalShortcut } from 'electron';
import type { DesktopStatus } from '../shared/desktop.ts';
import { DEFAULT_SHORTCUT } from '../shared/settings.ts';

export type ShortcutRegistry = Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered'>;

/**
 * Offered, in order, when a shortcut is refused: the same uncommon chord family as the default
 * (see DEFAULT_SHORTCUT), with other letters. Not probed by registering them — on Wayland each
 * bind can open the portal's dialog — so one may be refused too; then the next is offered.
 */
export const SHORTCUT_ALTERNATIVES = [
  DEFAULT_SHORTCUT,
  'CommandOrControl+Alt+Shift+L',
  'CommandOrControl+Alt+Shift+J',
  'CommandOrControl+Alt+Shift+Y',
];

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
  const refused = new Map<string, string>();
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
        const problem = `The shortcut ${accelerator} is not available: another app or the system is using it, or it is not a valid key combination. Pick another in Preferences.`;
        refused.set(accelerator, problem);
        return problem;
      }
      refused.delete(accelerator);
      if (current) registry.unregister(current);
      current = accelerator;
      return null;
    },
    current: () => current,
    /** Whether `accelerator` (the one in preferences) is in place, and what to offer if not. */
    status(accelerator: string): DesktopStatus['shortcut'] {
      const active = accelerator === current;
      return {
        accelerator,
        active,
        problem: active
          ? null
          : (refused.get(accelerator) ??
            `The shortcut ${accelerator} is not registered. Pick another in Preferences.`),
        alternatives: active
          ? []
          : SHORTCUT_ALTERNATIVES.filter((a) => a !== accelerator && !refused.has(a)).slice(0, 2),
      };
    },
  };
}
