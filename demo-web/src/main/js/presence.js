// presence-service as the signed-in user: who is in the open document. presence-service shows a
// person only the documents auth-service gives them a role on (403 otherwise), so the page asks
// with the user's own token, as it does auth-service.

export class PresenceApi {
  /**
   * @param {string} baseUrl presence-service, e.g. http://127.0.0.1:8084
   * @param {() => Promise<string>} token the user's access token
   * @param {typeof fetch} fetchFn
   */
  constructor (baseUrl, token, fetchFn = (...args) => fetch(...args)) {
    this.baseUrl = baseUrl
    this.token = token
    this.fetch = fetchFn
  }

  /**
   * Who is in the document: one entry per user and gateway ({name, gateway, tabs}), names in
   * order; null when presence-service refuses (403: no access any more).
   */
  async here (doc) {
    const response = await this.fetch(`${this.baseUrl}/docs/${encodeURIComponent(doc)}/presence`, {
      headers: { Authorization: `Bearer ${await this.token()}` }
    })
    if (response.status === 403) {
      return null
    }
    if (!response.ok) {
      throw new Error(`presence-service answered ${response.status}`)
    }
    const body = await response.json()
    const people = new Map()
    for (const client of body.clients) {
      const name = client.name || client.principal
      const key = `${name}\n${client.gateway}`
      const known = people.get(key)
      people.set(key, { name, gateway: client.gateway, tabs: known ? known.tabs + 1 : 1 })
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name) || a.gateway.localeCompare(b.gateway))
  }
}
