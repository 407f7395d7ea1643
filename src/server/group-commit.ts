// Group commit: the mission writes of one event-loop turn share one transaction, and every caller
// is answered only after the COMMIT (docs/decisions/0008). The missions repository decides the
// usual ones together, in a few statements for the whole group (repositories/missions.ts).
import type { Missions, MissionWrite, WriteOutcome } from './repositories/missions.ts';

type Pending = {
  write: MissionWrite;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
};

export function createGroupCommit(missions: Pick<Missions, 'writeAll'>) {
  let queue: Pending[] = [];

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    let outcomes;
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
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }
  const flushSoon = () => void flush();

  return {
    /** Runs `write` in the next shared transaction; settles once that transaction commits. */
    write(write: MissionWrite): Promise<WriteOutcome> {
      return new Promise<WriteOutcome>((resolve, reject) => {
        // setImmediate runs after the poll phase, so every request read in this turn joins.
        if (queue.length === 0) setImmediate(flushSoon);
        queue.push({ write, resolve, reject });
      });
    },
  };
}
