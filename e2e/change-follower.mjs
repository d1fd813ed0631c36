// A follower of skein.doc.changes without Yjs: applies each change record to plain JSON (root
// texts kept as deltas, nested texts as strings, XML roots replaced by their new XML string).

function applyListDelta (list, delta) {
  let pos = 0
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain
    else if (op.delete !== undefined) list.splice(pos, op.delete)
    else { list.splice(pos, 0, ...op.insert); pos += op.insert.length }
  }
  return list
}

function applyStringDelta (s, delta) {
  let pos = 0
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain
    else if (op.delete !== undefined) s = s.slice(0, pos) + s.slice(pos + op.delete)
    else if (typeof op.insert === 'string') { s = s.slice(0, pos) + op.insert + s.slice(pos); pos += op.insert.length }
  }
  return s
}

const sameAttrs = (a, b) => JSON.stringify(a || {}) === JSON.stringify(b || {})

function applyTextDelta (textDelta, delta) {
  // one unit per character (or embed) with its attributes
  const units = []
  for (const op of textDelta) {
    if (typeof op.insert === 'string') for (const c of op.insert.split('')) units.push({ c, attrs: op.attributes || {} })
    else units.push({ c: op.insert, attrs: op.attributes || {} })
  }
  let pos = 0
  for (const op of delta) {
    if (op.retain !== undefined) {
      for (let i = 0; i < op.retain; i++, pos++) {
        if (op.attributes) {
          const attrs = { ...units[pos].attrs }
          for (const [k, v] of Object.entries(op.attributes)) { if (v === null) delete attrs[k]; else attrs[k] = v }
          units[pos] = { c: units[pos].c, attrs }
        }
      }
    } else if (op.delete !== undefined) {
      units.splice(pos, op.delete)
    } else if (typeof op.insert === 'string') {
      for (const c of op.insert.split('')) units.splice(pos++, 0, { c, attrs: op.attributes || {} })
    } else {
      units.splice(pos++, 0, { c: op.insert, attrs: op.attributes || {} })
    }
  }
  const out = []
  for (const u of units) {
    const last = out[out.length - 1]
    if (typeof u.c === 'string' && last && typeof last.insert === 'string' && sameAttrs(last.attributes, u.attrs)) {
      last.insert += u.c
    } else {
      const op = { insert: u.c }
      if (Object.keys(u.attrs).length > 0) op.attributes = u.attrs
      out.push(op)
    }
  }
  return out
}

export function applyChange (json, change) {
  for (const [name, root] of Object.entries(change.roots || {})) {
    if (root.type === 'xml') { json[name] = root.value; continue }
    if (!(name in json)) json[name] = root.type === 'map' ? {} : []
    for (const event of root.events) {
      let holder = json
      let key = name
      for (const step of event.path) { holder = holder[key]; key = step }
      const target = holder[key]
      if (event.keys) {
        for (const [k, c] of Object.entries(event.keys)) { if (c.action === 'delete') delete target[k]; else target[k] = c.value }
      }
      if (event.delta) {
        if (event.path.length === 0 && root.type === 'text') holder[key] = applyTextDelta(target, event.delta)
        else if (typeof target === 'string') holder[key] = applyStringDelta(target, event.delta)
        else applyListDelta(target, event.delta)
      }
    }
  }
}

/** The JSON a follower holds after the records (change-record values, in order), from `initial`. */
export function followChanges (records, initial = {}) {
  const json = initial
  for (const record of records) {
    for (const change of JSON.parse(record).changes) {
      if (change.reset) throw new Error('reset: ' + change.reason)
      applyChange(json, change)
    }
  }
  return json
}
