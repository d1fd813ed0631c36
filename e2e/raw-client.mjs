// A Yjs client written directly on y-protocols, without y-websocket: what an application, a
// mobile app or a port to another language does when it speaks the protocol itself. It follows
// the protocol as the stock server expects it and nothing Skein-specific: on open it sends sync
// step 1 and its awareness state, answers the server's step 1 with step 2, sends every local
// update as a sync update, and after a close it reconnects with back-off unless the code is in
// 4400-4499 (y-websocket 3.1's rule for "the server decided"). It offers the part of the
// provider's interface the test driver uses (synced, wsconnected, shouldConnect, params,
// connect/disconnect/destroy, the connection-close and closed events).
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { ObservableV2 } from 'lib0/observable'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3

export class RawSyncClient extends ObservableV2 {
  constructor (serverUrl, room, doc, { WebSocketPolyfill, params = {}, maxBackoffTime = 2500 } = {}) {
    super()
    this.serverUrl = serverUrl.replace(/\/+$/, '')
    this.room = room
    this.doc = doc
    this.params = params
    this.awareness = new awarenessProtocol.Awareness(doc)
    this._WS = WebSocketPolyfill
    this.maxBackoffTime = maxBackoffTime
    this.ws = null
    this.wsconnected = false
    this.synced = false
    this.shouldConnect = true
    this.unsuccessfulReconnects = 0
    this._updateHandler = (update, origin) => {
      if (origin !== this) {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        syncProtocol.writeUpdate(encoder, update)
        this._send(encoding.toUint8Array(encoder))
      }
    }
    this._awarenessHandler = ({ added, updated, removed }) => {
      const changed = added.concat(updated, removed)
      this._send(this._awarenessMessage(changed))
    }
    doc.on('update', this._updateHandler)
    this.awareness.on('update', this._awarenessHandler)
    this.connect()
  }

  get url () {
    const query = new URLSearchParams(this.params).toString()
    return `${this.serverUrl}/${this.room}${query ? '?' + query : ''}`
  }

  connect () {
    this.shouldConnect = true
    if (this.ws === null) this._open()
  }

  disconnect () {
    this.shouldConnect = false
    if (this.ws !== null) this.ws.close()
  }

  destroy () {
    this.disconnect()
    this.doc.off('update', this._updateHandler)
    this.awareness.off('update', this._awarenessHandler)
    this.awareness.destroy()
  }

  _send (message) {
    if (this.ws !== null && this.wsconnected) this.ws.send(message)
  }

  _awarenessMessage (clients) {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
    return encoding.toUint8Array(encoder)
  }

  _open () {
    const ws = new this._WS(this.url)
    ws.binaryType = 'arraybuffer'
    this.ws = ws
    this.synced = false
    ws.onopen = () => {
      this.wsconnected = true
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      ws.send(encoding.toUint8Array(encoder))
      if (this.awareness.getLocalState() !== null) {
        ws.send(this._awarenessMessage([this.doc.clientID]))
      }
    }
    ws.onmessage = (event) => this._receive(ws, new Uint8Array(event.data))
    ws.onerror = () => {}
    ws.onclose = (event) => this._closed(ws, event)
  }

  _receive (ws, data) {
    const decoder = decoding.createDecoder(data)
    const encoder = encoding.createEncoder()
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (syncType === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.synced = true
        this.unsuccessfulReconnects = 0
        this.emit('sync', [true])
      }
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder))
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      ws.send(this._awarenessMessage(Array.from(this.awareness.getStates().keys())))
    }
  }

  _closed (ws, event) {
    if (ws !== this.ws) return
    this.ws = null
    this.wsconnected = false
    this.synced = false
    const others = Array.from(this.awareness.getStates().keys()).filter((id) => id !== this.doc.clientID)
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this)
    this.emit('connection-close', [event, this])
    this.unsuccessfulReconnects++
    if (event.code >= 4400 && event.code < 4500) {
      this.shouldConnect = false
      this.emit('closed', [{ code: event.code, reason: event.reason }, this])
      return
    }
    const delay = Math.min(2 ** this.unsuccessfulReconnects * 100, this.maxBackoffTime)
    setTimeout(() => { if (this.shouldConnect && this.ws === null) this._open() }, delay)
  }
}
