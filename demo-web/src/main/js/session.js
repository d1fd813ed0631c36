// Signing in to Keycloak from the demo page: the password grant of the realm's public client
// (skein-web has direct access grants on; fine for a demo with example users, a real application
// would use the authorization-code flow with PKCE). The tokens live in sessionStorage, so each
// tab is signed in on its own and a reload keeps the session; the access token is refreshed
// before it expires.

const STORAGE_KEY = 'skein.session'

// Refresh this long before the access token expires (Keycloak's default lifespan is 5 minutes).
const REFRESH_MARGIN_MS = 60_000
const MIN_REFRESH_DELAY_MS = 5_000

/**
 * The `auth` part of config.json, checked; null when the gateways need no token.
 *
 * @param {any} config the parsed config.json
 * @returns {{issuer: string, clientId: string, authServiceUrl: string, presenceUrl: string | null, exampleUsers: string[], directory: string | null} | null}
 */
export function authSettings (config) {
  const auth = config && config.auth
  if (!auth) {
    return null
  }
  const http = /^https?:\/\//
  if (typeof auth.issuer !== 'string' || !http.test(auth.issuer) || typeof auth.clientId !== 'string' ||
      typeof auth.authServiceUrl !== 'string' || !http.test(auth.authServiceUrl)) {
    throw new Error('config.json has an auth part without issuer, clientId and authServiceUrl')
  }
  return {
    issuer: auth.issuer.replace(/\/+$/, ''),
    clientId: auth.clientId,
    authServiceUrl: auth.authServiceUrl.replace(/\/+$/, ''),
    // optional: who is here (presence-service, with the user's token)
    presenceUrl: typeof auth.presenceUrl === 'string' && http.test(auth.presenceUrl) ? auth.presenceUrl.replace(/\/+$/, '') : null,
    exampleUsers: Array.isArray(auth.exampleUsers) ? auth.exampleUsers.filter((u) => typeof u === 'string') : [],
    directory: typeof auth.directory === 'string' ? auth.directory : null
  }
}

/**
 * When to refresh a token that expires at `expiresAt`: a minute before, or at a fifth of its
 * remaining life for short-lived tokens, never sooner than 5 s from now.
 *
 * @returns {number} milliseconds from `now`
 */
export function refreshDelay (expiresAt, now) {
  const left = expiresAt - now
  return Math.max(MIN_REFRESH_DELAY_MS, left > 2 * REFRESH_MARGIN_MS ? left - REFRESH_MARGIN_MS : left * 0.8)
}

/** A signed-in user's tokens, kept in `storage` and refreshed on a timer. */
export class Session {
  /**
   * @param {ReturnType<typeof authSettings>} settings
   * @param {Storage} storage sessionStorage, or a stand-in for tests
   * @param {typeof fetch} fetchFn
   * @param {() => number} now
   */
  constructor (settings, storage, fetchFn = (...args) => fetch(...args), now = Date.now) {
    this.settings = settings
    this.storage = storage
    this.fetch = fetchFn
    this.now = now
    this.listeners = []
    this.timer = null
    this.refreshing = null
    const saved = storage.getItem(STORAGE_KEY)
    this.state = saved ? JSON.parse(saved) : null
  }

  /** The signed-in user's name, or null. */
  get user () {
    return this.state ? this.state.user : null
  }

  /** Signs in with the password grant; throws with Keycloak's reason if it refuses. */
  async signIn (user, password) {
    await this.requestTokens({ grant_type: 'password', username: user, password }, user)
  }

  /** Forgets the tokens (the refresh token is not revoked: it ends with Keycloak's session). */
  signOut () {
    this.state = null
    this.storage.removeItem(STORAGE_KEY)
    clearTimeout(this.timer)
  }

  /** Calls `listener(accessToken)` after every refresh. */
  onToken (listener) {
    this.listeners.push(listener)
  }

  /** A valid access token, refreshed first if it expires within the margin. */
  async accessToken () {
    if (!this.state) {
      throw new Error('not signed in')
    }
    if (this.state.expiresAt - this.now() < MIN_REFRESH_DELAY_MS) {
      await this.refresh()
    }
    return this.state.accessToken
  }

  /** The access token as it is now, without refreshing (for a WebSocket being opened). */
  currentToken () {
    return this.state ? this.state.accessToken : null
  }

  /** Gets a new access token with the refresh token; one request at a time. */
  refresh () {
    if (!this.refreshing) {
      this.refreshing = this.requestTokens({ grant_type: 'refresh_token', refresh_token: this.state.refreshToken },
        this.state.user).finally(() => { this.refreshing = null })
    }
    return this.refreshing
  }

  /** Starts refreshing before each expiry; `onFailure(error)` when a refresh is refused. */
  keepFresh (onFailure) {
    this.onFailure = onFailure
    this.schedule()
  }

  schedule () {
    clearTimeout(this.timer)
    if (this.state && this.onFailure) {
      this.timer = setTimeout(() => this.refresh().catch(this.onFailure), refreshDelay(this.state.expiresAt, this.now()))
    }
  }

  async requestTokens (form, user) {
    const response = await this.fetch(`${this.settings.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: this.settings.clientId, ...form }).toString()
    })
    const body = await response.json().catch(() => ({}))
    if (!response.ok || typeof body.access_token !== 'string') {
      if (form.grant_type === 'refresh_token') {
        this.signOut()
      }
      throw new Error(body.error_description || body.error || `Keycloak answered ${response.status}`)
    }
    const now = this.now()
    this.state = {
      user,
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt: now + 1000 * Number(body.expires_in || 60)
    }
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.state))
    this.listeners.forEach((listener) => listener(this.state.accessToken))
    this.schedule()
  }
}
