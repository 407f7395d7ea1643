// A downloaded update, offered once (src/core/updates/update-policy.ts decides when): restart
// now, or later — it installs the next time the rep quits.
import { useEffect, useState } from 'react';
import type { UpdateOffer } from '../../shared/updates.ts';
import { api } from '../api.ts';

export function UpdateBanner() {
  const [offer, setOffer] = useState<UpdateOffer | null>(null);
  useEffect(() => {
    let pushed = false;
    const unsubscribe = api().on.update((next) => {
      pushed = true;
      setOffer(next);
    });
    void api()
      .updates.offer()
      .then((r) => {
        if (!pushed && r.ok) setOffer(r.value);
      });
    return unsubscribe;
  }, []);
  if (!offer) return null;
  return (
    <section className="notices" aria-label="Update">
      <div className="notice" role="status">
        <p>
          <strong>{offer.message}</strong>
          <span className="notice-detail">Or it installs the next time you quit.</span>
        </p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void api().updates.restartNow()}>
            Restart now
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setOffer(null);
              void api().updates.later();
            }}
          >
            Later
          </button>
        </div>
      </div>
    </section>
  );
}
