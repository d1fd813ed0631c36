// The status line under the title: connection, sync state and who else is here.
//
// The same facts are mirrored into data-* attributes of the element so that the browser test
// can wait for "connected, synced, one peer" without parsing the human-readable text.

/**
 * @param {HTMLElement} element the status line
 * @param {import('y-websocket').WebsocketProvider} provider
 */
export function trackStatus (element, provider) {
  const state = { status: 'connecting', synced: false }
  const render = () => {
    const peers = peerUsers(provider.awareness)
    element.dataset.status = state.status
    element.dataset.synced = String(state.synced)
    element.dataset.peers = String(peers.length)
    element.replaceChildren(
      badge(state.status, state.status),
      text(' · '),
      badge(state.synced ? 'synced' : 'syncing', state.synced ? 'synced' : 'pending'),
      text(' · '),
      ...peerList(peers)
    )
  }
  provider.on('status', ({ status }) => {
    state.status = status
    if (status !== 'connected') {
      state.synced = false
    }
    render()
  })
  provider.on('sync', (synced) => {
    state.synced = synced
    render()
  })
  provider.awareness.on('change', render)
  render()
}

/**
 * Shows which gateway the page is on ("gateway 2 of 2", its URL in the tooltip) with links that
 * open the same document on each other listed gateway; mirrored in data-gateway (the number, or
 * "" for a gateway given by URL) and data-url for tests.
 *
 * @param {HTMLElement} element where to show it
 * @param {{url: string, number: number | null, gateways: string[]}} gateway see settings.js chooseGateway
 * @param {URLSearchParams} params the page's query parameters, kept in the links
 */
export function showGateway (element, gateway, params) {
  element.dataset.gateway = gateway.number === null ? '' : String(gateway.number)
  element.dataset.url = gateway.url
  const current = document.createElement('strong')
  current.textContent = gateway.number === null
    ? gateway.url
    : `gateway ${gateway.number}${gateway.gateways.length > 1 ? ` of ${gateway.gateways.length}` : ''}`
  current.title = gateway.url
  const nodes = [text('on '), current]
  const others = gateway.gateways.map((url, i) => i + 1).filter((number) => number !== gateway.number)
  if (gateway.number !== null && others.length > 0) {
    nodes.push(text(' (switch to '))
    others.forEach((number, i) => {
      const query = new URLSearchParams(params)
      query.set('gateway', String(number))
      const link = document.createElement('a')
      link.href = `?${query}`
      link.textContent = `gateway ${number}`
      link.title = gateway.gateways[number - 1]
      nodes.push(link)
      if (i < others.length - 1) {
        nodes.push(text(', '))
      }
    })
    nodes.push(text(')'))
  }
  element.replaceChildren(...nodes)
}

/** Shows a fatal problem (bad document id, no gateway address) in place of the status. */
export function showError (element, message) {
  element.dataset.status = 'error'
  element.replaceChildren(badge('error', 'error'), text(' ' + message))
}

function peerUsers (awareness) {
  const peers = []
  awareness.getStates().forEach((state, clientId) => {
    if (clientId !== awareness.clientID && state.user) {
      peers.push(state.user)
    }
  })
  return peers
}

function peerList (peers) {
  if (peers.length === 0) {
    return [text('nobody else here')]
  }
  const nodes = [text(peers.length === 1 ? '1 peer: ' : `${peers.length} peers: `)]
  peers.forEach((user, i) => {
    const name = document.createElement('span')
    name.className = 'peer'
    name.style.color = user.color
    name.textContent = user.name
    nodes.push(name)
    if (i < peers.length - 1) {
      nodes.push(text(', '))
    }
  })
  return nodes
}

function badge (label, kind) {
  const span = document.createElement('span')
  span.className = `badge badge-${kind}`
  span.textContent = label
  return span
}

function text (value) {
  return document.createTextNode(value)
}
