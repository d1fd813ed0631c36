// Random, seeded y-websocket traffic produced by the real yjs / y-protocols / lib0 packages, printed
// as one JSON document on stdout for NodeDifferentialTest to replay against the Java codec:
//   node src/test/js/protocol/differential.mjs <seed> <rounds>
//
// - frames:     valid frames of every kind, with the values they carry
// - mutated:    truncated / bit-flipped / spliced frames, read the way y-websocket reads them
// - awareness:  awareness updates (valid and mutated) run through y-protocols' modifyAwarenessUpdate
// - states:     a relay's Awareness (as y-websocket-server keeps it) driven by random updates,
//               removals, timeouts and encodes, with what it broadcasts after each step
//
// "divergent" marks inputs on which Java is known and meant to differ: a var-uint longer than
// 8 bytes or above 2^53 (lib0 tolerates zero padding and returns imprecise numbers; Java rejects
// both), and a top-level type that does not fit an int. Java must reject those.

import { createHash } from 'node:crypto'
import {
  Y, sync, awareness, auth, encoding, decoding, prng, ws, b64, frame, clock, craftAwareness,
  serverAwareness, recordUpdates, awarenessSnapshot
} from './reference.mjs'

const seed = Number(process.argv[2] ?? 1)
const rounds = Number(process.argv[3] ?? 100)
const gen = prng.create(seed)
const int = (min, max) => prng.int53(gen, min, max)
const chance = (p) => prng.real53(gen) < p
const pick = (array) => prng.oneOf(gen, array)

// --- random values ------------------------------------------------------------------------------

// The relay's own client id; y-protocols treats its own id specially, so the pool avoids it.
const SERVER_CLIENT_ID = 3
const clientIdPool = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]
while (clientIdPool.length < 12) {
  const id = prng.uint32(gen, 0, 2 ** 32 - 1)
  if (id !== SERVER_CLIENT_ID && !clientIdPool.includes(id)) clientIdPool.push(id)
}
const clientId = () => pick(clientIdPool)

const unicode = ['é', 'ß', '漢字', '🦄', '👩‍👩‍👧', '\u00a0', '\u2028', '\ufeff', 'Zoë', '–']
const randomString = () => {
  let s = ''
  for (let n = int(0, 6); n > 0; n--) {
    s += chance(0.3) ? pick(unicode) : prng.word(gen, 0, 5)
  }
  return s
}

// JSON numbers spelled as a client might spell them, not as JSON.stringify would
const numberText = () => pick([
  () => String(int(-1000, 1000)), () => '-0', () => '0.0', () => '1e3', () => '1E+2', () => '2.50',
  () => '123456789012345678901', () => '1e21', () => '1e-7', () => '0.000001', () => '5e-324',
  () => '1.7976931348623157e308', () => '1e400', () => '-1e400', () => '9007199254740993',
  () => String(prng.real53(gen) * 10 ** int(-10, 25)),
  () => (prng.real53(gen) * 1000).toExponential(int(0, 16))
])()

const stringText = () => {
  let s = '"'
  for (let n = int(0, 6); n > 0; n--) {
    s += pick([
      () => prng.word(gen, 0, 4), () => pick(unicode), () => '\\n', () => '\\"', () => '\\\\', () => '\\/',
      () => '\\u00e9', () => '\\ud83e\\udd84', () => '\\ud800', () => '\\u0000', () => '\\u001f', () => '\\t'
    ])()
  }
  return s + '"'
}

const space = () => pick(['', '', '', ' ', '\n', '\t ', '\r\n'])
// array-index keys come first in JavaScript objects; 4294967295 is one past the last index
const keys = ['0', '1', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295', '__proto__', 'a', 'b', 'name']
const keyText = () => chance(0.4) ? JSON.stringify(pick(keys)) : stringText()

/** Grammatical JSON text with random spelling: whitespace, number forms, escapes, key order, duplicates. */
const jsonText = (depth = 0) => {
  const kind = depth > 2 ? int(0, 3) : int(0, 5)
  let t
  switch (kind) {
    case 0: t = numberText(); break
    case 1: t = stringText(); break
    case 2: t = pick(['true', 'false', 'null']); break
    case 3: t = pick(['0', 'false', '""', '-0', '{}', '[]']); break
    case 4: {
      const members = []
      for (let n = int(0, 5); n > 0; n--) {
        members.push(space() + keyText() + space() + ':' + space() + jsonText(depth + 1) + space())
      }
      t = '{' + members.join(',') + space() + '}'
      break
    }
    default: {
      const items = []
      for (let n = int(0, 4); n > 0; n--) items.push(space() + jsonText(depth + 1) + space())
      t = '[' + items.join(',') + space() + ']'
    }
  }
  return space() + t + space()
}

/** A state for an awareness update: usually an object, sometimes null, odd values now and then. */
const stateText = () => {
  if (chance(0.2)) return pick(['null', ' null ', 'null\n'])
  return chance(0.8) ? '{"user":' + jsonText(1) + '}' : jsonText()
}

// --- valid frames -------------------------------------------------------------------------------

const frames = []
const docs = clientIdPool.slice(0, 4).map(id => { const d = new Y.Doc(); d.clientID = id; return d })
const updates = []
docs.forEach(d => d.on('update', u => updates.push(u)))

const editDoc = (doc) => {
  doc.transact(() => {
    const text = doc.getText('text')
    switch (int(0, 5)) {
      case 0: text.insert(int(0, text.length), randomString()); break
      case 1: {
        if (text.length > 0) {
          const i = int(0, text.length - 1)
          text.delete(i, int(1, text.length - i))
        }
        break
      }
      case 2: text.format(0, text.length, { bold: chance(0.5) ? true : null }); break
      case 3: {
        const value = pick([1, 'x', null, true, Uint8Array.of(1, 2), { a: [1, 2] }, 2.5])
        doc.getMap('map').set(prng.word(gen, 1, 3), value)
        break
      }
      case 4: doc.getArray('array').insert(0, [randomString(), int(-5, 5)]); break
      default: text.insert(0, 'y'.repeat(chance(0.1) ? int(10_000, 40_000) : int(100, 1000)))
    }
  })
}

const syncFrame = (write) => frame(e => { encoding.writeVarUint(e, ws.messageSync); write(e) })
const updateFrame = (update) => syncFrame(e => sync.writeUpdate(e, update))

const addFrame = (kind, bytes, fields) => frames.push({ kind, frame: b64(bytes), ...fields })
const sha256 = (u8) => createHash('sha256').update(u8).digest('hex')

// the hub collects awareness states so that encodeAwarenessUpdate has something to encode
const { aw: hub } = serverAwareness(SERVER_CLIENT_ID)

for (let r = 0; r < rounds; r++) {
  const doc = pick(docs)
  for (let n = int(1, 3); n > 0; n--) editDoc(doc)
  const other = pick(docs)
  switch (int(0, 9)) {
    case 0: {
      addFrame('syncStep1', syncFrame(e => sync.writeSyncStep1(e, doc)), { payload: b64(Y.encodeStateVector(doc)) })
      break
    }
    case 1: {
      // the reply a peer computes for another peer's step 1
      const request = frame(e => sync.writeSyncStep1(e, other))
      const reply = syncFrame(e => sync.readSyncMessage(decoding.createDecoder(request), e, doc, null))
      addFrame('syncStep2', reply, { payload: b64(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other))) })
      break
    }
    case 2: case 3: {
      if (updates.length > 0) {
        const u = pick(updates)
        addFrame('syncUpdate', updateFrame(u), { payload: b64(u) })
      }
      break
    }
    case 4: case 5: {
      const clockOf = () => int(0, 6) + (chance(0.1) ? 2 ** int(20, 52) : 0)
      const entries = Array.from({ length: int(0, 4) }, () => [clientId(), clockOf(), stateText()])
      awareness.applyAwarenessUpdate(hub, craftAwareness(entries), 'test')
      const known = Array.from(hub.meta.keys()).filter(id => id !== SERVER_CLIENT_ID)
      const clients = known.length === 0 ? [] : Array.from({ length: int(0, 4) }, () => pick(known))
      const u = awareness.encodeAwarenessUpdate(hub, clients)
      const f = frame(e => { encoding.writeVarUint(e, ws.messageAwareness); encoding.writeVarUint8Array(e, u) })
      addFrame('awareness', f, {
        payload: b64(u),
        entries: clients.map(id => ({
          clientId: id, clock: hub.meta.get(id).clock, state: JSON.stringify(hub.getStates().get(id) || null)
        }))
      })
      break
    }
    case 6: {
      const reason = chance(0.3) ? prng.utf16String(gen, 20) + (chance(0.5) ? '\ud800' : '') : randomString()
      const f = frame(e => { encoding.writeVarUint(e, ws.messageAuth); auth.writePermissionDenied(e, reason) })
      const d = decoding.createDecoder(f)
      decoding.readVarUint(d)
      decoding.readVarUint(d)
      addFrame('auth', f, { reason, decodedReason: decoding.readVarString(d) })
      break
    }
    case 7:
      addFrame('queryAwareness', frame(e => encoding.writeVarUint(e, ws.messageQueryAwareness)), {})
      break
    default: {
      // unknown top-level type, or a sync / auth message with an unknown sub-type
      const tail = prng.uint8Array(gen, int(0, 40))
      const withSubType = (sub) => frame(e => { encoding.writeVarUint(e, sub); encoding.writeUint8Array(e, tail) })
      const [type, payload] = pick([
        () => [int(4, 2 ** 31 - 1), tail],
        () => [ws.messageSync, withSubType(int(3, 2 ** 40))],
        () => [ws.messageAuth, withSubType(int(1, 1000))]
      ])()
      const f = frame(e => { encoding.writeVarUint(e, type); encoding.writeUint8Array(e, payload) })
      addFrame('custom', f, { type, payload: b64(payload) })
    }
  }
}
{
  // one update above 2 MiB, so that its length takes a 4-byte var-uint
  const big = new Y.Doc()
  big.clientID = clientIdPool[4]
  let u = null
  big.on('update', x => { u = x })
  big.getText('t').insert(0, 'z'.repeat(2 ** 21 + int(0, 1000)))
  // pinned by hash, and not mutated below, to keep the output small
  addFrame('syncUpdate', updateFrame(u), { payloadLength: u.length, payloadSha256: sha256(u) })
}

// --- mutated frames, read as y-websocket reads them ---------------------------------------------

// var-uints a hostile peer would send: 2^32-1, 0 padded to 9 bytes, 2^56-1
const hostileVarUints = [
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]
]
const mutate = (bytes) => {
  const b = Array.from(bytes)
  switch (int(0, 5)) {
    case 0:
      return b.slice(0, int(0, Math.max(0, b.length - 1)))
    case 1:
      for (let n = int(1, 3); n > 0 && b.length > 0; n--) b[int(0, b.length - 1)] ^= 1 << int(0, 7)
      return b
    case 2:
      if (b.length > 0) b[int(0, b.length - 1)] = int(0, 255)
      return b
    case 3:
      b.splice(int(0, b.length), 0, int(0, 255))
      return b
    case 4:
      b.splice(int(0, b.length), int(0, 2), ...pick(hostileVarUints))
      return b
    default:
      return Array.from(prng.uint8Array(gen, int(0, 12)))
  }
}

/** Reads a var-uint with lib0, flagging the encodings lib0 accepts but Java rejects. */
const checkedVarUint = (d, flags) => {
  const start = d.pos
  const n = decoding.readVarUint(d)
  if (d.pos - start > 8 || !Number.isSafeInteger(n)) flags.divergent = true
  return n
}
const peekLength = (d, flags) => {
  const p = d.pos
  checkedVarUint(d, flags)
  d.pos = p
}
const custom = (flags, type, rest) => ({ ...flags, kind: 'custom', type, payload: b64(rest) })

/** y-websocket 3.1.0's reading of one frame (readMessage and the handlers), with lib0 doing the reads. */
const readLikeYWebsocket = (bytes) => {
  const flags = { divergent: false }
  const d = decoding.createDecoder(bytes)
  try {
    const type = checkedVarUint(d, flags)
    if (type === ws.messageSync) {
      const start = d.pos
      const sub = checkedVarUint(d, flags)
      if (sub > sync.messageYjsUpdate) return custom(flags, type, bytes.subarray(start))
      peekLength(d, flags)
      const kind = ['syncStep1', 'syncStep2', 'syncUpdate'][sub]
      return { ...flags, kind, payload: b64(decoding.readVarUint8Array(d)) }
    }
    if (type === ws.messageAwareness) {
      peekLength(d, flags)
      return { ...flags, kind: 'awareness', payload: b64(decoding.readVarUint8Array(d)) }
    }
    if (type === ws.messageAuth) {
      const start = d.pos
      const sub = checkedVarUint(d, flags)
      if (sub !== auth.messagePermissionDenied) return custom(flags, type, bytes.subarray(start))
      peekLength(d, flags)
      return { ...flags, kind: 'auth', decodedReason: decoding.readVarString(d) }
    }
    if (type === ws.messageQueryAwareness) return { ...flags, kind: 'queryAwareness' }
    if (type > 2 ** 31 - 1) flags.divergent = true
    return custom(flags, type, bytes.subarray(d.pos))
  } catch (e) {
    return { ...flags, error: true }
  }
}

const mutated = []
for (const f of frames.filter(f => f.payloadSha256 === undefined)) {
  for (let n = 0; n < 3; n++) {
    // a fresh buffer of exactly the frame's length, as a WebSocket message event delivers it
    const bytes = Uint8Array.from(mutate(Buffer.from(f.frame, 'base64')))
    mutated.push({ frame: b64(bytes), ...readLikeYWebsocket(bytes) })
  }
}

// --- awareness updates through y-protocols' own reader ------------------------------------------

const scanAwareness = (bytes, flags) => {
  const d = decoding.createDecoder(bytes)
  try {
    for (let n = checkedVarUint(d, flags); n > 0 && !flags.divergent; n--) {
      checkedVarUint(d, flags)
      checkedVarUint(d, flags)
      const length = checkedVarUint(d, flags)
      d.pos += length
    }
  } catch (e) {
    // the reference below reports the failure; this scan only looks for divergent numbers
  }
}
const awarenessUpdates = []
for (let r = 0; r < rounds * 2; r++) {
  const entries = Array.from({ length: int(0, 4) }, () => [clientId(), int(0, 2 ** int(1, 53) - 1), stateText()])
  const valid = craftAwareness(entries)
  const bytes = chance(0.4) ? valid : Uint8Array.from(mutate(valid))
  const flags = { divergent: false }
  scanAwareness(bytes, flags)
  try {
    // the identity modification re-encodes each state as JSON.stringify(JSON.parse(text))
    const canonical = awareness.modifyAwarenessUpdate(bytes, s => s)
    awarenessUpdates.push({ update: b64(bytes), ...flags, canonical: b64(canonical) })
  } catch (e) {
    awarenessUpdates.push({ update: b64(bytes), ...flags, error: true })
  }
}

// --- a relay's awareness states -----------------------------------------------------------------

const states = []
{
  const { aw, timeoutCheck } = serverAwareness(SERVER_CLIENT_ID)
  const next = recordUpdates(aw)
  const record = (op, args) => {
    states.push({ op, ...args, now: clock.now(), event: next(), ...awarenessSnapshot(aw) })
  }
  for (let r = 0; r < rounds * 2; r++) {
    clock.advance(chance(0.2) ? int(0, 40_000) : int(0, 3000))
    const op = int(0, 9)
    if (op <= 5) {
      const entries = Array.from({ length: int(1, 4) }, () => {
        const id = clientId()
        const known = aw.meta.get(id)?.clock ?? 0
        return [id, Math.max(0, known + pick([-1, 0, 0, 1, 1, 1, 2, 7])), stateText()]
      })
      const u = craftAwareness(entries)
      awareness.applyAwarenessUpdate(aw, u, 'conn')
      record('apply', { update: b64(u) })
    } else if (op === 6) {
      const clients = Array.from({ length: int(0, 4) }, clientId)
      awareness.removeAwarenessStates(aw, clients, null)
      record('remove', { clients })
    } else if (op === 7) {
      timeoutCheck()
      record('timeout', {})
    } else {
      const known = Array.from(aw.meta.keys()).filter(id => id !== SERVER_CLIENT_ID)
      const clients = known.length === 0 ? [] : Array.from({ length: int(0, 5) }, () => pick(known))
      record('encode', { clients, update: b64(awareness.encodeAwarenessUpdate(aw, clients)) })
    }
  }
}

process.stdout.write(JSON.stringify({ seed, rounds, frames, mutated, awareness: awarenessUpdates, states }))
