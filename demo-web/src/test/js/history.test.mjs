// Unit tests of the History panel's calls and text comparison, run by `node --test` in the Maven test phase.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { HistoryApi, diffText } from '../../main/js/history.js'

function recordingFetch (answers) {
  const calls = []
  const fetchFn = async (url, init) => {
    calls.push({ url, init })
    const { status = 200, body } = answers.shift()
    return { ok: status < 300, status, json: async () => body }
  }
  return { calls, fetchFn }
}

test('the API calls doc-service with the token: list, take, a version\'s text, restore', async () => {
  const { calls, fetchFn } = recordingFetch([
    { body: [{ version: 12, time: 1, label: 'x', authors: ['alice'] }] },
    { status: 201, body: { version: 13 } },
    { body: { codemirror: 'old text' } },
    { body: { version: 12, ops: 2 } }
  ])
  const api = new HistoryApi({ docServiceUrl: 'http://127.0.0.1:8082/', doc: 'notes 1', root: 'codemirror', token: async () => 'T', fetchFn })
  assert.deepEqual(await api.list(), [{ version: 12, time: 1, label: 'x', authors: ['alice'] }])
  assert.deepEqual(await api.take('before review'), { version: 13 })
  assert.equal(await api.text(12), 'old text')
  assert.deepEqual(await api.restore(12), { version: 12, ops: 2 })
  assert.deepEqual(calls.map((c) => [c.init.method, c.url]), [
    ['GET', 'http://127.0.0.1:8082/docs/notes%201/versions'],
    ['POST', 'http://127.0.0.1:8082/docs/notes%201/versions'],
    ['GET', 'http://127.0.0.1:8082/docs/notes%201/versions/12/content?root=codemirror%3Atext'],
    ['POST', 'http://127.0.0.1:8082/docs/notes%201/versions/12/restore?root=codemirror%3Atext']
  ])
  assert.ok(calls.every((c) => c.init.headers.Authorization === 'Bearer T'))
  assert.equal(calls[1].init.body, '{"label":"before review"}')
  assert.equal(calls[1].init.headers['Content-Type'], 'application/json')
})

test('without a token no Authorization header; an empty label takes an unlabelled version', async () => {
  const { calls, fetchFn } = recordingFetch([{ status: 201, body: { version: 1 } }])
  await new HistoryApi({ docServiceUrl: 'http://h:1', doc: 'd', root: 'r', fetchFn }).take('')
  assert.equal(calls[0].init.headers.Authorization, undefined)
  assert.equal(calls[0].init.body, '{}')
})

test('a refusal becomes an error with the status, the problem type and doc-service\'s detail', async () => {
  const { fetchFn } = recordingFetch([{ status: 409, body: { type: 'urn:skein:problem:history-unavailable', detail: 'no storage' } }])
  await assert.rejects(new HistoryApi({ docServiceUrl: 'http://h:1', doc: 'd', root: 'r', fetchFn }).list(),
    (e) => e.status === 409 && e.problem === 'urn:skein:problem:history-unavailable' && e.message === 'doc-service answered 409: no storage')
})

test('a version without the root reads as empty text', async () => {
  const { fetchFn } = recordingFetch([{ body: {} }])
  assert.equal(await new HistoryApi({ docServiceUrl: 'http://h:1', doc: 'd', root: 'r', fetchFn }).text(3), '')
})

/** The two texts a diff's runs spell: before (same and removed) and after (same and added). */
function sides (runs) {
  return [runs.filter((r) => r.kind !== 'added').map((r) => r.text).join(''),
    runs.filter((r) => r.kind !== 'removed').map((r) => r.text).join('')]
}

test('the diff marks whole words and keeps what both texts share', () => {
  assert.deepEqual(diffText('the quick brown fox', 'the slow brown dog'), [
    { kind: 'same', text: 'the ' }, { kind: 'removed', text: 'quick' }, { kind: 'added', text: 'slow' },
    { kind: 'same', text: ' brown ' }, { kind: 'removed', text: 'fox' }, { kind: 'added', text: 'dog' }])
  assert.deepEqual(diffText('same', 'same'), [{ kind: 'same', text: 'same' }])
  assert.deepEqual(diffText('', 'new'), [{ kind: 'added', text: 'new' }])
  assert.deepEqual(diffText('old', ''), [{ kind: 'removed', text: 'old' }])
})

test('the diff never splits an emoji', () => {
  assert.deepEqual(diffText('a😀b', 'a😃b'), [
    { kind: 'same', text: 'a' }, { kind: 'removed', text: '😀' }, { kind: 'added', text: '😃' }, { kind: 'same', text: 'b' }])
})

test('random edits: the runs always spell both texts', () => {
  let seed = 7
  const random = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff }
  const word = () => ['alpha', 'beta', ' ', '\n', 'é', '😀', ','][Math.floor(random() * 7)]
  for (let i = 0; i < 500; i++) {
    const before = Array.from({ length: Math.floor(random() * 20) }, word)
    const after = [...before]
    for (let j = 0; j < 4; j++) {
      const at = Math.floor(random() * (after.length + 1))
      if (random() < 0.5) after.splice(at, 1)
      else after.splice(at, 0, word())
    }
    const runs = diffText(before.join(''), after.join(''))
    assert.deepEqual(sides(runs), [before.join(''), after.join('')])
  }
})

test('two long unrelated texts are compared quickly, as one replacement', () => {
  const before = 'a '.repeat(20000)
  const after = 'b '.repeat(20000)
  const started = Date.now()
  const runs = diffText(before, after)
  assert.deepEqual(sides(runs), [before, after])
  assert.ok(Date.now() - started < 5000)
})
