// The planned milestones, one row per working day, each count editable before saving.
import type { DayPlan } from '../../shared/mission.ts';
import { formatDay, formatDeadline, formatNumber } from '../format.ts';

export function PlanEditor(props: {
  plan: DayPlan[];
  unit: (n: number) => string;
  error: string | undefined;
  onChange: (plan: DayPlan[]) => void;
}) {
  const total = props.plan.reduce((sum, d) => sum + (d.checkpoints.at(-1)?.count ?? 0), 0);
  const setCount = (day: number, cp: number, count: number) =>
    props.onChange(
      props.plan.map((d, i) =>
        i !== day
          ? d
          : { ...d, checkpoints: d.checkpoints.map((c, j) => (j === cp ? { ...c, count } : c)) },
      ),
    );

  return (
    <div className="plan">
      <p className="field-hint" data-testid="plan-total">
        {formatNumber(props.plan.length)} working {props.plan.length === 1 ? 'day' : 'days'} ·{' '}
        {formatNumber(total)} {props.unit(total)} in all
      </p>
      <ol className="plan-days" aria-label="Planned milestones by day">
        {props.plan.map((day, i) => (
          <li key={day.date} className="plan-day">
            <span className="plan-date">{formatDay(day.date)}</span>
            <span className="plan-checkpoints">
              {day.checkpoints.map((c, j) => (
                <label key={j} className="plan-checkpoint">
                  <input
                    type="number"
                    min={0}
                    inputMode="numeric"
                    value={c.count}
                    aria-label={`${formatDay(day.date)}: ${props.unit(2)} by ${formatDeadline(c.by)}`}
                    onChange={(e) =>
                      setCount(i, j, Math.max(0, Math.round(Number(e.target.value))))
                    }
                  />
                  <span aria-hidden="true">by {formatDeadline(c.by)}</span>
                </label>
              ))}
            </span>
          </li>
        ))}
      </ol>
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
