// A small, brief celebration when a milestone is hit — momentum, not fireworks.
import { useEffect } from 'react';
import { metricLabel } from '../../shared/metric-label.ts';
import { formatDeadline, formatNumber } from '../format.ts';
import type { MilestoneHit } from '../milestone-hits.ts';

const VISIBLE_MS = 4000;

export function Celebration(props: { hits: MilestoneHit[]; onDone: () => void }) {
  const { hits, onDone } = props;
  useEffect(() => {
    if (hits.length === 0) return;
    const timer = setTimeout(onDone, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [hits, onDone]);

  const hit = hits[0];
  return (
    <div className="celebration-region" role="status" aria-live="polite">
      {hit && (
        <div className="celebration">
          <span className="celebration-burst" aria-hidden="true">
            <span />
            <span />
            <span />
            <span />
            <span />
            <span />
          </span>
          <p>
            <strong>Milestone hit!</strong> {formatNumber(hit.milestone.target)}{' '}
            {metricLabel(hit.mission.metric, hit.milestone.target)} by{' '}
            {formatDeadline(hit.milestone.by)} — {hit.mission.title}
          </p>
        </div>
      )}
    </div>
  );
}
