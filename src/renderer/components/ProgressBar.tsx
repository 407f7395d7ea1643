// How far a mission is toward its target, as a bar; the words beside it say the same for
// assistive technology, so the bar itself is hidden from it.
export function ProgressBar(props: { total: number; target: number }) {
  const share = Math.min(1, props.total / Math.max(1, props.target));
  return (
    <div className="progress" aria-hidden="true">
      <div className="progress-fill" style={{ width: `${share * 100}%` }} />
    </div>
  );
}
