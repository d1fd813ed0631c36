#!/usr/bin/env node
// Replays a sequential editing trace (testdata/traces format) with yjs, one transaction per
// trace txn on one Y.Text, and writes what the Java trace test compares ycrdt with.
//
// Usage: node doc/trace-updates.mjs <trace.json.gz> <output dir> [clientID]
//
// Output dir (manifest.json last: its presence means the set is complete):
//   updates.lpb.gz      every per-transaction v1 update, in order (format: ../bench/lpb.mjs)
//   updates-v2.lpb.gz   the same transactions' v2 updates
//   state.bin           Y.encodeStateAsUpdate(doc) at the end (gc on)
//   state-v2.bin        Y.encodeStateAsUpdateV2(doc)
//   manifest.json       counts, client id, yjs version, replay time

import * as Y from 'yjs'
import { gunzipSync } from 'node:zlib'
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs'
import { join, basename } from 'node:path'
import { createRequire } from 'node:module'
import { writeLpb } from '../bench/lpb.mjs'

const [tracePath, outDir, clientArg] = process.argv.slice(2)
if (!tracePath || !outDir) {
  console.error('usage: node doc/trace-updates.mjs <trace.json.gz> <output dir> [clientID]')
  process.exit(2)
}
const clientID = clientArg ? Number(clientArg) : 3000000001
const trace = JSON.parse(gunzipSync(readFileSync(tracePath)).toString('utf8'))
const doc = new Y.Doc()
doc.clientID = clientID
const text = doc.getText('text')
const v1 = []
const v2 = []
doc.on('update', u => v1.push(u))
doc.on('updateV2', u => v2.push(u))
const t0 = performance.now()
for (const txn of trace.txns) {
  doc.transact(() => {
    for (const [pos, del, ins] of txn.patches) {
      if (del > 0) text.delete(pos, del)
      if (ins.length > 0) text.insert(pos, ins)
    }
  })
}
const ms = performance.now() - t0
if (text.toString() !== trace.endContent) throw new Error('replayed text differs from endContent')
mkdirSync(outDir, { recursive: true })
writeLpb(join(outDir, 'updates.lpb.gz'), v1)
writeLpb(join(outDir, 'updates-v2.lpb.gz'), v2)
writeFileSync(join(outDir, 'state.bin'), Y.encodeStateAsUpdate(doc))
writeFileSync(join(outDir, 'state-v2.bin'), Y.encodeStateAsUpdateV2(doc))
const manifest = {
  trace: basename(tracePath),
  txns: trace.txns.length,
  updates: v1.length,
  clientID,
  yjs: createRequire(import.meta.url)('yjs/package.json').version,
  node: process.version,
  replayMs: Math.round(ms)
}
writeFileSync(join(outDir, 'manifest.json.tmp'), JSON.stringify(manifest, null, 2) + '\n')
renameSync(join(outDir, 'manifest.json.tmp'), join(outDir, 'manifest.json'))
console.log(JSON.stringify({ out: outDir, ...manifest }))
