// Group commit: the mission writes of one event-loop turn share one transaction, each in its own
// savepoint, and every caller is answered only after the COMMIT (docs/decisions/0008).
import type { BatchOutcome, Missions, MissionWrites } from './repositories/missions.ts';

type Pending = {
  /** Runs the write; returns how to deliver its outcome once the transaction has committed. */
  write: (tx: MissionWrites) => Promise<() => void>;
  reject: (error: unknown) => void;
};

export function createGroupCommit(missions: Pick<Missions, 'writeAll'>) {
  let queue: Pending[] = [];

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    let outcomes: BatchOutcome<() => void>[];
    try {
      outcomes = await missions.writeAll(batch.map((p) => p.write));
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of the batch was stored.
      for (const p of batch) p.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const p = batch[i];
      if (!p) return;
      if (outcome.ok) outcome.value();
      else p.reject(outcome.error);
    });
  }
  const flushSoon = () => void flush();

  return {
    /** Runs `write` in the next shared transaction; settles once that transaction commits. */
    write<T>(write: (tx: MissionWrites) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        // setImmediate runs after the poll phase, so every request read in this turn joins.
        if (queue.length === 0) setImmediate(flushSoon);
        queue.push({
          write: async (tx) => {
            const value = await write(tx);
            return () => resolve(value);
          },
          reject,
        });
      });
    },
  };
}
