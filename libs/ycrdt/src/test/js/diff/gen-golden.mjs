#!/usr/bin/env node
// Writes src/test/resources/update/golden.jsonl: a small, fixed set of yjs update-algebra
// results that the Java build checks without Node (GoldenFixturesTest). Each line has the same
// format as a scenarios.mjs line (see record.mjs); `seed` is the fixture group's name.
//
// The fixtures are hand-built rather than random so that every content kind (GC, Deleted, JSON,
// Binary, String, Embed, Format, Type with all seven type refs, Any with every tag, Doc, Skip)
// and every algebra call (merge, diff, state vector, both conversions, meta, in v1 and v2, plus
// malformed inputs) is present in a few kilobytes.
//
// Usage: node gen-golden.mjs [output file]   (default: ../../resources/update/golden.jsonl)

import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Recorder } from './record.mjs'
import { A, C, craftBoth, craft, item, gc, skip } from './craft.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const outFile = process.argv[2] || join(here, '..', '..', 'resources', 'update', 'golden.jsonl')

const MAX = 4294967295 // 2^32-1
const HIGH = 2147483648 // 2^31
const LOW = 7

/** a doc whose every transaction is captured in both formats */
const captured = (clientID, gcOn, name) => {
  const doc = new Y.Doc({ gc: gcOn, guid: name })
  doc.clientID = clientID
  const log = []
  let v1 = null
  doc.on('update', u => { v1 = u })
  doc.on('updateV2', u => { log.push({ v1, v2: u, n: log.length }) })
  return { doc, log, name }
}

const sv = (doc) => ({ bytes: Y.encodeStateVector(doc), info: `sv(${doc.guid})` })
const svOf = (pairs, info) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, pairs.length)
  for (const [c, k] of pairs) {
    encoding.writeVarUint(e, c)
    encoding.writeVarUint(e, k)
  }
  return { bytes: encoding.toUint8Array(e), info }
}
const u1 = (d, i) => ({ bytes: d.log[i].v1, info: `${d.name} update #${i}` })
const u2 = (d, i) => ({ bytes: d.log[i].v2, info: `${d.name} updateV2 #${i}` })
const st1 = (d) => ({ bytes: Y.encodeStateAsUpdate(d.doc), info: `state(${d.name}) gc=${d.doc.gc}` })
const st2 = (d) => ({ bytes: Y.encodeStateAsUpdateV2(d.doc), info: `stateV2(${d.name}) gc=${d.doc.gc}` })

const lines = []

// ---------------------------------------------------------------------------------------------
// 1. every content kind a Y.Doc writes, on a client id of 2^32-1, with gc on
{
  const a = captured(MAX, true, 'a')
  const text = a.doc.getText('text')
  const arr = a.doc.getArray('array')
  const map = a.doc.getMap('map')
  const xml = a.doc.getXmlFragment('xml')
  text.insert(0, 'héllo 😀 wörld', { bold: true }) // #0 String + Format
  text.format(2, 4, { italic: { style: 'x' } }) // #1 Format ranges
  text.insertEmbed(6, { img: 'p.png', w: 1.5, n: null }) // #2 Embed
  text.delete(8, 2) // #3 starts between the halves of the emoji: yjs writes U+FFFD
  arr.insert(0, [1, -1, 2 ** 31, -(2 ** 31), 0.5, 0.1, 1e300, 'str', true, false, null,
    { o: 1, u: undefined, b: new Uint8Array([1, 2]), big: 12345678901234n, '2': 'two', '1': 'one' },
    [1, [2, [3]]], NaN, -0]) // #4 Any: every tag
  arr.push([new Uint8Array([0, 255, 7])]) // #5 Binary
  arr.push([new Y.Array(), new Y.Map(), new Y.Text('t'), new Y.XmlElement('p'), new Y.XmlFragment(),
    new Y.XmlHook('hook'), new Y.XmlText('x')]) // #6 Type refs 0..6
  map.set('sub', new Y.Doc({ guid: 'golden-sub', gc: false, autoLoad: true, meta: { k: 1 } })) // #7 Doc
  map.set('k', 'v1') // #8
  map.set('k', 'v2') // #9 overwrite: origin + parentSub bit
  const el = new Y.XmlElement('div')
  xml.insert(0, [el, new Y.XmlText('hi')]) // #10
  el.setAttribute('class', 'c1') // #11
  const nested = arr.get(17)
  nested.set('inner', [1, 2]) // #12 child of a nested type: parent written as an id
  arr.delete(15, 3) // #13 deleting types: children become GC in the state
  map.delete('sub') // #14 Deleted
  const rec = new Recorder('golden-content-kinds', 'one doc, client 2^32-1, gc on: every content kind; merges, diffs, conversions')
  const all1 = a.log.map((_, i) => u1(a, i))
  const all2 = a.log.map((_, i) => u2(a, i))
  rec.run('mergeUpdates', [])
  rec.run('mergeUpdatesV2', [])
  rec.run('mergeUpdates', [u1(a, 4)])
  rec.run('mergeUpdates', all1)
  rec.run('mergeUpdatesV2', all2)
  rec.run('mergeUpdates', [...all1].reverse())
  rec.run('mergeUpdates', [st1(a), u1(a, 0), u1(a, 6)]) // state (GC, Deleted) over the originals
  rec.run('mergeUpdatesV2', [u2(a, 2), st2(a), u2(a, 2)]) // duplicates
  for (const i of [0, 2, 6, 7, 9, 13]) rec.run('convertUpdateFormatV1ToV2', [u1(a, i)])
  rec.run('convertUpdateFormatV1ToV2', [st1(a)])
  rec.run('convertUpdateFormatV2ToV1', [st2(a)])
  rec.run('convertUpdateFormatV2ToV1', [u2(a, 4)])
  rec.run('encodeStateVectorFromUpdate', [st1(a)])
  rec.run('encodeStateVectorFromUpdateV2', [st2(a)])
  rec.run('encodeStateVectorFromUpdate', [u1(a, 5)]) // does not start at clock 0: empty
  rec.run('parseUpdateMeta', [u1(a, 5)])
  rec.run('parseUpdateMetaV2', [st2(a)])
  // clock 8 is the low half of the emoji in "héllo 😀": the diff starts inside a surrogate pair
  rec.run('diffUpdate', [st1(a)], svOf([[MAX, 8]], 'sv inside the emoji'))
  rec.run('diffUpdateV2', [st2(a)], svOf([[MAX, 8]], 'sv inside the emoji'))
  rec.run('diffUpdate', [u1(a, 0)], svOf([[MAX, 3]], 'sv inside the first string'))
  rec.run('diffUpdate', [st1(a)], { bytes: new Uint8Array([0]), info: 'empty sv' })
  rec.run('diffUpdateV2', [st2(a)], sv(a.doc)) // nothing new: only the delete set
  lines.push(rec.toJSON())
  a.doc.destroy()
}

// ---------------------------------------------------------------------------------------------
// 2. two clients, updates out of order: Skips in merges, pending structs, gc off
{
  const b = captured(HIGH, false, 'b')
  const c = captured(LOW, true, 'c')
  const tb = b.doc.getText('text')
  tb.insert(0, 'abc')
  tb.insert(3, 'def')
  tb.insert(6, 'ghi')
  tb.delete(1, 1)
  Y.applyUpdate(c.doc, b.log[2].v1) // missing #0 and #1: stays pending in c
  c.doc.getArray('array').insert(0, ['x', 'y'])
  c.doc.getArray('array').delete(0, 1)
  Y.applyUpdate(c.doc, b.log[0].v1)
  const rec = new Recorder('golden-gaps', 'clients 2^31 (gc off) and 7: out-of-order updates, Skips, pending state')
  const gap1 = rec.run('mergeUpdates', [u1(b, 0), u1(b, 2)]) // a Skip fills clocks 3..5
  const gap2 = rec.run('mergeUpdatesV2', [u2(b, 2), u2(b, 0)])
  rec.run('mergeUpdates', [{ bytes: gap1, info: 'merge with Skip' }, u1(b, 1)]) // fills the gap
  rec.run('mergeUpdatesV2', [{ bytes: gap2, info: 'mergeV2 with Skip' }, u2(b, 1), u2(b, 3)])
  rec.run('encodeStateVectorFromUpdate', [{ bytes: gap1, info: 'merge with Skip' }]) // stops at the Skip
  rec.run('encodeStateVectorFromUpdateV2', [{ bytes: gap2, info: 'mergeV2 with Skip' }])
  rec.run('parseUpdateMeta', [{ bytes: gap1, info: 'merge with Skip' }])
  rec.run('diffUpdate', [{ bytes: gap1, info: 'merge with Skip' }], svOf([[HIGH, 1]], 'sv b:1'))
  rec.run('diffUpdateV2', [{ bytes: gap2, info: 'mergeV2 with Skip' }], svOf([[HIGH, 7], [LOW, 1]], 'sv b:7 c:1'))
  rec.run('convertUpdateFormatV1ToV2', [{ bytes: gap1, info: 'merge with Skip' }])
  rec.run('convertUpdateFormatV2ToV1', [{ bytes: gap2, info: 'mergeV2 with Skip' }])
  // c holds b's #2 as pending: its state is itself a merge that contains a Skip
  rec.run('mergeUpdates', [st1(c), st1(b)])
  rec.run('mergeUpdatesV2', [st2(b), st2(c)])
  rec.run('diffUpdate', [st1(c)], sv(b.doc))
  rec.run('convertUpdateFormatV2ToV1', [st2(c)])
  rec.run('encodeStateVectorFromUpdate', [st1(c)])
  rec.run('parseUpdateMetaV2', [st2(c)])
  lines.push(rec.toJSON())
}

// ---------------------------------------------------------------------------------------------
// 3. hand-built content yjs only reads: legacy ContentJSON, non-canonical JSON and Any forms
{
  const X = 3000000000
  const legacy = craftBoth([{
    client: X,
    clock: 0,
    structs: [
      item({ parent: 'array', content: C.json(['{ "b" : 1 , "2" : 0 , "1" : 0 }', 'undefined', '1.50', '"\\u0041"']) }),
      item({ origin: [X, 3], content: C.any([A.f64(2), A.f64(-0), A.int(2 ** 40), A.obj([['b', A.int(1)], ['a', A.int(2)], ['b', A.int(3)]])]) }),
      item({ parent: 'text', content: C.embed('{"z":1, "y":[ ]}', A.obj([['n', A.f64(0.5)], ['u', A.undef]])) }),
      item({ origin: [X, 8], content: C.format('em', '  true ', A.true) }),
      item({ parent: 'map', parentSub: 'doc', content: C.doc('g', A.obj([['meta', A.int(1)], ['x', A.int(2)], ['gc', A.false]])) }),
      item({ parent: [X, 0], parentSub: 's', content: C.type(3, 'h1') }),
      gc(2, 0x80),
      skip(2),
      item({ parent: 'text', content: C.string('after skip') })
    ]
  }], [[X, [[0, 2]]], [LOW, []], [X, [[4, 1]]]]) // a client twice and one without ranges
  // (ranges stay ascending: for descending ones yjs's v2 writer emits a negative var-uint,
  // a yjs defect that the random scenarios report separately)
  const rec = new Recorder('golden-crafted', 'hand-built: ContentJSON, non-canonical JSON/Any, odd doc opts, GC info bits, Skip, odd delete set')
  const v1 = { bytes: legacy.v1, info: 'crafted v1' }
  const v2 = { bytes: legacy.v2, info: 'crafted v2' }
  rec.run('mergeUpdates', [v1, v1])
  rec.run('mergeUpdatesV2', [v2, { bytes: Y.encodeStateAsUpdateV2(new Y.Doc()), info: 'empty v2' }])
  rec.run('convertUpdateFormatV1ToV2', [v1])
  rec.run('convertUpdateFormatV2ToV1', [v2])
  rec.run('diffUpdate', [v1], svOf([[X, 2]], 'sv inside the JSON item'))
  rec.run('diffUpdateV2', [v2], svOf([[X, 2]], 'sv inside the JSON item'))
  rec.run('encodeStateVectorFromUpdate', [v1])
  rec.run('encodeStateVectorFromUpdateV2', [v2])
  rec.run('parseUpdateMeta', [v1])
  rec.run('parseUpdateMetaV2', [v2])
  // malformed: ycrdt must throw YDecodingException where yjs throws
  const bad = (bytes, info) => ({ bytes, info })
  rec.run('mergeUpdates', [bad(legacy.v1.slice(0, 20), 'crafted v1 truncated to 20 bytes'), v1], null, { bad: true })
  rec.run('convertUpdateFormatV2ToV1', [bad(legacy.v2.slice(0, legacy.v2.length - 3), 'crafted v2 minus 3 bytes')], null, { bad: true })
  rec.run('diffUpdate', [v1], bad(new Uint8Array([2, 5]), 'truncated sv'), { bad: true })
  rec.run('encodeStateVectorFromUpdate', [bad(new Uint8Array(0), 'empty input')], null, { bad: true })
  rec.run('parseUpdateMetaV2', [bad(craft(true, [{ client: 1, clock: 0, structs: [item({ parent: 'a', content: C.unknown(17) })] }]), 'content ref 17')], null, { bad: true })
  rec.run('convertUpdateFormatV1ToV2', [bad(craft(false, [{ client: 1, clock: 0, structs: [item({ parent: 'a', content: C.type(9) })] }]), 'type ref 9')], null, { bad: true })
  const utf8 = craft(false, [{ client: 1, clock: 0, structs: [item({ parent: 'text', content: C.string('AB') })] }])
  utf8[utf8.indexOf(0x41)] = 0xC0
  rec.run('mergeUpdates', [bad(utf8, 'invalid UTF-8'), v1], null, { bad: true })
  lines.push(rec.toJSON())
}

// ---------------------------------------------------------------------------------------------
// 4. yjs behaviour that a faithful port has to reproduce on purpose
{
  const rec = new Recorder('golden-quirks', 'merge picks between different structs for the same clocks; __proto__ keys in Any objects')
  const items = { bytes: craft(false, [{ client: 5, clock: 0, structs: [item({ parent: 'text', content: C.string('ab') })] }]), info: 'Item 5:0..1' }
  const gc2 = { bytes: craft(false, [{ client: 5, clock: 0, structs: [gc(2)] }]), info: 'GC 5:0..1' }
  const one = { bytes: craft(false, [{ client: 5, clock: 0, structs: [item({ parent: 'text', content: C.string('a') })] }]), info: 'Item 5:0' }
  const gc3 = { bytes: craft(false, [{ client: 5, clock: 0, structs: [gc(3)] }]), info: 'GC 5:0..2' }
  // yjs sorts its input decoders with a comparator that answers -1 for (Item, GC) and for
  // (GC, Item) at the same client and clock, so V8's sort algorithm decides which one is written
  rec.run('mergeUpdates', [items, gc2])
  rec.run('mergeUpdates', [gc2, items])
  rec.run('mergeUpdates', [one, gc3])
  rec.run('mergeUpdates', [gc3, one])
  // equal kinds compare as 0: the decoder earlier in yjs's (re-sorted, stable) list wins, which
  // here is the second input because its first struct sorted it to the front before the tie
  const x3 = { bytes: craft(false, [{ client: 5, clock: 3, structs: [item({ parent: 'text', content: C.string('X') })] }]), info: 'Item X 5:3' }
  const zy = { bytes: craft(false, [{ client: 5, clock: 1, structs: [item({ parent: 'text', content: C.string('Z') }), skip(1), item({ parent: 'text', content: C.string('Y') })] }]), info: 'Item Z 5:1, Skip, Item Y 5:3' }
  rec.run('mergeUpdates', [x3, zy])
  // lib0's readAny assigns keys to a plain object: a "__proto__" key sets the prototype instead
  // of adding a property, so it disappears when yjs writes the value again
  const proto = craftBoth([{
    client: 6,
    clock: 0,
    structs: [
      item({ parent: 'array', content: C.any([A.obj([['__proto__', A.obj([['p', A.int(1)]])], ['q', A.int(2)]]), A.obj([['__proto__', A.int(5)], ['r', A.true]])]) }),
      item({ parent: 'text', content: C.embed('{"__proto__":{"x":1},"y":2}', A.obj([['__proto__', A.obj([['x', A.int(1)]])], ['y', A.int(2)]])) })
    ]
  }])
  const p1 = { bytes: proto.v1, info: '__proto__ keys v1' }
  const p2 = { bytes: proto.v2, info: '__proto__ keys v2' }
  rec.run('convertUpdateFormatV1ToV2', [p1])
  rec.run('convertUpdateFormatV2ToV1', [p2])
  rec.run('mergeUpdates', [p1, one])
  rec.run('diffUpdateV2', [p2], { bytes: new Uint8Array([0]), info: 'empty sv' })
  lines.push(rec.toJSON())
}

writeFileSync(outFile, lines.map(l => JSON.stringify(l)).join('\n') + '\n')
console.log(`wrote ${outFile}: ${lines.length} groups, ${lines.reduce((n, l) => n + l.cases.length, 0)} cases`)
