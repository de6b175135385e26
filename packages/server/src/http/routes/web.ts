import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { webAppCsp } from '../securityHeaders.js'

// The web app is plain static files (packages/web/public), served as they are: no build step to break.
const publicDir = fileURLToPath(new URL('../../../../web/public/', import.meta.url))
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
}
const files = new Set(['index.html', 'app.js', 'checks.js', 'view.js', 'rights.js', 'style.css'])

export function webRoutes() {
  const app = new Hono()
  app.get('/', (c) => c.redirect('/app/'))
  // Hono's optional parameter does not match a trailing slash, so '/app/' is listed on its own.
  app.on('GET', ['/app/', '/app/:file?'], async (c) => {
    const file = c.req.param('file') ?? 'index.html'
    if (!files.has(file)) return c.notFound()
    const body = await readFile(join(publicDir, file)).catch(() => undefined)
    if (!body) return c.notFound()
    return c.body(body, 200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': webAppCsp,
    })
  })
  return app
}
