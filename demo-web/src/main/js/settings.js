// Where the editor connects to and which document it opens.
//
// The page is static, so it cannot know the gateway's address by itself: whoever serves the
// page also serves `config.json` next to it ({"gatewayUrl": "ws://host:port/ws"}, optionally
// "gateways": [...] listing every instance). A `gateway` query parameter picks one of the listed
// gateways by number (`?gateway=2`) or names any gateway by URL, so the same bundle can be pointed
// at any gateway by hand.

export const DEFAULT_DOC = 'welcome'

// The gateway accepts exactly these ids (dev.skein.contract.DocumentIds); checking here gives
// a readable message instead of a connection that closes at once.
const DOC_ID = /^[A-Za-z0-9._~-]{1,128}$/

/**
 * @param {URLSearchParams} params the page's query parameters
 * @returns {string} the document id
 */
export function documentId (params) {
  const doc = params.get('doc') || DEFAULT_DOC
  if (!DOC_ID.test(doc) || doc === '.' || doc === '..') {
    throw new Error(`"${doc}" is not a document id: use 1 to 128 of A-Z a-z 0-9 . _ ~ -`)
  }
  return doc
}

/**
 * @param {URLSearchParams} params the page's query parameters
 * @param {(url: string) => Promise<Response>} fetchFn fetch, replaceable for tests
 * @returns {Promise<string>} the gateway's WebSocket base URL, e.g. ws://127.0.0.1:8081/ws
 */
export async function gatewayUrl (params, fetchFn) {
  return (await chooseGateway(params, fetchFn)).url
}

/**
 * Which gateway the page connects to. config.json may list several instances of one deployment
 * (`"gateways": [...]`, the local run has two): `?gateway=2` picks the second, counting from 1;
 * `?gateway=ws://HOST:PORT/ws` names one outright; otherwise the first (`gatewayUrl`).
 *
 * @param {URLSearchParams} params the page's query parameters
 * @param {(url: string) => Promise<Response>} fetchFn fetch, replaceable for tests
 * @returns {Promise<{url: string, number: number | null, gateways: string[]}>} the WebSocket base
 *   URL, its number in the list (null if it is not in it) and the whole list
 */
export async function chooseGateway (params, fetchFn = (url) => fetch(url, { cache: 'no-store' })) {
  const fromQuery = params.get('gateway')
  if (fromQuery && !/^\d+$/.test(fromQuery)) {
    const url = stripSlash(fromQuery)
    return { url, number: null, gateways: [url] }
  }
  const config = await loadConfig(fetchFn)
  if (typeof config.gatewayUrl !== 'string' || !WS_URL.test(config.gatewayUrl)) {
    throw new Error('config.json has no gatewayUrl of the form ws://HOST:PORT/ws')
  }
  const listed = Array.isArray(config.gateways) ? config.gateways : [config.gatewayUrl]
  if (listed.length === 0 || !listed.every((url) => typeof url === 'string' && WS_URL.test(url))) {
    throw new Error('config.json has a gateways list that is not of the form ["ws://HOST:PORT/ws", ...]')
  }
  const gateways = listed.map(stripSlash)
  if (!fromQuery) {
    const url = stripSlash(config.gatewayUrl)
    const index = gateways.indexOf(url)
    return { url, number: index < 0 ? null : index + 1, gateways }
  }
  const number = Number(fromQuery)
  if (number < 1 || number > gateways.length) {
    throw new Error(`?gateway=${fromQuery}: there ${gateways.length === 1 ? 'is 1 gateway' : `are ${gateways.length} gateways`}; use 1${gateways.length > 1 ? `-${gateways.length}` : ''}`)
  }
  return { url: gateways[number - 1], number, gateways }
}

/**
 * The page's config.json, parsed.
 *
 * @param {(url: string) => Promise<Response>} fetchFn fetch, replaceable for tests
 */
export async function loadConfig (fetchFn = (url) => fetch(url, { cache: 'no-store' })) {
  const response = await fetchFn('config.json')
  if (!response.ok) {
    throw new Error(`config.json answered ${response.status}; serve it next to the page or add ?gateway=ws://HOST:PORT/ws`)
  }
  return response.json()
}

const WS_URL = /^wss?:\/\//

// The provider appends "/" + document id itself.
function stripSlash (url) {
  return url.replace(/\/+$/, '')
}
