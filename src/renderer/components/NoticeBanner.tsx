// What the store repaired at start-up (a corrupt file, or a folder or link in a document's place,
// moved aside): the rep is told, once.
// The store's message already names what was set aside (file, folder or link) and where it went.
import type { StoreNotice } from '../../shared/snapshot.ts';
import { api } from '../api.ts';

export function NoticeBanner(props: { notices: StoreNotice[] }) {
  return (
    <section className="notices" aria-label="Data notices">
      {props.notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <p>
            <strong>{notice.message}</strong>
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
