// Create or edit a mission: templates, the fields, suggested targets from the rep's history, and
// the planned milestones previewed and editable before saving. Messages come from the core's schema.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { IpcError, SuggestInput } from '../../shared/ipc.ts';
import {
  DEFAULT_DEADLINE,
  MAX_DEADLINES,
  STANDARD_METRICS,
  metricLabel,
  type DayPlan,
  type Mission,
} from '../../shared/mission.ts';
import type { Suggestion } from '../../shared/snapshot.ts';
import { api } from '../api.ts';
import { Field, fieldProps } from '../components/Field.tsx';
import { WeekdayPicker } from '../components/WeekdayPicker.tsx';
import { PlanEditor } from '../components/PlanEditor.tsx';
import { TeamPreviewButton } from '../components/TeamPreviewButton.tsx';
import { formatDeadline, formatNumber } from '../format.ts';
import {
  METRIC_NAMES,
  TEMPLATES,
  blankForm,
  formOf,
  isFoldedField,
  metricOf,
  nextMissionForm,
  parseDraft,
  prefilled,
  singularShown,
  suggestInputOf,
  templateForm,
  type MetricKind,
  type MissionForm as Form,
  weekdaysSummary,
} from './mission-form-state.ts';

export function MissionForm(props: {
  today: string;
  workingDays: number[];
  editing: Mission | null;
  /** An ended mission the new one starts from. */
  from?: Mission | undefined;
  onCancel: () => void;
  onSaved: (mission: Mission) => void;
}) {
  const [initialForm] = useState<Form>(() =>
    props.editing
      ? formOf(props.editing)
      : props.from
        ? nextMissionForm(props.from, props.today)
        : blankForm(props.today, props.workingDays),
  );
  // The rep's form; what is shown also carries the suggested target until they pick one.
  const [ownForm, setForm] = useState<Form>(initialForm);
  const [targetChosen, setTargetChosen] = useState(props.editing !== null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const { metricKind, customLabel, customUnit, customSingular, startDate, endDate, workingDays } =
    ownForm;
  const ownInput = useMemo(
    () => [
      suggestInputOf({
        metricKind,
        customLabel,
        customUnit,
        customSingular,
        startDate,
        endDate,
        workingDays,
      }),
    ],
    [metricKind, customLabel, customUnit, customSingular, startDate, endDate, workingDays],
  );
  const [suggestion = null] = useSuggestions(ownInput);
  // Typed by the rep, not merely visited (a blur marks a field touched for its error).
  const [titleTouched, setTitleTouched] = useState(false);
  const form = useMemo(
    () => (targetChosen ? ownForm : prefilled(ownForm, suggestion, titleTouched)),
    [ownForm, targetChosen, suggestion, titleTouched],
  );
  const templates = useTemplates(props.today, props.workingDays);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);
  // The rep's edits to the preview belong to the draft they were made on.
  const [edited, setEdited] = useState<{ base: string; plan: DayPlan[] } | null>(() =>
    props.editing ? { base: JSON.stringify(initialForm), plan: props.editing.plan } : null,
  );
  const formRef = useRef<HTMLFormElement>(null);
  // Working days, deadlines and the plan fold away so the essentials and Create fit the window;
  // the fold stays as the rep left it while they edit, and opens itself to show an error.
  const [foldOpen, setFoldOpen] = useState(false);

  const base = useMemo(() => JSON.stringify(form), [form]);
  const plan = edited?.base === base ? edited.plan : null;
  const parsed = useMemo(() => parseDraft(form, plan), [form, plan]);
  const errors = parsed.ok ? {} : parsed.errors;
  const shown = (key: string): string | undefined => {
    const local = submitted || touched.has(key) ? errors[key] : undefined;
    const remote =
      serverError?.path?.map(String).join('.') === key ? serverError.message : undefined;
    return local ?? remote;
  };
  const remoteKey = serverError?.path?.map(String).join('.');
  const foldError = [...Object.keys(errors), remoteKey ?? ''].find(
    (key) => isFoldedField(key) && shown(key),
  );

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    // Once the rep sets the target, the shown one (suggested, maybe in the title too) is theirs.
    if (key === 'target' && !targetChosen) {
      setForm({ ...form, target: String(value) });
      setTargetChosen(true);
    } else {
      setForm((f) => ({ ...f, [key]: value }));
    }
    if (key === 'title') setTitleTouched(true);
    setTouched((t) => new Set(t).add(key));
    setServerError(null);
  };
  const touch = (key: string) => () => setTouched((t) => new Set(t).add(key));

  const preview = usePreview(form);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.ok) {
      if (Object.keys(parsed.errors).some(isFoldedField)) setFoldOpen(true);
      // After the render that opens the fold: a folded field cannot take focus.
      // Centred, not merely scrolled to: at the bottom edge the sticky Create bar would cover it.
      requestAnimationFrame(() => {
        const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        field?.scrollIntoView({ block: 'center' });
        field?.focus({ preventScroll: true });
      });
      return;
    }
    setSaving(true);
    const result = props.editing
      ? await api().missions.update({ id: props.editing.id, draft: parsed.draft })
      : await api().missions.create(parsed.draft);
    setSaving(false);
    if (result.ok) return props.onSaved(result.value);
    setServerError(result.error);
    // The core's answer about a folded field shows it (the draft passed the form's own check).
    if (isFoldedField(result.error.path?.map(String).join('.') ?? '')) setFoldOpen(true);
  }

  const unit = (n: number) => metricLabel(metricOf(form), n);
  const shownPlan = plan ?? preview.plan;

  return (
    <form ref={formRef} className="mission-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>{props.editing ? 'Edit mission' : 'New mission'}</h2>
      {!props.editing && (
        <div className="templates" role="group" aria-label="Start from a template">
          {templates.map((t) => (
            <button
              key={t.name}
              type="button"
              className="chip-button"
              onClick={() => {
                setForm(t.form);
                setTargetChosen(true);
                setEdited(null);
              }}
            >
              {t.form.title}
            </button>
          ))}
        </div>
      )}

      <Field id="mf-title" label="Title" error={shown('title')}>
        <input
          {...fieldProps('mf-title', shown('title'))}
          // Keyboard first: N opens the form with the cursor where the rep starts typing.
          autoFocus
          value={form.title}
          placeholder="Book 10 meetings this week"
          onChange={(e) => set('title', e.target.value)}
          onBlur={touch('title')}
        />
      </Field>

      <div className="field-row">
        <Field id="mf-metric" label="Metric" error={undefined}>
          <select
            id="mf-metric"
            value={form.metricKind}
            onChange={(e) => set('metricKind', toMetricKind(e.target.value))}
          >
            {[...STANDARD_METRICS, 'custom' as const].map((k) => (
              <option key={k} value={k}>
                {METRIC_NAMES[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="mf-target" label="Target" error={shown('target')}>
          <input
            {...fieldProps('mf-target', shown('target'))}
            type="number"
            inputMode="numeric"
            min={1}
            value={form.target}
            onChange={(e) => set('target', e.target.value)}
            onBlur={touch('target')}
          />
        </Field>
      </div>

      {form.metricKind === 'custom' && (
        <>
          <Field id="mf-label" label="Metric name" error={shown('metric.label')}>
            <input
              {...fieldProps('mf-label', shown('metric.label'))}
              value={form.customLabel}
              placeholder="Proposals sent"
              onChange={(e) => set('customLabel', e.target.value)}
              onBlur={touch('metric.label')}
            />
          </Field>
          {/* "1 proposal, 2 proposals": the singular follows the unit until the rep edits it. */}
          <div className="field-row">
            <Field id="mf-unit" label="Unit" error={shown('metric.unit')}>
              <input
                {...fieldProps('mf-unit', shown('metric.unit'))}
                value={form.customUnit}
                placeholder="proposals"
                onChange={(e) => set('customUnit', e.target.value)}
                onBlur={touch('metric.unit')}
              />
            </Field>
            <Field id="mf-singular" label="Singular" error={shown('metric.singular')}>
              <input
                {...fieldProps('mf-singular', shown('metric.singular'))}
                value={singularShown(form)}
                placeholder="proposal"
                onChange={(e) => set('customSingular', e.target.value)}
                onBlur={touch('metric.singular')}
              />
            </Field>
          </div>
        </>
      )}

      {suggestion && (
        <div className="suggestions" role="group" aria-label="Suggested targets">
          <p className="field-hint">{suggestion.explanation}</p>
          <div className="suggestion-row">
            {(['attainable', 'challenging', 'elite'] as const).map((level) => (
              <button
                key={level}
                type="button"
                className="suggestion"
                aria-pressed={form.target === String(suggestion[level])}
                onClick={() => set('target', String(suggestion[level]))}
              >
                <span className="suggestion-level">{level}</span>
                <strong data-testid={`suggest-${level}`}>{formatNumber(suggestion[level])}</strong>
              </button>
            ))}
          </div>
        </div>
      )}

      <div className="field-row">
        <Field id="mf-start" label="Starts" error={shown('startDate')}>
          <input
            {...fieldProps('mf-start', shown('startDate'))}
            type="date"
            value={form.startDate}
            onChange={(e) => set('startDate', e.target.value)}
            onBlur={touch('startDate')}
          />
        </Field>
        <Field id="mf-end" label="Ends" error={shown('endDate')}>
          <input
            {...fieldProps('mf-end', shown('endDate'))}
            type="date"
            value={form.endDate}
            onChange={(e) => set('endDate', e.target.value)}
            onBlur={touch('endDate')}
          />
        </Field>
      </div>

      <label className="check visibility">
        <input
          type="checkbox"
          checked={form.visibility === 'public'}
          onChange={(e) => set('visibility', e.target.checked ? 'public' : 'private')}
        />
        <span>
          Public <span className="muted">— shared with your team when sync is on</span>
        </span>
      </label>
      {form.visibility === 'public' && (
        <p className="field-hint team-preview-hint">
          {parsed.ok ? (
            <TeamPreviewButton
              className="link-button"
              request={() => ({
                of: 'draft',
                missionId: props.editing?.id ?? null,
                draft: parsed.draft,
              })}
            >
              See what your team will see
            </TeamPreviewButton>
          ) : (
            'Fill in the mission to see what your team will see of it.'
          )}
        </p>
      )}

      <details
        className={`form-fold${foldError ? ' form-fold-invalid' : ''}`}
        open={foldOpen}
        onToggle={(e) => setFoldOpen(e.currentTarget.open)}
      >
        <summary>
          <span className="form-fold-title">Working days and milestones</span>
          <span className="form-fold-detail" data-testid="fold-detail">
            {foldSummary(form, shownPlan, unit, plan !== null)}
          </span>
          {foldError && !foldOpen && <span className="field-error">{shown(foldError)}</span>}
        </summary>
        <div className="form-fold-body">
          <WeekdayPicker
            legend="Working days"
            idPrefix="mf-days"
            value={form.workingDays}
            error={shown('workingDays')}
            onChange={(days) => set('workingDays', days)}
          />

          <fieldset className="field deadlines">
            <legend>Daily milestone deadlines</legend>
            {form.deadlines.map((d, i) => (
              <div key={i} className="deadline-row">
                <input
                  {...fieldProps(`mf-deadline-${i}`, shown(`deadlines.${i}`))}
                  type="time"
                  aria-label={`Milestone ${i + 1} deadline`}
                  value={d}
                  onChange={(e) =>
                    set(
                      'deadlines',
                      form.deadlines.map((x, j) => (j === i ? e.target.value : x)),
                    )
                  }
                />
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Remove milestone ${i + 1} deadline`}
                  onClick={() =>
                    set(
                      'deadlines',
                      form.deadlines.filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove
                </button>
                {shown(`deadlines.${i}`) && (
                  <p id={`mf-deadline-${i}-error`} className="field-error">
                    {shown(`deadlines.${i}`)}
                  </p>
                )}
              </div>
            ))}
            {form.deadlines.length === 0 && (
              <p className="field-hint">One milestone, by end of day.</p>
            )}
            {form.deadlines.length < MAX_DEADLINES && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => set('deadlines', [...form.deadlines, DEFAULT_DEADLINE])}
              >
                Add a deadline
              </button>
            )}
          </fieldset>

          <section className="plan-preview" aria-labelledby="plan-title">
            <h3 id="plan-title">Planned milestones</h3>
            {shownPlan ? (
              <PlanEditor
                plan={shownPlan}
                unit={unit}
                error={shown('plan') ?? (plan ? errors['plan'] : undefined)}
                onChange={(next) => setEdited({ base, plan: next })}
              />
            ) : (
              <p className="muted small">
                {preview.message ?? 'Fill in the mission to see its plan.'}
              </p>
            )}
            {plan && (
              <button type="button" className="button button-quiet" onClick={() => setEdited(null)}>
                Re-plan automatically
              </button>
            )}
          </section>
        </div>
      </details>

      <Field id="mf-objective" label="Team objective (optional)" error={shown('objective')}>
        <input
          {...fieldProps('mf-objective', shown('objective'))}
          value={form.objective}
          placeholder="Q4 pipeline: 40 new opportunities"
          onChange={(e) => set('objective', e.target.value)}
          onBlur={touch('objective')}
        />
      </Field>

      {serverError && !serverError.path && (
        <p role="alert" className="form-error">
          {serverError.message}
        </p>
      )}
      {submitted && !parsed.ok && (
        <p role="alert" className="form-error">
          Nothing was saved — fix the highlighted fields.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {props.editing ? 'Save changes' : 'Create mission'}
        </button>
      </div>
    </form>
  );
}

/** What the fold holds, in one line: "Mon–Fri · by 12:00, 17:00 · 10 meetings over 5 days". */
function foldSummary(
  form: Form,
  plan: DayPlan[] | null,
  unit: (n: number) => string,
  edited: boolean,
): string {
  const days = weekdaysSummary(form.workingDays) || 'No working days';
  const deadlines =
    form.deadlines.length === 0
      ? 'by end of day'
      : `by ${form.deadlines.map((d) => (d ? formatDeadline(d) : '…')).join(', ')}`;
  const total = plan?.reduce((sum, d) => sum + (d.checkpoints.at(-1)?.count ?? 0), 0);
  const planned =
    plan && total !== undefined
      ? [
          `${formatNumber(total)} ${unit(total)} over ${formatNumber(plan.length)} ${plan.length === 1 ? 'day' : 'days'}${edited ? ', edited' : ''}`,
        ]
      : [];
  return [days, deadlines, ...planned].join(' · ');
}

const toMetricKind = (value: string): MetricKind =>
  [...STANDARD_METRICS, 'custom' as const].find((k) => k === value) ?? 'meetings';

/** The core's plan for the draft as it stands (without the rep's edits), refreshed as it changes. */
function usePreview(form: Form): { plan: DayPlan[] | null; message: string | null } {
  const [state, setState] = useState<{ plan: DayPlan[] | null; message: string | null }>({
    plan: null,
    message: null,
  });
  const parsed = useMemo(() => parseDraft(form, null), [form]);
  useEffect(() => {
    if (!parsed.ok) return;
    let current = true;
    const timer = setTimeout(() => {
      void api()
        .missions.preview(parsed.draft)
        .then((r) => {
          if (current)
            setState(
              r.ok ? { plan: r.value, message: null } : { plan: null, message: r.error.message },
            );
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [parsed]);
  return parsed.ok ? state : { plan: null, message: null };
}

/** Three targets from the rep's own history for each metric and period (null: none for it). */
function useSuggestions(inputs: readonly SuggestInput[]): (Suggestion | null)[] {
  const [suggestions, setSuggestions] = useState<(Suggestion | null)[]>([]);
  useEffect(() => {
    let current = true;
    void Promise.all(
      inputs.map((input) =>
        api()
          .missions.suggest(input)
          .then((r) => (r.ok ? r.value : null)),
      ),
    ).then((next) => {
      if (current) setSuggestions(next);
    });
    return () => {
      current = false;
    };
  }, [inputs]);
  return suggestions;
}

/** The templates as their chips offer them: with the rep's suggested target where there is one. */
function useTemplates(today: string, workingDays: number[]): { name: string; form: Form }[] {
  const inputs = useMemo(
    () => TEMPLATES.map((t) => suggestInputOf(t.apply(today, workingDays))),
    [today, workingDays],
  );
  const suggestions = useSuggestions(inputs);
  return TEMPLATES.map((t, i) => ({
    name: t.name,
    form: templateForm(t, today, workingDays, suggestions[i] ?? null),
  }));
}
