// The page's sign-in, document list and sharing panels (only when config.json has an `auth`
// part). Every element carries data-* attributes that tests wait for instead of parsing text.

import { ROLES } from './sharing.js'

/**
 * The user picker: one button per example user (password = user name, as in the realm file)
 * and a form for any other user of the realm.
 *
 * @param {HTMLElement} element the panel
 * @param {string[]} users example users
 * @param {(user: string, password: string) => Promise<void>} signIn
 */
export function showSignIn (element, users, signIn) {
  const message = el('p', { className: 'hint' }, 'Sign in to see your documents and to edit.')
  const buttons = users.map((user) => {
    const button = el('button', { type: 'button', className: 'user' }, `Sign in as ${user}`)
    button.dataset.user = user
    button.addEventListener('click', () => run(user, user))
    return button
  })
  const name = el('input', { id: 'signin-user', placeholder: 'user name', autocomplete: 'username' })
  const password = el('input', { id: 'signin-password', type: 'password', placeholder: 'password', autocomplete: 'current-password' })
  const form = el('form', { className: 'row' }, name, password, el('button', { type: 'submit' }, 'Sign in'))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    run(name.value.trim(), password.value)
  })
  const error = el('p', { className: 'error', id: 'signin-error' })
  async function run (user, secret) {
    error.textContent = ''
    try {
      await signIn(user, secret)
    } catch (e) {
      error.textContent = `Could not sign in as ${user}: ${e.message}`
    }
  }
  element.replaceChildren(el('h2', {}, 'Sign in'), message,
    el('p', { className: 'row' }, ...buttons, el('span', { className: 'hint' }, 'example users; password = user name')),
    form, error)
  element.hidden = false
}

/** "signed in as alice · sign out", mirrored in data-user. */
export function showSession (element, user, signOut) {
  element.dataset.user = user
  const button = el('button', { type: 'button', className: 'link', id: 'sign-out' }, 'sign out')
  button.addEventListener('click', signOut)
  element.replaceChildren(document.createTextNode('signed in as '), el('strong', {}, user), document.createTextNode(' · '), button)
  element.hidden = false
}

/**
 * The documents the user may open (links keeping the page's other query parameters) and a form
 * that creates one. `#documents` gets data-loaded="true" once the list is shown.
 *
 * @param {HTMLElement} element the panel
 * @param {{doc: string, role: string}[] | Error} documents
 * @param {URLSearchParams} params the page's query parameters
 * @param {(doc: string) => Promise<void>} create
 */
export function showDocuments (element, documents, params, create) {
  const list = el('ul', { id: 'document-list' })
  if (documents instanceof Error) {
    list.append(el('li', { className: 'error' }, documents.message))
  } else if (documents.length === 0) {
    list.append(el('li', { className: 'hint' }, 'No documents yet: create one, or ask someone to share one with you.'))
  }
  for (const { doc, role } of documents instanceof Error ? [] : documents) {
    const query = new URLSearchParams(params)
    query.set('doc', doc)
    const item = el('li', {}, el('a', { href: `?${query}` }, doc), document.createTextNode(' '), badge(role))
    item.dataset.doc = doc
    item.dataset.role = role
    if (params.get('doc') === doc) {
      item.className = 'current'
    }
    list.append(item)
  }
  const name = el('input', { id: 'create-doc', placeholder: 'new document name', pattern: '[A-Za-z0-9._~\\-]{1,128}', required: true })
  const error = el('p', { className: 'error', id: 'create-error' })
  const form = el('form', { className: 'row' }, name, el('button', { type: 'submit', id: 'create-submit' }, 'Create'))
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    error.textContent = ''
    try {
      await create(name.value.trim())
    } catch (e) {
      error.textContent = e.message
    }
  })
  element.replaceChildren(el('h2', {}, 'Your documents'), list, form, error)
  element.dataset.loaded = 'true'
  element.hidden = false
}

/** The user's role on the open document, mirrored in data-role. */
export function showRole (element, role) {
  element.dataset.role = role
  element.replaceChildren(document.createTextNode('your access: '), badge(role),
    document.createTextNode(role === 'read' ? ' (read-only)' : ''))
  element.hidden = false
}

/**
 * Who is in the open document (presence-service): each user with the gateway their tabs are on,
 * an li with data-name and data-gateway each; hidden when presence-service refused.
 *
 * @param {HTMLElement} element the panel
 * @param {{name: string, gateway: string, tabs: number}[] | null} people
 */
export function showHere (element, people) {
  if (people === null) {
    element.hidden = true
    return
  }
  const list = document.createElement('ul')
  for (const person of people) {
    const item = document.createElement('li')
    item.dataset.name = person.name
    item.dataset.gateway = person.gateway
    item.textContent = `${person.name} on ${person.gateway}${person.tabs > 1 ? ` (${person.tabs} tabs)` : ''}`
    list.append(item)
  }
  const heading = document.createElement('h2')
  heading.textContent = 'Here now'
  element.replaceChildren(heading, list)
  element.dataset.loaded = 'true'
  element.hidden = false
}

/**
 * The sharing panel of the open document (owners): every grant with a role picker and a revoke
 * button, and a form that shares with another user. Each grant is an li with data-principal and
 * data-role.
 *
 * @param {HTMLElement} element the panel
 * @param {{principal: string, role: string}[]} grants
 * @param {string[]} users example users, offered in the form
 * @param {{grant: (principal: string, role: string) => Promise<void>, revoke: (principal: string) => Promise<void>}} actions
 */
export function showSharing (element, grants, users, actions) {
  const error = el('p', { className: 'error', id: 'share-error' })
  const guarded = (action) => async (...args) => {
    error.textContent = ''
    try {
      await action(...args)
    } catch (e) {
      error.textContent = e.message
    }
  }
  const list = el('ul', { id: 'grants' })
  for (const { principal, role } of grants) {
    const picker = roleSelect(role)
    picker.addEventListener('change', guarded(() => actions.grant(principal, picker.value)))
    const revoke = el('button', { type: 'button', className: 'revoke' }, 'revoke')
    revoke.addEventListener('click', guarded(() => actions.revoke(principal)))
    const item = el('li', {}, el('strong', {}, principal), document.createTextNode(' '), picker, document.createTextNode(' '), revoke)
    item.dataset.principal = principal
    item.dataset.role = role
    list.append(item)
  }
  const principal = el('input', { id: 'share-principal', placeholder: 'user name or group:NAME', list: 'share-users', required: true })
  const datalist = el('datalist', { id: 'share-users' }, ...users.map((user) => el('option', { value: user })))
  const role = roleSelect('write')
  role.id = 'share-role'
  const form = el('form', { className: 'row' }, principal, datalist, role, el('button', { type: 'submit', id: 'share-submit' }, 'Share'))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    guarded(() => actions.grant(principal.value.trim(), role.value))()
  })
  element.replaceChildren(el('h2', {}, 'Sharing'), list, form, error)
  element.hidden = false
}

function roleSelect (selected) {
  const select = el('select', {}, ...ROLES.map((role) => el('option', { value: role }, role)))
  select.value = selected
  return select
}

function badge (role) {
  return el('span', { className: `badge badge-role-${role}` }, role)
}

/** A new element with these properties (attributes for `list` and `pattern`) and children. */
export function el (tag, properties, ...children) {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'list' || key === 'pattern') {
      element.setAttribute(key, value)
    } else {
      element[key] = value
    }
  }
  element.append(...children)
  return element
}
