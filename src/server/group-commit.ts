// Group commit: the mission writes of one event-loop turn share one transaction, each in its own
// savepoint, and every caller is answered only after the COMMIT (docs/decisions/0008).
import type { MissionWrites, TeamDb } from './db.ts';

type Pending = {
  /** Runs the write; returns how to deliver its outcome once the transaction has committed. */
  write: (tx: MissionWrites) => () => void;
  reject: (error: unknown) => void;
};

export function createGroupCommit(db: Pick<TeamDb, 'writeAll'>) {
  let queue: Pending[] = [];

  function flush(): void {
    const batch = queue;
    queue = [];
    let outcomes;
    try {
      outcomes = db.writeAll(batch.map((p) => p.write));
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

  return {
    /** Runs `write` in the next shared transaction; settles once that transaction commits. */
    write<T>(write: (tx: MissionWrites) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        // setImmediate runs after the poll phase, so every request read in this turn joins.
        if (queue.length === 0) setImmediate(flush);
        queue.push({
          write: (tx) => {
            const value = write(tx);
            return () => resolve(value);
          },
          reject,
        });
      });
    },
  };
}
