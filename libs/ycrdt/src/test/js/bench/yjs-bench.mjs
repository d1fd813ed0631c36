#!/usr/bin/env node
// The yjs side of the B4 update-algebra benchmark: times yjs on the inputs that
// b4-updates.mjs wrote (run that first, or the B4DifferentialTest, which writes target/b4).
// Prints one JSON line per operation; a wrapper puts these next to ycrdt's JMH numbers.
//
// Usage: node [--expose-gc] yjs-bench.mjs <b4 dir> [--runs N] [--warmup N] [--only id,id]
//   default dir: ../../../../target/b4 (libs/ycrdt/target/b4)
//   --runs / --warmup override the per-operation defaults (slow operations run fewer times)
//
// Each operation runs `warmup` times untimed (JIT), then `runs` times; the line reports the
// median (ms) and min/max. With --expose-gc a full GC runs before every timed run so that one
// run's garbage is not collected during the next.

import * as Y from 'yjs'
import { readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { readLpb } from './lpb.mjs'
import { chunkedMerge, FIRST, CHUNK } from './b4-updates.mjs'

const args = process.argv.slice(2)
const opt = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return null
  const v = args[i + 1]
  args.splice(i, 2)
  return v
}
const runsOverride = opt('--runs')
const warmupOverride = opt('--warmup')
const only = opt('--only')
const dir = args[0] || join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'target', 'b4')
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`no B4 inputs in ${dir}: run node b4-updates.mjs <automerge-paper.json.gz> ${dir} first`)
  process.exit(2)
}

const updates = readLpb(join(dir, 'updates.lpb.gz'))
const bin = (name) => new Uint8Array(readFileSync(join(dir, name)))
const state = bin('state.bin')
const halfSv = bin('half-sv.bin')
const first = updates.slice(0, FIRST)
const version = createRequire(import.meta.url)('yjs/package.json').version

const OPS = [
  { id: 'decode-state', desc: 'Y.decodeUpdate(final state)', input: state.length, fn: () => Y.decodeUpdate(state), fast: true },
  { id: 'merge-all-chunked', desc: `Y.mergeUpdates of ${updates.length} updates: chunks of ${CHUNK}, then the chunk results`, input: updates.length, fn: () => chunkedMerge(updates), fast: false },
  { id: 'merge-first20000-onecall', desc: `Y.mergeUpdates(first ${FIRST} updates) in one call`, input: first.length, fn: () => Y.mergeUpdates(first), fast: false },
  { id: 'diff-state-half', desc: 'Y.diffUpdate(final state, half-way state vector)', input: state.length, fn: () => Y.diffUpdate(state, halfSv), fast: true },
  { id: 'sv-from-state', desc: 'Y.encodeStateVectorFromUpdate(final state)', input: state.length, fn: () => Y.encodeStateVectorFromUpdate(state), fast: true },
  // what yjs offers for compaction: load every update into a document, then encode its state
  { id: 'load-all-and-encode', desc: `apply all ${updates.length} updates to a new Y.Doc (one transaction), then Y.encodeStateAsUpdate`, input: updates.length, fn: () => { const d = new Y.Doc(); d.transact(() => { for (const u of updates) Y.applyUpdate(d, u) }); const out = Y.encodeStateAsUpdate(d); d.destroy(); return out }, fast: false },
  { id: 'v1-to-v2-state', desc: 'Y.convertUpdateFormatV1ToV2(final state)', input: state.length, fn: () => Y.convertUpdateFormatV1ToV2(state), fast: true }
]

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const round = (x) => Math.round(x * 1000) / 1000

for (const op of OPS) {
  if (only && !only.split(',').includes(op.id)) continue
  const warmup = warmupOverride !== null ? Number(warmupOverride) : op.fast ? 5 : 1
  const runs = runsOverride !== null ? Number(runsOverride) : op.fast ? 15 : 3
  let out = null
  for (let i = 0; i < warmup; i++) out = op.fn()
  const times = []
  for (let i = 0; i < runs; i++) {
    if (globalThis.gc) globalThis.gc()
    const t0 = performance.now()
    out = op.fn()
    times.push(performance.now() - t0)
  }
  console.log(JSON.stringify({
    impl: 'yjs',
    version,
    op: op.id,
    desc: op.desc,
    ms: round(median(times)),
    min: round(Math.min(...times)),
    max: round(Math.max(...times)),
    runs,
    warmup,
    input: op.input,
    outputBytes: out instanceof Uint8Array ? out.length : undefined,
    node: process.version,
    gcBetweenRuns: Boolean(globalThis.gc)
  }))
}
