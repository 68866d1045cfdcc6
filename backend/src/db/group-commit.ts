/**
 * Group commit for the record of access: appends that arrive while the event loop is busy (or,
 * on PostgreSQL, while the previous insert is on its way) are written in one transaction, and each
 * caller's promise settles only once its own row is committed, so an answer still never leaves
 * before its record. Fewer transactions mean fewer WAL frames per row, hence fewer checkpoints
 * (each an fsync on the thread that commits) and fewer round trips to PostgreSQL.
 */

export const groupCommitDefaults = {
  /** Rows in one transaction at most (one multi-row INSERT on PostgreSQL: 10 parameters each). */
  maxBatch: 500,
} as const;

interface Waiting<T> {
  entry: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T> {
  private pending: Array<Waiting<T>> = [];
  private scheduled = false;
  private writing: Promise<void> | undefined;

  /**
   * @param writeAll writes every entry in one transaction (all or none)
   * @param writeOne writes one entry: after a failed batch, each is retried alone so that one bad
   *   row fails only its own request
   */
  constructor(
    private readonly writeAll: (entries: T[]) => Promise<void> | void,
    private readonly writeOne: (entry: T) => Promise<void> | void,
    private readonly maxBatch: number = groupCommitDefaults.maxBatch,
  ) {}

  /** Resolves once `entry` is committed; rejects when it could not be. */
  append(entry: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything appended so far is written (before closing the database). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.writing !== undefined) {
      await (this.writing ?? this.flush());
    }
  }

  private schedule(): void {
    if (this.scheduled || this.writing !== undefined) return;
    this.scheduled = true;
    // After the callbacks already queued: answers finishing in the same turn share a transaction.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private flush(): Promise<void> {
    if (this.writing !== undefined || this.pending.length === 0) return this.writing ?? Promise.resolve();
    const batch = this.pending.splice(0, this.maxBatch);
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
      if (this.pending.length > 0) this.schedule();
    });
    return this.writing;
  }

  private async write(batch: Array<Waiting<T>>): Promise<void> {
    try {
      await this.writeAll(batch.map((w) => w.entry));
      for (const w of batch) w.resolve();
    } catch {
      for (const w of batch) {
        try {
          await this.writeOne(w.entry);
          w.resolve();
        } catch (err) {
          w.reject(err);
        }
      }
    }
  }
}
