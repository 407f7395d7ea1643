// The team's manager removed this rep (the server said so): sync has stopped, everything local
// stays, and the rep can join again with a new invite.
import { REVOKED_DETAIL, revokedMessage } from '../../shared/team-access.ts';
import type { SyncStatus } from '../../shared/team.ts';

export function RevokedBanner(props: { status: SyncStatus | null; onJoinAgain: () => void }) {
  const { status } = props;
  if (!status?.revoked) return null;
  return (
    <section className="notices" aria-label="Team access">
      <div className="notice" role="alert">
        <p>
          <strong>{revokedMessage(status)}</strong>
          <span className="notice-detail">{REVOKED_DETAIL}</span>
        </p>
        <button type="button" className="button" onClick={props.onJoinAgain}>
          Join again
        </button>
      </div>
    </section>
  );
}
