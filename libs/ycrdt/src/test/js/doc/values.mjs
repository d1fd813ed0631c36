// Value descriptions shared by the document scenarios and the Java side.
//
// An operation's values are generated as JSON-safe descriptions; both sides build their values
// from the same description (dec here, the Java test's builder there), so both replay exactly
// the same input. Non-JSON values are tagged objects:
//   {"$u":1} undefined   {"$n":"NaN"|"Infinity"|"-Infinity"|"-0"}   {"$b":base64} Uint8Array
//   {"$i":"123"} BigInt  {"$d":{guid, opts}} subdocument
//   {"$t":"text"|"xmltext", init?}  {"$t":"array", init?:[..]}  {"$t":"map"|"xmlhook", name?, init?:{..}}
//   {"$t":"xmlel", name, attrs?:{..}, children?:[..]}
// Generated plain objects never have keys starting with "$".
// Output values (events, deltas) are encoded with enc(), which also tags shared types and docs.

import * as Y from 'yjs'

export const b64 = (u) => Buffer.from(u).toString('base64')

/** description -> JavaScript value (shared types are new, not yet integrated) */
export const dec = (d) => {
  if (d === null || typeof d !== 'object') return d
  if (Array.isArray(d)) return d.map(dec)
  if ('$u' in d) return undefined
  if ('$n' in d) return d.$n === '-0' ? -0 : Number(d.$n)
  if ('$b' in d) return new Uint8Array(Buffer.from(d.$b, 'base64'))
  if ('$i' in d) return BigInt(d.$i)
  if ('$d' in d) return new Y.Doc({ guid: d.$d.guid, ...d.$d.opts })
  if ('$t' in d) {
    switch (d.$t) {
      case 'text': return new Y.Text(d.init)
      case 'xmltext': return new Y.XmlText(d.init)
      case 'array': { const a = new Y.Array(); if (d.init) a.insert(0, d.init.map(dec)); return a }
      case 'map': { const m = new Y.Map(); if (d.init) for (const [k, v] of Object.entries(d.init)) m.set(k, dec(v)); return m }
      case 'xmlhook': { const h = new Y.XmlHook(d.name); if (d.init) for (const [k, v] of Object.entries(d.init)) h.set(k, dec(v)); return h }
      case 'xmlel': {
        const e = new Y.XmlElement(d.name)
        if (d.attrs) for (const [k, v] of Object.entries(d.attrs)) e.setAttribute(k, dec(v))
        if (d.children) e.insert(0, d.children.map(dec))
        return e
      }
    }
    throw new Error('unknown type description ' + d.$t)
  }
  const o = {}
  for (const [k, v] of Object.entries(d)) o[k] = dec(v)
  return o
}

const typeName = (t) => t instanceof Y.XmlText ? 'YXmlText' : t instanceof Y.Text ? 'YText'
  : t instanceof Y.XmlHook ? 'YXmlHook' : t instanceof Y.Map ? 'YMap' : t instanceof Y.Array ? 'YArray'
    : t instanceof Y.XmlElement ? 'YXmlElement' : t instanceof Y.XmlFragment ? 'YXmlFragment' : 'AbstractType'

/** JavaScript value -> JSON-safe encoding (for comparing event payloads) */
export const enc = (v) => {
  if (v === undefined) return { $u: 1 }
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { $n: Object.is(v, -0) ? '-0' : String(v) }
  if (typeof v === 'bigint') return { $i: v.toString() }
  if (v instanceof Uint8Array) return { $b: b64(v) }
  if (v instanceof Y.AbstractType) return { $type: typeName(v) }
  if (v instanceof Y.Doc) return { $doc: v.guid }
  if (Array.isArray(v)) return v.map(enc)
  const o = {}
  for (const k of Object.keys(v)) o[k] = enc(v[k])
  return o
}
