// Two people edit one document in the demo editor, each in their own browser context of a
// headless Debian Chromium and each on a different gateway (Ada ?gateway=1, Grace ?gateway=2):
// what one types appears in the other's editor, with the typist's caret, name and colour, so
// text and awareness both cross from one gateway to the other. Screenshots of both editors go to
// --out for humans to look at.
//
// With --auth true (the local run with Keycloak), Ada signs in as alice and Grace as bob through
// the page's user picker; alice creates the document and shares it with bob (write) in the
// page's sharing panel, bob opens it from his document list; then both edit as above. With
// --read-only true, alice then downgrades bob to read: bob's page turns read-only, an edit he
// still sends (through Yjs directly, as a modified client would) is refused by the gateway and
// never reaches alice, while alice's edits still reach him.
//
//   node collab.mjs --editor http://127.0.0.1:8080/ --doc NAME --out DIR
//   (--ada-gateway N --grace-gateway N: the page's gateway numbers, default 1 and 2;
//    --auth true --read-only true: see above)
//
// Prints one JSON line with the result; exits 1 (after failure screenshots) if anything is off.

import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from './args.mjs'

const options = parseArgs(process.argv.slice(2), {
  editor: undefined,
  doc: undefined,
  out: undefined,
  chromium: '/usr/bin/chromium',
  'ada-gateway': '1',
  'grace-gateway': '2',
  'timeout-ms': '30000',
  auth: 'false',
  'read-only': 'false'
})
const auth = options.auth === 'true'
const timeout = Number(options['timeout-ms'])
const out = resolve(options.out)
mkdirSync(out, { recursive: true })

// Debian's Chromium, never a downloaded one. Playwright adds a fresh temporary --user-data-dir
// of its own to every launch() and deletes it on close.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

const ADA = { name: 'Ada Lovelace', color: '#d1495b', rgb: 'rgb(209, 73, 91)', gateway: options['ada-gateway'], user: 'alice' }
const GRACE = { name: 'Grace Hopper', color: '#00798c', rgb: 'rgb(0, 121, 140)', gateway: options['grace-gateway'], user: 'bob' }
const FORBIDDEN_TEXT = 'Grace writes although she may only read.'
const MARKER_TEXT = 'Ada writes after the downgrade.'
const ADA_TEXT = 'Ada was here: hello from the first browser.'
const GRACE_TEXT = 'Grace answers from the second browser.'

const browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_FLAGS })
const pages = []
const pageErrors = []
try {
  const { ada, grace } = auth ? await signInAndShare() : { ada: await openEditor(ADA), grace: await openEditor(GRACE) }
  await Promise.all([awaitOnline(ada), awaitOnline(grace)])
  // each page says which gateway it is on: the ones asked for, and two different ones
  const adaGateway = await gatewayOf(ada, ADA)
  const graceGateway = await gatewayOf(grace, GRACE)
  if (adaGateway === graceGateway) {
    throw new Error(`both editors are on ${adaGateway}; the test needs two gateways`)
  }

  // *ToMs: from the typist's last key until the text shows in the other browser's editor.
  const adaTyped = await typeAtEnd(ada, `# ${options.doc}\n\n${ADA_TEXT}`)
  await awaitText(grace, ADA_TEXT)
  const adaToGraceMs = Date.now() - adaTyped
  await awaitRemoteCaret(grace, ADA)

  const graceTyped = await typeAtEnd(grace, `\n${GRACE_TEXT}`)
  await awaitText(ada, GRACE_TEXT)
  const graceToAdaMs = Date.now() - graceTyped
  await awaitRemoteCaret(ada, GRACE)

  const screenshots = [await screenshot(grace, 'grace-sees-ada.png'), await screenshot(ada, 'ada-sees-grace.png')]
  const reconnected = auth ? await reconnectAfterUnauthorized(grace, ada) : null
  const readOnly = options['read-only'] === 'true' ? await downgradeGraceToRead(ada, grace) : null
  if (readOnly) {
    screenshots.push(await screenshot(grace, 'grace-read-only.png'))
  }
  if (pageErrors.length > 0) {
    throw new Error(`errors in the page: ${pageErrors.join('; ')}`)
  }
  const text = await editorText(ada)
  console.log(JSON.stringify({ ok: true, doc: options.doc, auth, adaGateway, graceGateway, adaToGraceMs, graceToAdaMs, reconnected, readOnly, text, screenshots }))
} catch (e) {
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: join(out, `failure-${i + 1}.png`), fullPage: true }).catch(() => {})
  }
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack ? e.stack : e), pageErrors }))
  process.exitCode = 1
} finally {
  await browser.close()
}

// alice signs in, creates the document and shares it with bob (write); bob signs in and opens it
// from his document list. Each page ends on the document, connected with its user's token.
async function signInAndShare () {
  const ada = await openEditor(ADA, false)
  await signIn(ada, ADA.user)
  await ada.locator('#create-doc').fill(options.doc)
  await ada.locator('#create-submit').click()
  await ada.locator('#role[data-role="owner"]').waitFor()
  await ada.locator(`#document-list li[data-doc="${options.doc}"][data-role="owner"]`).waitFor()
  await ada.locator('#share-principal').fill(GRACE.user)
  await ada.locator('#share-role').selectOption('write')
  await ada.locator('#share-submit').click()
  await ada.locator(`#grants li[data-principal="${GRACE.user}"][data-role="write"]`).waitFor()

  const grace = await openEditor(GRACE, false)
  await signIn(grace, GRACE.user)
  await grace.locator(`#document-list li[data-doc="${options.doc}"][data-role="write"] a`).click()
  await grace.locator('#role[data-role="write"]').waitFor()
  return { ada, grace }
}

// The gateway closes a connection whose token is invalid or expired with 4401; the page then gets
// a fresh token and reconnects. Here Grace's next connection carries a broken token (as after an
// expiry), and her edits flow again afterwards.
async function reconnectAfterUnauthorized (grace, ada) {
  await grace.evaluate(() => {
    window.closeCodes = []
    window.skein.provider.on('closed', ({ code }) => window.closeCodes.push(code))
    window.skein.provider.protocols = ['skein-auth', 'not-a-token']
    window.skein.provider.ws.close()
  })
  await grace.waitForFunction(() => window.closeCodes.includes(4401))
  await awaitOnline(grace)
  const text = 'Grace is back with a fresh token.'
  await typeAtEnd(grace, `\n${text}`)
  await awaitText(ada, text)
  return { closeCodes: await grace.evaluate(() => window.closeCodes) }
}

async function signIn (page, user) {
  await page.locator(`#signin button[data-user="${user}"]`).click()
  await page.locator(`#session[data-user="${user}"]`).waitFor()
  await page.locator('#documents[data-loaded="true"]').waitFor()
}

// alice makes bob a reader. His page shows it; what he still sends is refused by the gateway
// (y-websocket logs its permission-denied answer) and never reaches alice, whose own edits still
// reach him: her marker arriving after his refused edit shows that nothing of his is in flight.
async function downgradeGraceToRead (ada, grace) {
  const denied = new Promise((resolve) => grace.on('console', (message) => {
    if (message.text().includes('Permission denied')) {
      resolve(message.text())
    }
  }))
  await ada.locator(`#grants li[data-principal="${GRACE.user}"] select`).selectOption('read')
  await ada.locator(`#grants li[data-principal="${GRACE.user}"][data-role="read"]`).waitFor()
  await grace.locator('#role[data-role="read"]').waitFor()
  if (await grace.locator('.cm-content[contenteditable="true"]').count() !== 0) {
    throw new Error("Grace's editor is still editable after the downgrade to read")
  }
  await grace.evaluate((text) => window.skein.ytext.insert(window.skein.ytext.length, text), FORBIDDEN_TEXT)
  const refusal = await withTimeout(denied, 'the gateway to refuse Grace\'s edit')
  await typeAtEnd(ada, `\n${MARKER_TEXT}`)
  await awaitText(grace, MARKER_TEXT)
  if ((await editorText(ada)).includes(FORBIDDEN_TEXT)) {
    throw new Error("Grace's edit reached Ada after the downgrade to read")
  }
  return { refusal }
}

function withTimeout (promise, what) {
  let timer
  const expired = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeout)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

async function openEditor (user, withDoc = true) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 } })
  const page = await context.newPage()
  page.setDefaultTimeout(timeout)
  page.on('pageerror', (error) => pageErrors.push(`${user.name}: ${error.message}`))
  pages.push(page)
  const url = new URL(options.editor)
  if (withDoc) {
    url.searchParams.set('doc', options.doc)
  }
  url.searchParams.set('name', user.name)
  url.searchParams.set('color', user.color)
  url.searchParams.set('gateway', user.gateway)
  await page.goto(url.toString())
  return page
}

// The page shows its gateway in #gateway (demo-web status.js showGateway); returns its URL.
async function gatewayOf (page, user) {
  const shown = page.locator(`#gateway[data-gateway="${user.gateway}"]`)
  await shown.waitFor()
  const label = await shown.innerText()
  if (!label.includes(`gateway ${user.gateway}`)) {
    throw new Error(`${user.name}'s page says "${label}", expected gateway ${user.gateway}`)
  }
  return shown.getAttribute('data-url')
}

// The status line mirrors the provider's state into data attributes (demo-web status.js).
async function awaitOnline (page) {
  await page.locator('#status[data-status="connected"][data-synced="true"][data-peers="1"]').waitFor()
}

/** Types `text` at the end of the document; returns when the last key was pressed. */
async function typeAtEnd (page, text) {
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
  return Date.now()
}

async function awaitText (page, text) {
  await page.waitForFunction((expected) => document.querySelector('.cm-content').innerText.includes(expected), text)
}

// y-codemirror.next draws a remote caret as .cm-ySelectionCaret in the user's colour, with the
// user's name in .cm-ySelectionInfo.
async function awaitRemoteCaret (page, user) {
  const caret = page.locator('.cm-ySelectionCaret', { has: page.locator('.cm-ySelectionInfo', { hasText: user.name }) })
  await caret.waitFor({ state: 'visible' })
  await page.locator('.cm-ySelectionInfo', { hasText: user.name }).waitFor({ state: 'visible' })
  const colour = await caret.evaluate((element) => getComputedStyle(element).backgroundColor)
  if (colour !== user.rgb) {
    throw new Error(`${user.name}'s caret is ${colour}, expected ${user.rgb}`)
  }
}

async function editorText (page) {
  return page.evaluate(() => document.querySelector('.cm-content').innerText)
}

async function screenshot (page, name) {
  const path = join(out, name)
  await page.screenshot({ path })
  return path
}
