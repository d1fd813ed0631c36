// Checks that compacted updates load into a yjs document equal to one loaded from the originals.
//
// Input (file argument): JSON lines {name, v2, originals: [base64...], compacted: base64}.
// Output (stdout): JSON lines {name, ok, checked, reason?}. "checked" is false when yjs itself
// cannot load the originals (hand-crafted updates may be unloadable); such cases prove nothing.
//
// The reference document is loaded from yjs's own merge of the originals (compaction's input);
// loading the originals one by one can differ from their merge already, e.g. where one update
// holds an item and another a garbage-collected range for the same ids.
//
// Two documents are equal here when, id by id, they hold the same thing: the same struct kind,
// deleted state, content element, origin, right origin, resolved parent and map key — which is
// "the same item structure up to splitting" — plus the same state vector, delete set, and the
// same pending (not yet integrable) structs and deletions.
import * as Y from 'yjs'
import { readFileSync } from 'fs'

const idStr = id => id === null ? null : `${id.client}:${id.clock}`

const parentName = (doc, type) => {
  if (type === null || type === undefined) return null
  if (type._item) return idStr(type._item.id)
  for (const [k, v] of doc.share) if (v === type) return 'root:' + k
  return 'unknown'
}

/** JSON.stringify cannot show every Any value; these stand-ins keep the comparison exact. */
const anyReplacer = (k, v) => v instanceof Uint8Array ? 'bytes:' + Array.from(v) : v === undefined ? '__undef' : typeof v === 'bigint' ? 'bigint:' + v : v

const contentAt = (content, i) => {
  switch (content.constructor) {
    case Y.ContentString: return 's:' + content.str[i]
    case Y.ContentDeleted: return 'deleted'
    case Y.ContentAny: return 'a:' + JSON.stringify(content.arr[i], anyReplacer)
    case Y.ContentJSON: return 'j:' + JSON.stringify(content.arr[i])
    case Y.ContentBinary: return 'b:' + Buffer.from(content.content).toString('hex')
    case Y.ContentEmbed: return 'e:' + JSON.stringify(content.embed, anyReplacer)
    case Y.ContentFormat: return 'f:' + content.key + '=' + JSON.stringify(content.value, anyReplacer)
    case Y.ContentType: return 't:' + content.type.constructor.name + ':' + (content.type.nodeName || content.type.hookName || '')
    case Y.ContentDoc: return 'd:' + content.doc.guid + JSON.stringify(content.opts, anyReplacer)
    default: return '?' + content.constructor.name
  }
}

/** One entry per id of a document's integrated structs. */
const unitsOfDoc = doc => {
  const units = []
  const clients = Array.from(doc.store.clients.keys()).sort((a, b) => a - b)
  for (const client of clients) {
    for (const s of doc.store.clients.get(client)) {
      for (let i = 0; i < s.length; i++) {
        const id = `${client}:${s.id.clock + i}`
        if (s.constructor === Y.GC) { units.push(id + ' gc'); continue }
        const origin = i === 0 ? idStr(s.origin) : `${client}:${s.id.clock + i - 1}`
        // deleted content is gone after garbage collection; only the fact of deletion is compared
        const content = s.deleted ? (s.content.constructor === Y.ContentType ? contentAt(s.content, i) : 'deleted') : contentAt(s.content, i)
        units.push([id, s.deleted ? 'D' : '-', content, origin, idStr(s.rightOrigin), parentName(doc, s.parent), s.parentSub].join(' '))
      }
    }
  }
  return units
}

/** One entry per id of an update's structs (for pending structs, which are not integrated). */
const unitsOfUpdateV2 = (update, deleted) => {
  if (update === null) return []
  const { structs } = Y.decodeUpdateV2(update)
  const units = []
  for (const s of structs) {
    for (let i = 0; i < s.length; i++) {
      const id = `${s.id.client}:${s.id.clock + i}`
      if (s.constructor !== Y.Item) { units.push(id + ' ' + s.constructor.name); continue }
      const origin = i === 0 ? idStr(s.origin) : `${s.id.client}:${s.id.clock + i - 1}`
      // a unit with an origin takes parent and key from it when integrated; only the first unit of
      // a struct without origins carries them
      const ownsParent = origin === null && s.rightOrigin === null
      const isDel = deleted(s.id.client, s.id.clock + i)
      const content = isDel && s.content.constructor !== Y.ContentType && s.content.constructor !== Y.ContentDoc ? 'deleted' : contentAt(s.content, i)
      const parent = !ownsParent ? null : typeof s.parent === 'string' ? 'root:' + s.parent : s.parent ? idStr(s.parent) : null
      units.push([id, content, origin, idStr(s.rightOrigin), parent, ownsParent ? s.parentSub : null].join(' '))
    }
  }
  return units.sort()
}

const dsEntries = ds => {
  const out = []
  for (const [client, items] of ds.clients) for (const it of items) for (let c = it.clock; c < it.clock + it.len; c++) out.push(`${client}:${c}`)
  return out.sort()
}

const load = (updates, v2) => {
  const doc = new Y.Doc({ gc: true })
  for (const u of updates) (v2 ? Y.applyUpdateV2 : Y.applyUpdate)(doc, u)
  return doc
}

const describe = (doc, deleted) => ({
  sv: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
  units: unitsOfDoc(doc),
  ds: dsEntries(Y.createDeleteSetFromStructStore(doc.store)),
  pendingMissing: doc.store.pendingStructs ? JSON.stringify(Array.from(doc.store.pendingStructs.missing).sort()) : null,
  pendingUnits: unitsOfUpdateV2(doc.store.pendingStructs ? doc.store.pendingStructs.update : null, deleted),
  pendingDs: doc.store.pendingDs ? dsEntries(Y.decodeUpdateV2(doc.store.pendingDs).ds) : []
})

const firstDifference = (a, b) => {
  for (const k of Object.keys(a)) {
    const x = JSON.stringify(a[k]); const y = JSON.stringify(b[k])
    if (x !== y) {
      if (Array.isArray(a[k])) {
        const i = a[k].findIndex((v, j) => v !== b[k][j])
        return `${k} differs at ${i}: ${a[k][i]} vs ${b[k][i]} (lengths ${a[k].length}/${b[k].length})`
      }
      return `${k} differs: ${x.slice(0, 200)} vs ${y.slice(0, 200)}`
    }
  }
  return null
}

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l.length > 0)
for (const line of lines) {
  const c = JSON.parse(line)
  const originals = c.originals.map(s => new Uint8Array(Buffer.from(s, 'base64')))
  const compacted = new Uint8Array(Buffer.from(c.compacted, 'base64'))
  // the reference is what compaction received: yjs's own merge of the originals
  const merged = c.v2 ? Y.mergeUpdatesV2(originals) : Y.mergeUpdates(originals)
  let a
  try {
    a = load([merged], c.v2)
  } catch (e) {
    console.log(JSON.stringify({ name: c.name, ok: true, checked: false, reason: 'yjs cannot load the originals: ' + e.message }))
    continue
  }
  // ids the originals delete, so that pending (unintegrated) deleted content compares as deleted
  const ds = (c.v2 ? Y.decodeUpdateV2 : Y.decodeUpdate)(merged).ds
  const deleted = (client, clock) => (ds.clients.get(client) || []).some(d => clock >= d.clock && clock < d.clock + d.len)
  let result
  try {
    const b = load([compacted], c.v2)
    const diff = firstDifference(describe(a, deleted), describe(b, deleted))
    result = { name: c.name, ok: diff === null, checked: true, reason: diff || undefined }
  } catch (e) {
    result = { name: c.name, ok: false, checked: true, reason: 'yjs cannot load the compacted update: ' + e.message }
  }
  console.log(JSON.stringify(result))
}
