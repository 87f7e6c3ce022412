/**
 * The first cache level of delivery (issue 22.1): what the hot path needs, kept in the isolate's
 * own memory so that a page view of a warm site does no I/O at all — the host mapping, the site
 * manifest (validated, as parsed) and the immutable page bytes with the badge already applied.
 * The Cache API is the second level, R2 the last (resolve.ts, respond.ts).
 *
 * Bounded by bytes, not by entries: sites differ a hundredfold in size (a 250-link page and its
 * manifest against a one-link page), so an entry count would bound nothing. Least recently used
 * entries go first. An isolate has 128 MB for everything it holds; the default cap
 * (`MEMORY_CACHE_MIB`, 8 MiB) keeps the hot set of a few hundred sites per isolate and leaves the
 * rest of the heap to the runtime; the long tail is served from the Cache API, which is as fast as
 * it was before this level existed. One entry may take at most a sixteenth of the cap, so one
 * large object (an image) can never flush the hot set.
 *
 * JSON entries expire with the manifest TTL counted from when they were read from R2 (also when
 * they came through the Cache API), so a publish, an unpublish or a removed domain is seen within
 * `MANIFEST_CACHE_SECONDS` however the levels combine. Page and asset bytes never expire: their
 * keys change on every publish, and the manifest decides whether they may be served.
 *
 * Hosts that map to no site are remembered in a second, small cache: anybody can send any Host
 * header, and a flood of made-up hosts must not evict the sites people actually visit.
 */

// The default cap, and the second cache's share for unknown hosts (bytes).
const DEFAULT_CAP_MIB = 8;
const ABSENT_HOSTS_BYTES = 64 * 1024;
const ANSWERS_SHARE = 4;
// Fixed overhead charged per entry besides its payload: the Map slot, the entry object, the key.
const ENTRY_OVERHEAD = 96;

interface Entry<V> {
	value: V;
	bytes: number;
	/** Milliseconds since the epoch; Infinity for immutable bytes. */
	expiresAt: number;
}

/** What a cache holds now (tests and the view log read it). */
export interface MemoryStats {
	entries: number;
	bytes: number;
	capBytes: number;
	evictions: number;
}

/**
 * A least-recently-used map bounded by the bytes its entries declare. A Map iterates in insertion
 * order, so re-inserting an entry on every hit keeps the least recently used one first.
 */
export class ByteLru<V> {
	#entries = new Map<string, Entry<V>>();
	#bytes = 0;
	#evictions = 0;
	#cap: number;

	constructor(capBytes: number) {
		this.#cap = Math.max(0, capBytes);
	}

	/** The value, or undefined when absent or expired (an expired entry is dropped). */
	get(key: string, now: number): V | undefined {
		return this.lookup(key, now)?.value;
	}

	/** Like `get`, with when the value expires (resolve.ts passes it on to the answers it makes). */
	lookup(key: string, now: number): { value: V; expiresAt: number } | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		if (entry.expiresAt <= now) {
			this.#bytes -= entry.bytes;
			return undefined;
		}
		this.#entries.set(key, entry);
		return entry;
	}

	/**
	 * Stores `value` as costing `bytes` (plus the entry's overhead) until `expiresAt`; an entry
	 * larger than a sixteenth of the cap is not stored at all (and an older one under its key goes).
	 */
	set(key: string, value: V, bytes: number, expiresAt: number): void {
		this.delete(key);
		const cost = bytes + key.length * 2 + ENTRY_OVERHEAD;
		if (cost > this.#cap / 16) return;
		this.#entries.set(key, { value, bytes: cost, expiresAt });
		this.#bytes += cost;
		this.#evict();
	}

	delete(key: string): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		this.#entries.delete(key);
		this.#bytes -= entry.bytes;
	}

	/** Whether `key` is held (expired or not), without touching its recency. */
	has(key: string): boolean {
		return this.#entries.has(key);
	}

	/** A new cap; entries beyond it go at once, least recently used first. */
	resize(capBytes: number): void {
		const cap = Math.max(0, capBytes);
		if (cap === this.#cap) return;
		this.#cap = cap;
		this.#evict();
	}

	clear(): void {
		this.#entries.clear();
		this.#bytes = 0;
	}

	stats(): MemoryStats {
		return {
			entries: this.#entries.size,
			bytes: this.#bytes,
			capBytes: this.#cap,
			evictions: this.#evictions,
		};
	}

	#evict(): void {
		for (const [key, entry] of this.#entries) {
			if (this.#bytes <= this.#cap) return;
			this.#entries.delete(key);
			this.#bytes -= entry.bytes;
			this.#evictions += 1;
		}
	}
}

/**
 * The isolate's caches: sites (mappings, manifests, bytes), hosts known to map to nothing, and
 * the answers of recent page views (answers.ts). An answer is charged its body too, although the
 * body is shared with the sites cache: what both keep alive stays within the sum of their caps
 * even when one of them has dropped its reference. Answers get a quarter of the sites cap, so a
 * flood of made-up URLs of one page (any query string reaches the same page) only cycles answers.
 */
export const memory = {
	sites: new ByteLru<unknown>(DEFAULT_CAP_MIB * 1024 * 1024),
	absentHosts: new ByteLru<null>(ABSENT_HOSTS_BYTES),
	answers: new ByteLru<unknown>((DEFAULT_CAP_MIB * 1024 * 1024) / ANSWERS_SHARE),
};

// The `MEMORY_CACHE_MIB` text last applied.
let configured: string | undefined | null = null;

/**
 * Applies the configured cap (`MEMORY_CACHE_MIB`; the default when unset or not a number ≥ 0).
 * Called per request: a comparison, unless the configuration changed.
 */
export function configureMemory(capMib: string | undefined): void {
	if (capMib === configured) return;
	configured = capMib;
	const parsed = Number.parseFloat(capMib ?? "");
	const mib = Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_CAP_MIB;
	memory.sites.resize(Math.floor(mib * 1024 * 1024));
	memory.answers.resize(Math.floor((mib * 1024 * 1024) / ANSWERS_SHARE));
}

/** What the site cache holds now. */
export function memoryStats(): MemoryStats {
	return memory.sites.stats();
}

/** Empties the caches (tests: as a new isolate would start). */
export function clearMemory(): void {
	memory.sites.clear();
	memory.absentHosts.clear();
	memory.answers.clear();
}
