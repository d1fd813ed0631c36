// Unit tests of signing in (session.js) and the sharing API client (sharing.js), run by
// `node --test` in the Maven test phase.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Session, authSettings, refreshDelay } from '../../main/js/session.js'
import { SharingApi, openableDocuments } from '../../main/js/sharing.js'

const SETTINGS = authSettings({
  auth: { issuer: 'http://kc:1/realms/skein/', clientId: 'skein-web', authServiceUrl: 'http://auth:2', exampleUsers: ['alice', 'bob'] }
})

class MemoryStorage {
  constructor () { this.items = new Map() }
  getItem (key) { return this.items.has(key) ? this.items.get(key) : null }
  setItem (key, value) { this.items.set(key, value) }
  removeItem (key) { this.items.delete(key) }
}

const json = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => body, text: async () => JSON.stringify(body) })

test('no auth part means no sign-in; a broken one is an error', () => {
  assert.equal(authSettings({ gatewayUrl: 'ws://h:1/ws' }), null)
  assert.equal(authSettings(null), null)
  assert.throws(() => authSettings({ auth: { issuer: 'kc', clientId: 'x', authServiceUrl: 'http://a' } }), /issuer/)
  assert.equal(SETTINGS.issuer, 'http://kc:1/realms/skein')
  assert.deepEqual(SETTINGS.exampleUsers, ['alice', 'bob'])
})

test('a token is refreshed a minute before it expires, short ones earlier, never at once', () => {
  assert.equal(refreshDelay(300_000, 0), 240_000)
  assert.equal(refreshDelay(30_000, 0), 24_000)
  assert.equal(refreshDelay(1_000, 0), 5_000)
})

test('signing in posts the password grant of the public client and keeps the tokens', async () => {
  const requests = []
  const storage = new MemoryStorage()
  const session = new Session(SETTINGS, storage, async (url, init) => {
    requests.push({ url, body: new URLSearchParams(init.body) })
    return json(200, { access_token: 'A1', refresh_token: 'R1', expires_in: 300 })
  }, () => 1000)
  await session.signIn('alice', 'alice')
  assert.equal(requests[0].url, 'http://kc:1/realms/skein/protocol/openid-connect/token')
  assert.equal(requests[0].body.get('grant_type'), 'password')
  assert.equal(requests[0].body.get('client_id'), 'skein-web')
  assert.equal(requests[0].body.get('username'), 'alice')
  assert.equal(session.user, 'alice')
  assert.equal(await session.accessToken(), 'A1')
  // another tab-load of the page finds the session
  assert.equal(new Session(SETTINGS, storage, assert.fail, () => 1000).currentToken(), 'A1')
  session.signOut()
})

test('an expiring token is refreshed before use, and listeners get the new one', async () => {
  let now = 0
  let calls = 0
  const session = new Session(SETTINGS, new MemoryStorage(), async (url, init) => {
    calls++
    const body = new URLSearchParams(init.body)
    if (body.get('grant_type') === 'refresh_token') {
      assert.equal(body.get('refresh_token'), 'R1')
      return json(200, { access_token: 'A2', refresh_token: 'R2', expires_in: 300 })
    }
    return json(200, { access_token: 'A1', refresh_token: 'R1', expires_in: 300 })
  }, () => now)
  const seen = []
  session.onToken((token) => seen.push(token))
  await session.signIn('bob', 'bob')
  now = 298_000
  assert.equal(await session.accessToken(), 'A2')
  assert.deepEqual(seen, ['A1', 'A2'])
  assert.equal(calls, 2)
  session.signOut()
})

test('a refused sign-in says why; a refused refresh signs out', async () => {
  const session = new Session(SETTINGS, new MemoryStorage(), async () => json(401, { error: 'invalid_grant', error_description: 'Invalid user credentials' }))
  await assert.rejects(session.signIn('alice', 'wrong'), /Invalid user credentials/)
  assert.equal(session.user, null)
})

test('the sharing API sends the bearer token and reads roles and grants', async () => {
  const requests = []
  const api = new SharingApi('http://auth:2', async () => 'T', async (url, init) => {
    requests.push({ url, init })
    if (url.endsWith('/role')) return json(200, { docId: 'd', principal: 'alice', role: 'owner' })
    if (init.method === 'POST') return json(url.includes('taken') ? 409 : 201, {})
    if (init.method === 'PUT') return json(200, JSON.parse(init.body))
    return json(200, [{ principal: 'alice', role: 'owner' }])
  })
  assert.equal(await api.role('d'), 'owner')
  assert.equal(requests[0].init.headers.Authorization, 'Bearer T')
  assert.equal(await api.create('d'), true)
  assert.equal(await api.create('taken'), false)
  assert.deepEqual(await api.grant('d', 'bob', 'write'), { role: 'write' })
  assert.equal(requests.at(-1).url, 'http://auth:2/documents/d/grants/bob')
  assert.equal(requests.at(-1).init.headers['Content-Type'], 'application/json')
  assert.deepEqual(await api.grants('d'), [{ principal: 'alice', role: 'owner' }])
})

test('the document list is what auth-service says the user can open', async () => {
  const requests = []
  const api = new SharingApi('http://auth:2', async () => 'T', async (url, init) => {
    requests.push({ url, init })
    return json(200, [{ docId: 'a', role: 'owner' }, { docId: 'c', role: 'read' }])
  })
  const documents = await openableDocuments(api)
  assert.deepEqual(documents, [{ doc: 'a', role: 'owner' }, { doc: 'c', role: 'read' }])
  assert.equal(requests[0].url, 'http://auth:2/documents')
  assert.equal(requests[0].init.headers.Authorization, 'Bearer T')
})
