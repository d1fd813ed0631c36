#!/usr/bin/env node
// Random multi-replica document scenarios for ycrdt's document differential test.
//
// Per seed: 2-4 editing replicas (fixed client ids, some >= 2^31, some with gc off) and one
// "server" replica that never defines its root types (they stay untyped AbstractTypes until the
// end). Each step either runs one local transaction of 1-3 random operations on an editing
// replica (text insert/delete/format/embeds, array and map edits, XML elements, attributes and
// XML text, nested types at any depth created with preliminary content, subdocuments), or
// delivers one earlier update to a replica, in random order and format (v1/v2), so replicas hold
// pending structs and pending deletions. Finally every replica receives everything it lacks,
// in shuffled order, until nothing new is emitted.
//
// Recorded (one JSON line per seed), for the Java side to replay and compare byte for byte:
// every operation, every update each transaction emitted (v1 and v2, remote transactions and the
// formatting cleanup included), deep-observer events when the scenario observes, snapshots and
// relative positions taken on the way, and each replica's final JSON, text delta, state (v1, v2),
// state vector, snapshot and subdocuments, and documents restored from snapshots.
//
// Usage: node doc/scenarios.mjs [--from S] [--count N] [--out FILE]

import * as Y from 'yjs'
import { createWriteStream } from 'node:fs'
import { resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Prng } from '../diff/prng.mjs'
import { b64, dec, enc } from './values.mjs'

const ROOTS = [['t', 'text'], ['a', 'array'], ['m', 'map'], ['x', 'xml']]
const CLIENT_IDS = [1, 2, 3, 7, 42, 1000, 65535, 2 ** 31 - 1, 2 ** 31, 3000000001, 2 ** 32 - 2, 2 ** 32 - 1, 123456789]
const SEGMENTS = ['a', 'b', 'c', 'hello', ' ', '\n', 'é', 'ß', '中', '😀', '👍🏽', 'e\u0301', '"', '<', '&']
const KEYS = ['a', 'b', 'c', 'k1', 'é', '😀', '', '0', '10', 'x y']
const ATTR_KEYS = ['bold', 'italic', 'color', 'link', '0', 'size']
const NODE_NAMES = ['p', 'div', 'SPAN', 'h1', 'li']
const NUMBERS = [0, 1, -1, 42, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, 0.5, -1.25, 0.1, 1e21, 123456.789, 5e-324]

const text = (rng, max = 3) => {
  let s = ''
  for (let i = rng.int(1, max); i > 0; i--) s += rng.pick(SEGMENTS)
  return s
}

/** a JSON-like value description (depth limits nesting) */
const anyDesc = (rng, depth, top) => {
  const w = [[4, 'int'], [2, 'num'], [4, 'str'], [1, 'bool'], [1, 'null'], [depth > 0 ? 1.5 : 0, 'obj'], [depth > 0 ? 1.5 : 0, 'arr']]
  if (!top) w.push([0.3, 'bin'], [0.2, 'undef'], [0.2, 'special'])
  switch (rng.weighted(w)) {
    case 'int': return rng.int(-1000, 1000)
    case 'num': return rng.pick(NUMBERS)
    case 'str': return rng.bool(0.1) ? '' : text(rng)
    case 'bool': return rng.bool()
    case 'null': return null
    case 'bin': return { $b: b64(new Uint8Array(rng.int(0, 4)).map(() => rng.int(0, 255))) }
    case 'undef': return { $u: 1 }
    case 'special': return { $n: rng.pick(['NaN', 'Infinity', '-Infinity', '-0']) }
    case 'obj': { const o = {}; for (let i = rng.int(0, 3); i > 0; i--) o[rng.pick(KEYS)] = anyDesc(rng, depth - 1, false); return o }
    case 'arr': { const a = []; for (let i = rng.int(0, 3); i > 0; i--) a.push(anyDesc(rng, depth - 1, false)); return a }
  }
}

/** a value for an array insert or a map entry: JSON-like, bytes, nested types, subdocuments */
const valueDesc = (rng, s, depth, inMap) => {
  const w = [[6, 'any'], [1, 'bin'], [depth > 0 ? 1 : 0, 'text'], [depth > 0 ? 1 : 0, 'array'], [depth > 0 ? 1 : 0, 'map'],
    [depth > 0 ? 0.5 : 0, 'xmlel'], [0.3, 'xmltext'], [0.2, 'hook'], [0.15, 'doc']]
  if (inMap) w.push([0.2, 'big'], [0.2, 'undef'])
  switch (rng.weighted(w)) {
    case 'any': return anyDesc(rng, 2, true)
    case 'bin': return { $b: b64(new Uint8Array(rng.int(0, 5)).map(() => rng.int(0, 255))) }
    case 'big': return { $i: String(BigInt(rng.int(-100000, 100000)) * 1000000007n) }
    case 'undef': return { $u: 1 }
    case 'text': return rng.bool(0.5) ? { $t: 'text' } : { $t: 'text', init: text(rng) }
    case 'xmltext': return rng.bool(0.5) ? { $t: 'xmltext' } : { $t: 'xmltext', init: text(rng) }
    case 'array': { const init = []; for (let i = rng.int(0, 3); i > 0; i--) init.push(valueDesc(rng, s, depth - 1, false)); return { $t: 'array', init } }
    case 'map': { const init = {}; for (let i = rng.int(0, 3); i > 0; i--) init[rng.pick(KEYS)] = valueDesc(rng, s, depth - 1, true); return { $t: 'map', init } }
    case 'hook': return { $t: 'xmlhook', name: rng.pick(['img', 'mention']), init: { src: text(rng) } }
    case 'xmlel': return xmlDesc(rng, s, depth - 1)
    case 'doc': {
      const opts = {}
      if (rng.bool(0.3)) opts.meta = anyDesc(rng, 1, true)
      if (rng.bool(0.3)) opts.autoLoad = true
      if (rng.bool(0.3)) opts.gc = false
      return { $d: { guid: `sub-${s.seed}-${s.nextGuid++}`, opts } }
    }
  }
}

const xmlDesc = (rng, s, depth) => {
  if (rng.bool(0.3)) return rng.bool(0.5) ? { $t: 'xmltext' } : { $t: 'xmltext', init: text(rng) }
  const d = { $t: 'xmlel', name: rng.pick(NODE_NAMES) }
  if (rng.bool(0.5)) { d.attrs = {}; for (let i = rng.int(1, 2); i > 0; i--) d.attrs[rng.pick(['id', 'class', 'href', '0'])] = text(rng, 2) }
  if (depth > 0 && rng.bool(0.5)) { d.children = []; for (let i = rng.int(1, 2); i > 0; i--) d.children.push(xmlDesc(rng, s, depth - 1)) }
  return d
}

const attrsDesc = (rng) => {
  const a = {}
  for (let i = rng.int(1, 2); i > 0; i--) {
    a[rng.pick(ATTR_KEYS)] = rng.weighted([[3, true], [2, null], [2, '#f00'], [1, 12], [1, { href: 'x' }], [0.5, 'ab']])
  }
  return a
}

// ------------------------------------------------------------------------------------ targets

const rootOf = (doc, name) => {
  switch (name) {
    case 't': return doc.getText('t')
    case 'a': return doc.getArray('a')
    case 'm': return doc.getMap('m')
    case 'x': return doc.getXmlFragment('x')
  }
}

export const resolve = (doc, path) => {
  let t = rootOf(doc, path[0])
  for (let i = 1; i < path.length; i++) t = t.get(path[i])
  return t
}

const collect = (type, path, out, depth) => {
  out.push({ type, path })
  if (depth >= 4) return
  if (type instanceof Y.Map) {
    type.forEach((v, k) => { if (v instanceof Y.AbstractType) collect(v, [...path, k], out, depth + 1) })
  } else if (type instanceof Y.Array || type instanceof Y.XmlFragment) {
    type.toArray().forEach((v, i) => { if (v instanceof Y.AbstractType) collect(v, [...path, i], out, depth + 1) })
  }
}

/** a random operation on a random type of the document */
const randomOp = (rng, doc, s) => {
  let targets = []
  for (const [name] of ROOTS) collect(rootOf(doc, name), [name], targets, 0)
  // formatting-heavy sessions: concurrent formats are where Yjs's cleanup rules matter most
  if (s.textFocus) targets = targets.filter(t => t.type instanceof Y.Text)
  const { type, path: p } = rng.pick(targets)
  if (type instanceof Y.Text) {
    const len = type.length
    const fw = s.textFocus ? 5 : 2
    const k = rng.weighted([[5, 'ti'], [len > 0 ? 3 : 0, 'td'], [len > 0 ? fw : 0, 'tf'], [0.6, 'te'], [0.2, 'tt'], [0.2, 'ta'], [0.8, 'tad']])
    switch (k) {
      case 'ti': return rng.bool(0.6) ? { k, p, i: rng.int(0, len), s: text(rng) } : { k, p, i: rng.int(0, len), s: text(rng), a: attrsDesc(rng) }
      case 'td': { const i = rng.int(0, len - 1); return { k, p, i, n: rng.int(1, Math.min(6, len - i)) } }
      case 'tf': { const i = rng.int(0, len - 1); return { k, p, i, n: rng.int(1, Math.min(12, len - i) + (rng.bool(0.05) ? 2 : 0)), a: attrsDesc(rng) } }
      case 'te': return { k, p, i: rng.int(0, len), e: rng.bool(0.5) ? { image: text(rng, 1) } : { formula: rng.int(0, 9) }, a: rng.bool(0.3) ? attrsDesc(rng) : undefined }
      case 'tt': return { k: 'te', p, i: rng.int(0, len), e: rng.bool(0.5) ? { $t: 'map', init: { x: 1 } } : { $t: 'text', init: 'in' } }
      case 'ta': return { k, p, key: rng.pick(KEYS), v: anyDesc(rng, 1, false) }
      case 'tad': {
        // a delta over the current text: retains (with or without attributes), inserts, deletes
        const delta = []
        let left = len
        for (let n = rng.int(1, 4); n > 0; n--) {
          const kind = rng.weighted([[left > 0 ? 2 : 0, 'retain'], [2, 'insert'], [left > 0 ? 1 : 0, 'delete']])
          if (kind === 'retain') { const r = rng.int(1, Math.min(left, 8)); left -= r; delta.push(rng.bool(0.5) ? { retain: r } : { retain: r, attributes: attrsDesc(rng) }) }
          if (kind === 'insert') delta.push(rng.bool(0.6) ? { insert: text(rng) + (rng.bool(0.2) ? '\n' : '') } : { insert: text(rng), attributes: attrsDesc(rng) })
          if (kind === 'delete') { const d = rng.int(1, Math.min(left, 4)); left -= d; delta.push({ delete: d }) }
        }
        return { k, p, delta, sanitize: rng.bool(0.7) }
      }
    }
  }
  if (type instanceof Y.Array) {
    const len = type.length
    const k = rng.weighted([[4, 'ai'], [2, 'ap'], [len > 0 ? 2 : 0, 'ad']])
    const content = () => { const c = []; for (let i = rng.int(1, 3); i > 0; i--) c.push(valueDesc(rng, s, p.length < 4 ? 2 : 0, false)); return c }
    switch (k) {
      case 'ai': return { k, p, i: rng.int(0, len), c: content() }
      case 'ap': return { k, p, c: content() }
      case 'ad': { const i = rng.int(0, len - 1); return { k, p, i, n: rng.int(1, Math.min(3, len - i)) } }
    }
  }
  if (type instanceof Y.XmlFragment) {
    const len = type.length
    const isEl = type instanceof Y.XmlElement
    const k = rng.weighted([[3, 'xi'], [len > 0 ? 1.5 : 0, 'xd'], [isEl ? 1.5 : 0, 'xa'], [isEl ? 0.5 : 0, 'xr']])
    switch (k) {
      case 'xi': { const c = []; for (let i = rng.int(1, 2); i > 0; i--) c.push(xmlDesc(rng, s, p.length < 4 ? 1 : 0)); return { k, p, i: rng.int(0, len), c } }
      case 'xd': { const i = rng.int(0, len - 1); return { k, p, i, n: rng.int(1, Math.min(2, len - i)) } }
      case 'xa': return { k, p, key: rng.pick(['id', 'class', 'href', 'data-x', '0']), v: rng.bool(0.9) ? text(rng, 2) : anyDesc(rng, 1, true) }
      case 'xr': return { k, p, key: rng.pick(['id', 'class', 'href']) }
    }
  }
  // a map or an XML hook
  const k = rng.weighted([[4, 'ms'], [type.size > 0 ? 1.5 : 0.2, 'md']])
  if (k === 'ms') return { k, p, key: rng.pick(KEYS), v: valueDesc(rng, s, p.length < 4 ? 2 : 0, true) }
  return { k, p, key: type.size > 0 && rng.bool(0.8) ? rng.pick([...type.keys()]) : rng.pick(KEYS) }
}

export const applyOp = (doc, op) => {
  const t = resolve(doc, op.p)
  switch (op.k) {
    case 'ti': return op.a === undefined ? t.insert(op.i, op.s) : t.insert(op.i, op.s, dec(op.a))
    case 'td': return t.delete(op.i, op.n)
    case 'tf': return t.format(op.i, op.n, dec(op.a))
    case 'te': return op.a === undefined ? t.insertEmbed(op.i, dec(op.e)) : t.insertEmbed(op.i, dec(op.e), dec(op.a))
    case 'ta': return t.setAttribute(op.key, dec(op.v))
    case 'tad': return t.applyDelta(op.delta.map(d => d.attributes === undefined ? d : { ...d, attributes: dec(d.attributes) }), { sanitize: op.sanitize })
    case 'ai': return t.insert(op.i, op.c.map(dec))
    case 'ap': return t.push(op.c.map(dec))
    case 'ad': return t.delete(op.i, op.n)
    case 'xi': return t.insert(op.i, op.c.map(dec))
    case 'xd': return t.delete(op.i, op.n)
    case 'xa': return t.setAttribute(op.key, dec(op.v))
    case 'xr': return t.removeAttribute(op.key)
    case 'ms': return t.set(op.key, dec(op.v))
    case 'md': return t.delete(op.key)
  }
  throw new Error('unknown op ' + op.k)
}

// ------------------------------------------------------------------------------------ scenario

const eventRecord = (root, ev) => ({
  root,
  path: ev.path,
  delta: enc(ev.delta),
  keys: [...ev.keys.entries()].map(([k, c]) => [k, c.action, enc(c.oldValue)])
})

/** JSON.stringify of a root's toJSON(), or null when JavaScript throws (a BigInt inside) */
const rootJson = (doc, name) => {
  try {
    return JSON.stringify(rootOf(doc, name).toJSON())
  } catch (e) {
    return null
  }
}

const finalRecord = (doc, server) => {
  const json = {}
  for (const [name] of ROOTS) json[name] = rootJson(doc, name)
  return {
    json,
    delta: JSON.stringify(enc(doc.getText('t').toDelta())),
    state: b64(Y.encodeStateAsUpdate(doc)),
    stateV2: b64(Y.encodeStateAsUpdateV2(doc)),
    sv: b64(Y.encodeStateVector(doc)),
    snap: b64(Y.encodeSnapshot(Y.snapshot(doc))),
    snapV2: b64(Y.encodeSnapshotV2(Y.snapshot(doc))),
    subdocs: [...doc.getSubdocGuids()].sort(),
    server
  }
}

export const scenario = (seed) => {
  const rng = new Prng(seed)
  const s = { seed, nextGuid: 0, textFocus: false }
  const editors = rng.int(2, 4)
  const ids = rng.sample(CLIENT_IDS, editors + 1)
  const observe = rng.bool(0.5)
  s.textFocus = rng.bool(0.25)
  const replicas = []
  for (let r = 0; r <= editors; r++) {
    const server = r === editors
    const gc = rng.bool(0.75)
    const doc = new Y.Doc({ gc })
    doc.clientID = ids[r]
    const rep = { r, doc, server, gc, delivered: new Set(), events: [], v1: [], v2: [], locals: [] }
    doc.on('update', (u, origin, d, tr) => { rep.v1.push(b64(u)); rep.locals.push(tr.local) })
    doc.on('updateV2', (u) => rep.v2.push(b64(u)))
    if (!server) {
      for (const [name] of ROOTS) {
        const root = rootOf(doc, name)
        if (observe) root.observeDeep(evs => { for (const ev of evs) rep.events.push(eventRecord(name, ev)) })
      }
    }
    replicas.push(rep)
  }
  const pool = [] // updates of local transactions: { v1, v2, from }
  const steps = []
  // runs f on a replica and records what it emitted (and observed)
  const run = (rep, f) => {
    rep.v1 = []; rep.v2 = []; rep.locals = []; rep.events = []
    f()
    const emitted = rep.v1.map((v1, i) => ({ v1, v2: rep.v2[i], local: rep.locals[i] }))
    for (const e of emitted) if (e.local) pool.push({ v1: e.v1, v2: e.v2, from: rep.r })
    return { emitted, events: rep.events }
  }
  const deliver = (rep, u, fmt) => {
    rep.delivered.add(u)
    const bytes = new Uint8Array(Buffer.from(fmt === 2 ? pool[u].v2 : pool[u].v1, 'base64'))
    const out = run(rep, () => fmt === 2 ? Y.applyUpdateV2(rep.doc, bytes, 'remote') : Y.applyUpdate(rep.doc, bytes, 'remote'))
    steps.push({ d: rep.r, u, f: fmt, ...out })
  }
  const undelivered = (rep) => pool.map((p, i) => i).filter(i => pool[i].from !== rep.r && !rep.delivered.has(i))
  const snaps = []
  const rposes = []
  const nSteps = rng.int(15, 60)
  for (let step = 0; step < nSteps; step++) {
    const what = rng.weighted([[6, 'edit'], [4, 'deliver'], [0.4, 'snap'], [0.4, 'rpos'], [0.4, 'enc']])
    if (what === 'edit') {
      const rep = replicas[rng.int(0, editors - 1)]
      const ops = []
      const out = run(rep, () => rep.doc.transact(() => {
        for (let n = rng.int(1, 3); n > 0; n--) {
          const op = randomOp(rng, rep.doc, s)
          ops.push(op)
          applyOp(rep.doc, op)
        }
      }))
      steps.push({ e: rep.r, ops, ...out })
    } else if (what === 'deliver') {
      const rep = rng.pick(replicas)
      const cand = undelivered(rep)
      if (cand.length > 0) deliver(rep, rng.pick(cand), rng.bool(0.3) ? 2 : 1)
    } else if (what === 'snap') {
      const rep = rng.pick(replicas.filter(x => !x.gc))
      if (rep) {
        const snap = Y.snapshot(rep.doc)
        snaps.push({ r: rep.r, snap })
        steps.push({ snap: rep.r, v1: b64(Y.encodeSnapshot(snap)), v2: b64(Y.encodeSnapshotV2(snap)) })
      }
    } else if (what === 'enc') {
      // a state, possibly with pending structs, in full and against another replica's state vector
      const rep = rng.pick(replicas)
      const other = rng.pick(replicas)
      const sv = Y.encodeStateVector(other.doc)
      steps.push({
        enc: rep.r,
        sv: b64(sv),
        v1: b64(Y.encodeStateAsUpdate(rep.doc)),
        v2: b64(Y.encodeStateAsUpdateV2(rep.doc)),
        diff: b64(Y.encodeStateAsUpdate(rep.doc, sv)),
        diffV2: b64(Y.encodeStateAsUpdateV2(rep.doc, sv)),
        ownSv: b64(Y.encodeStateVector(rep.doc))
      })
    } else {
      // a relative position in the root text or in a nested text / array / XML node
      const rep = replicas[rng.int(0, editors - 1)]
      const targets = []
      for (const [name] of ROOTS) collect(rootOf(rep.doc, name), [name], targets, 0)
      const lists = targets.filter(t => t.type instanceof Y.Text || t.type instanceof Y.Array || t.type instanceof Y.XmlFragment)
      const { type: t, path: p } = rng.bool(0.5) ? { type: rep.doc.getText('t'), path: ['t'] } : rng.pick(lists)
      const i = rng.int(0, t.length)
      const assoc = rng.pick([0, -1, 1])
      const rpos = Y.createRelativePositionFromTypeIndex(t, i, assoc)
      rposes.push({ r: rep.r, rpos })
      steps.push({ rpos: rep.r, p, i, assoc, bytes: b64(Y.encodeRelativePosition(rpos)) })
    }
  }
  // everyone gets everything, in shuffled order, until no replica emits anything new
  for (let round = 0; round < 20; round++) {
    const before = pool.length
    for (const rep of replicas) for (const u of rng.shuffle(undelivered(rep))) deliver(rep, u, rng.bool(0.3) ? 2 : 1)
    if (pool.length === before && replicas.every(rep => undelivered(rep).length === 0)) break
  }
  const final = replicas.map(rep => finalRecord(rep.doc, rep.server))
  const restored = snaps.map(({ r, snap }, k) => {
    const origin = replicas[r].doc
    const d = Y.createDocFromSnapshot(origin, snap)
    const json = {}
    for (const [name] of ROOTS) json[name] = rootJson(d, name)
    // views of the origin document as of the snapshot (the server's roots are typed by now)
    const now = Y.snapshot(origin)
    const prev = k > 0 && snaps[k - 1].r === r ? snaps[k - 1].snap : Y.emptySnapshot
    return {
      r,
      state: b64(Y.encodeStateAsUpdate(d)),
      json,
      delta: JSON.stringify(enc(origin.getText('t').toDelta(snap))),
      diffDelta: JSON.stringify(enc(origin.getText('t').toDelta(now, snap))),
      prevDelta: JSON.stringify(enc(origin.getText('t').toDelta(snap, prev))),
      array: JSON.stringify(enc(Y.typeListToArraySnapshot(origin.getArray('a'), snap))),
      map: JSON.stringify(enc(Y.typeMapGetAllSnapshot(origin.getMap('m'), snap))),
      contains: pool.slice(0, 30).map(p => Y.snapshotContainsUpdate(snap, new Uint8Array(Buffer.from(p.v1, 'base64')))),
      equal: snaps.map(o => Y.equalSnapshots(snap, o.snap))
    }
  })
  // resolved where they were made and on the server (the type of a root is known by then)
  const resolved = rposes.map(({ r, rpos }) => [r, editors].map(k => {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Y.encodeRelativePosition(rpos)), replicas[k].doc)
    return abs === null ? null : abs.index
  }))
  return {
    seed,
    observe,
    textFocus: s.textFocus,
    pool: pool.map(p => p.v1),
    replicas: replicas.map(rep => ({ client: rep.doc.clientID, gc: rep.gc, server: rep.server })),
    steps,
    final,
    restored,
    resolved
  }
}

const main = () => {
  const args = process.argv.slice(2)
  const opt = (name, dflt) => { const i = args.indexOf(name); return i < 0 ? dflt : args[i + 1] }
  const from = Number(opt('--from', 1))
  const count = Number(opt('--count', 1))
  const out = opt('--out', null)
  const stream = out ? createWriteStream(out) : process.stdout
  for (let seed = from; seed < from + count; seed++) {
    let line
    try {
      line = JSON.stringify(scenario(seed))
    } catch (e) {
      line = JSON.stringify({ seed, error: String(e && e.stack || e) })
    }
    stream.write(line + '\n')
  }
  if (out) stream.end()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolvePath(process.argv[1])) main()
