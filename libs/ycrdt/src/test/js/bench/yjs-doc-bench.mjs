#!/usr/bin/env node
// The yjs side of the B4 document benchmark (ycrdt: B4DocBenchmark, DocHeap): replay the trace
// as local transactions, apply every per-keystroke update to a fresh Y.Doc, load the full state,
// encode it, print the text; and the heap a loaded document holds.
//
// Usage: node --expose-gc yjs-doc-bench.mjs <b4 dir> <automerge-paper.json.gz> [--runs N] [--warmup N] [--only id,id]
// One JSON line per operation: median ms of `runs` runs after `warmup` untimed runs (a full GC
// before each timed run with --expose-gc). heap-loaded-doc: process.memoryUsage().heapUsed after
// a full GC with the document reachable, minus the same before loading it; median of 7 documents
// loaded one after the other and kept.

import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { readLpb } from './lpb.mjs'

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
const [dir, tracePath] = args
if (!dir || !tracePath) {
  console.error('usage: node --expose-gc yjs-doc-bench.mjs <b4 dir> <automerge-paper.json.gz>')
  process.exit(2)
}
const updates = readLpb(join(dir, 'updates.lpb.gz'))
const state = new Uint8Array(readFileSync(join(dir, 'state.bin')))
const patches = JSON.parse(gunzipSync(readFileSync(tracePath)).toString('utf8')).txns.flatMap(t => t.patches)
const version = createRequire(import.meta.url)('yjs/package.json').version
const CLIENT_ID = 3000000001

const loadState = () => { const d = new Y.Doc(); Y.applyUpdate(d, state); return d }
const loaded = loadState()

const OPS = [
  {
    id: 'replay-local',
    desc: `replay ${patches.length} patches as local transactions, every v1 update captured`,
    fast: false,
    fn: () => {
      const doc = new Y.Doc()
      doc.clientID = CLIENT_ID
      const text = doc.getText('text')
      const out = []
      doc.on('update', u => out.push(u))
      for (const [pos, del, ins] of patches) {
        doc.transact(() => {
          if (del > 0) text.delete(pos, del)
          if (ins.length > 0) text.insert(pos, ins)
        })
      }
      return out
    }
  },
  { id: 'apply-updates', desc: `apply ${updates.length} per-keystroke updates to a fresh Y.Doc`, fast: false, fn: () => { const d = new Y.Doc(); for (const u of updates) Y.applyUpdate(d, u); return d } },
  { id: 'load-state', desc: `load the full state (${state.length} B) into a fresh Y.Doc`, fast: true, fn: loadState },
  { id: 'encode-state', desc: 'Y.encodeStateAsUpdate of the loaded document', fast: true, fn: () => Y.encodeStateAsUpdate(loaded) },
  { id: 'text-to-string', desc: 'the loaded text as a string', fast: true, fn: () => loaded.getText('text').toString() }
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
  for (let i = 0; i < warmup; i++) op.fn()
  const times = []
  for (let i = 0; i < runs; i++) {
    if (globalThis.gc) globalThis.gc()
    const t0 = performance.now()
    op.fn()
    times.push(performance.now() - t0)
  }
  console.log(JSON.stringify({ impl: 'yjs', version, op: op.id, desc: op.desc, ms: round(median(times)), min: round(Math.min(...times)), max: round(Math.max(...times)), runs, warmup, node: process.version, gcBetweenRuns: Boolean(globalThis.gc) }))
}

if ((!only || only.split(',').includes('heap-loaded-doc')) && globalThis.gc) {
  const used = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed }
  for (let i = 0; i < 3; i++) loadState().getText('text').toString()
  const kept = []
  const mib = []
  for (let i = 0; i < 7; i++) {
    const before = used()
    const d = loadState()
    d.getText('text')
    kept.push(d)
    mib.push((used() - before) / (1024 * 1024))
  }
  console.log(JSON.stringify({ impl: 'yjs', version, op: 'heap-loaded-doc', mib: round(median(mib)), runs: mib.map(m => m.toFixed(2)).join(' '), docs: kept.length, node: process.version }))
}
