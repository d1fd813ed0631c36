// The demo editor: one Y.Text shown in CodeMirror 6, kept in sync with every other open editor
// of the same document through the stock y-websocket provider and a Skein gateway.

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { yCollab } from 'y-codemirror.next'
import { basicSetup, EditorView } from 'codemirror'
import { placeholder } from '@codemirror/view'
import { markdown } from '@codemirror/lang-markdown'
import { chooseGateway, documentId } from './settings.js'
import { chooseIdentity } from './identity.js'
import { showError, showGateway, trackStatus } from './status.js'

// The shared type's name; any client that wants to read or write the editor's text (tests,
// backend services) uses the same name.
const TEXT_NAME = 'codemirror'

// y-codemirror.next only shows a remote user's name while the caret is hovered; for a demo the
// names should always be visible.
const alwaysShowNames = EditorView.theme({
  '.cm-ySelectionInfo': { opacity: 1, fontFamily: 'system-ui, sans-serif', borderRadius: '3px 3px 3px 0' }
})

async function start () {
  const params = new URLSearchParams(window.location.search)
  const statusLine = document.getElementById('status')
  let doc
  let gateway
  try {
    doc = documentId(params)
    gateway = await chooseGateway(params)
  } catch (e) {
    showError(statusLine, e.message)
    return
  }
  const url = gateway.url
  document.getElementById('doc-name').textContent = doc
  showGateway(document.getElementById('gateway'), gateway, params)
  document.title = `${doc} · Skein`

  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(url, doc, ydoc, {
    // Tabs of one browser would otherwise also sync through a BroadcastChannel, hiding whether
    // the server really carries the edits.
    disableBc: true
  })
  const user = chooseIdentity(params)
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
      yCollab(ytext, provider.awareness, { undoManager: new Y.UndoManager(ytext) })
    ]
  })
  view.focus()
  window.addEventListener('pagehide', () => provider.destroy())
}

start()
