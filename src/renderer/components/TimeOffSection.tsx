// Time off, planned ahead: the days from today on the rep is away, as ranges they can take back,
// and a form to mark more. Each change is one call; the core refuses the past and says why.
import { useState } from 'react';
import {
  TIME_OFF_KINDS,
  TIME_OFF_LABELS,
  timeOffRanges,
  type TimeOffKindName,
} from '../../shared/time-off-days.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { api } from '../api.ts';
import { formatDay } from '../format.ts';
import { Field, fieldProps } from './Field.tsx';

type Result = { ok: true } | { ok: false; error: { message: string; path?: (string | number)[] } };

export function TimeOffSection(props: { snapshot: TodaySnapshot }) {
  const { today } = props.snapshot;
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState<TimeOffKindName>('holiday');
  const [spread, setSpread] = useState(true);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const ranges = timeOffRanges(props.snapshot.timeOff);

  const done = (result: Result) => {
    if (result.ok) setError(null);
    else setError({ message: result.error.message, field: String(result.error.path?.[0] ?? '') });
  };
  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);

  return (
    <section className="time-off" aria-labelledby="time-off-title">
      <h2 id="time-off-title">Time off</h2>
      <p className="muted small">
        Days you are away: no reminders, your streak is kept, and pace leaves them out. Your team
        sees only “away”.
      </p>
      {ranges.length > 0 && (
        <ul className="time-off-list" aria-label="Planned time off">
          {ranges.map((r) => {
            const when =
              r.from === r.to ? formatDay(r.from) : `${formatDay(r.from)} – ${formatDay(r.to)}`;
            return (
              <li key={r.from} className="time-off-range">
                <span>
                  <strong>{TIME_OFF_LABELS[r.kind]}</strong> · {when}
                </span>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() =>
                    void api().missions.clearTimeOff({ from: r.from, to: r.to, spread }).then(done)
                  }
                >
                  Remove<span className="visually-hidden"> {when}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="time-off-form"
        aria-label="Mark time off"
        // The pickers offer today on; a date typed by hand gets the core's sentence, not the
        // browser's bubble.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void api().missions.markTimeOff({ from, to, kind, spread }).then(done);
        }}
      >
        <div className="field-row">
          <Field id="to-from" label="First day" error={fieldError('from')}>
            <input
              {...fieldProps('to-from', fieldError('from'))}
              type="date"
              min={today}
              value={from}
              onChange={(e) => {
                setFrom(e.target.value);
                if (to < e.target.value) setTo(e.target.value);
              }}
            />
          </Field>
          <Field id="to-to" label="Last day" error={fieldError('to')}>
            <input
              {...fieldProps('to-to', fieldError('to'))}
              type="date"
              min={from}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </Field>
        </div>
        <Field id="to-kind" label="Kind (stays on this computer)" error={fieldError('kind')}>
          <select
            {...fieldProps('to-kind', fieldError('kind'))}
            value={kind}
            onChange={(e) => {
              const picked = TIME_OFF_KINDS.find((k) => k === e.target.value);
              if (picked) setKind(picked);
            }}
          >
            {TIME_OFF_KINDS.map((k) => (
              <option key={k} value={k}>
                {TIME_OFF_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="field">
          <legend>Your running missions</legend>
          <label className="check">
            <input
              type="radio"
              name="to-spread"
              checked={spread}
              onChange={() => setSpread(true)}
            />
            Spread what these days asked for over my other working days left
          </label>
          <label className="check">
            <input
              type="radio"
              name="to-spread"
              checked={!spread}
              onChange={() => setSpread(false)}
            />
            Keep the plans: expect less of these missions
          </label>
        </fieldset>
        {error && error.field !== 'from' && error.field !== 'to' && error.field !== 'kind' && (
          <p role="alert" className="form-error">
            {error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Mark time off
          </button>
        </div>
      </form>
    </section>
  );
}
