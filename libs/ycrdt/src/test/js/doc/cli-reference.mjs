#!/usr/bin/env node
// What the ycrdt CLI's document commands print, computed with yjs: the reference for the CLI
// test, and the yjs side of the CLI timings.
//
// Usage: node doc/cli-reference.mjs json|text|state|merge [--v2] [--root NAME[=text|array|map|xml]]... [-o OUT] INPUT...
//   json   apply every update to a Y.Doc, print JSON.stringify({ root: root.toJSON(), ... }) for
//          every root in doc.share order (roots named with --root get that type first)
//   text   the text of Y.Text root NAME (default "text"), nothing added
//   state  Y.encodeStateAsUpdate(doc) (gc on), to OUT or stdout
//   merge  yjs's merge of every update: chunks of 1,000, then the chunk results (a single
//          mergeUpdates call over hundreds of thousands of updates does not finish in minutes)
// An INPUT is an update file, or a *.lpb / *.lpb.gz stream (../bench/lpb.mjs).

import * as Y from 'yjs'
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

const args = process.argv.slice(2)
const command = args.shift()
let v2 = false
let out = null
const roots = []
const inputs = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--v2') v2 = true
  else if (args[i] === '-o') out = args[++i]
  else if (args[i] === '--root') roots.push(args[++i])
  else inputs.push(args[i])
}

const readInput = (path) => {
  if (!/\.lpb(\.gz)?$/.test(path)) return [new Uint8Array(readFileSync(path))]
  let buf = readFileSync(path)
  if (path.endsWith('.gz')) buf = gunzipSync(buf)
  const res = []
  for (let pos = 0; pos < buf.length;) {
    const len = buf.readUInt32BE(pos)
    res.push(new Uint8Array(buf.subarray(pos + 4, pos + 4 + len)))
    pos += 4 + len
  }
  return res
}
const updates = inputs.flatMap(readInput)
const emit = (bytes) => out ? writeFileSync(out, bytes) : process.stdout.write(bytes)

if (command === 'merge') {
  const merge = v2 ? Y.mergeUpdatesV2 : Y.mergeUpdates
  const parts = []
  for (let i = 0; i < updates.length; i += 1000) parts.push(merge(updates.slice(i, i + 1000)))
  emit(merge(parts))
} else {
  const doc = new Y.Doc()
  for (const u of updates) v2 ? Y.applyUpdateV2(doc, u) : Y.applyUpdate(doc, u)
  if (command === 'json') {
    for (const r of roots) {
      const [name, kind] = [r.slice(0, r.lastIndexOf('=')), r.slice(r.lastIndexOf('=') + 1)]
      if (kind === 'text') doc.getText(name)
      else if (kind === 'array') doc.getArray(name)
      else if (kind === 'map') doc.getMap(name)
      else doc.getXmlFragment(name)
    }
    const o = {}
    doc.share.forEach((type, name) => { o[name] = type.toJSON() })
    process.stdout.write(JSON.stringify(o) + '\n')
  } else if (command === 'text') {
    process.stdout.write(doc.getText(roots.length > 0 ? roots[roots.length - 1] : 'text').toString())
  } else if (command === 'state') {
    emit(v2 ? Y.encodeStateAsUpdateV2(doc) : Y.encodeStateAsUpdate(doc))
  } else {
    console.error('unknown command ' + command)
    process.exit(2)
  }
}
