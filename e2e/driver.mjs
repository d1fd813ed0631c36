// Drives real Yjs clients (yjs + the stock y-websocket provider) for Skein's end-to-end tests.
// Reads one JSON command per line on stdin, answers one JSON line per command on stdout:
//   {"id":1,"cmd":"open","client":"a","url":"ws://127.0.0.1:8081/ws","doc":"d1"}
//   {"id":2,"cmd":"insert","client":"a","text":"hello"}   appends to the shared text "t"
//   {"id":3,"cmd":"state","client":"a"}                   text, synced, connected, close codes
//   {"id":4,"cmd":"fill","client":"a","chunks":10,"chunkChars":1048576}  appends big random text, one update per chunk
//   {"id":5,"cmd":"digest","client":"a"}                  length and SHA-256 of the text (for big documents)
//   {"id":6,"cmd":"disconnect","client":"a"}  /  "connect"  /  "close"
//   {"id":7,"cmd":"drop","client":"a"}   ends the socket without a goodbye (a crashed tab or a lost
//                                        network): no awareness removal is sent, no reconnect
// Awareness (y-protocols, through the provider's awareness):
//   {"id":8,"cmd":"setState","client":"a","field":"cursor","value":{"index":3}}
//        sets a field of the local state; "disconnect":true disconnects in the same tick, as a
//        tab that moves the cursor and closes at once. Answers the local clock.
//   {"id":9,"cmd":"awareness","client":"a"}   the own client id and clock, and every remote
//        state: {"self":1,"clock":2,"remote":[{"clientId":3,"clock":4,"state":{...}}]}
// "open" takes "renew":false to stop the client's 15 s renewal of its own state (y-protocols'
// check timer), so that a test knows for sure that the others only learn the state from the
// server; remote states still arrive and are shown.
// The compatibility matrix (StockClientMatrixIT) adds:
//   "open" takes "kind": "3.1" (default, y-websocket 3.1.0), "3.0", "2.1" (those releases, installed
//        under the names y-websocket-3.0 / y-websocket-2.1) or "raw" (raw-client.mjs: y-protocols
//        without y-websocket), and "auth": {"tokenUrl","clientId","username","password"}: the
//        client signs in with the password grant, sends the token as ?token=, and when the
//        gateway closes with 4401 it gets a fresh token and connects again, as an application
//        does (the demo page does the same).
//   {"cmd":"burst","client":"a","count":5000,"prefix":"a"}  pushes "a:0".."a:4999" onto the shared
//        array "log", one transaction each, as fast as the client can
//   {"cmd":"log","client":"a"}          length, distinct entries and SHA-256 of the sorted entries
//   {"cmd":"stall","client":"a"}  /  "unstall"   stops / resumes reading the client's socket (a
//        frozen tab): the server's frames pile up in front of it
// "state" also reports "gaveUp": whether the provider stopped for good (its "closed" event).
// The document API (DocumentApiIT) adds, on the roots t (text), m (map), a (array), x (XML fragment):
//   {"cmd":"randomEdits","client":"a","seed":7,"count":50}  random edits of every kind (formatting,
//        nested types, XML), one transaction each
//   {"cmd":"json","client":"a","delta":true}   JSON.stringify of the four roots' toJSON() (the text's
//        toDelta() with "delta")
//   {"cmd":"jsonOfState","state":"<base64>","delta":false}  the same for a fresh Y.Doc holding a state
//   {"cmd":"followChanges","records":["<change record JSON>", ...],"initial":"{…}"}  what a follower
//        without Yjs holds after applying the records' changes to the initial JSON (change-follower.mjs)
// Version history (VersionHistoryIT) adds:
//   {"cmd":"jsonOfUpdates","updates":["<base64>", ...],"delta":false}  the same for a fresh Y.Doc that
//        applied these Yjs v1 updates in order (the update log cut at a version)
//   "state" also reports "remoteUpdates": how many updates the client applied from its provider
// Answers: {"id":1,"ok":true,"result":...} or {"id":1,"ok":false,"error":"..."}.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { WebsocketProvider as WebsocketProvider30 } from 'y-websocket-3.0'
import { WebsocketProvider as WebsocketProvider21 } from 'y-websocket-2.1'
import { RawSyncClient } from './raw-client.mjs'
import WebSocket from 'ws'
import readline from 'node:readline'
import { createHash, randomBytes } from 'node:crypto'
import { randomEdit, rootsJson } from './random-edits.mjs'
import { followChanges } from './change-follower.mjs'

const clients = new Map()
const PROVIDERS = { '3.1': WebsocketProvider, '3.0': WebsocketProvider30, '2.1': WebsocketProvider21, raw: RawSyncClient }

/** A token of the password grant (Keycloak's token endpoint). */
async function signIn ({ tokenUrl, clientId, username, password }) {
  const body = new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password })
  const response = await fetch(tokenUrl, { method: 'POST', body })
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`)
  return (await response.json()).access_token
}

/** The TCP socket under a client's current WebSocket (ws keeps it as _socket). */
function socketOf (provider) {
  if (!provider.ws || !provider.ws._socket) throw new Error('not connected')
  return provider.ws._socket
}

function client (name) {
  const found = clients.get(name)
  if (!found) throw new Error(`no client ${name}`)
  return found
}

const commands = {
  async open ({ client: name, url, doc, renew, kind = '3.1', auth }) {
    const ydoc = new Y.Doc()
    const Provider = PROVIDERS[kind]
    if (!Provider) throw new Error(`unknown client kind ${kind}`)
    const params = {}
    if (auth) params.token = await signIn(auth)
    const provider = new Provider(url, doc, ydoc, {
      WebSocketPolyfill: WebSocket,
      disableBc: true,
      maxBackoffTime: 1000,
      params
    })
    const closeCodes = []
    const entry = { ydoc, provider, closeCodes, gaveUp: false, remoteUpdates: 0 }
    // what reaches the document from the server (the provider is the origin of what it applies)
    ydoc.on('update', (update, origin) => { if (origin === provider) entry.remoteUpdates++ })
    provider.on('connection-close', (event) => {
      if (!event) return
      closeCodes.push(event.code)
      if (auth && event.code === 4401) {
        // the application's part: a fresh token, then connect (3.1 stopped; 3.0 and 2.1 retry anyway)
        signIn(auth).then((token) => {
          provider.params.token = token
          if (!provider.shouldConnect) provider.connect()
        }, () => {})
      }
    })
    provider.on('closed', () => { entry.gaveUp = true })
    if (renew === false) {
      // y-protocols renews the local state (and drops silent peers) from this one timer
      clearInterval(provider.awareness._checkInterval)
    }
    provider.awareness.setLocalStateField('user', { name })
    clients.set(name, entry)
    return { clientId: ydoc.clientID }
  },
  burst ({ client: name, count, prefix }) {
    const log = client(name).ydoc.getArray('log')
    for (let i = 0; i < count; i++) {
      log.push([`${prefix}:${i}`])
    }
    return { length: log.length }
  },
  log ({ client: name }) {
    const entries = client(name).ydoc.getArray('log').toArray()
    const sorted = [...entries].sort()
    return {
      length: entries.length,
      distinct: new Set(entries).size,
      sha256: createHash('sha256').update(sorted.join('\n')).digest('hex')
    }
  },
  randomEdits ({ client: name, seed, count }) {
    const { ydoc } = client(name)
    let state = seed >>> 0
    const random = () => {
      // mulberry32: the same seed gives the same edits
      state = (state + 0x6D2B79F5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    for (let i = 0; i < count; i++) ydoc.transact(() => randomEdit(ydoc, random))
    return {}
  },
  json ({ client: name, delta }) {
    return { json: rootsJson(client(name).ydoc, delta) }
  },
  jsonOfState ({ state, delta }) {
    const ydoc = new Y.Doc()
    Y.applyUpdate(ydoc, Buffer.from(state, 'base64'))
    return { json: rootsJson(ydoc, delta) }
  },
  jsonOfUpdates ({ updates, delta }) {
    const ydoc = new Y.Doc()
    for (const update of updates) Y.applyUpdate(ydoc, Buffer.from(update, 'base64'))
    return { json: rootsJson(ydoc, delta) }
  },
  followChanges ({ records, initial }) {
    return { json: JSON.stringify(followChanges(records, initial ? JSON.parse(initial) : {})) }
  },
  stall ({ client: name }) {
    socketOf(client(name).provider).pause()
    return {}
  },
  unstall ({ client: name }) {
    socketOf(client(name).provider).resume()
    return {}
  },
  insertAt ({ client: name, index, text }) {
    const shared = client(name).ydoc.getText('t')
    shared.insert(Math.min(index, shared.length), text)
    return { length: shared.length }
  },
  insert ({ client: name, text }) {
    const { ydoc } = client(name)
    const shared = ydoc.getText('t')
    shared.insert(shared.length, text)
    return { length: shared.length }
  },
  fill ({ client: name, chunks, chunkChars }) {
    const shared = client(name).ydoc.getText('t')
    for (let i = 0; i < chunks; i++) {
      // random text: a repeated letter deflates to almost nothing, and the gateway compresses
      // large messages for clients that offer permessage-deflate (as ws and browsers do)
      shared.insert(shared.length, randomBytes(chunkChars).toString('base64').slice(0, chunkChars))
    }
    return { length: shared.length }
  },
  digest ({ client: name }) {
    const { ydoc, provider } = client(name)
    const text = ydoc.getText('t').toString()
    return { length: text.length, sha256: createHash('sha256').update(text).digest('hex'), synced: provider.synced }
  },
  state ({ client: name }) {
    const { ydoc, provider, closeCodes, gaveUp, remoteUpdates } = client(name)
    return {
      text: ydoc.getText('t').toString(),
      remoteUpdates,
      synced: provider.synced,
      connected: provider.wsconnected,
      closeCodes,
      gaveUp,
      peers: provider.awareness.getStates().size
    }
  },
  disconnect ({ client: name }) {
    client(name).provider.disconnect()
    return {}
  },
  connect ({ client: name }) {
    client(name).provider.connect()
    return {}
  },
  drop ({ client: name }) {
    const { provider } = client(name)
    provider.shouldConnect = false
    if (provider.ws) provider.ws.terminate()
    return {}
  },
  setState ({ client: name, field, value, disconnect }) {
    const { provider } = client(name)
    provider.awareness.setLocalStateField(field, value)
    const clock = provider.awareness.meta.get(provider.awareness.clientID).clock
    if (disconnect) provider.disconnect()
    return { clock }
  },
  awareness ({ client: name }) {
    const { awareness } = client(name).provider
    const remote = []
    awareness.getStates().forEach((state, clientId) => {
      if (clientId !== awareness.clientID) {
        remote.push({ clientId, clock: awareness.meta.get(clientId).clock, state })
      }
    })
    return { self: awareness.clientID, clock: awareness.meta.get(awareness.clientID).clock, remote }
  },
  close ({ client: name }) {
    const { provider, ydoc } = client(name)
    provider.destroy()
    ydoc.destroy()
    clients.delete(name)
    return {}
  }
}

const input = readline.createInterface({ input: process.stdin })
input.on('line', (line) => {
  let id = null
  try {
    const command = JSON.parse(line)
    id = command.id
    const handler = commands[command.cmd]
    if (!handler) throw new Error(`unknown command ${command.cmd}`)
    Promise.resolve(handler(command)).then(
      (result) => answer({ id, ok: true, result }),
      (error) => answer({ id, ok: false, error: String(error && error.message) }))
  } catch (error) {
    answer({ id, ok: false, error: String(error && error.message) })
  }
})

function answer (message) {
  process.stdout.write(JSON.stringify(message) + '\n')
}
input.on('close', () => {
  for (const { provider } of clients.values()) provider.destroy()
  process.exit(0)
})
