// The demo editor: one Y.Text shown in CodeMirror 6, kept in sync with every other open editor
// of the same document through the stock y-websocket provider and a Skein gateway.
//
// When config.json has an `auth` part (the gateways check tokens), the page first signs the user
// in to Keycloak, lists the documents they may open (auth-service), creates and shares documents,
// and connects to the gateway with the user's access token (subprotocol `skein-auth`), refreshed
// before it expires; a connection closed with 4401 reconnects with a fresh token.

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { yCollab } from 'y-codemirror.next'
import { basicSetup, EditorView } from 'codemirror'
import { Compartment, EditorState } from '@codemirror/state'
import { placeholder } from '@codemirror/view'
import { markdown } from '@codemirror/lang-markdown'
import { chooseGateway, documentId, loadConfig } from './settings.js'
import { chooseIdentity } from './identity.js'
import { showError, showGateway, trackStatus } from './status.js'
import { Session, authSettings } from './session.js'
import { SharingApi, openableDocuments } from './sharing.js'
import { PresenceApi } from './presence.js'
import { showDocuments, showHere, showRole, showSession, showSharing, showSignIn } from './panels.js'
import { appendText, timestampLine } from './service-edit.js'
import { HistoryApi } from './history.js'
import { showHistory } from './history-panel.js'

// The shared type's name; any client that wants to read or write the editor's text (tests,
// backend services) uses the same name.
const TEXT_NAME = 'codemirror'

// The gateway's subprotocol for the token (gateway-service README, "Authentication").
const TOKEN_SUBPROTOCOL = 'skein-auth'

// Close codes of the gateway (dev.skein.gateway.protocol.CloseCodes).
const CLOSE_UNAUTHORIZED = 4401
const CLOSE_FORBIDDEN = 4403

// How often an open document re-reads the user's role, so that a change by its owner shows.
const ROLE_POLL_MS = 3000

// y-codemirror.next only shows a remote user's name while the caret is hovered; for a demo the
// names should always be visible.
const alwaysShowNames = EditorView.theme({
  '.cm-ySelectionInfo': { opacity: 1, fontFamily: 'system-ui, sans-serif', borderRadius: '3px 3px 3px 0' }
})

async function start () {
  const params = new URLSearchParams(window.location.search)
  const statusLine = document.getElementById('status')
  let auth
  try {
    // No config.json is fine when ?gateway=ws://... names the gateway: then nothing needs a token.
    auth = authSettings(await loadConfig().catch(() => null))
  } catch (e) {
    showError(statusLine, e.message)
    return
  }
  if (!auth) {
    await openEditor(params, statusLine, null)
    return
  }
  document.body.classList.add('with-auth')
  const session = new Session(auth, window.sessionStorage)
  if (!session.user) {
    statusLine.dataset.status = 'signed-out'
    statusLine.textContent = 'not signed in'
    showSignIn(document.getElementById('signin'), auth.exampleUsers, async (user, password) => {
      await session.signIn(user, password)
      window.location.reload()
    })
    return
  }
  const signOut = () => {
    session.signOut()
    window.location.reload()
  }
  showSession(document.getElementById('session'), session.user, signOut)
  session.keepFresh(signOut)
  const api = new SharingApi(auth.authServiceUrl, () => session.accessToken())
  const refreshList = async () => {
    const documents = await openableDocuments(api).catch((e) => e)
    showDocuments(document.getElementById('documents'), documents, params, async (doc) => {
      const checkedId = documentId(new URLSearchParams({ doc }))
      const created = await api.create(checkedId)
      if (!created && (await api.role(checkedId)) === 'none') {
        throw new Error(`"${checkedId}" exists and is not shared with ${session.user}`)
      }
      const query = new URLSearchParams(params)
      query.set('doc', checkedId)
      window.location.search = `?${query}`
    })
  }
  await refreshList()
  if (!params.has('doc')) {
    statusLine.dataset.status = 'no-document'
    statusLine.textContent = 'choose a document or create one'
    return
  }
  let doc
  let role
  try {
    doc = documentId(params)
    role = await api.role(doc)
  } catch (e) {
    showError(statusLine, e.message)
    return
  }
  if (role === 'none') {
    showError(statusLine, `${session.user} has no access to "${doc}": ask its owner to share it, or create it`)
    return
  }
  await openEditor(params, statusLine, { session, api, role, refreshList })
}

/**
 * Connects the editor to the gateway. `signedIn` is null without authentication, else the
 * session, the sharing API and the user's role on the document.
 */
async function openEditor (params, statusLine, signedIn) {
  let doc
  let gateway
  try {
    doc = documentId(params)
    gateway = await chooseGateway(params)
  } catch (e) {
    showError(statusLine, e.message)
    return
  }
  document.getElementById('doc-name').textContent = doc
  showGateway(document.getElementById('gateway'), gateway, params)
  document.title = `${doc} · Skein`
  document.getElementById('editor').hidden = false
  document.getElementById('doc-line').hidden = false

  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(gateway.url, doc, ydoc, {
    // Tabs of one browser would otherwise also sync through a BroadcastChannel, hiding whether
    // the server really carries the edits.
    disableBc: true,
    protocols: signedIn ? [TOKEN_SUBPROTOCOL, signedIn.session.currentToken()] : []
  })
  const editable = new Compartment()
  if (signedIn) {
    connectWithToken(provider, signedIn.session, statusLine)
  }
  const user = chooseIdentity(signedIn && !params.get('name') ? new URLSearchParams({ ...Object.fromEntries(params), name: signedIn.session.user }) : params)
  provider.awareness.setLocalStateField('user', user)
  document.getElementById('me').textContent = user.name
  document.getElementById('me').style.color = user.color
  trackStatus(statusLine, provider)

  const ytext = ydoc.getText(TEXT_NAME)
  const view = new EditorView({
    parent: document.getElementById('editor'),
    extensions: [
      basicSetup,
      markdown(),
      EditorView.lineWrapping,
      // Never seed text into a new document: every client would add its own copy.
      placeholder('Empty document. Type here; everyone with this link sees it live.'),
      alwaysShowNames,
      editable.of(readOnly(signedIn ? signedIn.role : 'write')),
      yCollab(ytext, provider.awareness, { undoManager: new Y.UndoManager(ytext) })
    ]
  })
  // For tests and the curious: the document, its text and the provider.
  window.skein = { ydoc, ytext, provider, view }
  // what follows the user's role: the editor, and taking and restoring versions
  const onRole = [(role) => view.dispatch({ effects: editable.reconfigure(readOnly(role)) })]
  let role = signedIn ? signedIn.role : 'write'
  if (signedIn) {
    followRole(doc, signedIn, (next) => {
      role = next
      onRole.forEach((follow) => follow(next))
    })
  }
  view.focus()
  window.addEventListener('pagehide', () => provider.destroy())
  offerServiceEdit(doc, signedIn)
  offerHistory(doc, signedIn, ytext).then((history) => {
    if (history) {
      history.setWritable(isWritable(role))
      onRole.push((next) => history.setWritable(isWritable(next)))
    }
  })
}

/**
 * When config.json names doc-service (`docServiceUrl`), shows the History panel: the document's
 * versions from doc-service's version endpoints, called with the user's token as the
 * service-edit button calls the edit endpoint. Resolves to the panel (null without doc-service).
 */
async function offerHistory (doc, signedIn, ytext) {
  const config = await loadConfig().catch(() => null)
  if (!config || typeof config.docServiceUrl !== 'string') {
    return null
  }
  const api = new HistoryApi({
    docServiceUrl: config.docServiceUrl,
    doc,
    root: TEXT_NAME,
    token: async () => signedIn ? signedIn.session.accessToken() : null
  })
  return showHistory(document.getElementById('history'), api, ytext)
}

/**
 * When config.json names doc-service (`docServiceUrl`), shows the button that appends a timestamp
 * through doc-service's edit endpoint, as a backend service would: the text reaches this editor
 * and every other one through the gateway. State for tests: `#service-edit-result[data-state]`
 * (idle, sending, applied, failed) and `[data-offset]`.
 */
async function offerServiceEdit (doc, signedIn) {
  const config = await loadConfig().catch(() => null)
  if (!config || typeof config.docServiceUrl !== 'string') {
    return
  }
  const panel = document.getElementById('service-edit')
  const button = document.getElementById('service-edit-button')
  const result = document.getElementById('service-edit-result')
  panel.hidden = false
  button.addEventListener('click', async () => {
    button.disabled = true
    result.dataset.state = 'sending'
    result.textContent = 'sending…'
    try {
      const answer = await appendText({
        docServiceUrl: config.docServiceUrl,
        doc,
        root: TEXT_NAME,
        text: timestampLine(),
        token: signedIn ? await signedIn.session.accessToken() : null
      })
      result.dataset.state = 'applied'
      result.dataset.offset = String(answer.offset)
      result.textContent = `applied by doc-service (update at offset ${answer.offset})`
    } catch (e) {
      result.dataset.state = 'failed'
      result.textContent = e.message
    } finally {
      button.disabled = false
    }
  })
}

/**
 * Keeps the provider's token current: every refresh goes into the subprotocol list used by the
 * next connection; the gateway closes a connection whose token expired with 4401, and the
 * provider (which gives up on 44xx codes) is reconnected once a fresh token is there. 4403 means
 * the access was revoked: the page stops and says so.
 */
function connectWithToken (provider, session, statusLine) {
  session.onToken((token) => { provider.protocols = [TOKEN_SUBPROTOCOL, token] })
  provider.on('closed', ({ code }) => {
    if (code === CLOSE_UNAUTHORIZED) {
      session.refresh().then(() => provider.connect(), () => {
        session.signOut()
        window.location.reload()
      })
    } else if (code === CLOSE_FORBIDDEN) {
      showError(statusLine, 'no access to this document any more (its owner changed the sharing)')
    }
  })
}

/** Shows the user's role, the sharing panel for owners, and follows changes of the role. */
function followRole (doc, { api, role, session, refreshList }, onRole) {
  const roleElement = document.getElementById('role')
  const sharing = document.getElementById('sharing')
  let current = null
  const render = async (next) => {
    if (next !== current) {
      if (current !== null) {
        refreshList()
      }
      current = next
      showRole(roleElement, next)
      onRole(next)
    }
    if (next === 'owner') {
      const grants = await api.grants(doc).catch(() => null)
      if (grants) {
        showSharing(sharing, grants, exampleUsers(session), {
          grant: async (principal, newRole) => {
            await api.grant(doc, principal, newRole)
            await render(principal === session.user ? await api.role(doc) : current)
            await refreshList()
          },
          revoke: async (principal) => {
            await api.revoke(doc, principal)
            await render(principal === session.user ? await api.role(doc) : current)
            await refreshList()
          }
        })
      }
    } else {
      sharing.hidden = true
    }
  }
  render(role)
  setInterval(() => api.role(doc).then((next) => { if (next !== current) render(next) }, () => {}), ROLE_POLL_MS)
  followPresence(doc, session)
}

/** Lists who is in the document (presence-service, with the user's token), when config.json names it. */
function followPresence (doc, session) {
  if (!session.settings.presenceUrl) {
    return
  }
  const presence = new PresenceApi(session.settings.presenceUrl, () => session.accessToken())
  const here = document.getElementById('here')
  const refresh = () => presence.here(doc).then((people) => showHere(here, people), () => {})
  refresh()
  setInterval(refresh, ROLE_POLL_MS)
}

function exampleUsers (session) {
  return session.settings.exampleUsers.filter((user) => user !== session.user)
}

function isWritable (role) {
  return role === 'write' || role === 'owner'
}

function readOnly (role) {
  const writable = isWritable(role)
  return [EditorState.readOnly.of(!writable), EditorView.editable.of(writable)]
}

start()
