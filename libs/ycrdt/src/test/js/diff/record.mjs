// Runs one yjs update-algebra call and records inputs and result in the line format that the
// Java differential tests read (see README.md next to this file):
//
//   { "seed": ..., "desc": "...", "blobs": [base64...], "info": [text...],
//     "cases": [ { "k": <Updates method>, "in": [blob...], "sv": blob?, "out": blob?,
//                  "from": [[client, clock]...]?, "to": [...]?, "err": "..."?, "bad": true? } ] }
//
// Byte strings are interned in `blobs` so that an update used by twenty cases is stored once.
// `info[i]` says where blob i came from, which is what a failure message shows to the reader.

import * as Y from 'yjs'

/** yjs function for each ycrdt method name (the Java API uses the same names) */
export const OPS = {
  mergeUpdates: { arity: 'list', fmt: 1, out: 1, fn: us => Y.mergeUpdates(us) },
  mergeUpdatesV2: { arity: 'list', fmt: 2, out: 2, fn: us => Y.mergeUpdatesV2(us) },
  diffUpdate: { arity: 'sv', fmt: 1, out: 1, fn: (u, sv) => Y.diffUpdate(u, sv) },
  diffUpdateV2: { arity: 'sv', fmt: 2, out: 2, fn: (u, sv) => Y.diffUpdateV2(u, sv) },
  encodeStateVectorFromUpdate: { arity: 'one', fmt: 1, out: 'sv', fn: u => Y.encodeStateVectorFromUpdate(u) },
  encodeStateVectorFromUpdateV2: { arity: 'one', fmt: 2, out: 'sv', fn: u => Y.encodeStateVectorFromUpdateV2(u) },
  convertUpdateFormatV1ToV2: { arity: 'one', fmt: 1, out: 2, fn: u => Y.convertUpdateFormatV1ToV2(u) },
  convertUpdateFormatV2ToV1: { arity: 'one', fmt: 2, out: 1, fn: u => Y.convertUpdateFormatV2ToV1(u) },
  parseUpdateMeta: { arity: 'one', fmt: 1, out: 'meta', fn: u => Y.parseUpdateMeta(u) },
  parseUpdateMetaV2: { arity: 'one', fmt: 2, out: 'meta', fn: u => Y.parseUpdateMetaV2(u) }
}

export const b64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

/**
 * A standalone copy. lib0 reads var-length arrays as views into `arr.buffer`; a Uint8Array that
 * is a window into a larger buffer (Node's Buffer pool) would let a truncated input read past
 * its own end instead of failing, so every input handed to yjs gets its own buffer.
 */
export const own = (bytes) => new Uint8Array(bytes)

export class Recorder {
  constructor (seed, desc) {
    this.seed = seed
    this.desc = desc
    /** @type {Array<string>} */
    this.blobs = []
    /** @type {Array<string>} */
    this.info = []
    /** @type {Map<string, number>} */
    this.index = new Map()
    this.cases = []
  }

  /** @return {number} index of these bytes in `blobs` (first description wins) */
  blob (bytes, info) {
    const key = b64(bytes)
    let i = this.index.get(key)
    if (i === undefined) {
      i = this.blobs.length
      this.blobs.push(key)
      this.info.push(info)
      this.index.set(key, i)
    }
    return i
  }

  /**
   * Runs OPS[kind] with yjs and records the case.
   *
   * @param {string} kind
   * @param {Array<{bytes: Uint8Array, info: string}>} inputs the list (merge) or the one update
   * @param {{bytes: Uint8Array, info: string}|null} sv
   * @param {{bad?: boolean, outInfo?: string}} opts bad: the input is malformed on purpose
   * @return {Uint8Array|null} yjs's result bytes (null for errors and for parseUpdateMeta)
   */
  run (kind, inputs, sv = null, opts = {}) {
    const op = OPS[kind]
    const c = { k: kind, in: inputs.map(x => this.blob(x.bytes, x.info)) }
    if (sv !== null) c.sv = this.blob(sv.bytes, sv.info)
    if (opts.bad) c.bad = true
    let result = null
    try {
      const args = inputs.map(x => own(x.bytes))
      if (op.arity === 'list') result = op.fn(args)
      else if (op.arity === 'sv') result = op.fn(args[0], own(sv.bytes))
      else result = op.fn(args[0])
    } catch (e) {
      c.err = String(e && e.message ? e.message : e).slice(0, 200) || 'error'
      this.cases.push(c)
      return null
    }
    if (op.out === 'meta') {
      c.from = Array.from(result.from.entries())
      c.to = Array.from(result.to.entries())
      result = null
    } else {
      c.out = this.blob(result, opts.outInfo || `${kind} #${this.cases.length}`)
    }
    this.cases.push(c)
    return result
  }

  toJSON () {
    return { seed: this.seed, desc: this.desc, blobs: this.blobs, info: this.info, cases: this.cases }
  }
}
