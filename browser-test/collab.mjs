// Two people edit one document in the demo editor, each in their own browser context of a
// headless Debian Chromium and each on a different gateway (Ada ?gateway=1, Grace ?gateway=2):
// what one types appears in the other's editor, with the typist's caret, name and colour, so
// text and awareness both cross from one gateway to the other. Screenshots of both editors go to
// --out for humans to look at.
//
//   node collab.mjs --editor http://127.0.0.1:8080/ --doc NAME --out DIR
//   (--ada-gateway N --grace-gateway N: the page's gateway numbers, default 1 and 2)
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
  'timeout-ms': '30000'
})
const timeout = Number(options['timeout-ms'])
const out = resolve(options.out)
mkdirSync(out, { recursive: true })

// Debian's Chromium, never a downloaded one. Playwright adds a fresh temporary --user-data-dir
// of its own to every launch() and deletes it on close.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

const ADA = { name: 'Ada Lovelace', color: '#d1495b', rgb: 'rgb(209, 73, 91)', gateway: options['ada-gateway'] }
const GRACE = { name: 'Grace Hopper', color: '#00798c', rgb: 'rgb(0, 121, 140)', gateway: options['grace-gateway'] }
const ADA_TEXT = 'Ada was here: hello from the first browser.'
const GRACE_TEXT = 'Grace answers from the second browser.'

const browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_FLAGS })
const pages = []
const pageErrors = []
try {
  const ada = await openEditor(ADA)
  const grace = await openEditor(GRACE)
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
  if (pageErrors.length > 0) {
    throw new Error(`errors in the page: ${pageErrors.join('; ')}`)
  }
  const text = await editorText(ada)
  console.log(JSON.stringify({ ok: true, doc: options.doc, adaGateway, graceGateway, adaToGraceMs, graceToAdaMs, text, screenshots }))
} catch (e) {
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: join(out, `failure-${i + 1}.png`), fullPage: true }).catch(() => {})
  }
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack ? e.stack : e), pageErrors }))
  process.exitCode = 1
} finally {
  await browser.close()
}

async function openEditor (user) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 } })
  const page = await context.newPage()
  page.setDefaultTimeout(timeout)
  page.on('pageerror', (error) => pageErrors.push(`${user.name}: ${error.message}`))
  pages.push(page)
  const url = new URL(options.editor)
  url.searchParams.set('doc', options.doc)
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
