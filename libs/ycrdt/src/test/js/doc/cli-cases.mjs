#!/usr/bin/env node
// Inputs and yjs's expected outputs for the CLI's document commands (json, text, state), in one
// Node process: the final states of random document scenarios (all shared types, v1 and v2) and
// all of a scenario's updates in shuffled order as one .lpb stream (pending structs on the way).
//
// Usage: node doc/cli-cases.mjs <output dir> [--from S] [--count N]
// Writes per case NAME: NAME.bin|NAME.v2.bin|NAME.lpb (input), and the expected outputs
// NAME.json-typed (roots t/a/m/x typed), NAME.json-untyped, NAME.text, NAME.state; a manifest.json
// listing the cases comes last.

import * as Y from 'yjs'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Prng } from '../diff/prng.mjs'
import { writeLpb } from '../bench/lpb.mjs'
import { scenario } from './scenarios.mjs'

const args = process.argv.slice(2)
const dir = args[0]
const opt = (name, dflt) => { const i = args.indexOf(name); return i < 0 ? dflt : Number(args[i + 1]) }
const from = opt('--from', 1)
const count = opt('--count', 25)
mkdirSync(dir, { recursive: true })

const ROOT_ARGS = ['t=text', 'a=array', 'm=map', 'x=xml']
const json = (doc, typed) => {
  if (typed) { doc.getText('t'); doc.getArray('a'); doc.getMap('m'); doc.getXmlFragment('x') }
  const o = {}
  doc.share.forEach((type, name) => { o[name] = type.toJSON() })
  try {
    return JSON.stringify(o) + '\n'
  } catch (e) {
    return null // a BigInt: JSON.stringify throws, the CLI exits with an error
  }
}
const outputs = (name, updates, v2) => {
  const load = () => { const d = new Y.Doc(); for (const u of updates) v2 ? Y.applyUpdateV2(d, u) : Y.applyUpdate(d, u); return d }
  const typed = json(load(), true)
  const untyped = json(load(), false)
  if (typed !== null) writeFileSync(join(dir, name + '.json-typed'), typed)
  if (untyped !== null) writeFileSync(join(dir, name + '.json-untyped'), untyped)
  writeFileSync(join(dir, name + '.text'), load().getText('t').toString())
  const d = load()
  writeFileSync(join(dir, name + '.state'), v2 ? Y.encodeStateAsUpdateV2(d) : Y.encodeStateAsUpdate(d))
}

const cases = []
for (let seed = from; seed < from + count; seed++) {
  const sc = scenario(seed)
  const rng = new Prng(seed * 7919)
  sc.final.forEach((f, r) => {
    const name = `s${seed}r${r}`
    const state = new Uint8Array(Buffer.from(f.state, 'base64'))
    writeFileSync(join(dir, name + '.bin'), state)
    outputs(name, [state], false)
    cases.push({ name, input: name + '.bin', v2: false })
    if (r === 0) {
      const v2 = new Uint8Array(Buffer.from(f.stateV2, 'base64'))
      writeFileSync(join(dir, name + 'v2.v2.bin'), v2)
      outputs(name + 'v2', [v2], true)
      cases.push({ name: name + 'v2', input: name + 'v2.v2.bin', v2: true })
    }
  })
  const shuffled = rng.shuffle(sc.pool).map(b => new Uint8Array(Buffer.from(b, 'base64')))
  const name = `s${seed}all`
  writeLpb(join(dir, name + '.lpb.gz'), shuffled)
  outputs(name, shuffled, false)
  cases.push({ name, input: name + '.lpb.gz', v2: false })
}
writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ roots: ROOT_ARGS, cases }, null, 1) + '\n')
