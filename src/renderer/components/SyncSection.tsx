// Team sync in Preferences: joining a team with an invite, its status in words, the endpoint and
// token, and the switch. Only missions the rep marks public are ever sent; the token never comes
// back to the window.
import { useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../shared/ipc.ts';
import type { JoinPreview, SyncStatus } from '../../shared/team.ts';
import { api } from '../api.ts';
import { formatNumber, formatUntil } from '../format.ts';
import { Field, fieldProps } from './Field.tsx';
import { JoinDialog } from './JoinDialog.tsx';
import { TeamPreviewButton } from './TeamPreviewButton.tsx';

const STATE_LABEL: Record<SyncStatus['state'], string> = {
  off: 'Off',
  idle: 'On',
  syncing: 'Syncing…',
  retrying: 'Retrying',
  stopped: 'Stopped',
};

/** "Join a team": the invite's link or code, checked with its server before the confirm screen. */
function JoinField(props: { focus: number; onStatus: (status: SyncStatus) => void }) {
  const [invite, setInvite] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<JoinPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  // "Join again" on the banner brings the rep here.
  useEffect(() => {
    if (props.focus === 0) return;
    // After the view's own focus move (App's go), two frames on.
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        inputRef.current?.scrollIntoView({ block: 'center' });
        inputRef.current?.focus();
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [props.focus]);

  return (
    <>
      <form
        className="join-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (checking) return;
          setChecking(true);
          void api()
            .join.preview({ invite })
            .then((result) => {
              setChecking(false);
              if (result.ok) {
                setError(undefined);
                setConfirming(result.value);
              } else setError(result.error.message);
            });
        }}
      >
        <Field
          id="join-invite"
          label="Join a team"
          error={error}
          hint="Paste the invite link or code (MT1-…) your manager gave you."
        >
          <input
            {...fieldProps('join-invite', error)}
            ref={inputRef}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={invite}
            placeholder="MT1-…"
            onChange={(e) => setInvite(e.target.value)}
          />
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={checking}>
            {checking ? 'Checking…' : 'Continue'}
          </button>
        </div>
      </form>
      {confirming && (
        <JoinDialog
          invite={invite}
          preview={confirming}
          onClose={() => {
            setConfirming(null);
            inputRef.current?.focus();
          }}
          onJoined={(status) => {
            setInvite('');
            props.onStatus(status);
          }}
        />
      )}
    </>
  );
}

export function SyncSection(props: {
  status: SyncStatus | null;
  now: string;
  onStatus: (status: SyncStatus) => void;
  /** Changes when the rep asked to join again: the invite field takes focus. */
  focusJoin?: number;
}) {
  const { status } = props;
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<IpcError | null>(null);

  const apply = (result: { ok: true; value: SyncStatus } | { ok: false; error: IpcError }) => {
    if (result.ok) {
      props.onStatus(result.value);
      setError(null);
      setToken('');
      setEndpoint(null);
    } else setError(result.error);
  };
  const errorAt = (field: string) => (error?.path?.[0] === field ? error.message : undefined);

  if (!status) return <p className="muted small">Checking team sync…</p>;
  return (
    <>
      <JoinField focus={props.focusJoin ?? 0} onStatus={props.onStatus} />
      <p className="sync-status" data-testid="sync-status">
        <span className={`chip sync-${status.state}`}>{STATE_LABEL[status.state]}</span>{' '}
        {status.lastSuccessAt && <>Last synced {formatUntil(status.lastSuccessAt, props.now)}. </>}
        {status.pending > 0 && (
          <>
            {formatNumber(status.pending)} {status.pending === 1 ? 'change' : 'changes'} waiting.
          </>
        )}
      </p>
      {status.lastError && <p className="form-error">{status.lastError}</p>}
      {status.leftBehind && <p className="form-error">{status.leftBehind}</p>}
      <label className="check">
        <input
          type="checkbox"
          checked={status.enabled}
          disabled={!status.endpoint}
          onChange={(e) => void api().sync.setEnabled({ enabled: e.target.checked }).then(apply)}
        />
        Sync public missions with my team
      </label>
      <p className="small">
        <TeamPreviewButton className="link-button" request={() => ({ of: 'public' })}>
          {status.enabled ? 'See what your team receives' : 'See what your team would receive'}
        </TeamPreviewButton>
      </p>
      <p className="small muted sync-by-token">
        Or connect with your team server's address and a token:
      </p>
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          const url = (endpoint ?? status.endpoint ?? '').trim();
          void api()
            .sync.configure({ endpoint: url, ...(token.trim() ? { token } : {}) })
            .then(apply);
        }}
      >
        <Field id="sync-endpoint" label="Team endpoint" error={errorAt('endpoint')}>
          <input
            {...fieldProps('sync-endpoint', errorAt('endpoint'))}
            type="url"
            value={endpoint ?? status.endpoint ?? ''}
            placeholder="https://team.example.com"
            onChange={(e) => setEndpoint(e.target.value)}
          />
        </Field>
        <Field
          id="sync-token"
          label={status.endpoint ? 'New token (leave empty to keep yours)' : 'Your token'}
          error={errorAt('token')}
        >
          <input
            {...fieldProps('sync-token', errorAt('token'))}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </Field>
        {error && !error.path && <p className="form-error">{error.message}</p>}
        <div className="button-row">
          <button type="submit" className="button">
            {status.endpoint ? 'Save and sync' : 'Connect'}
          </button>
        </div>
      </form>
    </>
  );
}
