// Seed corpus for UpdateFuzzTest: small valid v1 and v2 updates covering every struct and content
// kind. Run from src/test/js: node fuzz/gen-seeds.mjs > ../resources/update/fuzz-seeds.txt
import * as Y from 'yjs'
const lines = []
const add = (u) => { lines.push('v1 ' + Buffer.from(u).toString('base64')); lines.push('v2 ' + Buffer.from(Y.convertUpdateFormatV1ToV2(u)).toString('base64')) }
const a = new Y.Doc(); a.clientID = 2 ** 32 - 3
const b = new Y.Doc({ gc: false }); b.clientID = 7
const updates = []
a.on('update', u => updates.push(u)); b.on('update', u => updates.push(u))
const t = a.getText('t')
t.insert(0, 'hello 😀 world', { bold: true })
t.insertEmbed(3, { image: 'x.png', w: 1.5 })
t.format(1, 4, { italic: null, color: '#fff' })
t.delete(2, 3)
a.getArray('arr').insert(0, [1, -0, 2.5, 2 ** 40, 'x', null, true, { k: [1, { z: 'q' }] }, new Uint8Array([9, 8])])
a.getMap('m').set('k', 'v'); a.getMap('m').set('k', 'w'); a.getMap('m').set('nested', new Y.Map())
a.getMap('m').set('sub', new Y.Doc({ autoLoad: true, meta: { a: 1 } }))
const frag = b.getXmlFragment('x'); const el = new Y.XmlElement('p'); frag.insert(0, [el]); el.setAttribute('class', 'c'); el.insert(0, [new Y.XmlText('txt')])
frag.insert(1, [new Y.XmlHook('hook')])
b.getArray('legacy').insert(0, ['a'])
Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
b.getText('t').insert(1, 'concurrent')
updates.forEach(add)
add(Y.encodeStateAsUpdate(a)); add(Y.encodeStateAsUpdate(b)); add(Y.mergeUpdates(updates.slice(0, 5)))
add(Y.diffUpdate(Y.encodeStateAsUpdate(b), Y.encodeStateVector(a)))
console.log(lines.join('\n'))
