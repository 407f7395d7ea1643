// How each reflection reason reads to the rep, in History and in the reflection dialog.
import type { ReflectionReason } from '../shared/mission.ts';

export const REASON_LABEL: Record<ReflectionReason, string> = {
  'wrong-inputs': 'Wrong inputs',
  'unrealistic-target': 'Unrealistic target',
  'external-blockers': 'External blockers',
  other: 'Something else',
};
