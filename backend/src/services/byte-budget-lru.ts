/**
 * A least-recently-used map bounded by an estimate of the bytes its values hold, not by their
 * count: what the 512 MB machine can spare is a number of bytes, and the size of one cached
 * explanation grows with the model's feature count.
 */
export class ByteBudgetLru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private used = 0;

  /** @param sizeOf bytes one value holds (with its share of the map), as estimated by the caller */
  constructor(readonly budgetBytes: number, private readonly sizeOf: (value: V) => number) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry); // now the most recently used
    return entry.value;
  }

  /** Keeps `value` unless it alone exceeds the budget; the least recently used go first to make room. */
  set(key: K, value: V): void {
    const bytes = this.sizeOf(value);
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.used -= previous.bytes;
    }
    if (bytes > this.budgetBytes) return;
    for (const [oldest, entry] of this.entries) {
      if (this.used + bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.used += bytes;
  }
}
