// Prints a Markdown table of ycrdt's JMH scores next to yjs's medians for the same B4 operations.
// Usage: node compare.mjs jmh.json yjs.jsonl [ycrdt-heap.jsonl]
import { readFileSync } from 'node:fs'
import os from 'node:os'

const [jmhFile, yjsFile, heapFile] = process.argv.slice(2)
const jmh = JSON.parse(readFileSync(jmhFile, 'utf8'))
const yjs = Object.fromEntries(readFileSync(yjsFile, 'utf8').trim().split('\n').map(l => JSON.parse(l)).map(r => [r.op, r]))

// JMH method -> [description, yjs op]
const rows = [
  ['decodeState', 'decode the full state (311,038 B)', 'decode-state'],
  ['mergeAllUpdates', 'merge all 259,778 per-keystroke updates, one call (yjs: chunks of 1,000, then the chunks)', 'merge-all-chunked'],
  ['mergeAndCompactAllUpdates', 'merge + compact all updates (yjs: load all into a Y.Doc, encode its state)', 'load-all-and-encode'],
  ['diffStateAgainstHalfStateVector', 'diffUpdate(full state, state vector at half)', 'diff-state-half'],
  ['stateVectorFromState', 'encodeStateVectorFromUpdate(full state)', 'sv-from-state'],
  ['convertStateV1ToV2', 'convert the full state v1 → v2', 'v1-to-v2-state'],
  ['convertStateV2ToV1', 'convert the full state v2 → v1', null],
  ['replayAsLocalTransactions', 'document: replay 259,778 ops as local transactions (v1 update of each captured)', 'replay-local'],
  ['applyAllUpdates', 'document: apply the 259,778 per-op updates to a fresh doc (a server replica)', 'apply-updates'],
  ['loadState', 'document: load the full state (311,038 B) into a fresh doc', 'load-state'],
  ['encodeState', 'document: encodeStateAsUpdate of the loaded doc', 'encode-state'],
  ['textToString', 'document: the loaded text as a string', 'text-to-string']
]
const fmt = x => x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; yjs ${Object.values(yjs)[0]?.version}, Node ${process.version}`)
console.log('')
console.log('| operation on B4 | yjs ms (median) | ycrdt ms (JMH avg ± error) | ycrdt ms (median iteration) | yjs / ycrdt (medians) |')
console.log('|---|---:|---:|---:|---:|')
for (const [method, desc, op] of rows) {
  const r = jmh.find(b => b.benchmark.endsWith('.' + method))
  if (!r) continue
  const ours = r.primaryMetric.score
  const err = r.primaryMetric.scoreError
  const theirs = op && yjs[op] ? yjs[op].ms : null
  const med = r.primaryMetric.scorePercentiles['50.0']
  console.log(`| ${desc} | ${theirs === null ? '—' : fmt(theirs)} | ${fmt(ours)} ± ${fmt(Number.isFinite(err) ? err : 0)} | ${fmt(med)} | ${theirs === null ? '—' : (theirs / med).toFixed(1) + '×'} |`)
}
if (heapFile) {
  const lines = readFileSync(heapFile, 'utf8').trim().split('\n').filter(l => l)
  const ours = lines.map(l => JSON.parse(l)).find(r => r.op === 'heap-loaded-doc')
  const theirs = yjs['heap-loaded-doc']
  if (ours && theirs) {
    console.log('')
    console.log('| heap held by the loaded document (median of 7, after full GC) | yjs MiB (JS heap) | ycrdt MiB (Java heap) |')
    console.log('|---|---:|---:|')
    console.log(`| B4 full state loaded | ${theirs.mib.toFixed(2)} | ${ours.mib.toFixed(2)} |`)
  }
}
