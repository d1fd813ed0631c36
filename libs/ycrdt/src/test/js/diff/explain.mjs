#!/usr/bin/env node
// Decodes the bytes of a failing differential case (written by the Java tests to
// target/differential/failures/seed-*/case-*/) with yjs and prints yjs's and ycrdt's results
// struct by struct, followed by a line diff, so a byte mismatch can be traced to a struct.
//
// Usage: node explain.mjs <case-dir> [<case-dir> ...]

import * as Y from 'yjs'
import { readFileSync, existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const show = (v) => {
  if (v === undefined) return 'undefined'
  if (typeof v === 'bigint') return `${v}n`
  if (v instanceof Uint8Array) return `Uint8Array[${Array.from(v).join(',')}]`
  if (typeof v === 'number' && Object.is(v, -0)) return '-0'
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v)
    const p = proto !== Object.prototype ? `(proto ${proto === null ? 'null' : show(proto)})` : ''
    return `{${Object.keys(v).map(k => `${JSON.stringify(k)}:${show(v[k])}`).join(',')}}${p}`
  }
  return JSON.stringify(v)
}

const id = (x) => x === null ? '-' : `${x.client}:${x.clock}`

const describeContent = (c) => {
  switch (c.constructor) {
    case Y.ContentString: return `String ${JSON.stringify(c.str)}`
    case Y.ContentDeleted: return `Deleted ${c.len}`
    case Y.ContentAny: return `Any ${show(c.arr)}`
    case Y.ContentJSON: return `JSON ${show(c.arr)}`
    case Y.ContentBinary: return `Binary ${show(c.content)}`
    case Y.ContentEmbed: return `Embed ${show(c.embed)}`
    case Y.ContentFormat: return `Format ${JSON.stringify(c.key)}=${show(c.value)}`
    case Y.ContentDoc: return `Doc guid=${JSON.stringify(c.doc.guid)} opts=${show(c.opts)}`
    case Y.ContentType: {
      const t = c.type
      const name = t.nodeName !== undefined ? ` ${JSON.stringify(t.nodeName)}` : t.hookName !== undefined ? ` hook ${JSON.stringify(t.hookName)}` : ''
      return `Type ${t.constructor.name}${name}`
    }
    default: return c.constructor.name
  }
}

/** one line per struct and per delete range; null when yjs cannot decode the bytes */
export const listing = (bytes, fmt) => {
  if (fmt === 'sv') {
    try {
      return Array.from(Y.decodeStateVector(bytes).entries()).map(([c, k]) => `sv ${c}:${k}`)
    } catch (e) {
      return [`(not a state vector: ${e.message})`]
    }
  }
  let d
  try {
    d = fmt === 'v2' ? Y.decodeUpdateV2(bytes) : Y.decodeUpdate(bytes)
  } catch (e) {
    return [`(yjs cannot decode this as ${fmt}: ${e.message})`]
  }
  const lines = []
  for (const s of d.structs) {
    const head = `${id(s.id)} len ${s.length}`
    if (s.constructor === Y.GC) lines.push(`${head} GC`)
    else if (s.constructor === Y.Skip) lines.push(`${head} Skip`)
    else {
      const parent = s.parent === null ? '' : ` parent=${typeof s.parent === 'string' ? JSON.stringify(s.parent) : id(s.parent)}`
      const sub = s.parentSub === null ? '' : ` sub=${JSON.stringify(s.parentSub)}`
      lines.push(`${head} Item origin=${id(s.origin)} right=${id(s.rightOrigin)}${parent}${sub} ${describeContent(s.content)}`)
    }
  }
  const clients = Array.from(d.ds.clients.entries())
  for (const [client, dels] of clients) {
    lines.push(`ds ${client}: ${dels.map(x => `[${x.clock},+${x.len}]`).join(' ')}`)
  }
  return lines
}

/** a plain longest-common-subsequence line diff, enough for listings of a few thousand lines */
const lineDiff = (a, b) => {
  const n = a.length
  const m = b.length
  if (n * m > 25e6) return ['(listings too long to diff)']
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1])
    }
  }
  const out = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++
      j++
    } else if (j < m && (i === n || dp[i][j + 1] >= dp[i + 1][j])) {
      out.push(`+ ycrdt: ${b[j++]}`)
    } else {
      out.push(`- yjs  : ${a[i++]}`)
    }
  }
  return out
}

const explain = (dir) => {
  const meta = Object.fromEntries(readFileSync(join(dir, 'case.txt'), 'utf8').split('\n').filter(Boolean)
    .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
  console.log(`=== ${dir}\n${meta.kind} (seed ${meta.seed}, case ${meta.case})\n${meta.message}`)
  for (const f of readdirSync(dir).filter(f => f.startsWith('in-')).sort()) {
    const key = f.replace('.bin', '')
    console.log(`\n--- input ${key}: ${meta[key] || ''}`)
    for (const l of listing(new Uint8Array(readFileSync(join(dir, f))), meta.inFormat)) console.log('  ' + l)
  }
  if (existsSync(join(dir, 'sv.bin'))) {
    console.log('\n--- state vector')
    for (const l of listing(new Uint8Array(readFileSync(join(dir, 'sv.bin'))), 'sv')) console.log('  ' + l)
  }
  const yjsPath = join(dir, 'yjs.bin')
  const ycrdtPath = join(dir, 'ycrdt.bin')
  if (existsSync(yjsPath) && existsSync(ycrdtPath)) {
    const a = listing(new Uint8Array(readFileSync(yjsPath)), meta.outFormat)
    const b = listing(new Uint8Array(readFileSync(ycrdtPath)), meta.outFormat)
    console.log('\n--- yjs result')
    for (const l of a) console.log('  ' + l)
    const d = lineDiff(a, b)
    console.log('\n--- ycrdt result vs yjs (struct level)')
    if (d.length === 0) console.log('  identical after decoding: the bytes differ in encoding only (info bits, Any/JSON form, v2 columns, var-int form)')
    for (const l of d) console.log('  ' + l)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const dir of process.argv.slice(2)) explain(dir)
}
