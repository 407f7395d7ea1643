// When a mission ends short: a short, kind look back that shapes the next suggestion.
import { useEffect, useState } from 'react';
import {
  ReflectionInput,
  ReflectionReason,
  metricLabel,
  type Mission,
} from '../../shared/mission.ts';
import { api } from '../api.ts';
import { fieldProps } from '../components/Field.tsx';
import { ModalForm } from '../components/ModalForm.tsx';
import { formatNumber } from '../format.ts';
import { fieldErrors } from './mission-form-state.ts';
import { REASON_LABEL } from '../reason-labels.ts';

export function ReflectionDialog(props: {
  mission: Mission;
  onLater: () => void;
  onDone: () => void;
}) {
  const { mission } = props;
  const [reason, setReason] = useState<ReflectionReason | null>(null);
  const [note, setNote] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [share, setShare] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reached = useReached(mission.id);

  async function submit() {
    if (reason === null) {
      setErrors({ reason: 'Pick the main reason — it shapes your next suggestion' });
      return;
    }
    const parsed = ReflectionInput.safeParse({
      reason,
      note,
      nextStep,
      shareWithTeam: mission.visibility === 'public' && share,
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    const result = await api().missions.reflect({ id: mission.id, reflection: parsed.data });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    props.onDone();
  }

  return (
    <ModalForm
      className="reflection-form"
      titleId="reflect-title"
      descriptionId="reflect-intro"
      error={error}
      cancelLabel="Later"
      submitLabel="Save reflection"
      onCancel={props.onLater}
      onSubmit={submit}
    >
      <h2 id="reflect-title">Looking back: {mission.title}</h2>
      <p id="reflect-intro" className="muted">
        {reached === null
          ? `This one ended short of ${formatNumber(mission.target)}`
          : `This one ended at ${formatNumber(reached)} of ${formatNumber(mission.target)}`}{' '}
        {metricLabel(mission.metric, mission.target)}. That happens — it’s how the next target gets
        better. What got in the way?
      </p>
      <fieldset
        className="field"
        aria-describedby={errors['reason'] ? 'reflect-reason-error' : undefined}
      >
        <legend>The main reason</legend>
        {ReflectionReason.options.map((r) => (
          <label key={r} className="check">
            <input
              type="radio"
              name="reflect-reason"
              value={r}
              checked={reason === r}
              onChange={() => {
                setReason(r);
                setErrors({});
              }}
            />
            {REASON_LABEL[r]}
          </label>
        ))}
        {errors['reason'] && (
          <p id="reflect-reason-error" className="field-error">
            {errors['reason']}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="reflect-note">What happened (optional)</label>
        <textarea
          {...fieldProps('reflect-note', errors['note'])}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {errors['note'] && (
          <p id="reflect-note-error" className="field-error">
            {errors['note']}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="reflect-next">What to try next (optional)</label>
        <input
          {...fieldProps('reflect-next', errors['nextStep'])}
          value={nextStep}
          placeholder="Block 9–11 for calls"
          onChange={(e) => setNextStep(e.target.value)}
        />
        {errors['nextStep'] && (
          <p id="reflect-next-error" className="field-error">
            {errors['nextStep']}
          </p>
        )}
      </div>
      {mission.visibility === 'public' && (
        <label className="check">
          <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} />
          Share this reflection with my team
        </label>
      )}
    </ModalForm>
  );
}

/** How many wins the ended mission reached, from History (null until it answers). */
function useReached(missionId: string): number | null {
  const [reached, setReached] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    void api()
      .missions.history()
      .then((r) => {
        const total = r.ok ? r.value.missions.find((m) => m.mission.id === missionId)?.total : null;
        if (current && total !== undefined) setReached(total);
      });
    return () => {
      current = false;
    };
  }, [missionId]);
  return reached;
}
