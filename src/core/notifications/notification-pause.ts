// "Pause notifications" from the tray: for an hour, or until tomorrow begins where the rep is.
import { addDays, instantOf, localDateOf, minutesToMs } from '../kernel/time.ts';

export type PauseChoice = '1h' | 'tomorrow' | 'resume';

/** The `pausedUntil` preference a choice sets, as an ISO instant (null = not paused). */
export function pausedUntilFor(choice: PauseChoice, now: Date, timeZone: string): string | null {
  if (choice === 'resume') return null;
  if (choice === '1h') return new Date(now.getTime() + minutesToMs(60)).toISOString();
  return instantOf(addDays(localDateOf(now, timeZone), 1), '00:00', timeZone).toISOString();
}
