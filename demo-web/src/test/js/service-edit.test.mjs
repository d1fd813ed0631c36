// Unit tests of the service-edit button's request, run by `node --test` in the Maven test phase.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appendEdit, appendText, timestampLine } from '../../main/js/service-edit.js'

test('the edit appends to the end of the named text root and types the root', () => {
  assert.deepEqual(appendEdit('codemirror', 'x'), {
    ops: [{ op: 'text.insert', root: 'codemirror', index: 'end', text: 'x' }],
    roots: { codemirror: 'text' }
  })
})

test('the timestamp line is a new line with the UTC time', () => {
  assert.equal(timestampLine(new Date(Date.UTC(2026, 11, 6, 7, 8, 9, 10))), '\n[service edit 2026-12-06T07:08:09.010Z]')
})

test('appendText posts the edit to doc-service with the token and returns its answer', async () => {
  const calls = []
  const answer = await appendText({
    docServiceUrl: 'http://127.0.0.1:8082/',
    doc: 'notes-1',
    root: 'codemirror',
    text: 'hi',
    token: 'T',
    fetchFn: async (url, init) => {
      calls.push({ url, init })
      return { ok: true, status: 200, json: async () => ({ docId: 'notes-1', offset: 41 }) }
    }
  })
  assert.deepEqual(answer, { docId: 'notes-1', offset: 41 })
  assert.equal(calls.length, 1)
  assert.equal(calls[0].url, 'http://127.0.0.1:8082/docs/notes-1/edits')
  assert.equal(calls[0].init.method, 'POST')
  assert.equal(calls[0].init.headers.Authorization, 'Bearer T')
  assert.equal(calls[0].init.headers['Content-Type'], 'application/json')
  assert.deepEqual(JSON.parse(calls[0].init.body), appendEdit('codemirror', 'hi'))
})

test('without a token no Authorization header is sent', async () => {
  let headers
  await appendText({
    docServiceUrl: 'http://h:1', doc: 'd', root: 'r', text: 't',
    fetchFn: async (url, init) => { headers = init.headers; return { ok: true, status: 200, json: async () => ({}) } }
  })
  assert.equal(headers.Authorization, undefined)
})

test('a refusal is an error naming the status and doc-service\'s detail', async () => {
  await assert.rejects(appendText({
    docServiceUrl: 'http://h:1', doc: 'd', root: 'r', text: 't',
    fetchFn: async () => ({ ok: false, status: 403, json: async () => ({ detail: 'needs write access' }) })
  }), /doc-service answered 403: needs write access/)
})
