#!/usr/bin/env node
// Random multi-client Yjs scenarios for ycrdt's differential tests.
//
// For each seed: 2-5 Y.Docs (explicit client ids, some at and above 2^31 and next to 2^32-1,
// some with gc:false) edit Y.Text / Y.Array / Y.Map / Y.Xml* types, nested types and
// sub-documents, and sync partially at random moments (single updates in random order, so
// receivers hold pending structs; state diffs; merged batches). Every per-transaction update is
// captured in both formats. Then yjs's document-free update algebra (merge, diff, state vector,
// format conversion, meta) is run on random inputs taken from those updates, from the final
// states, from hand-crafted legacy/odd updates (craft.mjs), from earlier results (merges of
// merges), and on truncated inputs. Each scenario is one JSON line (format: record.mjs).
//
// Deterministic per seed: all randomness comes from prng.mjs, every Y.Doc gets its clientID and
// every sub-document its guid explicitly (yjs would otherwise draw them from crypto).
//
// Usage:
//   node scenarios.mjs [--seed S | --from S --count N] [--out FILE | FILE] [--steps N]
//                      [--docs N] [--cases X]
//   --from/--count   seeds S..S+N-1 (default: --from 1 --count 1)
//   --out FILE, FILE write JSON lines to FILE instead of stdout
//   --steps N        edit/sync steps per scenario (default: drawn from the seed, 20..160)
//   --docs N         number of docs (default: drawn from the seed, 2..5)
//   --cases X        multiply the number of algebra cases per scenario (default 1)

import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { createWriteStream } from 'node:fs'
import { resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Prng } from './prng.mjs'
import { Recorder, own } from './record.mjs'
import { CRAFTED_GENERATORS, malformedCrafted } from './craft.mjs'

// ---------------------------------------------------------------------------------------------
// Values

// Segments that strings are built from; UTF-16 indices are drawn uniformly, so inserts and
// deletes also land inside surrogate pairs (yjs then replaces the halves with U+FFFD).
const TEXT_SEGMENTS = [
  'a', 'b', 'c', 'hello', ' ', '\n', '\t', 'ä', 'é', 'ß', 'Ω', '中', '文', 'テ', '한',
  '😀', '🎉', '👍🏽', '🇩🇪', '𝄞', '👨‍👩‍👧', 'e\u0301', '\u200b', '\uFEFF', '"', '\\', '\u0000', '\u007f', '\u2028'
]
const LONE_SURROGATES = ['\uD83D', '\uDE00', '\uDBFF', '\uDC00']

const randText = (rng, loneSurrogates, maxSegs = 4) => {
  let s = ''
  const n = rng.int(1, maxSegs)
  for (let i = 0; i < n; i++) {
    s += loneSurrogates && rng.bool(0.05) ? rng.pick(LONE_SURROGATES) : rng.pick(TEXT_SEGMENTS)
  }
  return s
}

const KEYS = ['a', 'b', 'c', 'k1', 'key-2', 'é', '😀', '', 'x y', '__proto__', '0', '10']

const NUMBERS = [
  0, -0, 1, -1, 42, 127, 128, -64, -65, 2 ** 31 - 1, -(2 ** 31 - 1), 2 ** 31, -(2 ** 31), 2 ** 32,
  2 ** 53 - 1, -(2 ** 53 - 1), 0.5, -1.25, 1.1, 0.1, Math.PI, 1e300, -1e-300, 5e-324,
  3.4028234663852886e38, 1.401298464324817e-45, NaN, Infinity, -Infinity, 1e21, 123456.789
]

/**
 * A random value for ContentAny. `top` = the value is a direct element of an array insert,
 * where yjs accepts only null / number / boolean / string / plain object / array.
 * `json` = the value must survive JSON.stringify (embeds and format values: v1 stores JSON).
 */
const randAny = (rng, depth, { top = false, json = false } = {}) => {
  const choices = [
    [4, 'int'], [3, 'num'], [4, 'str'], [1, 'bool'], [1, 'null'],
    [depth > 0 ? 2 : 0, 'obj'], [depth > 0 ? 2 : 0, 'arr']
  ]
  if (!top) choices.push([0.5, 'bin'], [0.3, 'undef'])
  if (!top && !json) choices.push([0.3, 'big'])
  switch (rng.weighted(choices)) {
    case 'int': return rng.int(-1000, 1000)
    case 'num': return rng.pick(NUMBERS)
    case 'str': return rng.bool(0.2) ? '' : randText(rng, false, 3)
    case 'bool': return rng.bool()
    case 'null': return null
    case 'bin': return new Uint8Array(rng.int(0, 4)).map(() => rng.int(0, 255))
    case 'undef': return undefined
    case 'big': return BigInt(rng.int(-(2 ** 53 - 1), 2 ** 53 - 1)) * BigInt(rng.pick([1, 1024]))
    case 'obj': {
      const o = {}
      const n = rng.int(0, 3)
      for (let i = 0; i < n; i++) {
        const k = rng.pick(KEYS)
        // a computed `__proto__` key is an own property; yjs's reader turns it into a prototype
        if (k === '__proto__' && !rng.bool(0.1)) continue
        let value = randAny(rng, depth - 1, { json })
        // as a prototype, a Uint8Array would make yjs's own writeAny crash on the receiving doc
        if (k === '__proto__' && value instanceof Uint8Array) value = {}
        Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true })
      }
      return o
    }
    case 'arr': {
      const a = []
      const n = rng.int(0, 3)
      for (let i = 0; i < n; i++) a.push(randAny(rng, depth - 1, { json }))
      return a
    }
  }
}

const randAttrs = (rng) => {
  const attrs = {}
  const n = rng.int(1, 2)
  for (let i = 0; i < n; i++) {
    const k = rng.pick(['bold', 'italic', 'color', 'link', 'size', 'ü', ''])
    attrs[k] = rng.weighted([
      [4, () => true], [2, () => null], [2, () => rng.pick(['#ff0000', 'red', 'https://example.org/😀'])],
      [1, () => rng.int(-5, 100)], [1, () => randAny(rng, 2, { json: true })]
    ])()
    if (attrs[k] === undefined) attrs[k] = null
  }
  return attrs
}

// ---------------------------------------------------------------------------------------------
// Scenario

const U32 = 0x100000000

const pickClientIds = (rng, n) => {
  const pools = [
    () => rng.int(0, 16), // 0 and tiny ids
    () => rng.int(17, 0x7fffffff),
    () => 0x80000000 + rng.int(-2, 2), // around 2^31
    () => rng.int(0x80000000, U32 - 1), // at or above 2^31
    () => U32 - 1 - rng.int(0, 3) // next to 2^32-1
  ]
  const ids = new Set()
  while (ids.size < n) ids.add(rng.pick(pools)())
  return Array.from(ids)
}

class Scenario {
  constructor (seed, opts) {
    this.seed = seed
    const rng = this.rng = new Prng(seed)
    this.nDocs = opts.docs || rng.int(2, 5)
    this.steps = opts.steps || rng.int(20, 160)
    this.casesScale = opts.cases || 1
    this.loneSurrogates = rng.bool(0.2)
    this.pSync = rng.pick([0.1, 0.25, 0.4])
    this.subdocCounter = 0
    const ids = pickClientIds(rng, this.nDocs + 2)
    this.craftIds = ids.slice(this.nDocs)
    this.docs = ids.slice(0, this.nDocs).map((id, i) => {
      const doc = new Y.Doc({ gc: rng.bool(0.7), guid: `doc-${seed}-${i}` })
      doc.clientID = id
      const entry = { i, doc, id, log: [], pendingV1: null }
      // 'update' and 'updateV2' are emitted for the same transactions, always v1 first
      doc.on('update', (u) => { entry.pendingV1 = u })
      doc.on('updateV2', (u, origin) => {
        entry.log.push({ v1: entry.pendingV1, v2: u, n: entry.log.length, origin })
        entry.pendingV1 = null
      })
      return entry
    })
    this.svSnapshots = []
    this.extraV1 = [] // full states, state diffs, crafted updates
    this.extraV2 = []
    this.crafted = []
  }

  roots (doc) {
    return [doc.getText('text'), doc.getArray('array'), doc.getMap('map'), doc.getXmlFragment('xml')]
  }

  /** every shared type reachable from the roots (bounded) */
  collectTypes (doc) {
    const out = []
    const queue = this.roots(doc)
    while (queue.length > 0 && out.length < 200) {
      const t = queue.shift()
      out.push(t)
      const push = (v) => { if (v instanceof Y.AbstractType) queue.push(v) }
      if (t instanceof Y.Text) {
        for (const op of t.toDelta()) push(op.insert)
        if (t._map.size > 0) Object.values(t.getAttributes()).forEach(push)
      } else if (t instanceof Y.Map) {
        for (const v of t.values()) push(v)
      } else if (t instanceof Y.Array) {
        t.forEach(push)
      } else if (t instanceof Y.XmlElement || t instanceof Y.XmlFragment) {
        t.toArray().forEach(push)
        if (t instanceof Y.XmlElement) Object.values(t.getAttributes()).forEach(push)
      }
    }
    return out
  }

  newSubdoc () {
    const rng = this.rng
    return new Y.Doc({
      guid: rng.bool(0.2) ? `sub-${this.seed}-${this.subdocCounter++}-ü😀` : `sub-${this.seed}-${this.subdocCounter++}`,
      gc: rng.bool(0.6),
      autoLoad: rng.bool(0.4),
      meta: rng.bool(0.4) ? randAny(rng, 2) : null
    })
  }

  /** a fresh shared type, sometimes with preliminary content that integrates with it */
  newType (depth) {
    const rng = this.rng
    const prelim = rng.bool(0.5)
    switch (rng.int(0, 6)) {
      case 0: {
        const m = new Y.Map()
        if (prelim) m.set(rng.pick(KEYS), randAny(rng, 1))
        return m
      }
      case 1: return prelim ? Y.Array.from([randAny(rng, 1, { top: true }), randAny(rng, 1, { top: true })]) : new Y.Array()
      case 2: return new Y.Text(prelim ? randText(rng, false) : undefined)
      case 3: return new Y.XmlText(prelim ? randText(rng, false) : undefined)
      case 4: {
        const e = new Y.XmlElement(rng.pick(['p', 'div', 'h1', 'x-ü', 'a:b']))
        if (prelim) e.setAttribute(rng.pick(['class', 'id', 'data-ü']), randText(rng, false, 2))
        if (prelim && depth > 0) e.insert(0, [new Y.XmlText('t')])
        return e
      }
      case 5: return new Y.XmlFragment()
      default: {
        const h = new Y.XmlHook(rng.pick(['hook', 'embed-ü']))
        if (prelim) h.set('k', randAny(rng, 1))
        return h
      }
    }
  }

  /** a value for a map entry or an array element */
  randElement (forMap) {
    const rng = this.rng
    return rng.weighted([
      [10, () => randAny(rng, 2, { top: !forMap })],
      [1.5, () => new Uint8Array(rng.int(0, 6)).map(() => rng.int(0, 255))],
      [2.5, () => this.newType(1)],
      [0.7, () => this.newSubdoc()],
      [forMap ? 0.3 : 0, () => new Date(rng.int(0, 2 ** 40))] // yjs writes a Date as {}
    ])()
  }

  textOp (t) {
    const rng = this.rng
    const len = t.length
    const w = len === 0 ? 0 : rng.float()
    if (w < 0.45) {
      t.insert(rng.int(0, len), randText(rng, this.loneSurrogates), rng.bool(0.3) ? randAttrs(rng) : undefined)
    } else if (w < 0.6) {
      const i = rng.int(0, len - 1)
      t.format(i, rng.int(1, Math.min(6, len - i)), randAttrs(rng))
    } else if (w < 0.7) {
      const embed = rng.bool(0.15) ? this.newType(0) : randAny(rng, 2, { json: true })
      // insertEmbed turns a string into ContentString (an empty one even into a zero-length
      // item that breaks yjs's own v2 delete-set writer later) and rejects null
      const value = embed == null ? {} : typeof embed === 'string' ? { s: embed } : embed
      t.insertEmbed(rng.int(0, len), value, rng.bool(0.3) ? randAttrs(rng) : undefined)
    } else if (w < 0.75) {
      t.setAttribute(rng.pick(KEYS.filter(k => k !== '__proto__')), randAny(rng, 1))
    } else {
      const i = rng.int(0, len - 1)
      t.delete(i, rng.int(1, Math.min(5, len - i)))
    }
  }

  arrayOp (a) {
    const rng = this.rng
    const len = a.length
    const w = len === 0 ? 0 : rng.float()
    if (w < 0.55) {
      const items = []
      const n = rng.int(1, 4)
      for (let i = 0; i < n; i++) items.push(this.randElement(false))
      if (rng.bool(0.2)) a.push(items)
      else a.insert(rng.int(0, len), items)
    } else {
      const i = rng.int(0, len - 1)
      a.delete(i, rng.int(1, Math.min(4, len - i)))
    }
  }

  mapOp (m) {
    const rng = this.rng
    const keys = Array.from(m.keys())
    if (keys.length > 0 && rng.bool(0.25)) {
      m.delete(rng.pick(keys))
    } else {
      const k = rng.bool(0.5) && keys.length > 0 ? rng.pick(keys) : rng.pick(KEYS.filter(k => k !== '__proto__'))
      m.set(k, this.randElement(true))
    }
  }

  xmlOp (x) {
    const rng = this.rng
    const len = x.length
    const w = len === 0 ? 0 : rng.float()
    if (w < 0.5) {
      const items = []
      const n = rng.int(1, 3)
      for (let i = 0; i < n; i++) {
        items.push(rng.weighted([
          [3, () => new Y.XmlElement(rng.pick(['p', 'span', 'ul', 'li', 'ü-el']))],
          [3, () => new Y.XmlText(rng.bool() ? randText(rng, false) : undefined)],
          [0.5, () => new Y.XmlHook('hook')]
        ])())
      }
      x.insert(rng.int(0, len), items)
    } else if (w < 0.8 && x instanceof Y.XmlElement) {
      const names = Object.keys(x.getAttributes())
      if (names.length > 0 && rng.bool(0.3)) x.removeAttribute(rng.pick(names))
      else {
        x.setAttribute(rng.pick(['class', 'id', 'href', 'data-x', 'ü']),
          rng.bool(0.8) ? randText(rng, false, 2) : randAny(rng, 1))
      }
    } else if (len > 0) {
      const i = rng.int(0, len - 1)
      x.delete(i, rng.int(1, Math.min(3, len - i)))
    }
  }

  randomOp (entry) {
    // choose the kind first: XML trees and text embeds would otherwise crowd out the rest
    const groups = { text: [], map: [], array: [], xml: [] }
    for (const t of this.collectTypes(entry.doc)) {
      if (t instanceof Y.Text) groups.text.push(t)
      else if (t instanceof Y.Map) groups.map.push(t)
      else if (t instanceof Y.Array) groups.array.push(t)
      else groups.xml.push(t)
    }
    const group = this.rng.weighted([[3, groups.text], [3, groups.array], [3, groups.map], [1.5, groups.xml]].filter(([, g]) => g.length > 0))
    const t = this.rng.pick(group)
    if (t instanceof Y.Text) this.textOp(t) // includes XmlText
    else if (t instanceof Y.Map) this.mapOp(t) // includes XmlHook
    else if (t instanceof Y.Array) this.arrayOp(t)
    else this.xmlOp(t)
  }

  apply (dst, update, v2) {
    const before = dst.doc.clientID
    if (v2) Y.applyUpdateV2(dst.doc, own(update), 'sync')
    else Y.applyUpdate(dst.doc, own(update), 'sync')
    // yjs silently picks a random new client id when a remote update carries structs of the
    // local one; that would make the scenario irreproducible
    if (dst.doc.clientID !== before) throw new Error(`seed ${this.seed}: doc ${dst.i} changed its client id`)
  }

  sync () {
    const rng = this.rng
    const [src, dst] = rng.sample(this.docs, 2)
    const mode = rng.weighted([[5, 'relay'], [2, 'state'], [2, 'merged']])
    if (mode === 'relay' && src.log.length > 0) {
      // single updates in random order: later ones may arrive before what they depend on
      for (const e of rng.sample(src.log, rng.int(1, Math.min(8, src.log.length)))) {
        const v2 = rng.bool()
        this.apply(dst, v2 ? e.v2 : e.v1, v2)
      }
    } else if (mode === 'merged' && src.log.length > 0) {
      const batch = rng.sample(src.log, rng.int(1, Math.min(10, src.log.length)))
      const v2 = rng.bool()
      const merged = v2 ? Y.mergeUpdatesV2(batch.map(e => e.v2)) : Y.mergeUpdates(batch.map(e => e.v1))
      this.apply(dst, merged, v2)
    } else {
      const sv = Y.encodeStateVector(dst.doc)
      const v2 = rng.bool()
      const diff = v2 ? Y.encodeStateAsUpdateV2(src.doc, sv) : Y.encodeStateAsUpdate(src.doc, sv)
      ;(v2 ? this.extraV2 : this.extraV1).push({ bytes: diff, info: `encodeStateAsUpdate${v2 ? 'V2' : ''}(doc${src.i}, sv(doc${dst.i}))` })
      this.apply(dst, diff, v2)
    }
  }

  applyCrafted () {
    const c = this.rng.pick(this.crafted.filter(c => c.applicable))
    if (c === undefined) return
    const dst = this.rng.pick(this.docs)
    const v2 = this.rng.bool()
    this.apply(dst, v2 ? c.v2 : c.v1, v2)
  }

  play () {
    const rng = this.rng
    const nCrafted = rng.weighted([[5, 0], [3, 1], [2, 2]])
    for (let i = 0; i < nCrafted; i++) {
      const [name, gen] = rng.pick(CRAFTED_GENERATORS)
      const ids = i === 0 ? this.craftIds : this.craftIds.slice().reverse()
      const c = gen(rng, ids)
      c.name = name
      this.crafted.push(c)
      this.extraV1.push({ bytes: c.v1, info: `crafted ${name} v1` })
      this.extraV2.push({ bytes: c.v2, info: `crafted ${name} v2` })
    }
    for (let step = 0; step < this.steps; step++) {
      const r = rng.float()
      if (r < this.pSync) {
        this.sync()
      } else if (r < this.pSync + 0.03 && this.crafted.length > 0) {
        this.applyCrafted()
      } else {
        const entry = rng.pick(this.docs)
        const nOps = rng.bool(0.2) ? rng.int(2, 4) : 1
        entry.doc.transact(() => {
          for (let i = 0; i < nOps; i++) this.randomOp(entry)
        }, 'local')
      }
      if (rng.bool(0.08)) {
        const e = rng.pick(this.docs)
        this.svSnapshots.push({ bytes: Y.encodeStateVector(e.doc), info: `sv(doc${e.i}) at step ${step}` })
      }
    }
    if (rng.bool(0.5)) {
      // converge everything: full states then carry the union of all edits
      for (const a of this.docs) {
        for (const b of this.docs) {
          if (a !== b) this.apply(b, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), false)
        }
      }
    }
    for (const e of this.docs) {
      this.extraV1.push({ bytes: Y.encodeStateAsUpdate(e.doc), info: `encodeStateAsUpdate(doc${e.i}) final, gc=${e.doc.gc}` })
      this.extraV2.push({ bytes: Y.encodeStateAsUpdateV2(e.doc), info: `encodeStateAsUpdateV2(doc${e.i}) final, gc=${e.doc.gc}` })
      this.svSnapshots.push({ bytes: Y.encodeStateVector(e.doc), info: `sv(doc${e.i}) final` })
    }
  }

  // -------------------------------------------------------------------------------------------
  // Algebra cases

  algebra () {
    const rng = this.rng
    const rec = new Recorder(this.seed, `docs=${this.docs.map(d => `${d.id}${d.doc.gc ? '' : '(gc:false)'}`).join(',')} steps=${this.steps} crafted=${this.crafted.map(c => c.name).join(',') || '-'}`)
    const tx1 = []
    const tx2 = []
    for (const e of this.docs) {
      for (const l of e.log) {
        tx1.push({ bytes: l.v1, info: `update doc${e.i} #${l.n} (${l.origin === 'local' ? 'local' : 'remote'} tx)` })
        tx2.push({ bytes: l.v2, info: `updateV2 doc${e.i} #${l.n} (${l.origin === 'local' ? 'local' : 'remote'} tx)` })
      }
    }
    const empty1 = { bytes: Y.encodeStateAsUpdate(new Y.Doc()), info: 'empty update v1' }
    const empty2 = { bytes: Y.encodeStateAsUpdateV2(new Y.Doc()), info: 'empty update v2' }
    // results are fed back in, so later cases take merges of merges, diffs of merges, ...
    const derived1 = []
    const derived2 = []
    const svs = [...this.svSnapshots, { bytes: new Uint8Array([0]), info: 'empty sv' }]
    for (let i = 0; i < 3; i++) svs.push(this.syntheticSv(i))

    const pick = (fmt) => {
      const [tx, extra, derived, empty] = fmt === 1 ? [tx1, this.extraV1, derived1, empty1] : [tx2, this.extraV2, derived2, empty2]
      const from = rng.weighted([
        [tx.length > 0 ? 6 : 0, tx], [extra.length > 0 ? 3 : 0, extra], [derived.length > 0 ? 3 : 0, derived], [0.3, [empty]]
      ])
      return rng.pick(from)
    }
    // results are already interned (and described) by the case that produced them
    const keep = (fmt, bytes) => {
      if (bytes !== null) (fmt === 1 ? derived1 : derived2).push({ bytes, info: rec.info[rec.blob(bytes, '')] })
    }
    const scale = (n) => Math.max(1, Math.round(n * this.casesScale))

    for (let i = 0; i < scale(24); i++) {
      const fmt = i % 2 === 0 ? 1 : 2
      const kind = fmt === 1 ? 'mergeUpdates' : 'mergeUpdatesV2'
      const tx = fmt === 1 ? tx1 : tx2
      let inputs
      const shape = rng.weighted([[0.4, 'none'], [1, 'one'], [4, 'few'], [3, 'more'], [1, 'dupes'], [0.7, 'all-tx'], [0.7, 'all-tx-shuffled']])
      if (shape === 'none') inputs = []
      else if (shape === 'one') inputs = [pick(fmt)]
      else if (shape === 'few') inputs = Array.from({ length: rng.int(2, 3) }, () => pick(fmt))
      else if (shape === 'more') inputs = Array.from({ length: rng.int(4, 16) }, () => pick(fmt))
      else if (shape === 'dupes') {
        const base = Array.from({ length: rng.int(1, 4) }, () => pick(fmt))
        inputs = rng.shuffle([...base, ...rng.draw(base, rng.int(1, 3))])
      } else inputs = shape === 'all-tx' ? tx.slice() : rng.shuffle(tx)
      keep(fmt, rec.run(kind, inputs, null, { outInfo: `${kind} of ${inputs.length} (${shape}) #${rec.cases.length}` }))
    }
    for (let i = 0; i < scale(10); i++) {
      const fmt = i % 2 === 0 ? 1 : 2
      const kind = fmt === 1 ? 'encodeStateVectorFromUpdate' : 'encodeStateVectorFromUpdateV2'
      const res = rec.run(kind, [pick(fmt)])
      if (res !== null) svs.push({ bytes: res, info: `${kind} result #${rec.cases.length - 1}` })
    }
    for (let i = 0; i < scale(16); i++) {
      const fmt = i % 2 === 0 ? 1 : 2
      const kind = fmt === 1 ? 'diffUpdate' : 'diffUpdateV2'
      keep(fmt, rec.run(kind, [pick(fmt)], rng.pick(svs)))
    }
    for (let i = 0; i < scale(12); i++) {
      const fmt = i % 2 === 0 ? 1 : 2
      const kind = fmt === 1 ? 'convertUpdateFormatV1ToV2' : 'convertUpdateFormatV2ToV1'
      keep(3 - fmt, rec.run(kind, [pick(fmt)]))
    }
    for (let i = 0; i < scale(8); i++) {
      const fmt = i % 2 === 0 ? 1 : 2
      rec.run(fmt === 1 ? 'parseUpdateMeta' : 'parseUpdateMetaV2', [pick(fmt)])
    }
    this.malformedCases(rec, pick, svs, scale(6))
    return rec
  }

  /** state vectors with clocks anywhere, so diffs cut structs (and surrogate pairs) mid-way */
  syntheticSv (n) {
    const rng = this.rng
    const clients = [...this.docs.map(d => d.id), ...this.craftIds, rng.int(0, U32 - 1)]
    const maxClock = new Map()
    for (const d of this.docs) {
      Y.decodeStateVector(Y.encodeStateVector(d.doc)).forEach((clock, client) => {
        maxClock.set(client, Math.max(clock, maxClock.get(client) || 0))
      })
    }
    const chosen = rng.sample(clients, rng.int(1, clients.length))
    if (rng.bool(0.15)) chosen.push(rng.pick(chosen)) // a repeated client: the last entry wins
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, chosen.length)
    for (const c of chosen) {
      encoding.writeVarUint(enc, c)
      encoding.writeVarUint(enc, rng.int(0, (maxClock.get(c) || 8) + 2))
    }
    return { bytes: encoding.toUint8Array(enc), info: `synthetic sv ${n}` }
  }

  /**
   * Truncated inputs, appended junk, and crafted inputs yjs rejects. ycrdt must throw
   * YDecodingException wherever yjs throws; where yjs (leniently) returns, ycrdt may either
   * return the same bytes or throw YDecodingException.
   */
  malformedCases (rec, pick, svs, n) {
    const rng = this.rng
    const badCrafted = malformedCrafted(rng, this.craftIds[0])
    for (let i = 0; i < n; i++) {
      const fmt = rng.bool() ? 1 : 2
      let bad
      const how = rng.weighted([[4, 'truncate'], [1, 'junk'], [2, 'crafted'], [1, 'bad-sv']])
      if (how === 'crafted') {
        const c = rng.pick(badCrafted)
        bad = { bytes: c.bytes, info: `malformed crafted ${c.name} v${c.v2 ? 2 : 1}`, fmt: c.v2 ? 2 : 1 }
      } else {
        const base = pick(fmt)
        if (how === 'junk') {
          const junk = new Uint8Array(rng.int(1, 4)).map(() => rng.int(0, 255))
          bad = { bytes: new Uint8Array([...base.bytes, ...junk]), info: `${base.info} + ${junk.length} junk bytes`, fmt }
        } else {
          const cut = rng.int(0, Math.max(0, base.bytes.length - 1))
          bad = { bytes: base.bytes.slice(0, cut), info: `${base.info} truncated to ${cut} of ${base.bytes.length} bytes`, fmt }
        }
      }
      const f = bad.fmt === 1 ? '' : 'V2'
      if (how === 'bad-sv') {
        const sv = rng.pick(svs)
        const cut = rng.int(0, sv.bytes.length - 1)
        rec.run(`diffUpdate${f}`, [pick(bad.fmt)], { bytes: sv.bytes.slice(0, cut), info: `${sv.info} truncated to ${cut} bytes` }, { bad: true })
        continue
      }
      const op = rng.pick(['merge-one', 'merge-two', 'diff', 'sv', 'convert', 'meta'])
      if (op === 'merge-one') rec.run(`mergeUpdates${f}`, [bad], null, { bad: true })
      else if (op === 'merge-two') rec.run(`mergeUpdates${f}`, rng.shuffle([bad, pick(bad.fmt)]), null, { bad: true })
      else if (op === 'diff') rec.run(`diffUpdate${f}`, [bad], rng.pick(svs), { bad: true })
      else if (op === 'sv') rec.run(`encodeStateVectorFromUpdate${f}`, [bad], null, { bad: true })
      else if (op === 'convert') rec.run(bad.fmt === 1 ? 'convertUpdateFormatV1ToV2' : 'convertUpdateFormatV2ToV1', [bad], null, { bad: true })
      else rec.run(`parseUpdateMeta${f}`, [bad], null, { bad: true })
    }
  }

  destroy () {
    for (const e of this.docs) e.doc.destroy()
  }
}

export const runScenario = (seed, opts = {}) => {
  const s = new Scenario(seed, opts)
  try {
    s.play()
    return s.algebra().toJSON()
  } finally {
    s.destroy()
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

const parseArgs = (argv) => {
  const o = { from: 1, count: 1, out: null, steps: 0, docs: 0, cases: 1 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`)
      return argv[++i]
    }
    if (a === '--seed') { o.from = Number(v()); o.count = 1 } else if (a === '--from') o.from = Number(v())
    else if (a === '--count') o.count = Number(v())
    else if (a === '--out') o.out = v()
    else if (a === '--steps') o.steps = Number(v())
    else if (a === '--docs') o.docs = Number(v())
    else if (a === '--cases') o.cases = Number(v())
    else if (!a.startsWith('--') && o.out === null) o.out = a
    else throw new Error(`unknown argument ${a}`)
  }
  return o
}

const main = async () => {
  const o = parseArgs(process.argv.slice(2))
  const out = o.out ? createWriteStream(o.out) : process.stdout
  for (let seed = o.from; seed < o.from + o.count; seed++) {
    const line = JSON.stringify(runScenario(seed, { steps: o.steps, docs: o.docs, cases: o.cases })) + '\n'
    // respect back-pressure so a slow reader (the Java test) does not make us buffer everything
    if (!out.write(line)) await new Promise(resolve => out.once('drain', resolve))
  }
  if (out !== process.stdout) await new Promise((resolve, reject) => out.end(err => err ? reject(err) : resolve()))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolvePath(process.argv[1])) {
  main().catch(e => {
    console.error(e && e.stack ? e.stack : e)
    process.exit(1)
  })
}
