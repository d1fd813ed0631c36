// Random edits of a Yjs document with the roots t (text), m (map), a (array) and x (XML fragment),
// as an editor and the code around it would make them: formatted text, nested types, XML.
import * as Y from 'yjs'

// no astral characters: an index between the halves of a surrogate pair breaks the pair in yjs
const WORDS = ['a', 'bc', 'def', 'ghij', 'ü', 'é', ' ', 'xy z']

const pick = (random, list) => list[Math.floor(random() * list.length)]
const int = (random, n) => Math.floor(random() * n)

function value (random, depth) {
  switch (int(random, depth > 1 ? 5 : 8)) {
    case 0: return int(random, 100)
    case 1: return pick(random, WORDS)
    case 2: return random() < 0.5
    case 3: return [pick(random, WORDS), int(random, 9)]
    case 4: return { w: pick(random, WORDS) }
    case 5: return new Y.Text(pick(random, WORDS))
    case 6: { const a = new Y.Array(); a.insert(0, [value(random, depth + 1)]); return a }
    default: { const m = new Y.Map(); m.set('v', value(random, depth + 1)); return m }
  }
}

function nested (m, a) {
  const found = []
  m.forEach((v) => { if (v instanceof Y.AbstractType) found.push(v) })
  a.forEach((v) => { if (v instanceof Y.AbstractType) found.push(v) })
  return found
}

function textEdit (random, t) {
  const len = t.length
  if (len === 0 || random() < 0.5) {
    const attrs = random() < 0.25 ? { [random() < 0.5 ? 'bold' : 'italic']: true } : undefined
    t.insert(int(random, len + 1), pick(random, WORDS), attrs)
  } else if (random() < 0.5) {
    const index = int(random, len)
    t.delete(index, 1 + int(random, Math.min(4, len - index)))
  } else {
    const index = int(random, len)
    t.format(index, 1 + int(random, Math.min(4, len - index)), { [random() < 0.5 ? 'bold' : 'italic']: random() < 0.3 ? null : true })
  }
}

export function randomEdit (ydoc, random) {
  const t = ydoc.getText('t')
  const m = ydoc.getMap('m')
  const a = ydoc.getArray('a')
  const x = ydoc.getXmlFragment('x')
  switch (int(random, 10)) {
    case 0: case 1: case 2: textEdit(random, t); break
    case 3: m.set('k' + int(random, 5), value(random, 1)); break
    case 4: m.delete('k' + int(random, 5)); break
    case 5: a.insert(int(random, a.length + 1), [value(random, 1)]); break
    case 6: if (a.length > 0) { a.delete(int(random, a.length), 1) } break
    case 7: {
      const found = nested(m, a)
      if (found.length === 0) break
      const target = pick(random, found)
      if (target instanceof Y.Text) textEdit(random, target)
      else if (target instanceof Y.Map) target.set('n' + int(random, 3), value(random, 2))
      else target.push([value(random, 2)])
      break
    }
    default: {
      const len = x.length
      const what = int(random, 3)
      if (len === 0 || what === 0) {
        const element = new Y.XmlElement(random() < 0.5 ? 'p' : 'h1')
        element.insert(0, [new Y.XmlText(pick(random, WORDS))])
        x.insert(int(random, len + 1), [element])
      } else if (what === 1) {
        const node = x.get(int(random, len))
        if (node instanceof Y.XmlElement) node.setAttribute('a' + int(random, 2), pick(random, WORDS))
      } else {
        x.delete(int(random, len), 1)
      }
    }
  }
}

/** JSON.stringify of the four roots as yjs renders them (the text as its delta with `delta`). */
export function rootsJson (ydoc, delta) {
  const t = ydoc.getText('t')
  return JSON.stringify({
    t: delta ? t.toDelta() : t.toJSON(),
    m: ydoc.getMap('m').toJSON(),
    a: ydoc.getArray('a').toJSON(),
    x: ydoc.getXmlFragment('x').toJSON()
  })
}
