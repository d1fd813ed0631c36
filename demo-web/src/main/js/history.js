// The History panel's calls and text comparison. Versions are recorded by persistence-service and
// served by doc-service (GET/POST /docs/{id}/versions…); the page calls doc-service the way the
// service-edit button does, with the signed-in user's token when there is one. A restore is
// applied by doc-service as ordinary edits, so it reaches this editor (and every other one)
// through the gateway like anyone's typing, not through this page's Yjs document.

/**
 * doc-service's version endpoints for one document and one text root.
 */
export class HistoryApi {
  /**
   * @param {{docServiceUrl: string, doc: string, root: string, token?: () => Promise<string|null>,
   *   fetchFn?: typeof fetch}} options the service, document and text root; `token` gives the
   *   bearer token when the service checks tokens
   */
  constructor ({ docServiceUrl, doc, root, token = async () => null, fetchFn = (...args) => fetch(...args) }) {
    this.base = `${docServiceUrl.replace(/\/+$/, '')}/docs/${encodeURIComponent(doc)}/versions`
    this.rootQuery = `root=${encodeURIComponent(`${root}:text`)}`
    this.root = root
    this.token = token
    this.fetchFn = fetchFn
  }

  /** The versions, newest first: [{version, time, label, authors, bytes, trigger, labelledBy}]. */
  async list () {
    return this.call('GET', '')
  }

  /** Takes a version now (every edit acknowledged before); resolves to it as listed. */
  async take (label) {
    return this.call('POST', '', label ? { label } : {})
  }

  /** The text root as it was at `version`. */
  async text (version) {
    const content = await this.call('GET', `/${version}/content?${this.rootQuery}`)
    return typeof content[this.root] === 'string' ? content[this.root] : ''
  }

  /** Makes the text that of `version` again, as new edits; resolves to doc-service's answer. */
  async restore (version) {
    return this.call('POST', `/${version}/restore?${this.rootQuery}`)
  }

  async call (method, path, body) {
    const headers = {}
    const token = await this.token()
    if (token) {
      headers.Authorization = `Bearer ${token}`
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
    }
    const response = await this.fetchFn(this.base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (!response.ok) {
      // doc-service answers problems as application/problem+json with a readable detail
      const problem = await response.json().catch(() => ({}))
      const error = new Error(`doc-service answered ${response.status}${problem.detail ? ': ' + problem.detail : ''}`)
      error.status = response.status
      error.problem = problem.type || null
      throw error
    }
    return response.json()
  }
}

// Past this many steps the middle is shown as removed and added whole: the comparison is for
// reading, and a quadratic search over two long unrelated texts would freeze the page.
const MAX_EDIT_STEPS = 2000

/**
 * What changed from `before` to `after`, as runs in reading order: {kind: 'same'|'removed'|'added', text}.
 * Common start and end are kept; the middle is compared word by word (Myers' shortest edit script
 * over words, white space and single other characters), or replaced whole when the two differ
 * too much.
 *
 * @param {string} before
 * @param {string} after
 * @returns {{kind: string, text: string}[]}
 */
export function diffText (before, after) {
  let prefix = 0
  const shorter = Math.min(before.length, after.length)
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++
  // never split a surrogate pair between runs
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
  const a = words(before.slice(prefix, before.length - suffix))
  const b = words(after.slice(prefix, after.length - suffix))
  const runs = []
  push(runs, 'same', before.slice(0, prefix))
  for (const run of middle(a, b)) push(runs, run.kind, run.text)
  push(runs, 'same', before.slice(before.length - suffix))
  return runs
}

/** Words, runs of white space and single other characters (whole code points): what a reader compares. */
function words (text) {
  return text.match(/[\p{L}\p{N}_]+|\s+|./gsu) || []
}

function isHighSurrogate (code) {
  return code >= 0xD800 && code <= 0xDBFF
}

function isLowSurrogate (code) {
  return code >= 0xDC00 && code <= 0xDFFF
}

function push (runs, kind, text) {
  if (text.length === 0) return
  const last = runs[runs.length - 1]
  if (last && last.kind === kind) {
    last.text += text
  } else {
    runs.push({ kind, text })
  }
}

/**
 * Myers' greedy forward search; each round's furthest points are kept (only the diagonals that
 * round can reach, so memory grows with the square of the steps, not with the texts' length) to
 * walk back. Replaced whole past MAX_EDIT_STEPS.
 */
function middle (a, b) {
  if (a.length === 0 || b.length === 0) {
    return [{ kind: 'removed', text: a.join('') }, { kind: 'added', text: b.join('') }]
  }
  const n = a.length
  const m = b.length
  const offset = n + m + 1
  const v = new Int32Array(2 * offset + 1)
  const trace = []
  for (let d = 0; d <= Math.min(n + m, MAX_EDIT_STEPS); d++) {
    // the furthest x of each diagonal -d..d before this round
    trace.push(v.slice(offset - d, offset + d + 1))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        return walkBack(trace, a, b, d)
      }
    }
  }
  return [{ kind: 'removed', text: a.join('') }, { kind: 'added', text: b.join('') }]
}

function walkBack (trace, a, b, steps) {
  const runs = []
  let x = a.length
  let y = b.length
  for (let d = steps; d > 0; d--) {
    const before = trace[d]
    const at = (k) => before[k + d]
    const k = x - y
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const prevK = down ? k + 1 : k - 1
    const prevX = at(prevK)
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      runs.push({ kind: 'same', text: a[--x] })
      y--
    }
    if (down) {
      runs.push({ kind: 'added', text: b[--y] })
    } else {
      runs.push({ kind: 'removed', text: a[--x] })
    }
  }
  while (x > 0 && y > 0) {
    runs.push({ kind: 'same', text: a[--x] })
    y--
  }
  const joined = []
  for (let i = runs.length - 1; i >= 0; i--) push(joined, runs[i].kind, runs[i].text)
  return joined
}
