#!/usr/bin/env node
// Formatting around deleted ranges, for ycrdt's FormattingGapDifferentialTest: yjs's deleteText
// removes the format marks inside the deleted range that the attributes at its start make
// redundant (cleanupFormattingGap). Those attributes come from a search marker when the text has
// one, and a marker starts with no attributes, so a mark ending a format inside the range can be
// dropped and the format then runs on into the text after the range. yjs switches markers off for
// a text once a format mark is integrated into it, but a root read as text only after formatted
// content was loaded into the document (what a server does: load the stored state, then look at
// its roots) still has them.
//
// Each case is one JSON line:
//   {"name", "loadFirst": true|false, "initial": "<base64 v1 update, or empty>",
//    "ops": [{"op":"insert","index","text","attributes"|null}, {"op":"delete","index","length"},
//            {"op":"format","index","length","attributes"}],
//    "deltas": [JSON of text.toDelta() after each op], "state": "<base64 v1 state at the end>"}
// The document has client id 2 and root text "t"; with loadFirst it applies `initial` before it
// reads the root as a text, else after. Every op is its own transaction.
//
// The named cases insert formatted text, delete a middle range and insert plain text where the
// deletion was; the random ones ("restore-SEED") edit like RestoreEdits in doc-service: a text
// loaded first, the version's middle inserted run by run with explicit attributes, then the old
// middle deleted.
//
// Usage: node doc/formatting-gap.mjs [--count N]

import * as Y from 'yjs'
import { Prng } from '../diff/prng.mjs'

const args = process.argv.slice(2)
const count = args[0] === '--count' ? Number(args[1]) : 300

const b64 = (u) => Buffer.from(u).toString('base64')

function apply (text, op) {
  switch (op.op) {
    case 'insert':
      if (op.attributes === null) text.insert(op.index, op.text)
      else text.insert(op.index, op.text, op.attributes)
      break
    case 'delete': text.delete(op.index, op.length); break
    case 'format': text.format(op.index, op.length, op.attributes); break
  }
}

/** Runs the ops on a fresh document (client 2) and prints the case. */
function emit (name, initial, loadFirst, ops) {
  const doc = new Y.Doc()
  doc.clientID = 2
  let text = null
  if (!loadFirst) text = doc.getText('t')
  if (initial.length > 0) Y.applyUpdate(doc, initial)
  if (loadFirst) text = doc.getText('t')
  const deltas = []
  for (const op of ops) {
    apply(text, op)
    deltas.push(JSON.stringify(text.toDelta()))
  }
  process.stdout.write(JSON.stringify({ name, loadFirst, initial: b64(initial), ops, deltas, state: b64(Y.encodeStateAsUpdate(doc)) }) + '\n')
}

/** "aaaa" "bbbb"(bold) "cccc" written by client 1, the bold run formatted in place or inserted bold. */
function threeRuns (formatAfter) {
  const doc = new Y.Doc()
  doc.clientID = 1
  const t = doc.getText('t')
  if (formatAfter) {
    t.insert(0, 'aaaabbbbcccc')
    t.format(4, 4, { bold: true })
  } else {
    t.insert(0, 'aaaa', {})
    t.insert(4, 'bbbb', { bold: true })
    t.insert(8, 'cccc', {})
  }
  return Y.encodeStateAsUpdate(doc)
}

const insert = (index, text, attributes) => ({ op: 'insert', index, text, attributes })
const del = (index, length) => ({ op: 'delete', index, length })

// written in the document itself: insert formatted, delete across the bold run's end, insert plain there
for (const plain of [{}, null]) {
  emit(`local-${plain === null ? 'inherit' : 'plain'}`, new Uint8Array(0), false,
    [insert(0, 'aaaa', {}), insert(4, 'bbbb', { bold: true }), insert(8, 'cccc', {}), del(6, 4), insert(6, 'X', plain)])
}
// loaded, then the same deletion and insert, the root read as a text before and after loading
for (const formatAfter of [false, true]) {
  for (const loadFirst of [false, true]) {
    for (const plain of [{}, null]) {
      emit(`loaded-${formatAfter ? 'formatted' : 'inserted'}-${loadFirst ? 'text-after' : 'text-before'}-${plain === null ? 'inherit' : 'plain'}`,
        threeRuns(formatAfter), loadFirst, [del(6, 4), insert(6, 'X', plain)])
    }
  }
  // the restore's order: plain text inserted at the start of the range first, then the range deleted
  emit(`loaded-${formatAfter ? 'formatted' : 'inserted'}-insert-then-delete`, threeRuns(formatAfter), true,
    [insert(6, 'X', {}), del(7, 4)])
}

const WORDS = ['a', 'bc', 'def', 'ghij', 'é']
const ATTRS = [{}, { bold: true }, { italic: true }, { bold: true, italic: true }]

function randomEdits (rng, text, n) {
  for (let i = 0; i < n; i++) {
    const len = text.length
    const k = rng.int(0, 2)
    if (k === 0 || len < 3) {
      text.insert(rng.int(0, len), rng.pick(WORDS), rng.pick(ATTRS))
    } else if (k === 1) {
      const at = rng.int(0, len - 2)
      text.delete(at, rng.int(1, Math.min(3, len - at - 1)))
    } else {
      const at = rng.int(0, len - 2)
      text.format(at, rng.int(1, len - at - 1), { [rng.pick(['bold', 'italic'])]: rng.bool(0.3) ? null : true })
    }
  }
}

/** The text as units: one per character with its attributes as canonical JSON. */
function units (text) {
  const out = []
  for (const op of text.toDelta()) {
    const attributes = op.attributes || {}
    const key = JSON.stringify(Object.keys(attributes).sort().map((k) => [k, attributes[k]]))
    for (const c of op.insert) out.push({ c, key, attributes })
  }
  return out
}

for (let seed = 1; seed <= count; seed++) {
  const rng = new Prng(seed)
  const author = new Y.Doc()
  author.clientID = 1
  const text = author.getText('t')
  randomEdits(rng, text, rng.int(4, 10))
  const version = units(text)
  randomEdits(rng, text, rng.int(2, 8))
  const current = units(text)
  const same = (a, b) => a.c === b.c && a.key === b.key
  let prefix = 0
  const shorter = Math.min(current.length, version.length)
  while (prefix < shorter && same(current[prefix], version[prefix])) prefix++
  let suffix = 0
  while (suffix < shorter - prefix && same(current[current.length - 1 - suffix], version[version.length - 1 - suffix])) suffix++
  const ops = []
  let index = prefix
  for (let i = prefix; i < version.length - suffix;) {
    const first = version[i]
    let run = ''
    while (i < version.length - suffix && version[i].key === first.key) run += version[i++].c
    ops.push(insert(index, run, first.attributes))
    index += run.length
  }
  const removed = current.length - prefix - suffix
  if (removed > 0) ops.push(del(index, removed))
  if (ops.length > 0) emit(`restore-${seed}`, Y.encodeStateAsUpdate(author), true, ops)
}
