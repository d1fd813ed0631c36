// The "service edit" button: the page calls doc-service's edit endpoint the way a backend service
// would (POST /docs/{id}/edits), so the text arrives in every open editor, this one included,
// through the gateway like anyone's typing, not through this page's Yjs document.

/**
 * The edit request that appends `text` to the end of the text root `root`. The root is typed
 * (`roots`) so that the edit also applies to a document nobody has typed in yet.
 */
export function appendEdit (root, text) {
  return { ops: [{ op: 'text.insert', root, index: 'end', text }], roots: { [root]: 'text' } }
}

/** The line the button appends: a newline and the time as ISO 8601 (UTC), marked as a service edit. */
export function timestampLine (now = new Date()) {
  return `\n[service edit ${now.toISOString()}]`
}

/**
 * Sends the edit; resolves to doc-service's answer ({docId, partition, offset, stateVector, …}).
 *
 * @param {{docServiceUrl: string, doc: string, root: string, text: string, token?: string|null,
 *   fetchFn?: typeof fetch}} request the service, document, root and text; `token` when the
 *   service checks tokens
 */
export async function appendText ({ docServiceUrl, doc, root, text, token = null, fetchFn = (...args) => fetch(...args) }) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) {
    headers.Authorization = `Bearer ${token}`
  }
  const response = await fetchFn(`${docServiceUrl.replace(/\/+$/, '')}/docs/${encodeURIComponent(doc)}/edits`, {
    method: 'POST', headers, body: JSON.stringify(appendEdit(root, text))
  })
  if (!response.ok) {
    // doc-service answers problems as application/problem+json with a readable detail
    const problem = await response.json().catch(() => ({}))
    throw new Error(`doc-service answered ${response.status}${problem.detail ? ': ' + problem.detail : ''}`)
  }
  return response.json()
}
