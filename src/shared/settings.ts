// Preferences: one schema, defaults for every field, so a partial or old file still parses.
import { z } from 'zod';
import { Instant, LocalTime, WorkingDays } from './mission.ts';

export const Settings = z.object({
  reminderLeadMinutes: z
    .int({ error: 'Reminder lead time must be a whole number of minutes' })
    .min(5, { error: 'Remind at least 5 minutes before a deadline' })
    .max(240, { error: 'Remind at most 4 hours before a deadline' })
    .default(60),
  notify: z
    .object({
      reminders: z.boolean().default(true),
      milestoneHit: z.boolean().default(true),
      deadlineMissed: z.boolean().default(false),
      morningPlan: z.boolean().default(false),
      missionEnded: z.boolean().default(true),
    })
    .prefault({}),
  morningPlanAt: LocalTime.default('09:00'),
  workingDays: WorkingDays.default([1, 2, 3, 4, 5]),
  quietHours: z
    .object({
      enabled: z.boolean().default(true),
      start: LocalTime.default('19:00'),
      end: LocalTime.default('08:00'),
    })
    .prefault({}),
  pausedUntil: Instant.nullable().default(null),
  shortcut: z
    .string()
    .trim()
    .min(1, { error: 'Type a shortcut, like CommandOrControl+Shift+M' })
    .max(60)
    .default('CommandOrControl+Shift+M'),
  launchAtLogin: z.boolean().default(false),
  focusMissionId: z.string().max(64).nullable().default(null),
  window: z
    .object({
      width: z.int().min(320).max(1600).default(360),
      height: z.int().min(400).max(1400).default(560),
      mode: z.enum(['compact', 'normal']).default('compact'),
    })
    .prefault({}),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  sync: z
    .object({
      enabled: z.boolean().default(false),
      endpoint: z.url({ error: 'Enter the team endpoint as a full URL' }).nullable().default(null),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** What a view may change; the store merges it and parses the whole again. */
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
