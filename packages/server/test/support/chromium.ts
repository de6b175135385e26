import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

export type Chromium = { context: BrowserContext; close(): Promise<void> }

/** A real headless Chromium with a throwaway profile, for the web app's browser tests. */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium is missing at ${chromiumPath}: the web app's browser tests drive a real browser. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (Debian package).',
    )
  const profileDir = mkdtempSync(join(tmpdir(), 'rightflow-chromium-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

/** Collects the script errors, console errors and error responses a page sees, from now on. */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} at ${message.location().url}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
  })
}
