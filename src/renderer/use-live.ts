// Live state from the core: fetched once, then replaced by every snapshot the core pushes.
import { useEffect, useState } from 'react';
import type { IpcError } from '../shared/ipc.ts';
import type { Settings } from '../shared/settings.ts';
import type { HistorySnapshot, TodaySnapshot } from '../shared/snapshot.ts';
import { api } from './api.ts';

export interface Live<T> {
  value: T | null;
  error: IpcError | null;
}

export function useToday(): Live<TodaySnapshot> {
  const [state, setState] = useState<Live<TodaySnapshot>>({ value: null, error: null });
  useEffect(() => {
    let pushed = false;
    const off = api().on.today((value) => {
      pushed = true;
      setState({ value, error: null });
    });
    void api()
      .missions.today()
      .then((r) => {
        // A pushed snapshot is at least as new as the answer to this first request.
        if (pushed) return;
        setState(r.ok ? { value: r.value, error: null } : { value: null, error: r.error });
      });
    return off;
  }, []);
  return state;
}

export function useSettings(): Live<Settings> {
  const [state, setState] = useState<Live<Settings>>({ value: null, error: null });
  useEffect(() => {
    let pushed = false;
    const off = api().on.settings((value) => {
      pushed = true;
      setState({ value, error: null });
    });
    void api()
      .settings.get()
      .then((r) => {
        if (pushed) return;
        setState(r.ok ? { value: r.value, error: null } : { value: null, error: r.error });
      });
    return off;
  }, []);
  return state;
}

/** History is computed on request; a new `today` snapshot (any change) asks again. */
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
