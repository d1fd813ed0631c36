// Unit tests of the "here now" client (presence.js), run by `node --test` in the Maven test phase.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PresenceApi } from '../../main/js/presence.js'
import { authSettings } from '../../main/js/session.js'

const json = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => body, text: async () => JSON.stringify(body) })

test('asks presence-service with the user\'s token and groups tabs by user and gateway', async () => {
  const requests = []
  const api = new PresenceApi('http://presence:3', async () => 'T1', async (url, init) => {
    requests.push({ url, authorization: init.headers.Authorization })
    return json(200, {
      docId: 'a b',
      clients: [
        { clientId: 1, principal: 'bob', name: 'bob', gateway: 'gateway-2' },
        { clientId: 2, principal: 'alice', name: 'alice', gateway: 'gateway-1' },
        { clientId: 3, principal: 'alice', name: 'alice', gateway: 'gateway-1' },
        { clientId: 4, principal: 'carol', name: null, gateway: 'gateway-1' }
      ]
    })
  })
  const people = await api.here('a b')
  assert.equal(requests[0].url, 'http://presence:3/docs/a%20b/presence')
  assert.equal(requests[0].authorization, 'Bearer T1')
  assert.deepEqual(people, [
    { name: 'alice', gateway: 'gateway-1', tabs: 2 },
    { name: 'bob', gateway: 'gateway-2', tabs: 1 },
    { name: 'carol', gateway: 'gateway-1', tabs: 1 }
  ])
})

test('a refusal (no access any more) hides the list; other errors are errors', async () => {
  assert.equal(await new PresenceApi('http://p', async () => 'T', async () => json(403, {})).here('d'), null)
  await assert.rejects(new PresenceApi('http://p', async () => 'T', async () => json(503, {})).here('d'), /503/)
})

test('presenceUrl in config.json is optional', () => {
  const base = { issuer: 'http://kc/realms/skein', clientId: 'skein-web', authServiceUrl: 'http://auth' }
  assert.equal(authSettings({ auth: base }).presenceUrl, null)
  assert.equal(authSettings({ auth: { ...base, presenceUrl: 'http://presence:8084/' } }).presenceUrl, 'http://presence:8084')
  assert.equal(authSettings({ auth: { ...base, presenceUrl: 'javascript:alert(1)' } }).presenceUrl, null)
})
