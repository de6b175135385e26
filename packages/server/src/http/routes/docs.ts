import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { openApiDocument } from '../openapi.js'
import { docsCsp } from '../securityHeaders.js'

// Swagger UI's assets come from the swagger-ui-dist package and are served by us: no CDN, so the docs
// work on an air-gapped server.
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
}

const page = `<!doctype html><html><head><meta charset="utf-8"><title>Rightflow API</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`

export function docsRoutes() {
  const app = new Hono()
  app.get('/openapi.json', (c) => c.json(openApiDocument))
  app.get('/docs', (c) => c.html(page, 200, { 'content-security-policy': docsCsp }))
  // People type the trailing slash; one address for the page.
  app.get('/docs/', (c) => c.redirect('/docs', 301))
  app.get('/docs/init.js', (c) =>
    c.body("SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' })", 200, {
      'content-type': 'text/javascript',
    }),
  )
  app.get('/docs/:asset', async (c) => {
    const asset = c.req.param('asset')
    const type = assets[asset]
    if (!type) return c.notFound()
    return c.body(await readFile(join(swaggerDir, asset)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    })
  })
  return app
}
