// Loads the real npm packages (yjs, y-protocols, lib0) under a controllable clock, and holds the
// helpers both protocol scripts share.
//
// y-protocols reads the time through lib0/time, which captures Date.now when it is first loaded,
// and schedules its timeout check with setInterval. Both are replaced BEFORE any of the packages is
// imported (hence the dynamic imports), so that scripts can step time and run the timeout check by
// hand, deterministically.

let fakeNow = 1_700_000_000_000
const intervals = []

Date.now = () => fakeNow
globalThis.setInterval = (fn) => {
  intervals.push(fn)
  return intervals.length
}
globalThis.clearInterval = () => {}

export const clock = {
  now: () => fakeNow,
  advance: (ms) => { fakeNow += ms }
}

/** The callback most recently registered with setInterval (an Awareness registers its timeout check). */
export const lastInterval = () => intervals[intervals.length - 1]

export const Y = await import('yjs')
export const sync = await import('y-protocols/sync')
export const awareness = await import('y-protocols/awareness')
export const auth = await import('y-protocols/auth')
export const encoding = await import('lib0/encoding')
export const decoding = await import('lib0/decoding')
export const prng = await import('lib0/prng')

// y-websocket 3.1.0 top-level message types. The package is not installed here (it needs a
// WebSocket), so the values are spelled out from its source: messageSync, messageAwareness,
// messageAuth, messageQueryAwareness.
export const ws = { messageSync: 0, messageAwareness: 1, messageAuth: 2, messageQueryAwareness: 3 }

export const b64 = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64')

/** Builds a frame with lib0's encoder. */
export const frame = (write) => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** An awareness update written entry by entry, so that tests control the exact JSON text. */
export const craftAwareness = (entries) => frame(e => {
  encoding.writeVarUint(e, entries.length)
  for (const [id, clk, json] of entries) {
    encoding.writeVarUint(e, id)
    encoding.writeVarUint(e, clk)
    encoding.writeVarString(e, json)
  }
})

/**
 * The server side of y-websocket-server: an Awareness whose own (local) state is null, so that it
 * only relays remote states. Returns it together with its timeout check.
 */
export const serverAwareness = (serverClientId) => {
  const doc = new Y.Doc()
  doc.clientID = serverClientId
  const aw = new awareness.Awareness(doc)
  const timeoutCheck = lastInterval()
  aw.setLocalState(null)
  return { aw, timeoutCheck }
}

/**
 * Records what y-websocket-server would broadcast for each 'update' event: the event lists and
 * encodeAwarenessUpdate of added, updated and removed clients, computed inside the handler.
 */
export const recordUpdates = (aw) => {
  let last = null
  aw.on('update', ({ added, updated, removed }) => {
    last = {
      added,
      updated,
      removed,
      update: b64(awareness.encodeAwarenessUpdate(aw, added.concat(updated, removed)))
    }
  })
  return () => {
    const r = last
    last = null
    return r
  }
}

/** The states of an Awareness as [clientId, JSON] pairs, and the clocks it knows, for comparison. */
export const awarenessSnapshot = (aw) => ({
  states: Array.from(aw.getStates()).map(([id, s]) => [id, JSON.stringify(s)]),
  clocks: Array.from(aw.meta).filter(([id]) => id !== aw.clientID).map(([id, m]) => [id, m.clock])
})
