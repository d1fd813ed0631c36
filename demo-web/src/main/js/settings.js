// Where the editor connects to and which document it opens.
//
// The page is static, so it cannot know the gateway's address by itself: whoever serves the
// page also serves `config.json` next to it ({"gatewayUrl": "ws://host:port/ws"}). A `gateway`
// query parameter wins over the file, so the same bundle can be pointed at any gateway by hand.

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
export async function gatewayUrl (params, fetchFn = (url) => fetch(url, { cache: 'no-store' })) {
  const fromQuery = params.get('gateway')
  if (fromQuery) {
    return stripSlash(fromQuery)
  }
  const response = await fetchFn('config.json')
  if (!response.ok) {
    throw new Error(`config.json answered ${response.status}; serve it next to the page or add ?gateway=ws://HOST:PORT/ws`)
  }
  const config = await response.json()
  if (typeof config.gatewayUrl !== 'string' || !/^wss?:\/\//.test(config.gatewayUrl)) {
    throw new Error('config.json has no gatewayUrl of the form ws://HOST:PORT/ws')
  }
  return stripSlash(config.gatewayUrl)
}

// The provider appends "/" + document id itself.
function stripSlash (url) {
  return url.replace(/\/+$/, '')
}
