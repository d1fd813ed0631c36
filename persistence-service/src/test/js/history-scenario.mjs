// The yjs side of persistence-service's history tests.
//
//   node history-scenario.mjs generate SEED COUNT OUT [split]
//       three replicas (alice, bob, carol) edit a text (with formatting), a map, an array and an XML
//       fragment at random, sometimes concurrently; writes every update in the order it was sent,
//       one JSON line each: {"principal":"alice","update":"<base64 v1>"}. Edits never cut a
//       surrogate pair (an emoji) unless "split" is given: yjs replaces both halves of a cut pair
//       by U+FFFD in every document that holds it, so afterwards even yjs's own snapshots show
//       U+FFFD where the pair was before the cut.
//   node history-scenario.mjs replay IN CUT...
//       for each CUT (a number of updates), prints one line: JSON.stringify of what a fresh yjs
//       document shows after applying the first CUT updates of IN:
//       {"text": text.toJSON(), "map": …, "array": …, "xml": xml.toJSON()}
//   node history-scenario.mjs restore IN CUT...
//       the same from yjs's own history: Y.createDocFromSnapshot of a gc:false document holding
//       every update of IN, at the snapshot of the first CUT updates
//   node history-scenario.mjs load IN
//       IN holds one base64 Yjs v1 update per line (versions as persistence-service serves them);
//       for each, one line: the JSON (as replay prints it) of a fresh yjs document that applied it
//   node history-scenario.mjs diff IN FROM TO [FROM TO]...
//       for each pair of cuts, one line: JSON.stringify of the text root's
//       toDelta(snapshot(TO), snapshot(FROM), (type, id) => ({ type, user: id.client })) on a
//       gc:false document holding every update of IN (how y-prosemirror shows a version's changes)
import * as Y from 'yjs'
import { readFileSync, writeFileSync } from 'node:fs'

const [command, ...args] = process.argv.slice(2)

/** A small deterministic generator (mulberry32), so a seed always gives the same session. */
function random (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function roots (doc) {
  return {
    text: doc.getText('text'),
    map: doc.getMap('map'),
    array: doc.getArray('array'),
    xml: doc.getXmlFragment('xml')
  }
}

/** Moves an index off the middle of a surrogate pair of {@code str}. */
function whole (str, index) {
  const c = str.charCodeAt(index - 1)
  return index > 0 && index < str.length && c >= 0xD800 && c <= 0xDBFF ? index + 1 : index
}

function generate (seed, count, out, split) {
  const next = random(seed)
  const int = (n) => Math.floor(next() * n)
  const at = (str, index) => split ? index : whole(str, index)
  const words = ['alpha', 'beta', 'gamma', 'delta', 'ε', '😀', 'zeta ', 'eta\n']
  const names = ['alice', 'bob', 'carol']
  const replicas = names.map((name, i) => {
    const doc = new Y.Doc({ gc: false })
    doc.clientID = 1000 + i * 7 + seed
    return { name, doc, inbox: [] }
  })
  const log = []
  for (const r of replicas) {
    r.doc.on('update', (update, origin) => {
      if (origin === 'remote') return
      log.push({ principal: r.name, update: Buffer.from(update).toString('base64') })
      for (const other of replicas) if (other !== r) other.inbox.push(update)
    })
  }
  while (log.length < count) {
    const r = replicas[int(replicas.length)]
    const { text, map, array, xml } = roots(r.doc)
    const op = int(12)
    if (op < 5 || text.length === 0) {
      const attributes = int(4) === 0 ? { bold: true } : undefined
      text.insert(at(text.toString(), int(text.length + 1)), words[int(words.length)], attributes)
    } else if (op < 7) {
      const str = text.toString()
      const from = at(str, int(text.length))
      const to = at(str, Math.min(text.length, from + 1 + int(6)))
      if (to > from) text.delete(from, to - from)
    } else if (op === 7) {
      const str = text.toString()
      const from = at(str, int(text.length))
      const to = at(str, Math.min(text.length, from + 1 + int(5)))
      if (to > from) text.format(from, to - from, { italic: int(2) === 0 ? true : null })
    } else if (op === 8) {
      if (int(3) === 0) map.delete('k' + int(4))
      else map.set('k' + int(4), int(2) === 0 ? int(1000) : { nested: [int(9), 'x' + int(9)] })
    } else if (op === 9) {
      if (array.length > 0 && int(2) === 0) array.delete(int(array.length), 1)
      else array.insert(int(array.length + 1), [int(100), 'v' + int(9)])
    } else if (op === 10) {
      if (xml.length > 0 && int(3) === 0) {
        xml.delete(int(xml.length), 1)
      } else {
        const p = new Y.XmlElement('p')
        p.setAttribute('n', String(int(9)))
        p.insert(0, [new Y.XmlText(words[int(words.length)])])
        xml.insert(int(xml.length + 1), [p])
      }
    } else if (xml.length > 0) {
      const p = xml.get(int(xml.length))
      if (p instanceof Y.XmlElement && p.length > 0) {
        const t = p.get(0)
        if (t instanceof Y.XmlText) t.insert(at(t.toString(), int(t.length + 1)), words[int(words.length)])
      }
    }
    // sometimes replicas work offline for a while: their edits become concurrent
    if (int(10) < 7) {
      for (const other of replicas) {
        for (const update of other.inbox.splice(0)) Y.applyUpdate(other.doc, update, 'remote')
      }
    }
  }
  writeFileSync(out, log.slice(0, count).map((e) => JSON.stringify(e)).join('\n') + '\n')
}

function read (input) {
  return readFileSync(input, 'utf8').split('\n').filter((l) => l.length > 0)
    .map((l) => Buffer.from(JSON.parse(l).update, 'base64'))
}

function print (doc) {
  const { text, map, array, xml } = roots(doc)
  process.stdout.write(JSON.stringify({ text: text.toJSON(), map: map.toJSON(), array: array.toJSON(), xml: xml.toJSON() }) + '\n')
}

function replay (input, cuts) {
  const updates = read(input)
  for (const cut of cuts) {
    const doc = new Y.Doc()
    for (const update of updates.slice(0, cut)) Y.applyUpdate(doc, update)
    print(doc)
  }
}

function restore (input, cuts) {
  const updates = read(input)
  const all = new Y.Doc({ gc: false })
  for (const update of updates) Y.applyUpdate(all, update)
  for (const cut of cuts) {
    const part = new Y.Doc({ gc: false })
    for (const update of updates.slice(0, cut)) Y.applyUpdate(part, update)
    print(Y.createDocFromSnapshot(all, Y.snapshot(part)))
  }
}

function diff (input, pairs) {
  const updates = read(input)
  const all = new Y.Doc({ gc: false })
  for (const update of updates) Y.applyUpdate(all, update)
  const snapshotAfter = (cut) => {
    const part = new Y.Doc({ gc: false })
    for (const update of updates.slice(0, cut)) Y.applyUpdate(part, update)
    return Y.snapshot(part)
  }
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const delta = all.getText('text').toDelta(snapshotAfter(pairs[i + 1]), snapshotAfter(pairs[i]),
      (type, id) => ({ type, user: id.client }))
    process.stdout.write(JSON.stringify(delta) + '\n')
  }
}

function load (input) {
  for (const line of readFileSync(input, 'utf8').split('\n').filter((l) => l.length > 0)) {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(line, 'base64'))
    print(doc)
  }
}

if (command === 'generate') {
  generate(Number(args[0]), Number(args[1]), args[2], args[3] === 'split')
} else if (command === 'replay') {
  replay(args[0], args.slice(1).map(Number))
} else if (command === 'restore') {
  restore(args[0], args.slice(1).map(Number))
} else if (command === 'load') {
  load(args[0])
} else if (command === 'diff') {
  diff(args[0], args.slice(1).map(Number))
} else {
  process.stderr.write('usage: generate SEED COUNT OUT [split] | replay IN CUT... | restore IN CUT... | load IN | diff IN FROM TO...\n')
  process.exit(2)
}
