// History is computed on request; a new `today` snapshot (any change) asks again.
import { useEffect, useState } from 'react';
import type { HistorySnapshot, TodaySnapshot } from '../shared/snapshot.ts';
import { api } from './api.ts';
import type { Live } from './live-value.ts';

export function useHistory(today: TodaySnapshot | null): Live<HistorySnapshot> {
  const [state, setState] = useState<Live<HistorySnapshot>>({ value: null, error: null });
  useEffect(() => {
    let current = true;
    if (!today) return;
    void api()
      .missions.history()
      .then((r) => {
        if (!current) return;
        setState(r.ok ? { value: r.value, error: null } : { value: null, error: r.error });
      });
    return () => {
      current = false;
    };
  }, [today]);
  return state;
}
