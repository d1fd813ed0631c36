// The demo page's History panel: two editors of one document in headless Chromium, on different
// gateways. The first types, presses "Take version" (doc-service's POST /docs/{id}/versions, with
// a label), types more, opens the version from the list (read-only, the later typing marked as
// only in the current text) and presses "Restore this version" (POST …/versions/{v}/restore).
// Both editors must then show the version's text, the second one having got the restore through
// the gateway like anyone's typing, and the open version must show no differences any more.
//
//   node history.mjs --editor http://127.0.0.1:8080/ --doc NAME --out DIR
//
// Prints one JSON line with the result (the version and how long the restore took to show in the
// other editor); exits 1 (after failure screenshots) if anything is off.

import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from './args.mjs'

const options = parseArgs(process.argv.slice(2), {
  editor: undefined,
  doc: undefined,
  out: undefined,
  chromium: '/usr/bin/chromium',
  'timeout-ms': '30000'
})
const timeout = Number(options['timeout-ms'])
const out = resolve(options.out)
mkdirSync(out, { recursive: true })

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const DRAFT = 'first draft of the history test'
const LATER = ' with words typed after the version'

const browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_FLAGS })
const pages = []
const pageErrors = []
try {
  const writer = await openEditor('1')
  const watcher = await openEditor('2')
  await Promise.all([awaitOnline(writer), awaitOnline(watcher)])
  await writer.locator('#history[data-loaded="true"]').waitFor()

  await typeAtEnd(writer, DRAFT)
  await Promise.all([awaitExactText(writer, DRAFT), awaitExactText(watcher, DRAFT)])
  await writer.locator('#version-label').fill('draft')
  await writer.locator('#take-version').click()
  await writer.locator('#take-version-result[data-state="taken"]').waitFor()
  const version = await writer.locator('#take-version-result').getAttribute('data-version')
  const listed = writer.locator(`#versions > li[data-version="${version}"]`)
  await listed.waitFor()
  if ((await listed.getAttribute('data-label')) !== 'draft') {
    throw new Error(`version ${version} listed without its label: ${await listed.innerText()}`)
  }

  await typeAtEnd(writer, LATER)
  await Promise.all([awaitExactText(writer, DRAFT + LATER), awaitExactText(watcher, DRAFT + LATER)])

  // the version, read-only, with the later typing marked as only in the current text
  await listed.locator('.view-version').click()
  await writer.locator(`#version-view[data-version="${version}"]`).waitFor()
  const onlyNow = await writer.locator('#version-text del.diff-current').allInnerTexts()
  if (onlyNow.join('') !== LATER) {
    throw new Error(`expected ${JSON.stringify(LATER)} marked as only in the current text, got ${JSON.stringify(onlyNow)}`)
  }
  await writer.screenshot({ path: join(out, 'history-version.png') })

  const pressed = Date.now()
  await writer.locator('#restore-version').click()
  await awaitExactText(watcher, DRAFT)
  const restoreVisibleMs = Date.now() - pressed
  await writer.locator('#restore-result[data-state="restored"]').waitFor()
  await awaitExactText(writer, DRAFT)
  await writer.locator('#version-view[data-differences="0"]').waitFor()
  if (pageErrors.length > 0) {
    throw new Error(`page errors: ${pageErrors.join('; ')}`)
  }
  await writer.screenshot({ path: join(out, 'history-restored.png') })
  console.log(JSON.stringify({ ok: true, version: Number(version), restoreVisibleMs }))
} catch (e) {
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: join(out, `history-failure-${i + 1}.png`) }).catch(() => {})
  }
  console.log(JSON.stringify({ ok: false, error: e.message }))
  process.exitCode = 1
} finally {
  await browser.close()
}

async function openEditor (gateway) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(timeout)
  page.on('pageerror', (error) => pageErrors.push(`gateway ${gateway}: ${error.message}`))
  pages.push(page)
  const url = new URL(options.editor)
  url.searchParams.set('doc', options.doc)
  url.searchParams.set('gateway', gateway)
  await page.goto(url.toString())
  return page
}

// The status line mirrors the provider's state into data attributes (demo-web status.js).
async function awaitOnline (page) {
  await page.locator('#status[data-status="connected"][data-synced="true"][data-peers="1"]').waitFor()
}

/** Types `text` at the end of the document. */
async function typeAtEnd (page, text) {
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

/** Waits until the page's Yjs text is exactly `text`. */
async function awaitExactText (page, text) {
  await page.waitForFunction((expected) => window.skein.ytext.toString() === expected, text)
}
