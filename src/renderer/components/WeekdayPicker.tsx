// Seven toggles for ISO weekdays (1 = Monday), as a labelled group of checkboxes.

const WEEKDAYS: { day: number; short: string; long: string }[] = [
  { day: 1, short: 'Mo', long: 'Monday' },
  { day: 2, short: 'Tu', long: 'Tuesday' },
  { day: 3, short: 'We', long: 'Wednesday' },
  { day: 4, short: 'Th', long: 'Thursday' },
  { day: 5, short: 'Fr', long: 'Friday' },
  { day: 6, short: 'Sa', long: 'Saturday' },
  { day: 7, short: 'Su', long: 'Sunday' },
];

export function WeekdayPicker(props: {
  legend: string;
  value: number[];
  error: string | undefined;
  onChange: (days: number[]) => void;
  idPrefix: string;
}) {
  return (
    <fieldset className={`field weekdays${props.error ? ' field-invalid' : ''}`}>
      <legend>{props.legend}</legend>
      <div className="weekday-row">
        {WEEKDAYS.map((w) => (
          <label key={w.day} className="weekday" title={w.long}>
            <input
              type="checkbox"
              checked={props.value.includes(w.day)}
              aria-label={w.long}
              // On each box, so the error is read and found (the form focuses the first invalid field).
              aria-invalid={props.error ? true : undefined}
              aria-describedby={props.error ? `${props.idPrefix}-error` : undefined}
              onChange={(e) =>
                props.onChange(
                  e.target.checked
                    ? [...props.value, w.day].sort((a, b) => a - b)
                    : props.value.filter((d) => d !== w.day),
                )
              }
            />
            <span aria-hidden="true">{w.short}</span>
          </label>
        ))}
      </div>
      {props.error && (
        <p id={`${props.idPrefix}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
