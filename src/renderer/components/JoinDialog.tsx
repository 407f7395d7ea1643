// The confirm screen of an invite to a team (a missiontray://join link, or a code pasted in
// Preferences): the team and the server Mission Tray is about to join, whom as, and what it will
// share, with Join and Cancel. Nothing is joined until Join; the token never reaches the window.
import { useEffect, useRef, useState } from 'react';
import type { JoinPreview, SyncStatus } from '../../shared/team.ts';
import { api } from '../api.ts';
import { NEVER_SENT } from './TeamPreviewDialog.tsx';

function Shares(props: { shares: readonly string[] }) {
  if (props.shares.length === 0)
    return (
      <p data-testid="join-shares">
        None of your missions is public yet, so nothing is sent until you make one public.
      </p>
    );
  return (
    <>
      <p>
        Only your public missions are sent:{' '}
        {props.shares.length === 1 ? 'this one' : `these ${props.shares.length}`}, and those you
        make public later.
      </p>
      <ul className="join-shares" data-testid="join-shares">
        {props.shares.map((title, i) => (
          <li key={`${i}-${title}`}>{title}</li>
        ))}
      </ul>
    </>
  );
}

export function JoinDialog(props: {
  /** The invite's link or code, as the link brought it or the rep pasted it. */
  invite: string;
  /** Already checked with the server (the pasted code); otherwise asked for here. */
  preview?: JoinPreview;
  onClose: () => void;
  onJoined: (status: SyncStatus) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [preview, setPreview] = useState<JoinPreview | null>(props.preview ?? null);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<JoinPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const { invite } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    headingRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const given = props.preview !== undefined;
  useEffect(() => {
    if (given) return;
    let current = true;
    void api()
      .join.preview({ invite })
      .then((result) => {
        if (!current) return;
        if (result.ok) setPreview(result.value);
        else setError(result.error.message);
      });
    return () => {
      current = false;
    };
  }, [invite, given]);

  // Closed before the caller moves focus: the rest of the page is inert while it is modal.
  const close = () => {
    ref.current?.close();
    if (!joined) void api().join.dismiss();
    props.onClose();
  };

  const join = async () => {
    if (!preview || busy) return;
    setBusy(true);
    setError(null);
    const result = await api().join.accept({ invite });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setJoined(preview);
    props.onJoined(result.value);
    headingRef.current?.focus();
  };

  const title = joined
    ? `You joined ${joined.team}`
    : preview
      ? `Join ${preview.team}?`
      : 'Join a team';
  return (
    <dialog
      ref={ref}
      className="dialog join-dialog"
      aria-labelledby="join-title"
      aria-describedby="join-intro"
      aria-busy={busy || (!preview && !error) ? true : undefined}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="join-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <div id="join-intro" aria-live="polite">
        {joined ? (
          <p>
            Your public missions now sync to {joined.team} at{' '}
            <span className="join-server">{joined.server}</span>.
          </p>
        ) : preview ? (
          <p>
            Mission Tray is about to join <strong>{preview.team}</strong> on{' '}
            <span className="join-server">{preview.server}</span> as {preview.rep}.
          </p>
        ) : (
          !error && <p className="muted small">Checking the invite with its team server…</p>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
      </div>
      {preview && !joined && (
        <>
          <section className="join-what" aria-labelledby="join-what-title">
            <h3 id="join-what-title">What Mission Tray will share</h3>
            <Shares shares={preview.shares} />
            <p className="small muted">{NEVER_SENT}</p>
          </section>
          {preview.current && (
            <p className="join-replaces" data-testid="join-replaces">
              You are on{' '}
              {preview.current.team
                ? `${preview.current.team} (${preview.current.endpoint})`
                : preview.current.endpoint}{' '}
              now. Joining {preview.team} replaces it: your public missions are taken off that
              board.
            </p>
          )}
        </>
      )}
      <div className="form-actions">
        {preview && !joined ? (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void join()}
            >
              {busy ? 'Joining…' : 'Join'}
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={close}>
            {joined ? 'Done' : 'Close'}
          </button>
        )}
      </div>
    </dialog>
  );
}
