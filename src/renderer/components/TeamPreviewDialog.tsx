// "See what your team will see": a modal dialog showing what the team endpoint receives for a
// mission (or every public one, or the form's draft), rendered from the body the sync engine sends
// — the core builds it with the engine's own functions — with that exact body one click further.
import { useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../shared/ipc.ts';
import type { TeamPreview, TeamPreviewInput, TeamPreviewItem } from '../../shared/team.ts';
import { api } from '../api.ts';
import { formatNumber } from '../format.ts';
import { dayRow, previewRows } from '../team-preview-rows.ts';

export const NEVER_SENT = 'Never sent: win notes, private missions, time-off reasons.';

function syncLine(preview: TeamPreview, draft: boolean): string {
  const { enabled, endpoint } = preview.sync;
  const when = draft ? 'Once you save, this is' : 'This is';
  if (enabled && endpoint) return `${when} what ${endpoint} receives.`;
  if (endpoint) return `${when} what ${endpoint} receives once you turn sync back on.`;
  return `${when} what your team endpoint receives once you set up sync in Preferences.`;
}

function MissionPreview(props: { item: TeamPreviewItem; index: number }) {
  const { state } = props.item.body;
  const headingId = `team-preview-mission-${props.index}`;
  return (
    <section className="team-preview-mission" aria-labelledby={headingId}>
      <h3 id={headingId}>{state.title}</h3>
      <dl className="team-preview-fields">
        {previewRows(state, props.item.reflectionKept).map((row) => (
          <div key={row.key} className="team-preview-row" data-field={row.key}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {state.days.length > 0 && (
        <table className="team-preview-days">
          <caption>Each day's counts</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Wins</th>
              <th scope="col">Milestones</th>
            </tr>
          </thead>
          <tbody>
            {state.days.map((day) => {
              const row = dayRow(day);
              return (
                <tr key={day.date}>
                  <th scope="row">{row.date}</th>
                  <td>{row.wins}</td>
                  <td>{row.milestones}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <details className="team-preview-raw">
        <summary>The exact data sent</summary>
        {props.item.url && (
          <p className="small muted">
            PUT <span className="team-preview-url">{props.item.url}</span>
          </p>
        )}
        <pre data-testid="team-preview-body" tabIndex={0} aria-label="The exact data sent">
          {JSON.stringify(props.item.body, null, 2)}
        </pre>
      </details>
    </section>
  );
}

export function TeamPreviewDialog(props: { request: TeamPreviewInput; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [preview, setPreview] = useState<TeamPreview | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { request } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    headingRef.current?.focus();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    let current = true;
    void api()
      .sync.preview(request)
      .then((result) => {
        if (!current) return;
        if (result.ok) setPreview(result.value);
        else setError(result.error);
      });
    return () => {
      current = false;
    };
  }, [request]);

  const draft = request.of === 'draft';
  // Closed before the caller moves focus: the rest of the page is inert while it is modal.
  const close = () => {
    ref.current?.close();
    props.onClose();
  };
  return (
    <dialog
      ref={ref}
      className="dialog team-preview"
      aria-labelledby="team-preview-title"
      aria-describedby="team-preview-intro"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="team-preview-title" ref={headingRef} tabIndex={-1}>
        What your team will see
      </h2>
      <div id="team-preview-intro" aria-live="polite">
        {error ? (
          <p role="alert" className="form-error">
            {error.message}
          </p>
        ) : !preview ? (
          <p className="muted small">Working out what would be sent…</p>
        ) : preview.missions.length === 0 ? (
          <p>
            {request.of === 'public'
              ? 'You have no public missions: nothing is sent to your team.'
              : 'Nothing of this mission is sent: it is private and stays on this computer.'}
          </p>
        ) : (
          <p className="small">{syncLine(preview, draft)}</p>
        )}
      </div>
      {preview?.missions.map((item, i) => (
        <MissionPreview key={item.missionId ?? 'draft'} item={item} index={i} />
      ))}
      {preview && request.of === 'public' && preview.keptPrivate > 0 && (
        <p className="small muted">
          {formatNumber(preview.keptPrivate)}{' '}
          {preview.keptPrivate === 1 ? 'mission is' : 'missions are'} private or archived: not sent.
        </p>
      )}
      <p className="small muted team-preview-never">{NEVER_SENT}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
