// Seeded pseudo-random generator for the differential scenarios.
//
// Scenarios must be reproducible from their seed alone (a failing seed printed by the Java test
// has to regenerate the same bytes), so nothing here may touch Math.random or crypto. The
// generator is sfc32 (small fast counter, 128-bit state), seeded through splitmix32 so that
// neighbouring seeds (1, 2, 3, ...) give unrelated streams.

const splitmix32 = (state) => {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

export class Prng {
  /** @param {number} seed any integer (only its low 53 bits matter) */
  constructor (seed) {
    // fold the high part in so that seeds above 2^32 still differ
    const hi = Math.floor(seed / 0x100000000) >>> 0
    const init = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d))
    this.a = init()
    this.b = init()
    this.c = init()
    this.d = init()
    // the first outputs of sfc32 are weakly mixed; discard a few
    for (let i = 0; i < 16; i++) this.u32()
  }

  /** @return {number} uniform in [0, 2^32) */
  u32 () {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t
  }

  /** @return {number} uniform in [0, 1) with 53 random bits */
  float () {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992
  }

  /** uniform integer in [lo, hi], both inclusive; exact for ranges up to 2^53 */
  int (lo, hi) {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  /** true with probability p */
  bool (p = 0.5) {
    return this.float() < p
  }

  /** @template T @param {Array<T>} arr @return {T} */
  pick (arr) {
    return arr[this.int(0, arr.length - 1)]
  }

  /**
   * Picks one of several alternatives by weight.
   * @template T
   * @param {Array<[number, T]>} weighted
   * @return {T}
   */
  weighted (weighted) {
    let total = 0
    for (const [w] of weighted) total += w
    let r = this.float() * total
    for (const [w, v] of weighted) {
      if (r < w) return v
      r -= w
    }
    return weighted[weighted.length - 1][1]
  }

  /** Fisher-Yates shuffle of a copy. @template T @param {Array<T>} arr @return {Array<T>} */
  shuffle (arr) {
    const a = arr.slice()
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i)
      const t = a[i]
      a[i] = a[j]
      a[j] = t
    }
    return a
  }

  /** k distinct elements in random order (k is clamped to the array length) */
  sample (arr, k) {
    return this.shuffle(arr).slice(0, Math.min(k, arr.length))
  }

  /** k elements drawn with replacement, so duplicates are possible */
  draw (arr, k) {
    const out = []
    for (let i = 0; i < k; i++) out.push(this.pick(arr))
    return out
  }
}
