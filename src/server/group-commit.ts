// Group commit: the mission writes that arrive together share one transaction, and every caller
// is answered only after the COMMIT (docs/decisions/0008). One group commits at a time; the
// writes that arrive meanwhile wait and make the next group, so under load each group is large
// and a commit's cost (on PostgreSQL three statements and the wait for the WAL's flush) is paid
// once for many writes. The missions repository decides the usual ones together, in a few
// statements for the whole group (repositories/missions.ts).
import type { Missions, MissionWrite, WriteOutcome } from './repositories/missions.ts';

type Pending = {
  write: MissionWrite;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
};

export function createGroupCommit(missions: Pick<Missions, 'writeAll'>) {
  let queue: Pending[] = [];
  let committing = false;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || committing || queue.length === 0) return;
    scheduled = true;
    // setImmediate runs after the poll phase, so every request read in this turn joins.
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    committing = true;
    let outcomes;
    try {
      outcomes = await missions.writeAll(batch.map((p) => p.write));
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of the batch was stored.
      for (const p of batch) p.reject(error);
      return;
    } finally {
      committing = false;
      schedule();
    }
    outcomes.forEach((outcome, i) => {
      const p = batch[i];
      if (!p) return;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }

  return {
    /** Runs `write` in the next shared transaction; settles once that transaction commits. */
    write(write: MissionWrite): Promise<WriteOutcome> {
      return new Promise<WriteOutcome>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        schedule();
      });
    },
  };
}
