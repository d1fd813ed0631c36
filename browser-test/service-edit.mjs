// The demo page's service-edit button: two editors of one document in headless Chromium, on
// different gateways; one presses "Insert a timestamp at the end", which calls doc-service's edit
// endpoint (POST /docs/{id}/edits) instead of typing. The timestamp line must appear in both
// editors (it reaches even the page that asked through the gateway, as a service's edit does),
// and the pages' own Yjs documents hold it exactly once.
//
//   node service-edit.mjs --editor http://127.0.0.1:8080/ --doc NAME --out DIR
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
  'timeout-ms': '30000'
})
const timeout = Number(options['timeout-ms'])
const out = resolve(options.out)
mkdirSync(out, { recursive: true })

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const MARK = '[service edit '

const browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_FLAGS })
const pages = []
const pageErrors = []
try {
  const asking = await openEditor('1')
  const watching = await openEditor('2')
  await Promise.all([awaitOnline(asking), awaitOnline(watching)])
  await asking.locator('#service-edit-button').waitFor({ state: 'visible' })
  const pressed = Date.now()
  await asking.locator('#service-edit-button').click()
  await asking.locator('#service-edit-result[data-state="applied"]').waitFor()
  const offset = await asking.locator('#service-edit-result').getAttribute('data-offset')
  await Promise.all([awaitText(asking, MARK), awaitText(watching, MARK)])
  const shownMs = Date.now() - pressed
  const texts = await Promise.all([asking, watching].map((page) => page.evaluate(() => window.skein.ytext.toString())))
  for (const text of texts) {
    if (text.split(MARK).length !== 2 || !/\n\[service edit \d{4}-\d\d-\d\dT[\d:.]+Z\]$/.test(text)) {
      throw new Error(`expected the timestamp line once at the end, got ${JSON.stringify(text)}`)
    }
  }
  if (texts[0] !== texts[1]) {
    throw new Error(`the editors differ: ${JSON.stringify(texts)}`)
  }
  if (pageErrors.length > 0) {
    throw new Error(`page errors: ${pageErrors.join('; ')}`)
  }
  await asking.screenshot({ path: join(out, 'service-edit.png') })
  console.log(JSON.stringify({ ok: true, offset: Number(offset), shownInBothMs: shownMs, text: texts[0] }))
} catch (e) {
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: join(out, `service-edit-failure-${i + 1}.png`) }).catch(() => {})
  }
  console.log(JSON.stringify({ ok: false, error: e.message }))
  process.exitCode = 1
} finally {
  await browser.close()
}

async function openEditor (gateway) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 } })
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

async function awaitText (page, text) {
  await page.waitForFunction((expected) => document.querySelector('.cm-content').innerText.includes(expected), text)
}
