/**
 * Postings blocks this page has read, kept while the index stays as it was: typing refines a query, so a word
 * or prefix read at one keystroke is read again at the next (and again after a backspace). Bounded in bytes,
 * least recently used first out.
 *
 * The index is "as it was" while its totals are: every write changes them (an article indexed takes the next
 * document number, one removed lowers the count, a rebuild is a new build), except a rebuild's parts, so nothing
 * is kept while a rebuild runs or a rebuild is due. Entries are only ever stored with the totals read in the
 * same transaction as them, and a hit counts only if the totals read with it are still those of the entries.
 */
import type { SearchMetaRecord } from './schema';

/** Bytes of postings kept (typed arrays' sizes). */
const BUDGET = 48 * 1024 * 1024;

/** What the index's totals say about its postings: equal stamps, equal postings. Null: nothing may be kept. */
export function stampOf(totals: SearchMetaRecord): string | null {
  if (totals.rebuild || totals.stale) return null;
  return `${totals.build}\n${totals.next}\n${totals.count}\n${totals.totalLength}`;
}

interface Entry {
  value: unknown;
  bytes: number;
}

/** Reads through the cache within one read transaction (see BlockCache.run). */
export type CachedRead = <T>(key: string, read: () => Promise<T>, bytes: (value: T) => number) => Promise<T>;

export class BlockCache {
  private stamp: string | null = null;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly budget = BUDGET) {}

  /**
   * Runs `reads` (within a read transaction) through the cache, alongside `totals` (read in the same
   * transaction): what they read is kept under the totals' stamp; what they took from the cache is checked
   * against it, and read again, uncached, when the index changed since.
   */
  async run<T>(
    totals: () => Promise<SearchMetaRecord>,
    reads: (read: CachedRead) => Promise<T>,
  ): Promise<[SearchMetaRecord, T]> {
    const fresh = new Map<string, Entry>();
    /** The stamps of the entries hits came from. */
    const hitStamps = new Set<string>();
    const cached: CachedRead = async (key, read, bytes) => {
      const hit = this.entries.get(key);
      if (hit && this.stamp !== null) {
        hitStamps.add(this.stamp);
        this.entries.delete(key); // most recently used last
        this.entries.set(key, hit);
        return hit.value as Awaited<ReturnType<typeof read>>;
      }
      const value = await read();
      fresh.set(key, { value, bytes: bytes(value) });
      return value;
    };
    const [stored, result] = await Promise.all([totals(), reads(cached)]);
    const stamp = stampOf(stored);
    if (stamp === null || stamp !== this.stamp) this.clear(stamp);
    if (hitStamps.size > 0 && (stamp === null || hitStamps.size > 1 || !hitStamps.has(stamp))) {
      // The index changed since what was taken from the cache was read: all of it read again.
      fresh.clear();
      const again = await reads(async (key, read, bytes) => {
        const value = await read();
        fresh.set(key, { value, bytes: bytes(value) });
        return value;
      });
      this.keep(fresh, stamp);
      return [stored, again];
    }
    this.keep(fresh, stamp);
    return [stored, result];
  }

  /** Bytes kept (for tests). */
  get size(): number {
    return this.bytes;
  }

  private clear(stamp: string | null): void {
    this.entries.clear();
    this.bytes = 0;
    this.stamp = stamp;
  }

  /** Keeps what was read with totals of `stamp`, if the cache is still of that stamp. */
  private keep(fresh: Map<string, Entry>, stamp: string | null): void {
    if (stamp === null || this.stamp !== stamp) return;
    for (const [key, entry] of fresh) {
      if (entry.bytes > this.budget / 4) continue; // one huge prefix would push out everything else
      const old = this.entries.get(key);
      if (old) this.bytes -= old.bytes;
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.bytes += entry.bytes;
    }
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
