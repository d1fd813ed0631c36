// A plain Node Yjs client (the stock y-websocket provider) for the document the demo editor
// edits, to write or check a document without a browser.
//
//   node yjs-client.mjs --gateway ws://127.0.0.1:8081/ws --doc NAME --write TEXT
//       appends TEXT, then confirms with a second, fresh client that the server hands it out
//   node yjs-client.mjs --gateway ws://127.0.0.1:8081/ws --doc NAME --expect TEXT
//       waits until a fresh client's copy of the document contains TEXT
//
// Prints one JSON line; exits 1 if the text does not show up within --timeout-ms.

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { parseArgs } from './args.mjs'

// The shared type the demo editor binds CodeMirror to (demo-web main.js TEXT_NAME).
const TEXT_NAME = 'codemirror'

const options = parseArgs(process.argv.slice(2), {
  gateway: undefined,
  doc: undefined,
  write: '',
  expect: '',
  'timeout-ms': '30000'
})
const timeout = Number(options['timeout-ms'])

try {
  if (options.write) {
    await withClient((ytext) => ytext.insert(ytext.length, options.write))
  }
  const expected = options.write || options.expect
  const text = await withClient((ytext) => untilContains(ytext, expected))
  console.log(JSON.stringify({ ok: true, doc: options.doc, text }))
  process.exit(0)
} catch (e) {
  console.log(JSON.stringify({ ok: false, doc: options.doc, error: String(e && e.message ? e.message : e) }))
  process.exit(1)
}

/** Connects a fresh client, waits for its first sync, runs `use` and disconnects. */
async function withClient (use) {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(options.gateway, options.doc, ydoc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true
  })
  try {
    await within(new Promise((resolve) => provider.once('sync', resolve)), () => `no sync with ${options.gateway}`)
    const result = await use(ydoc.getText(TEXT_NAME))
    return result === undefined ? ydoc.getText(TEXT_NAME).toString() : result
  } finally {
    // Give the provider's socket a moment to flush what was just written before closing.
    await flush(provider)
    provider.destroy()
  }
}

function untilContains (ytext, expected) {
  const check = () => ytext.toString().includes(expected)
  if (check()) {
    return Promise.resolve(ytext.toString())
  }
  return within(new Promise((resolve) => {
    const observer = () => {
      if (check()) {
        ytext.unobserve(observer)
        resolve(ytext.toString())
      }
    }
    ytext.observe(observer)
  }), () => `"${expected}" did not appear; the document holds "${ytext.toString()}"`)
}

function flush (provider) {
  const socket = provider.ws
  if (!socket || socket.readyState !== WebSocket.OPEN || socket.bufferedAmount === 0) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (socket.bufferedAmount === 0 || socket.readyState !== WebSocket.OPEN) {
        clearInterval(poll)
        resolve()
      }
    }, 10)
  })
}

/** `promise`, or a rejection with describe()'s text (evaluated at the deadline) after --timeout-ms. */
function within (promise, describe) {
  let timer
  const deadline = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${describe()} (after ${timeout} ms)`)), timeout)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}
