// The mission form's state, its templates, and its validation through the core's own schema, so
// the window shows the very messages the core would answer with.
import { addDays, eachDayOfInterval, endOfWeek, format, getISODay, parseISO } from 'date-fns';
import type { z } from 'zod';
import type { SuggestInput } from '../../shared/ipc.ts';
import {
  MissionDraft,
  type STANDARD_METRICS,
  type DayPlan,
  type Metric,
  type Mission,
} from '../../shared/mission.ts';
import { singularOf } from '../../shared/metric-label.ts';
import type { Suggestion } from '../../shared/snapshot.ts';

export type MetricKind = (typeof STANDARD_METRICS)[number] | 'custom';

export interface MissionForm {
  title: string;
  metricKind: MetricKind;
  customLabel: string;
  customUnit: string;
  /** The unit's singular as the rep set it; null = the one derived from the unit (singularOf). */
  customSingular: string | null;
  /** As typed: parsed by the schema, so "" and "2.5" get its messages. */
  target: string;
  startDate: string;
  endDate: string;
  workingDays: number[];
  deadlines: string[];
  visibility: 'private' | 'public';
  objective: string;
}

export const METRIC_NAMES: Record<MetricKind, string> = {
  meetings: 'Meetings booked',
  calls: 'Calls',
  'follow-ups': 'Follow-ups',
  opportunities: 'New opportunities',
  demos: 'Demos',
  custom: 'Custom…',
};

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const endOfThisWeek = (today: string) => iso(endOfWeek(parseISO(today), { weekStartsOn: 1 }));
const workingDaysBetween = (start: string, end: string, workingDays: number[]) =>
  eachDayOfInterval({ start: parseISO(start), end: parseISO(end) }).filter((d) =>
    workingDays.includes(getISODay(d)),
  ).length;

/** The rest of this week, or next week when no working day is left in this one (a weekend). */
export function weekAhead(
  today: string,
  workingDays: number[],
): { startDate: string; endDate: string } {
  const endDate = endOfThisWeek(today);
  if (workingDaysBetween(today, endDate, workingDays) > 0) return { startDate: today, endDate };
  const nextMonday = iso(addDays(parseISO(endDate), 1));
  return { startDate: nextMonday, endDate: endOfThisWeek(nextMonday) };
}

export function blankForm(today: string, workingDays: number[]): MissionForm {
  return {
    title: '',
    metricKind: 'meetings',
    customLabel: '',
    customUnit: '',
    customSingular: null,
    target: '10',
    ...weekAhead(today, workingDays),
    workingDays,
    deadlines: ['12:00', '17:00'],
    visibility: 'private',
    objective: '',
  };
}

export interface Template {
  name: string;
  apply: (today: string, workingDays: number[]) => MissionForm;
  /** Its title and target for a suggested target; by default the number in the title changes. */
  suggested?: (form: MissionForm, target: number) => MissionForm;
}

export const TEMPLATES: Template[] = [
  {
    name: 'Book 10 meetings this week',
    apply: (today, workingDays) => ({
      ...blankForm(today, workingDays),
      title: 'Book 10 meetings this week',
      target: '10',
    }),
  },
  {
    name: '50 calls today',
    apply: (today, workingDays) => ({
      ...blankForm(today, workingDays),
      title: '50 calls today',
      metricKind: 'calls',
      target: '50',
      startDate: today,
      endDate: today,
      // A one-day mission: today is its working day, whatever the usual week.
      workingDays: [getISODay(parseISO(today))],
    }),
  },
  {
    name: '5 follow-ups a day',
    apply: (today, workingDays) => {
      const form = blankForm(today, workingDays);
      const days = Math.max(1, workingDaysBetween(form.startDate, form.endDate, workingDays));
      return {
        ...form,
        title: '5 follow-ups a day',
        metricKind: 'follow-ups',
        target: String(5 * days),
        deadlines: ['17:00'],
      };
    },
    // A daily template stays daily: the suggested total, as a whole number a day.
    suggested: (form, target) => {
      const days = Math.max(1, workingDaysBetween(form.startDate, form.endDate, form.workingDays));
      const daily = Math.max(1, Math.round(target / days));
      return { ...form, title: `${daily} follow-ups a day`, target: String(daily * days) };
    },
  },
];

/**
 * The next mission after one that ended: the same metric, deadlines, visibility and title, over
 * the week ahead (a one-day mission: today); its target is then the suggestion for it.
 */
export function nextMissionForm(last: Mission, today: string): MissionForm {
  const period =
    last.startDate === last.endDate
      ? { startDate: today, endDate: today, workingDays: [getISODay(parseISO(today))] }
      : { ...weekAhead(today, last.workingDays), workingDays: last.workingDays };
  return { ...formOf(last), ...period };
}

/** What the core needs to suggest a target for the form's metric and period. */
export const suggestInputOf = (
  form: Pick<
    MissionForm,
    | 'metricKind'
    | 'customLabel'
    | 'customUnit'
    | 'customSingular'
    | 'startDate'
    | 'endDate'
    | 'workingDays'
  >,
): SuggestInput => ({
  metric: metricOf(form),
  startDate: form.startDate,
  endDate: form.endDate,
  workingDays: form.workingDays,
});

/**
 * The target to start from: the level the rep most likely takes, once the suggestion comes from
 * their own history (without history the form keeps its own default, as a template does).
 */
export const suggestedTarget = (suggestion: Suggestion | null): number | null =>
  suggestion?.basis === 'history' ? suggestion[suggestion.recommended] : null;

/**
 * The form with `target` in place of its own, and in its title where the title names the old
 * one ("Book 10 meetings this week" becomes "Book 7 meetings this week") unless `keepTitle`.
 */
export function withTarget(form: MissionForm, target: number, keepTitle = false): MissionForm {
  const old = form.target.trim();
  const next = String(target);
  if (old === next) return form;
  const title =
    keepTitle || !/^\d+$/.test(old)
      ? form.title
      : form.title.replace(new RegExp(`(?<!\\d)${old}(?!\\d)`), next);
  return { ...form, title, target: next };
}

/** What the form shows until the rep picks a target: the suggested one, when there is one. */
export function prefilled(
  form: MissionForm,
  suggestion: Suggestion | null,
  titleTouched: boolean,
): MissionForm {
  const target = suggestedTarget(suggestion);
  return target === null ? form : withTarget(form, target, titleTouched);
}

/** A template's form, offering the suggested target for its metric and period when there is one. */
export function templateForm(
  template: Template,
  today: string,
  workingDays: number[],
  suggestion: Suggestion | null,
): MissionForm {
  const form = template.apply(today, workingDays);
  const target = suggestedTarget(suggestion);
  if (target === null) return form;
  return template.suggested ? template.suggested(form, target) : withTarget(form, target);
}

export function formOf(mission: Mission): MissionForm {
  return {
    title: mission.title,
    metricKind: mission.metric.kind,
    customLabel: mission.metric.kind === 'custom' ? mission.metric.label : '',
    customUnit: mission.metric.kind === 'custom' ? mission.metric.unit : '',
    customSingular: (mission.metric.kind === 'custom' && mission.metric.singular) || null,
    target: String(mission.target),
    startDate: mission.startDate,
    endDate: mission.endDate,
    workingDays: mission.workingDays,
    deadlines: mission.deadlines,
    visibility: mission.visibility,
    objective: mission.objective ?? '',
  };
}

/** The singular the form shows: the rep's own, or the one derived from the unit as typed. */
export const singularShown = (form: Pick<MissionForm, 'customSingular' | 'customUnit'>): string =>
  form.customSingular ?? singularOf(form.customUnit);

export function metricOf(
  form: Pick<MissionForm, 'metricKind' | 'customLabel' | 'customUnit' | 'customSingular'>,
): Metric {
  return form.metricKind === 'custom'
    ? {
        kind: 'custom',
        label: form.customLabel,
        unit: form.customUnit,
        singular: singularShown(form),
      }
    : { kind: form.metricKind };
}

/** The draft as the core would receive it; `plan` only when the rep edited the preview. */
export function draftOf(form: MissionForm, plan: DayPlan[] | null): unknown {
  const target = form.target.trim();
  return {
    title: form.title,
    metric: metricOf(form),
    target: target === '' ? undefined : Number(target),
    startDate: form.startDate,
    endDate: form.endDate,
    workingDays: form.workingDays,
    deadlines: form.deadlines,
    visibility: form.visibility,
    objective: form.objective.trim() === '' ? null : form.objective,
    ...(plan ? { plan } : {}),
  };
}

export type FieldErrors = Record<string, string>;

/** Field path ("title", "metric.label", "deadlines.1", "plan") → its first message. */
export function fieldErrors(error: z.ZodError | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error?.issues ?? []) {
    const key = issue.path[0] === 'plan' ? 'plan' : issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

export type ParsedDraft =
  { ok: true; draft: z.output<typeof MissionDraft> } | { ok: false; errors: FieldErrors };

export function parseDraft(form: MissionForm, plan: DayPlan[] | null): ParsedDraft {
  const parsed = MissionDraft.safeParse(draftOf(form, plan));
  return parsed.success
    ? { ok: true, draft: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error) };
}

/**
 * The fields the form folds away under "Days and milestones": the form's essentials (title,
 * metric, target, period, visibility) stay in view in the 560 px window, these open on demand.
 */
export const isFoldedField = (key: string): boolean =>
  key === 'workingDays' || key === 'plan' || key === 'deadlines' || key.startsWith('deadlines.');

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** ISO weekdays as a rep reads them: runs of three or more as a range ("Mon–Fri", "Mon, Wed–Sun"). */
export function weekdaysSummary(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (d: number) => WEEKDAY_SHORT[d - 1] ?? '';
  return runs
    .flatMap((run) =>
      run.length >= 3 ? [`${name(run[0] ?? 1)}–${name(run.at(-1) ?? 1)}`] : run.map(name),
    )
    .join(', ');
}
