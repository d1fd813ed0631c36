// Drives real Yjs clients (yjs + the stock y-websocket provider) for Skein's end-to-end tests.
// Reads one JSON command per line on stdin, answers one JSON line per command on stdout:
//   {"id":1,"cmd":"open","client":"a","url":"ws://127.0.0.1:8081/ws","doc":"d1"}
//   {"id":2,"cmd":"insert","client":"a","text":"hello"}   appends to the shared text "t"
//   {"id":3,"cmd":"state","client":"a"}                   text, synced, connected, close codes
//   {"id":4,"cmd":"fill","client":"a","chunks":10,"chunkChars":1048576}  appends big text, one update per chunk
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
// Answers: {"id":1,"ok":true,"result":...} or {"id":1,"ok":false,"error":"..."}.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import readline from 'node:readline'
import { createHash } from 'node:crypto'

const clients = new Map()

function client (name) {
  const found = clients.get(name)
  if (!found) throw new Error(`no client ${name}`)
  return found
}

const commands = {
  open ({ client: name, url, doc, renew }) {
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(url, doc, ydoc, {
      WebSocketPolyfill: WebSocket,
      disableBc: true,
      maxBackoffTime: 1000
    })
    const closeCodes = []
    provider.on('connection-close', (event) => { if (event) closeCodes.push(event.code) })
    if (renew === false) {
      // y-protocols renews the local state (and drops silent peers) from this one timer
      clearInterval(provider.awareness._checkInterval)
    }
    provider.awareness.setLocalStateField('user', { name })
    clients.set(name, { ydoc, provider, closeCodes })
    return { clientId: ydoc.clientID }
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
      shared.insert(shared.length, String.fromCharCode(97 + (i % 26)).repeat(chunkChars))
    }
    return { length: shared.length }
  },
  digest ({ client: name }) {
    const { ydoc, provider } = client(name)
    const text = ydoc.getText('t').toString()
    return { length: text.length, sha256: createHash('sha256').update(text).digest('hex'), synced: provider.synced }
  },
  state ({ client: name }) {
    const { ydoc, provider, closeCodes } = client(name)
    return {
      text: ydoc.getText('t').toString(),
      synced: provider.synced,
      connected: provider.wsconnected,
      closeCodes,
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
    process.stdout.write(JSON.stringify({ id, ok: true, result: handler(command) }) + '\n')
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, ok: false, error: String(error && error.message) }) + '\n')
  }
})
input.on('close', () => {
  for (const { provider } of clients.values()) provider.destroy()
  process.exit(0)
})
