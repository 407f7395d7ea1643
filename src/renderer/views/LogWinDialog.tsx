// The +1's longer form: several wins at once ("3 calls"), or one with a note ("Acme, referral").
// Checked with the same schema the core uses; nothing is logged until it passes.
import { useState } from 'react';
import { LogWinInput, metricLabel, type Mission } from '../../shared/mission.ts';
import { Field, fieldProps } from '../components/Field.tsx';
import { ModalForm } from '../components/ModalForm.tsx';
import { fieldErrors } from './mission-form-state.ts';

export function LogWinDialog(props: {
  mission: Mission;
  /** Logs the win; resolves to the core's message when it refuses, else null. */
  onLog: (input: LogWinInput) => Promise<string | null>;
  onClose: () => void;
}) {
  const { mission } = props;
  const [amount, setAmount] = useState('1');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const unit = metricLabel(mission.metric, 2);

  async function submit() {
    const parsed = LogWinInput.safeParse({
      missionId: mission.id,
      amount: amount.trim() === '' ? Number.NaN : Number(amount),
      note: note.trim() === '' ? undefined : note,
      source: 'window',
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    const refused = await props.onLog(parsed.data);
    if (refused) setError(refused);
    else props.onClose();
  }

  return (
    <ModalForm
      className="log-more-form"
      titleId="log-more-title"
      error={error}
      cancelLabel="Cancel"
      submitLabel="Log"
      onCancel={props.onClose}
      onSubmit={submit}
    >
      <h2 id="log-more-title">
        Log {unit}: {mission.title}
      </h2>
      <Field id="log-amount" label={`How many ${unit}`} error={errors['amount']}>
        <input
          {...fieldProps('log-amount', errors['amount'])}
          type="number"
          inputMode="numeric"
          min={1}
          value={amount}
          autoFocus
          onChange={(e) => setAmount(e.target.value)}
        />
      </Field>
      <Field id="log-note" label="Note (optional)" error={errors['note']}>
        <input
          {...fieldProps('log-note', errors['note'])}
          value={note}
          placeholder="Acme, via a referral"
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
    </ModalForm>
  );
}
