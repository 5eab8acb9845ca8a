/**
 * Transient failures in a row, shared by the concurrent record tasks of one run. When the remote
 * fails this often without a single success in between, it is down: the run stops taking records
 * (they stay unfinished, no attempt is spent on them) and a later run carries on.
 *
 * Record tasks run concurrently but on one event loop, so plain fields are safe here; what matters
 * is that every task reports through these methods instead of mutating a counter of its own.
 */
export class TransientStreak {
  private inARow = 0;

  constructor(readonly limit: number) {}

  /** The remote answered (a write succeeded, or it refused the data): the streak is over. */
  answered(): void {
    this.inARow = 0;
  }

  transientFailure(): void {
    this.inARow++;
  }

  /** True once `limit` transient failures happened in a row; stays true until the remote answers. */
  get broken(): boolean {
    return this.inARow >= this.limit;
  }

  get length(): number {
    return this.inARow;
  }
}
