// auth-service's sharing API as the signed-in user: the documents the user can open
// (GET /documents), one's own role on a document, and, for owners, its grants.

export const ROLES = ['read', 'write', 'owner']

export class SharingApi {
  /**
   * @param {string} baseUrl auth-service, e.g. http://127.0.0.1:8085
   * @param {() => Promise<string>} token the user's access token
   * @param {typeof fetch} fetchFn
   */
  constructor (baseUrl, token, fetchFn = (...args) => fetch(...args)) {
    this.baseUrl = baseUrl
    this.token = token
    this.fetch = fetchFn
  }

  /** The documents the user can open: [{docId, role}]. */
  async documents () {
    return this.call('GET', '/documents')
  }

  /** The user's own role on a document: none, read, write or owner. */
  async role (doc) {
    const body = await this.call('GET', `/documents/${encodeURIComponent(doc)}/role`)
    return body.role
  }

  /** Creates a document owned by the user; resolves to false if it exists already. */
  async create (doc) {
    const response = await this.send('POST', `/documents/${encodeURIComponent(doc)}`)
    if (response.status === 409) {
      return false
    }
    await check(response)
    return true
  }

  /** [{principal, role}] (owners only). */
  grants (doc) {
    return this.call('GET', `/documents/${encodeURIComponent(doc)}/grants`)
  }

  /** Gives `principal` (a user name, or group:NAME) `role` (owners only). */
  grant (doc, principal, role) {
    return this.call('PUT', `/documents/${encodeURIComponent(doc)}/grants/${encodeURIComponent(principal)}`, { role })
  }

  /** Takes `principal`'s grant away (owners only). */
  async revoke (doc, principal) {
    await check(await this.send('DELETE', `/documents/${encodeURIComponent(doc)}/grants/${encodeURIComponent(principal)}`))
  }

  async call (method, path, body) {
    const response = await check(await this.send(method, path, body))
    return response.json()
  }

  async send (method, path, body) {
    const headers = { Authorization: `Bearer ${await this.token()}` }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
    }
    return this.fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  }
}

async function check (response) {
  if (!response.ok) {
    const text = await response.text().catch(() => '')
    throw new Error(`auth-service answered ${response.status}${text ? ': ' + text.slice(0, 200) : ''}`)
  }
  return response
}

/**
 * The documents the user can open, with their role, in document order.
 *
 * @param {SharingApi} api
 * @returns {Promise<{doc: string, role: string}[]>}
 */
export async function openableDocuments (api) {
  const documents = await api.documents()
  return documents.map(({ docId, role }) => ({ doc: docId, role }))
}
