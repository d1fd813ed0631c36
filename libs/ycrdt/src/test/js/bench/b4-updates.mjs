#!/usr/bin/env node
// B4 inputs and yjs reference results for ycrdt's B4 differential test and benchmarks.
//
// Replays the automerge-paper editing trace (259,778 single-character patches) into one Y.Doc,
// one transaction per patch, and captures every per-transaction v1 update. Then computes with
// yjs the results the Java side is compared against.
//
// Usage: node b4-updates.mjs <automerge-paper.json.gz> <output dir>
//
// Output dir (manifest.json is written last, so its presence means the set is complete):
//   updates.lpb.gz          every per-transaction v1 update, in order (format: lpb.mjs)
//   state.bin               Y.encodeStateAsUpdate(doc) at the end
//   state-v2.bin            Y.convertUpdateFormatV1ToV2(state)
//   merged.bin              yjs merge of all updates: chunks of 1,000, then the chunk results
//   merged-first20000.bin   Y.mergeUpdates(first 20,000 updates) in ONE call
//   half-sv.bin             Y.encodeStateVector(doc) after the first half of the patches
//   diff-state-half.bin     Y.diffUpdate(state, half-sv)
//   diff-merged-half.bin    Y.diffUpdate(merged, half-sv)
//   sv-state.bin            Y.encodeStateVectorFromUpdate(state)
//   sv-merged.bin           Y.encodeStateVectorFromUpdate(merged)
//   manifest.json           counts, sizes, sha-256 of every file, yjs version, timings
//
// Why merged.bin may stand in for a one-call merge of all 259,778 updates (yjs needs minutes for
// that single call: it re-sorts its list of input decoders for every struct it writes):
//  * All updates come from one client. Each holds that client's new structs for a contiguous
//    clock range (one Item per insert; a delete-only update holds no struct), and together they
//    tile [0, N) without gaps or overlaps. None contains a Skip or a GC (every transaction
//    either inserts or deletes, so nothing is inserted and collected in the same transaction).
//  * mergeUpdates writes each client's structs in clock order, Skips only for gaps, and joins
//    two adjacent structs only through mergeWith. Item.mergeWith requires `this.right === right`,
//    which never holds for Items read lazily from an update (their `right` is null), so every
//    Item is written exactly as read, whether in one call or chunk by chunk. Output: one client
//    section starting at clock 0 with all N Items in order, in both cases.
//  * The delete set is mergeDeleteSets(...) followed by sortAndMergeDeleteSet: per client, the
//    sorted, maximal ranges of the union of all ranges. The union does not depend on grouping.
// So both ways give the same bytes. The script checks this on the first 20,000 updates (one call
// vs. chunks) and aborts if it does not hold; merged-first20000.bin is also kept so the Java test
// can compare a one-call merge with a one-call merge directly.

import * as Y from 'yjs'
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { readFileSync, writeFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join, basename, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { writeLpb } from './lpb.mjs'

export const CHUNK = 1000
export const FIRST = 20000
export const CLIENT_ID = 3000000001 // >= 2^31: a 5-byte var-uint, as with yjs's random ids

/** yjs's merge of many updates: chunks of CHUNK merged, then the chunk results merged */
export const chunkedMerge = (updates) => {
  const parts = []
  for (let i = 0; i < updates.length; i += CHUNK) parts.push(Y.mergeUpdates(updates.slice(i, i + CHUNK)))
  return Y.mergeUpdates(parts)
}

const sameBytes = (a, b) => a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0

const main = () => {
  const [tracePath, outDir] = process.argv.slice(2)
  if (!tracePath || !outDir) {
    console.error('usage: node b4-updates.mjs <automerge-paper.json.gz> <output dir>')
    process.exit(2)
  }
  const t0 = performance.now()
  const trace = JSON.parse(gunzipSync(readFileSync(tracePath)).toString('utf8'))
  const patches = trace.txns.flatMap(t => t.patches)

  const doc = new Y.Doc()
  doc.clientID = CLIENT_ID
  const text = doc.getText('text')
  const updates = []
  doc.on('update', u => updates.push(u))
  const half = Math.floor(patches.length / 2)
  let halfSv = null
  for (let i = 0; i < patches.length; i++) {
    const [pos, del, ins] = patches[i]
    doc.transact(() => {
      if (del > 0) text.delete(pos, del)
      if (ins.length > 0) text.insert(pos, ins)
    })
    if (i + 1 === half) halfSv = Y.encodeStateVector(doc)
  }
  if (text.toString() !== trace.endContent) throw new Error('replayed text differs from endContent')
  const tReplay = performance.now()

  const state = Y.encodeStateAsUpdate(doc)
  const merged = chunkedMerge(updates)
  const tMerge = performance.now()
  const firstOneCall = Y.mergeUpdates(updates.slice(0, FIRST))
  const tFirst = performance.now()
  if (!sameBytes(firstOneCall, chunkedMerge(updates.slice(0, FIRST)))) {
    throw new Error(`one-call and chunked merges of the first ${FIRST} updates differ: merged.bin would not be a valid reference`)
  }

  const files = {
    'state.bin': state,
    'state-v2.bin': Y.convertUpdateFormatV1ToV2(state),
    'merged.bin': merged,
    'merged-first20000.bin': firstOneCall,
    'half-sv.bin': halfSv,
    'diff-state-half.bin': Y.diffUpdate(state, halfSv),
    'diff-merged-half.bin': Y.diffUpdate(merged, halfSv),
    'sv-state.bin': Y.encodeStateVectorFromUpdate(state),
    'sv-merged.bin': Y.encodeStateVectorFromUpdate(merged)
  }
  mkdirSync(outDir, { recursive: true })
  writeLpb(join(outDir, 'updates.lpb.gz'), updates)
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes)

  const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')
  const require = createRequire(import.meta.url)
  const manifest = {
    trace: basename(tracePath),
    patches: patches.length,
    updates: updates.length,
    updateBytes: updates.reduce((n, u) => n + u.length, 0),
    clientID: CLIENT_ID,
    halfAfterPatches: half,
    chunk: CHUNK,
    firstOneCall: FIRST,
    chunkedEqualsOneCallOnFirst: true,
    yjs: require('yjs/package.json').version,
    node: process.version,
    ms: {
      replay: Math.round(tReplay - t0),
      chunkedMergeAll: Math.round(tMerge - tReplay),
      oneCallMergeFirst20000: Math.round(tFirst - tMerge)
    },
    files: Object.fromEntries(Object.entries(files).map(([n, b]) => [n, { bytes: b.length, sha256: sha(b) }]))
  }
  manifest.files['updates.lpb.gz'] = { bytes: statSync(join(outDir, 'updates.lpb.gz')).size }
  // write-then-rename: a reader never sees a manifest for an incomplete set
  writeFileSync(join(outDir, 'manifest.json.tmp'), JSON.stringify(manifest, null, 2) + '\n')
  renameSync(join(outDir, 'manifest.json.tmp'), join(outDir, 'manifest.json'))
  console.log(JSON.stringify({ out: outDir, ...manifest.ms, updates: updates.length }))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main()
