// Applies Yjs v1 updates with the real yjs package, for TraceReplayYjsIT:
//   node apply-updates.mjs BENCH_SYSTEM_DIR UPDATES_FILE
// UPDATES_FILE holds updates as [4-byte big-endian length][bytes]...; each is applied to one
// Y.Doc in order (a keystroke each). Prints {"applied": n, "pending": bool, "text": ...} as one
// JSON line.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const [benchDir, updatesFile] = process.argv.slice(2)
const require = createRequire(path.join(benchDir, 'package.json'))
const Y = require('yjs')

const bytes = readFileSync(updatesFile)
const updates = []
for (let at = 0; at < bytes.length;) {
  const length = bytes.readUInt32BE(at)
  updates.push(new Uint8Array(bytes.buffer, bytes.byteOffset + at + 4, length))
  at += 4 + length
}
const doc = new Y.Doc()
for (const update of updates) {
  Y.applyUpdate(doc, update)
}
// Items waiting for missing dependencies would mean an update referenced an id that does not exist.
const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
console.log(JSON.stringify({ applied: updates.length, pending, text: doc.getText('text').toString() }))
