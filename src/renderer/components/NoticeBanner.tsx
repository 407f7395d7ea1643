// What the store repaired at start-up (a corrupt file moved aside): the rep is told, once.
import type { StoreNotice } from '../../shared/snapshot.ts';
import { api } from '../api.ts';

export function NoticeBanner(props: { notices: StoreNotice[] }) {
  return (
    <section className="notices" aria-label="Data notices">
      {props.notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <p>
            <strong>{notice.message}</strong>
            <span className="notice-detail">The damaged file was kept at {notice.movedTo}</span>
          </p>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void api().missions.dismissNotice({ id: notice.id })}
          >
            Got it
          </button>
        </div>
      ))}
    </section>
  );
}
