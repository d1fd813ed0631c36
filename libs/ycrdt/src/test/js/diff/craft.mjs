// Hand-built updates for inputs that the Y.Doc API never produces but that yjs's update
// algebra still accepts: legacy ContentJSON, JSON text that is not in JSON.stringify's canonical
// form, non-canonical Any encodings, sub-document options with extra keys, client sections out of
// order, Skips at odd places, unsorted or duplicated delete-set entries, over-long var-ints.
//
// A Skein server merges updates that arbitrary clients send, so ycrdt has to reproduce what
// yjs does with such bytes, not only with the bytes yjs itself writes. The bytes are written
// through yjs's own UpdateEncoderV1/V2 column writers (so the framing is exactly what yjs
// reads); only the values inside are chosen by hand.

import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

// ---------------------------------------------------------------------------------------------
// Raw Any values: each is a function writing one lib0 `Any` onto a lib0 encoder. Unlike
// encoding.writeAny they can write forms yjs would never choose (an integer as float64, object
// keys out of JavaScript's property order, duplicate keys), which yjs canonicalises on rewrite.

export const A = {
  undef: e => encoding.writeUint8(e, 127),
  null: e => encoding.writeUint8(e, 126),
  int: n => e => { encoding.writeUint8(e, 125); encoding.writeVarInt(e, n) },
  f32: x => e => { encoding.writeUint8(e, 124); encoding.writeFloat32(e, x) },
  f64: x => e => { encoding.writeUint8(e, 123); encoding.writeFloat64(e, x) },
  big: b => e => { encoding.writeUint8(e, 122); encoding.writeBigInt64(e, b) },
  false: e => encoding.writeUint8(e, 121),
  true: e => encoding.writeUint8(e, 120),
  str: s => e => { encoding.writeUint8(e, 119); encoding.writeVarString(e, s) },
  /** @param {Array<[string, function(any):void]>} entries written in the given order */
  obj: entries => e => {
    encoding.writeUint8(e, 118)
    encoding.writeVarUint(e, entries.length)
    for (const [k, v] of entries) {
      encoding.writeVarString(e, k)
      v(e)
    }
  },
  arr: items => e => {
    encoding.writeUint8(e, 117)
    encoding.writeVarUint(e, items.length)
    for (const v of items) v(e)
  },
  bin: bytes => e => { encoding.writeUint8(e, 116); encoding.writeVarUint8Array(e, bytes) },
  /** a canonical value, written by lib0 itself */
  js: v => e => encoding.writeAny(e, v)
}

// ---------------------------------------------------------------------------------------------
// Item contents. `write(enc, v2)` writes the content exactly as the matching Content*.write
// would, but from raw parts; `len` is the clock length the item occupies.

export const C = {
  deleted: n => ({ ref: 1, len: n, write: enc => enc.writeLen(n) }),
  /** legacy ContentJSON: each element is a JSON text (or the word `undefined`) */
  json: raws => ({
    ref: 2,
    len: raws.length,
    write: enc => {
      enc.writeLen(raws.length)
      for (const r of raws) enc.writeString(r)
    }
  }),
  binary: bytes => ({ ref: 3, len: 1, write: enc => enc.writeBuf(bytes) }),
  string: s => ({ ref: 4, len: s.length, write: enc => enc.writeString(s) }),
  /** v1 stores embeds as JSON text, v2 as Any: give both */
  embed: (v1Text, v2Any) => ({
    ref: 5,
    len: 1,
    write: (enc, v2) => v2 ? v2Any(enc.restEncoder) : encoding.writeVarString(enc.restEncoder, v1Text)
  }),
  format: (key, v1Text, v2Any) => ({
    ref: 6,
    len: 1,
    write: (enc, v2) => {
      enc.writeKey(key)
      if (v2) v2Any(enc.restEncoder)
      else encoding.writeVarString(enc.restEncoder, v1Text)
    }
  }),
  /** typeRef 0..6; nodeName for XmlElement (3) and hook name for XmlHook (5) */
  type: (typeRef, name) => ({
    ref: 7,
    len: 1,
    write: enc => {
      enc.writeTypeRef(typeRef)
      if (name !== undefined) enc.writeKey(name)
    }
  }),
  any: anys => ({
    ref: 8,
    len: anys.length,
    write: enc => {
      enc.writeLen(anys.length)
      for (const a of anys) a(enc.restEncoder)
    }
  }),
  doc: (guid, optsAny) => ({
    ref: 9,
    len: 1,
    write: enc => {
      enc.writeString(guid)
      optsAny(enc.restEncoder)
    }
  }),
  /** a content ref yjs has no reader for (11..31): only for malformed inputs */
  unknown: (ref) => ({ ref, len: 1, write: () => {} })
}

// ---------------------------------------------------------------------------------------------
// Structs.

/**
 * @param {object} o
 * @param {[number,number]} [o.origin] left origin id [client, clock]
 * @param {[number,number]} [o.rightOrigin]
 * @param {string|[number,number]} [o.parent] root type name, or the id of the parent type's item
 * @param {string} [o.parentSub] map key
 * @param {object} o.content one of C.*
 * @param {boolean} [o.forceSubBit] set the parentSub bit even when origins make yjs skip it
 */
export const item = (o) => ({ kind: 'item', ...o, len: o.content.len })
export const gc = (len, infoBits = 0) => ({ kind: 'gc', len, infoBits })
export const skip = len => ({ kind: 'skip', len })

const writeStruct = (enc, s, v2) => {
  if (s.kind === 'gc') {
    enc.writeInfo(s.infoBits) // ref 0 with any high bits is still read as GC by the lazy reader
    enc.writeLen(s.len)
    return
  }
  if (s.kind === 'skip') {
    enc.writeInfo(10)
    encoding.writeVarUint(enc.restEncoder, s.len)
    return
  }
  const hasOrigin = s.origin != null
  const hasRight = s.rightOrigin != null
  const hasSub = s.parentSub != null || s.forceSubBit
  enc.writeInfo((s.content.ref & 31) | (hasOrigin ? 0x80 : 0) | (hasRight ? 0x40 : 0) | (hasSub ? 0x20 : 0))
  if (hasOrigin) enc.writeLeftID(Y.createID(s.origin[0], s.origin[1]))
  if (hasRight) enc.writeRightID(Y.createID(s.rightOrigin[0], s.rightOrigin[1]))
  if (!hasOrigin && !hasRight) {
    if (typeof s.parent === 'string') {
      enc.writeParentInfo(true)
      enc.writeString(s.parent)
    } else {
      enc.writeParentInfo(false)
      enc.writeLeftID(Y.createID(s.parent[0], s.parent[1]))
    }
    if (s.parentSub != null) enc.writeString(s.parentSub)
  }
  s.content.write(enc, v2)
}

/** lib0 accepts var-uints with redundant continuation bytes; yjs rewrites them minimally */
const writeOverlongVarUint = (e, n) => {
  while (n > 127) {
    encoding.writeUint8(e, 0x80 | (n % 128))
    n = Math.floor(n / 128)
  }
  encoding.writeUint8(e, 0x80 | n)
  encoding.writeUint8(e, 0x80)
  encoding.writeUint8(e, 0x00)
}

/**
 * Writes one update.
 *
 * @param {boolean} v2
 * @param {Array<{client:number, clock:number, structs:Array<any>}>} sections written in this order
 * @param {Array<[number, Array<[number, number]>]>} ds delete set, written in this order
 * @param {{overlong?: boolean}} [opts] over-long var-ints in the v1 header fields
 * @return {Uint8Array}
 */
export const craft = (v2, sections, ds = [], opts = {}) => {
  const enc = v2 ? new Y.UpdateEncoderV2() : new Y.UpdateEncoderV1()
  const head = (n) => (opts.overlong && !v2) ? writeOverlongVarUint(enc.restEncoder, n) : encoding.writeVarUint(enc.restEncoder, n)
  head(sections.length)
  for (const sec of sections) {
    head(sec.structs.length)
    if (v2) enc.writeClient(sec.client)
    else head(sec.client)
    head(sec.clock)
    for (const s of sec.structs) writeStruct(enc, s, v2)
  }
  head(ds.length)
  for (const [client, ranges] of ds) {
    enc.resetDsCurVal()
    head(client)
    head(ranges.length)
    for (const [clock, len] of ranges) {
      if (v2) {
        // DSEncoderV2.writeDsLen refuses 0; write the column values directly so that an
        // explicit zero-length range can still be produced for the malformed cases
        encoding.writeVarUint(enc.restEncoder, clock - enc.dsCurrVal)
        enc.dsCurrVal = clock
        if (len === 0) throw new Error('v2 cannot express a zero-length delete range')
        encoding.writeVarUint(enc.restEncoder, len - 1)
        enc.dsCurrVal += len
      } else {
        head(clock)
        head(len)
      }
    }
  }
  return enc.toUint8Array()
}

/** The same update in both formats. */
export const craftBoth = (sections, ds = [], opts = {}) => ({
  v1: craft(false, sections, ds, opts),
  v2: craft(true, sections, ds, opts)
})

// ---------------------------------------------------------------------------------------------
// Generators used by the random scenarios. Each returns
// { name, v1, v2, applicable } — applicable means Y.applyUpdate integrates it cleanly, so it may
// also be fed into a document and travel on through syncs.

const NON_CANONICAL_JSON = [
  '{ "b" : 1 , "a" : [ 1 , 2 ] }', // whitespace
  '1.50', '1e2', '-0', '0.0', '1E-7', '123456789012345678901234567890', '1e400', // numbers
  '"\\u0041\\u00e9\\ud83d\\ude00"', // escapes
  '{"b":1,"2":0,"1":0,"10":5,"01":7}', // integer-like keys are enumerated first, ascending
  '{"a":1,"a":2}', // duplicate key: last value, first position
  '{"__proto__":{"x":1},"y":2}', // JSON.parse makes __proto__ an own property
  '[ ]', 'null', 'true', '"\u2028\u2029"', '"\\/"', '{"k":"\\u0000\\u001f\\u007f"}', '"🎉"'
]

/** ContentJSON (content ref 2), which current yjs only reads; optionally non-canonical text */
const genLegacyJson = (rng, client) => {
  const raws = []
  const n = rng.int(1, 4)
  for (let i = 0; i < n; i++) {
    raws.push(rng.pick([...NON_CANONICAL_JSON, 'undefined', '{"x":[1,{"y":null}]}', '42', '"str"']))
  }
  const structs = [item({ parent: 'array', content: C.json(raws) })]
  if (rng.bool()) {
    structs.push(item({ origin: [client, raws.length - 1], content: C.json([rng.pick(NON_CANONICAL_JSON)]) }))
  }
  return { name: 'legacy-json', ...craftBoth([{ client, clock: 0, structs }]), applicable: true }
}

/** Text embeds and formats whose v1 JSON text is not canonical and whose v2 Any is unusual */
const genOddEmbeds = (rng, client) => {
  const pickV1 = () => rng.pick(NON_CANONICAL_JSON.filter(t => t[0] === '{' || t[0] === '['))
  const v2Vals = [
    A.obj([['b', A.int(1)], ['2', A.int(0)], ['1', A.int(0)]]),
    A.obj([['n', A.f64(0.5)], ['i', A.f64(3)], ['z', A.f64(-0)], ['big', A.int(2 ** 40)]]),
    A.obj([['u', A.undef], ['nan', A.f64(NaN)], ['inf', A.f32(Infinity)]]),
    A.obj([['bin', A.bin(new Uint8Array([1, 2, 255]))], ['arr', A.arr([A.null, A.true, A.false])]])
  ]
  const structs = [
    item({ parent: 'text', content: C.format('bold', 'true', A.true) }),
    item({ origin: [client, 0], content: C.embed(pickV1(), rng.pick(v2Vals)) }),
    item({ origin: [client, 1], content: C.string('x\uFEFFy') }),
    item({ origin: [client, 4], content: C.format('bold', 'null', A.null) }),
    item({ origin: [client, 5], content: C.format(rng.pick(['', 'é', '__proto__', 'color']), pickV1(), rng.pick(v2Vals)) })
  ]
  return { name: 'odd-embeds', ...craftBoth([{ client, clock: 0, structs }]), applicable: true }
}

/** ContentAny written in non-canonical forms: floats that are integers, keys out of order, ... */
const genOddAny = (rng, client) => {
  const pool = [
    A.f64(1), A.f64(-0), A.f64(0.5), A.f32(2), A.int(-0), A.int(2 ** 40), A.int(-(2 ** 35)),
    A.f64(2 ** 31), A.f32(NaN), A.f64(1e-320), A.big(-(2n ** 63n)), A.big(2n ** 63n - 1n),
    A.obj([['z', A.int(1)], ['7', A.int(2)], ['3', A.int(3)], ['', A.str('')], ['4294967295', A.null], ['4294967294', A.null]]),
    A.obj([['a', A.int(1)], ['b', A.int(2)], ['a', A.int(3)]]),
    A.obj([['__proto__', A.obj([['p', A.int(1)]])], ['q', A.int(2)]]),
    A.obj([['__proto__', A.int(5)]]),
    A.arr([A.undef, A.obj([]), A.arr([]), A.bin(new Uint8Array(0))]),
    A.str('\uFEFF\u0000\uFFFF'), A.str('😀'.repeat(3))
  ]
  const n = rng.int(1, 4)
  const anys = rng.draw(pool, n)
  const structs = [item({ parent: 'map', parentSub: rng.pick(['k', '', '__proto__', '😀']), content: C.any([rng.pick(pool)]) })]
  structs.push(item({ parent: 'array', content: C.any(anys) }))
  return { name: 'odd-any', ...craftBoth([{ client, clock: 0, structs }]), applicable: true }
}

/** Sub-documents whose options carry keys and orders that yjs normalises when it rewrites them */
const genOddSubdocOpts = (rng, client) => {
  const opts = [
    A.obj([['meta', A.js({ x: 1 })], ['autoLoad', A.false], ['gc', A.true], ['extra', A.int(1)]]),
    A.obj([['meta', A.str('m')], ['gc', A.false], ['autoLoad', A.true]]),
    A.obj([['gc', A.int(0)], ['autoLoad', A.int(1)], ['meta', A.null]]),
    A.obj([['meta', A.undef]]),
    A.obj([]),
    A.str('ab'),
    A.int(5),
    A.arr([A.int(1)])
  ]
  const structs = [
    item({ parent: 'map', parentSub: 'sub', content: C.doc(`crafted-${rng.int(0, 999)}`, rng.pick(opts)) }),
    item({ parent: 'array', content: C.doc('', rng.pick(opts)) })
  ]
  return { name: 'odd-subdoc-opts', ...craftBoth([{ client, clock: 0, structs }]), applicable: true }
}

/** Every type ref, including XmlHook, with unusual node names */
const genAllTypes = (rng, client) => {
  const structs = []
  for (let t = 0; t <= 6; t++) {
    const name = t === 3 || t === 5 ? rng.pick(['p', 'x:y', 'ü', '', 'h😀']) : undefined
    structs.push(structs.length === 0
      ? item({ parent: 'array', content: C.type(t, name) })
      : item({ origin: [client, structs.length - 1], content: C.type(t, name) }))
  }
  // children addressed through the parent item id rather than a root name
  structs.push(item({ parent: [client, 1], parentSub: 'inner', content: C.any([A.js('v')]) }))
  structs.push(item({ parent: [client, 2], content: C.string('in text') }))
  return { name: 'all-types', ...craftBoth([{ client, clock: 0, structs }]), applicable: true }
}

/**
 * Structure yjs never writes itself: client sections in ascending order, one client in two
 * sections, Skips at the start and end, GCs with high info bits, items that set the parentSub
 * bit next to an origin, unsorted and duplicated delete-set entries, over-long var-ints (v1).
 */
const genOddStructure = (rng, c1, c2) => {
  const lo = Math.min(c1, c2)
  const hi = Math.max(c1, c2)
  const secs = []
  const sLo = { client: lo, clock: rng.int(0, 3), structs: [] }
  if (rng.bool()) sLo.structs.push(skip(rng.int(1, 3)))
  sLo.structs.push(item({ parent: 'text', content: C.string('ab😀') }))
  sLo.structs.push(gc(2, rng.pick([0, 0x80, 0x40, 0x20, 0xE0])))
  sLo.structs.push(gc(1))
  sLo.structs.push(item({ parent: 'map', parentSub: 'k', content: C.deleted(3) }))
  if (rng.bool()) sLo.structs.push(skip(rng.int(1, 3)))
  const sHi = {
    client: hi,
    clock: 0,
    structs: [
      item({ parent: 'map', parentSub: 'k', content: C.any([A.int(1)]) }),
      item({ origin: [hi, 0], forceSubBit: true, content: C.any([A.int(2), A.int(3)]) })
    ]
  }
  const sLo2 = { client: lo, clock: 40, structs: [item({ parent: 'text', content: C.string('late') })] }
  secs.push(sLo, sHi)
  if (rng.bool()) secs.push(sLo2)
  const ds = [
    [lo, [[5, 2], [1, 1], [2, 3]]],
    [hi, [[0, 1]]],
    [lo, [[40, 1]]],
    [rng.int(0, 0xffffffff), []]
  ]
  const opts = { overlong: rng.bool(0.5) }
  return { name: 'odd-structure', ...craftBoth(secs, rng.shuffle(ds), opts), applicable: false }
}

export const CRAFTED_GENERATORS = [
  ['legacy-json', (rng, ids) => genLegacyJson(rng, ids[0])],
  ['odd-embeds', (rng, ids) => genOddEmbeds(rng, ids[0])],
  ['odd-any', (rng, ids) => genOddAny(rng, ids[0])],
  ['odd-subdoc-opts', (rng, ids) => genOddSubdocOpts(rng, ids[0])],
  ['all-types', (rng, ids) => genAllTypes(rng, ids[0])],
  ['odd-structure', (rng, ids) => genOddStructure(rng, ids[0], ids[1])]
]

/**
 * Inputs that must make yjs throw (or that it accepts only by luck): used for the
 * "malformed" cases, where ycrdt must throw YDecodingException whenever yjs throws.
 */
export const malformedCrafted = (rng, client) => {
  const out = []
  const bad = (name, sections, ds, v2only) => {
    for (const v2 of v2only === undefined ? [false, true] : [v2only]) {
      try {
        out.push({ name, v2, bytes: craft(v2, sections, ds) })
      } catch (e) {
        // a v2 writer cannot express everything v1 can (zero-length delete ranges)
      }
    }
  }
  bad('unknown-content-ref', [{ client, clock: 0, structs: [item({ parent: 'array', content: C.unknown(rng.int(11, 31)) })] }])
  bad('content-ref-10-with-origin', [{ client, clock: 0, structs: [item({ origin: [client + 1, 0], content: C.unknown(10) })] }])
  bad('unknown-type-ref', [{ client, clock: 0, structs: [item({ parent: 'array', content: C.type(rng.int(7, 40)) })] }])
  bad('unknown-any-tag', [{ client, clock: 0, structs: [item({ parent: 'array', content: C.any([e => encoding.writeUint8(e, rng.int(0, 115))]) })] }])
  bad('subdoc-null-opts', [{ client, clock: 0, structs: [item({ parent: 'array', content: C.doc('g', A.null) })] }])
  bad('zero-length-delete-range', [], [[client, [[3, 0]]]], false)
  // invalid UTF-8 inside a string: lib0 decodes with a fatal TextDecoder
  const badUtf8 = craft(false, [{ client, clock: 0, structs: [item({ parent: 'text', content: C.string('AAAA') })] }])
  const at = badUtf8.indexOf(0x41)
  const seq = rng.pick([[0xC0, 0x80], [0xED, 0xA0], [0xFF, 0x41], [0xE2, 0x82]])
  badUtf8[at] = seq[0]
  badUtf8[at + 1] = seq[1]
  out.push({ name: 'invalid-utf8', v2: false, bytes: badUtf8 })
  return out
}
