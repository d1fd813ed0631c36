// The History panel: the document's versions (time, label, authors), a "Take version" form, a
// read-only view of a chosen version with its differences against the current text, and
// Restore. Every element carries data-* attributes that tests wait for instead of parsing text:
//   #history[data-loaded="true"]                    the list was read at least once
//   #versions > li[data-version][data-label][data-authors]
//   #take-version-result[data-state]                idle, sending, taken (with data-version), failed
//   #version-view[data-version][data-differences]   the version shown and how many runs differ from now
//   #restore-result[data-state]                     idle, sending, restored, failed

import { diffText } from './history.js'
import { el } from './panels.js'

// Idle and interval versions appear without anyone on this page asking; look for them now and then.
const REFRESH_MS = 10000

/**
 * Shows the panel and keeps it current.
 *
 * @param {HTMLElement} element the panel
 * @param {import('./history.js').HistoryApi} api doc-service's version endpoints for this document
 * @param {import('yjs').Text} ytext the editor's text (the view compares against it as it changes)
 * @returns {{setWritable: (writable: boolean) => void}} taking and restoring follow the user's role
 */
export function showHistory (element, api, ytext) {
  const label = el('input', { id: 'version-label', placeholder: 'label (optional)', maxLength: 200 })
  const take = el('button', { type: 'submit', id: 'take-version' }, 'Take version')
  const taken = el('span', { id: 'take-version-result', className: 'hint' })
  taken.dataset.state = 'idle'
  const form = el('form', { className: 'row' }, label, take)
  const list = el('ul', { id: 'versions' })
  const error = el('p', { className: 'error', id: 'history-error' })
  const view = versionView(api, ytext, () => refresh())
  let writable = true

  async function refresh () {
    try {
      const versions = await api.list()
      error.textContent = ''
      list.replaceChildren(...versions.map((version) => versionItem(version, view)))
      if (versions.length === 0) {
        list.append(el('li', { className: 'hint' }, 'No versions yet: they are taken when editing pauses, or with the button.'))
      }
      element.dataset.loaded = 'true'
    } catch (e) {
      error.textContent = e.problem === 'urn:skein:problem:history-unavailable'
        ? 'No version history here: doc-service has no storage configured.'
        : e.message
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    take.disabled = true
    taken.dataset.state = 'sending'
    taken.textContent = 'taking…'
    try {
      const version = await api.take(label.value.trim())
      taken.dataset.state = 'taken'
      taken.dataset.version = String(version.version)
      taken.textContent = `took version ${version.version}`
      label.value = ''
      await refresh()
    } catch (e) {
      taken.dataset.state = 'failed'
      taken.textContent = e.message
    } finally {
      take.disabled = !writable
    }
  })

  element.replaceChildren(el('h2', {}, 'History'), form, taken, list, error, view.element)
  element.hidden = false
  refresh()
  setInterval(refresh, REFRESH_MS)
  return {
    setWritable (next) {
      writable = next
      take.disabled = !next
      label.disabled = !next
      view.setWritable(next)
    }
  }
}

function versionItem (version, view) {
  const when = new Date(version.time).toLocaleString()
  const authors = version.authors.length > 0 ? version.authors.join(', ') : 'nobody'
  const open = el('button', { type: 'button', className: 'link view-version' }, when)
  open.addEventListener('click', () => view.show(version))
  const item = el('li', {}, open,
    version.label ? el('strong', { className: 'version-label' }, ` ${version.label}`) : document.createTextNode(''),
    el('span', { className: 'hint' }, ` · ${authors}`))
  item.dataset.version = String(version.version)
  item.dataset.label = version.label
  item.dataset.authors = version.authors.join(',')
  return item
}

/** The read-only view of one version: its text with what differs from the current text marked. */
function versionView (api, ytext, afterRestore) {
  const title = el('strong', {})
  const restore = el('button', { type: 'button', id: 'restore-version' }, 'Restore this version')
  const close = el('button', { type: 'button', className: 'link', id: 'close-version' }, 'close')
  const restored = el('span', { id: 'restore-result', className: 'hint' })
  const text = el('pre', { id: 'version-text' })
  const legend = el('p', { className: 'hint' },
    el('ins', { className: 'diff-version' }, 'only in this version'), document.createTextNode(' · '),
    el('del', { className: 'diff-current' }, 'only in the current text'))
  const element = el('div', { id: 'version-view' },
    el('p', { className: 'row' }, title, restore, close, restored), legend, text)
  element.hidden = true
  let shown = null
  let pastText = ''
  let writable = true

  const render = () => {
    // what restoring would do to the current text, shown over the version's text
    const runs = diffText(ytext.toString(), pastText)
    text.replaceChildren(...runs.map((run) => run.kind === 'same'
      ? document.createTextNode(run.text)
      : el(run.kind === 'added' ? 'ins' : 'del', { className: run.kind === 'added' ? 'diff-version' : 'diff-current' }, run.text)))
    element.dataset.differences = String(runs.filter((run) => run.kind !== 'same').length)
  }
  ytext.observe(() => { if (shown) render() })

  close.addEventListener('click', () => {
    shown = null
    element.hidden = true
    delete element.dataset.version
  })
  restore.addEventListener('click', async () => {
    if (!shown) return
    restore.disabled = true
    restored.dataset.state = 'sending'
    restored.textContent = 'restoring…'
    try {
      const answer = await api.restore(shown.version)
      restored.dataset.state = 'restored'
      restored.textContent = answer.ops === 0 ? 'the text is this version already' : `restored with ${answer.ops} edit${answer.ops === 1 ? '' : 's'}`
      afterRestore()
    } catch (e) {
      restored.dataset.state = 'failed'
      restored.textContent = e.message
    } finally {
      restore.disabled = !writable
    }
  })
  return {
    element,
    async show (version) {
      shown = version
      title.textContent = `Version of ${new Date(version.time).toLocaleString()}${version.label ? ` “${version.label}”` : ''}`
      restored.dataset.state = 'idle'
      restored.textContent = ''
      try {
        pastText = await api.text(version.version)
      } catch (e) {
        pastText = ''
        restored.dataset.state = 'failed'
        restored.textContent = e.message
      }
      if (shown !== version) return
      element.dataset.version = String(version.version)
      element.hidden = false
      render()
    },
    setWritable (next) {
      writable = next
      restore.disabled = !next
    }
  }
}
