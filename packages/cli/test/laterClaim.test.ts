import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, sha256Bytes } from '@rightflow/sdk'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness, submission } from '../../server/test/api/serverHarness.js'
import { makeSigned } from '../../server/test/support/records.js'
import { cliEnvironment, runCli } from './runCli.js'

let h: Harness
let dir: string
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env, dir)

beforeAll(async () => {
  h = await startHarness()
  dir = await mkdtemp(join(tmpdir(), 'rf-cli-claims-'))
  env = cliEnvironment(dir, 'correct horse battery staple', {
    serverUrl: h.server.url,
    rpcUrl: h.chain.rpcUrl,
    registry: h.chain.registry,
  })
  expect((await cli('keys', 'create', '--json')).code).toBe(0)
})
afterAll(() => h.stop())

type VerifyJson = { records: { id: Hex; record: { creator: Hex }; check: { claim: unknown } }[] }

describe('verify shows the earliest claim on the bytes first and labels later ones', () => {
  it("labels a stranger's later record of the same bytes a LATER CLAIM, even when the server lists it first", async () => {
    const bytes = new TextEncoder().encode('a photograph someone will claim as their own')
    await writeFile(join(dir, 'work.txt'), bytes)
    expect((await cli('register', 'work.txt', '--origin', 'human', '--key', 'default')).code).toBe(0)
    await h.anchorNow()
    const [original] = (await cli('verify', 'work.txt', '--json')).json<VerifyJson>().records

    // A stranger registers the same bytes as their own, later, straight on chain.
    await h.chain.publicClient.request({ method: 'evm_increaseTime' as never, params: [60] as never })
    const stranger = privateKeyToAccount(generatePrivateKey())
    const copy = await makeSigned(stranger, h.domain, { contentHash: sha256Bytes(bytes) })
    const posted = await h.post('/v1/records', submission(copy, { mode: 'direct' }))
    expect(posted.status).toBe(201)
    const copyId = ((await posted.json()) as { id: Hex }).id

    const run = await cli('verify', 'work.txt')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(original!.id)
    expect(run.stdout).toContain('earliest anchored claim on these bytes')
    expect(run.stdout).toMatch(
      new RegExp(
        `LATER CLAIM {2}${copyId} by ${stranger.address}.*earlier record for these bytes exists: ${original!.id}`,
        'i',
      ),
    )

    const history = await cli('history', 'work.txt')
    expect(history.stdout).toContain(
      `the earliest anchored claim on these bytes, ${original!.id}; 1 later claim(s)`,
    )

    // A server that lists the stranger's record first changes nothing: the order comes from the chain.
    const liar = createServer(async (req, res) => {
      const upstream = await fetch(`${h.server.url}${req.url}`)
      const body = (await upstream.json()) as { items?: unknown[] }
      if (Array.isArray(body.items)) body.items.reverse()
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = liar.address() as { port: number }
      const lied = await runCli(
        ['verify', 'work.txt', '--json'],
        { ...env, RIGHTFLOW_SERVER: `http://127.0.0.1:${port}` },
        dir,
      )
      expect(lied.json<VerifyJson>().records.map((r) => [r.id, r.check.claim])).toEqual([
        [original!.id, { earliest: true }],
        [copyId, { earliest: false, earlierRecord: original!.id }],
      ])
    } finally {
      liar.close()
    }
  })
})
