// When a mission ends short: a short, kind look back that shapes the next suggestion.
import { useEffect, useRef, useState } from 'react';
import {
  ReflectionInput,
  ReflectionReason,
  metricLabel,
  type Mission,
} from '../../shared/mission.ts';
import { api } from '../api.ts';
import { fieldProps } from '../components/Field.tsx';
import { formatNumber } from '../format.ts';
import { fieldErrors } from '../mission-form-state.ts';
import { REASON_LABEL } from '../reason-labels.ts';

export function ReflectionDialog(props: {
  mission: Mission;
  onLater: () => void;
  onDone: () => void;
}) {
  const { mission } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<ReflectionReason | null>(null);
  const [note, setNote] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [share, setShare] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
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
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="reflect-title"
      aria-describedby="reflect-intro"
      onCancel={(e) => {
        e.preventDefault();
        props.onLater();
      }}
    >
      <form onSubmit={(e) => void submit(e)} className="reflection-form">
        <h2 id="reflect-title">Looking back: {mission.title}</h2>
        <p id="reflect-intro" className="muted">
          This one ended short of {formatNumber(mission.target)}{' '}
          {metricLabel(mission.metric, mission.target)}. That happens — it’s how the next target
          gets better. What got in the way?
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
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onLater}>
            Later
          </button>
          <button type="submit" className="button button-primary">
            Save reflection
          </button>
        </div>
      </form>
    </dialog>
  );
}
