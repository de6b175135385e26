import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the proxy treats the JSON-RPC requests it gets. */
export type RpcProxyMode = 'pass' | 'rate-limited' | 'refused'

export type RpcProxy = {
  url: string
  /** Passes requests to the chain, answers 429 to all of them, or closes its port (connections refused). */
  set(mode: RpcProxyMode): Promise<void>
  /** Answers every request for this JSON-RPC method with an internal error (a flaky provider), or stops (undefined). */
  failMethod(method: string | undefined): void
  close(): Promise<void>
}

/** A JSON-RPC endpoint in front of a real chain that can start failing the way public RPC providers do (429 with an hour's Retry-After). */
export async function startRpcProxy(upstream: string): Promise<RpcProxy> {
  let mode: RpcProxyMode = 'pass'
  let failing: string | undefined
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    if (mode === 'rate-limited') {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' })
      response.end(
        JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 429, message: 'Too Many Requests' } }),
      )
      return
    }
    if (failing !== undefined) {
      const call = JSON.parse(Buffer.concat(chunks).toString()) as { id?: unknown; method?: string }
      if (call.method === failing) {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: call.id ?? null,
            error: { code: -32000, message: 'upstream timeout' },
          }),
        )
        return
      }
    }
    const answer = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    })
    response.writeHead(answer.status, { 'content-type': 'application/json' })
    response.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return {
    url: `http://127.0.0.1:${port}`,
    async set(next) {
      if (mode === 'refused' && next !== 'refused')
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
      if (next === 'refused' && mode !== 'refused') await close()
      mode = next
    },
    failMethod(method) {
      failing = method
    },
    close: () => (mode === 'refused' ? Promise.resolve() : close()),
  }
}
