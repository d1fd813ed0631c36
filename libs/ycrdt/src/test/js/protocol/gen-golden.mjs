// Regenerates src/test/resources/protocol/golden.json: frames and awareness updates produced by the
// real y-protocols / yjs / lib0 packages, with the values each one carries. GoldenFixtureTest checks
// the Java codec against it in both directions. Run from anywhere:
//   node src/test/js/protocol/gen-golden.mjs
// The output is deterministic: client ids are fixed and the clock is faked.

import { writeFileSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import {
  Y, sync, awareness, auth, encoding, decoding, ws, b64, frame, clock, craftAwareness,
  serverAwareness, recordUpdates, awarenessSnapshot
} from './reference.mjs'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const version = (pkg) => JSON.parse(readFileSync(here(`../node_modules/${pkg}/package.json`), 'utf8')).version

const messages = []
const add = (name, bytes, expected) => messages.push({ name, frame: b64(bytes), ...expected })
// A large payload is pinned by length and SHA-256 rather than spelled out twice, to keep the file small.
const payloadOf = (u8) => u8.length <= 1024
  ? { payload: b64(u8) }
  : { payloadLength: u8.length, payloadSha256: createHash('sha256').update(u8).digest('hex') }

const docWith = (clientId, fill) => {
  const doc = new Y.Doc()
  doc.clientID = clientId
  fill(doc)
  return doc
}

const syncFrame = (write) => frame(e => { encoding.writeVarUint(e, ws.messageSync); write(e) })
const step1 = (doc) => syncFrame(e => sync.writeSyncStep1(e, doc))
const step2 = (doc, sv) => syncFrame(e => sync.writeSyncStep2(e, doc, sv))
const updateFrame = (u) => syncFrame(e => sync.writeUpdate(e, u))
const awarenessFrame = (u) => frame(e => {
  encoding.writeVarUint(e, ws.messageAwareness)
  encoding.writeVarUint8Array(e, u)
})

// --- sync step 1 -------------------------------------------------------------------------------
const empty = new Y.Doc()
add('sync step 1 of an empty document', step1(empty),
  { kind: 'syncStep1', payload: b64(Y.encodeStateVector(empty)) })
add('sync step 1 with a zero-length state vector', syncFrame(e => {
  encoding.writeVarUint(e, sync.messageYjsSyncStep1)
  encoding.writeVarUint8Array(e, new Uint8Array(0))
}), { kind: 'syncStep1', payload: '' })
const multi = docWith(0xFFFFFFFF, d => d.getText('t').insert(0, 'hello'))
Y.applyUpdate(multi, Y.encodeStateAsUpdate(docWith(2 ** 31, d => d.getMap('m').set('k', 'v'))))
Y.applyUpdate(multi, Y.encodeStateAsUpdate(docWith(0, d => d.getArray('a').insert(0, [1, 2, 3]))))
add('sync step 1 with client ids 0, 2^31 and 2^32-1', step1(multi),
  { kind: 'syncStep1', payload: b64(Y.encodeStateVector(multi)) })

// --- sync step 2 -------------------------------------------------------------------------------
// the reply readSyncMessage writes to a step 1, as a server sends it
const reply = syncFrame(e => {
  const request = frame(r => sync.writeSyncStep1(r, empty))
  sync.readSyncMessage(decoding.createDecoder(request), e, multi, null)
})
add('sync step 2 answering an empty state vector', reply,
  { kind: 'syncStep2', payload: b64(Y.encodeStateAsUpdate(multi, Y.encodeStateVector(empty))) })
add('sync step 2 of an empty document', step2(empty), { kind: 'syncStep2', payload: b64(Y.encodeStateAsUpdate(empty)) })

// --- sync update -------------------------------------------------------------------------------
const lastUpdate = (clientId, edit) => {
  const doc = docWith(clientId, () => {})
  let update = null
  doc.on('update', u => { update = u })
  edit(doc)
  return update
}
for (const [name, clientId, edit] of [
  ['sync update: unicode text', 0x80000000, d => d.getText('t').insert(0, 'Zoë 🦄 漢字')],
  ['sync update: 200-byte payload (2-byte length)', 7, d => d.getText('t').insert(0, 'x'.repeat(180))],
  ['sync update: 16 kB payload (3-byte length)', 0xFFFFFFFE, d => d.getText('t').insert(0, 'abcdefghij'.repeat(1640))],
  ['sync update: deletion only', 42, d => { d.getText('t').insert(0, 'abc'); d.getText('t').delete(0, 2) }]
]) {
  const u = lastUpdate(clientId, edit)
  add(name, updateFrame(u), { kind: 'syncUpdate', ...payloadOf(u) })
}

// --- awareness ---------------------------------------------------------------------------------
// Expected entries are read from the Awareness instance itself, not from the bytes.
const entriesOf = (aw, clients) => clients.map(id => ({
  clientId: id, clock: aw.meta.get(id).clock, state: JSON.stringify(aw.getStates().get(id) || null)
}))
const addAwareness = (name, aw, clients) => {
  const u = awareness.encodeAwarenessUpdate(aw, clients)
  add(name, awarenessFrame(u), { kind: 'awareness', payload: b64(u), entries: entriesOf(aw, clients) })
}
{
  const aw = new awareness.Awareness(docWith(0xFFFFFFFF, () => {}))
  aw.setLocalStateField('user', { name: 'Zoë 🦄 漢字', color: '#30bced', cursor: { anchor: 3, head: 7.5 } })
  addAwareness('awareness: one client 2^32-1 with a unicode state', aw, [aw.clientID])
  awareness.removeAwarenessStates(aw, [aw.clientID], 'test')
  addAwareness('awareness: the local client removing itself (clock bumped, state null)', aw, [aw.clientID])
}
{
  // a relay holding remote clients: one removed, one with the largest clock lib0 allows
  const { aw } = serverAwareness(1)
  awareness.applyAwarenessUpdate(aw, craftAwareness([
    [2 ** 31, 1, '{"user":{"name":"a"}}'],
    [0, Number.MAX_SAFE_INTEGER, '{"emoji":"🦄","escaped":"\\u00e9\\ud83e\\udd84"}'],
    [12345, 3, '{"x":1}'],
    [0xFFFFFFFF, 128, '[1,"two",null,true]']
  ]), 'test')
  awareness.applyAwarenessUpdate(aw, craftAwareness([[12345, 3, 'null']]), 'test')
  addAwareness('awareness: four clients, one removed, clock 2^53-1', aw, [2 ** 31, 0, 12345, 0xFFFFFFFF])
  addAwareness('awareness: no entries', aw, [])
}

// --- auth, query awareness, unknown messages ---------------------------------------------------
for (const reason of ['', 'document is read-only', 'Zugriff verweigert – 🔒']) {
  const f = frame(e => { encoding.writeVarUint(e, ws.messageAuth); auth.writePermissionDenied(e, reason) })
  add(`permission denied: "${reason}"`, f, { kind: 'auth', reason })
}
add('query awareness', frame(e => encoding.writeVarUint(e, ws.messageQueryAwareness)), { kind: 'queryAwareness' })
const custom = (type, tail) => frame(e => { encoding.writeVarUint(e, type); encoding.writeUint8Array(e, tail) })
const addCustom = (name, type, tail) => add(name, custom(type, tail), { kind: 'custom', type, payload: b64(tail) })
addCustom('unknown type 4, empty payload', 4, new Uint8Array(0))
addCustom('unknown type 200 (2-byte var-uint)', 200, Uint8Array.of(1, 2, 3))
addCustom('unknown type 2^31-1', 2 ** 31 - 1, Uint8Array.of(0xFF))
addCustom('sync message with unknown sub-type 3', ws.messageSync,
  frame(e => { encoding.writeVarUint(e, 3); encoding.writeVarUint8Array(e, Uint8Array.of(9, 9)) }))
addCustom('auth message with unknown sub-type 1', ws.messageAuth,
  frame(e => { encoding.writeVarUint(e, 1); encoding.writeVarString(e, 'x') }))

// --- awareness state handling: a short relay scenario ------------------------------------------
const scenario = []
{
  const { aw, timeoutCheck } = serverAwareness(1)
  const next = recordUpdates(aw)
  const step = (op, args, run) => {
    run()
    scenario.push({ op, ...args, now: clock.now(), event: next(), ...awarenessSnapshot(aw) })
  }
  const apply = (...entries) => {
    const u = craftAwareness(entries)
    step('apply', { update: b64(u) }, () => awareness.applyAwarenessUpdate(aw, u, 'conn'))
  }
  apply([0xFFFFFFFF, 1, ' { "b" : 1.50, "2": [ 1e2 ], "a" : "\\u00e9" } '])
  // stale and clock-0 entries are ignored; falsy states are stored but broadcast as null
  apply([0xFFFFFFFF, 1, '{"stale":true}'], [7, 0, '{"clock zero":"ignored"}'], [8, 2, '0'], [10, 1, '""'],
    [11, 1, 'false'])
  clock.advance(10_000)
  // a removal at the same clock is accepted
  apply([0xFFFFFFFF, 2, '{"b":1.5}'], [8, 2, 'null'])
  // a removal of a client never seen only records its clock; a removed client comes back as
  // "updated"; 1e400 is Infinity, a present state that prints as null
  apply([9, 5, 'null'], [8, 4, '{"back":"again"}'], [12, 1, '1e400'])
  clock.advance(15_000)
  apply([8, 5, '{"renewed":true}'], [10, 2, '{"x":-0}'])
  clock.advance(20_000)
  step('timeout', {}, () => timeoutCheck())
  step('remove', { clients: [8, 12345, 8] }, () => awareness.removeAwarenessStates(aw, [8, 12345, 8], null))
  const clients = [0xFFFFFFFF, 8, 9, 10, 11, 12]
  step('encode', { clients, update: b64(awareness.encodeAwarenessUpdate(aw, clients)) }, () => {})
}

const golden = {
  generatedBy: 'src/test/js/protocol/gen-golden.mjs',
  packages: { yjs: version('yjs'), 'y-protocols': version('y-protocols'), lib0: version('lib0') },
  constants: {
    messageSync: ws.messageSync,
    messageAwareness: ws.messageAwareness,
    messageAuth: ws.messageAuth,
    messageQueryAwareness: ws.messageQueryAwareness,
    messageYjsSyncStep1: sync.messageYjsSyncStep1,
    messageYjsSyncStep2: sync.messageYjsSyncStep2,
    messageYjsUpdate: sync.messageYjsUpdate,
    messagePermissionDenied: auth.messagePermissionDenied,
    outdatedTimeout: awareness.outdatedTimeout
  },
  messages,
  awarenessScenario: scenario
}
const out = here('../../resources/protocol/golden.json')
writeFileSync(out, JSON.stringify(golden, null, 1) + '\n')
process.stdout.write(`wrote ${messages.length} messages and ${scenario.length} awareness steps to ${out}\n`)
