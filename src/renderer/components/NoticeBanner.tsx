// What the store repaired at start-up (a corrupt file, or a folder or link in a document's place,
// moved aside): the rep is told, once.
import type { SetAside, StoreNotice } from '../../shared/snapshot.ts';
import { api } from '../api.ts';

/** What was moved out of the document's way, as the rep would name it. */
const KEPT: Record<SetAside, string> = {
  'damaged-file': 'The damaged file was kept at',
  folder: 'The folder that was in its place was kept at',
  link: 'The link that was in its place was kept at',
};

export function NoticeBanner(props: { notices: StoreNotice[] }) {
  return (
    <section className="notices" aria-label="Data notices">
      {props.notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <p>
            <strong>{notice.message}</strong>
            <span className="notice-detail">
              {KEPT[notice.setAside]} {notice.movedTo}
            </span>
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
