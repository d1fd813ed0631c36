// Unit tests of the page's settings, run by `node --test` in the Maven test phase.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_DOC, chooseGateway, documentId, gatewayUrl } from '../../main/js/settings.js'
import { chooseIdentity } from '../../main/js/identity.js'

const params = (query) => new URLSearchParams(query)
const answer = (status, body) => async () => ({ ok: status === 200, status, json: async () => body })

test('document id comes from ?doc and defaults to welcome', () => {
  assert.equal(documentId(params('')), DEFAULT_DOC)
  assert.equal(documentId(params('?doc=notes-2024.v1')), 'notes-2024.v1')
})

test('document ids the gateway would refuse are rejected here', () => {
  for (const bad of ['a/b', 'a b', '..', 'x'.repeat(129), 'ü']) {
    assert.throws(() => documentId(params({ doc: bad })), /not a document id/, bad)
  }
})

test('?gateway wins over config.json, trailing slashes are dropped', async () => {
  const url = await gatewayUrl(params('?gateway=ws://h:1/ws/'), () => assert.fail('config.json must not be read'))
  assert.equal(url, 'ws://h:1/ws')
})

test('config.json provides the gateway URL', async () => {
  assert.equal(await gatewayUrl(params(''), answer(200, { gatewayUrl: 'ws://127.0.0.1:8081/ws' })),
    'ws://127.0.0.1:8081/ws')
})

test('a missing or wrong config.json says how to fix it', async () => {
  await assert.rejects(gatewayUrl(params(''), answer(404, {})), /config\.json answered 404/)
  await assert.rejects(gatewayUrl(params(''), answer(200, { gatewayUrl: 'http://x' })), /no gatewayUrl/)
})

const TWO = { gatewayUrl: 'ws://127.0.0.1:8081/ws', gateways: ['ws://127.0.0.1:8081/ws', 'ws://127.0.0.1:8086/ws/'] }

test('config.json may list several gateways: the first by default, ?gateway=N picks one', async () => {
  assert.deepEqual(await chooseGateway(params(''), answer(200, TWO)),
    { url: 'ws://127.0.0.1:8081/ws', number: 1, gateways: ['ws://127.0.0.1:8081/ws', 'ws://127.0.0.1:8086/ws'] })
  assert.equal((await chooseGateway(params('?gateway=2'), answer(200, TWO))).url, 'ws://127.0.0.1:8086/ws')
  assert.equal((await chooseGateway(params('?gateway=2'), answer(200, TWO))).number, 2)
  assert.equal((await chooseGateway(params('?gateway=1'), answer(200, TWO))).number, 1)
  assert.equal((await chooseGateway(params(''), answer(200, { gatewayUrl: 'ws://h:1/ws' }))).number, 1)
  assert.equal((await chooseGateway(params('?gateway=ws://elsewhere:9/ws'), () => assert.fail('not read'))).number, null)
})

test('?gateway=N outside the list says which numbers exist', async () => {
  await assert.rejects(chooseGateway(params('?gateway=3'), answer(200, TWO)), /are 2 gateways; use 1-2/)
  await assert.rejects(chooseGateway(params('?gateway=0'), answer(200, TWO)), /use 1-2/)
  await assert.rejects(chooseGateway(params('?gateway=2'), answer(200, { gatewayUrl: 'ws://h:1/ws' })), /is 1 gateway; use 1/)
  await assert.rejects(chooseGateway(params(''), answer(200, { gatewayUrl: 'ws://h:1/ws', gateways: ['http://x'] })),
    /gateways list/)
})

test('identity: query overrides, otherwise a random name and colour', () => {
  assert.deepEqual(chooseIdentity(params('?name=Ada&color=%23112233')),
    { name: 'Ada', color: '#112233', colorLight: '#11223333' })
  const random = chooseIdentity(params(''), () => 0)
  assert.equal(random.name, 'Amber Badger')
  assert.match(random.color, /^#[0-9a-f]{6}$/)
  assert.equal(chooseIdentity(params('?color=red'), () => 0).color, random.color, 'invalid colour ignored')
})
