/** A seeded pseudo-random generator for arbitraries that derive a permutation from a seed (test code only). */

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny, fast, seeded 32-bit PRNG; the same seed gives the same sequence. */
export const mulberry32 = (seed: number): Random => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
