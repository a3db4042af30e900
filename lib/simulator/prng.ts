// Seeded randomness. Every random choice in the simulator flows from here so that
// (seed, scale, date) fully determines the estate; Math.random is never used.

/** 32-bit FNV-1a over a string: turns (seed, path of names) into a stream seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
  /** A random-looking "sha256:<64 hex>" digest as one flat string. */
  digest(): string;
}

const HEX_CODES = Buffer.from("0123456789abcdef", "latin1");
const digestScratch = Buffer.from("sha256:" + "0".repeat(64), "latin1");
const wordScratch = Buffer.alloc(32);

/**
 * Formats 32 bytes as "sha256:<hex>" through a byte buffer: concatenating strings would
 * leave V8 rope strings (many small objects per digest), which costs ~0.5 KB per digest
 * in estates with millions of them.
 */
export function digestFromBytes(bytes: Uint8Array): string {
  for (let i = 0; i < 32; i++) {
    digestScratch[7 + i * 2] = HEX_CODES[bytes[i] >>> 4];
    digestScratch[8 + i * 2] = HEX_CODES[bytes[i] & 15];
  }
  return digestScratch.toString("latin1");
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** mulberry32: tiny, fast and good enough for synthetic data. A class, not closures,
 * because generation creates millions of streams. */
class Mulberry32 implements Rng {
  constructor(private a: number) {}

  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  digest(): string {
    for (let i = 0; i < 8; i++) wordScratch.writeUInt32BE(Math.floor(this.next() * 0x100000000), i * 4);
    return digestFromBytes(wordScratch);
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) {
      const v = Math.floor(this.next() * 0x100000000);
      out += BYTE_HEX[v >>> 24] + BYTE_HEX[(v >>> 16) & 255] + BYTE_HEX[(v >>> 8) & 255] + BYTE_HEX[v & 255];
    }
    return out.length === length ? out : out.slice(0, length);
  }
}

/**
 * An independent stream per key (e.g. `rngFor(seed, "repo", registry, name)`), so that
 * adding or reordering unrelated entities never shifts the numbers another entity draws.
 */
export function rngFor(seed: number, ...keys: (string | number)[]): Rng {
  return new Mulberry32(hash32(`${seed}|${keys.join("|")}`) || 0x9e3779b9);
}

/** Deterministic GUID-shaped id from a key (subscription ids, run ids, tenant ids). */
export function guidFor(seed: number, ...keys: (string | number)[]): string {
  const h = rngFor(seed, "guid", ...keys).hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
