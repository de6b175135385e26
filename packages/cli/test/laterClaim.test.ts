import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRecord, type Hex, recordId, sha256Bytes, signRecord } from '@rightflow/sdk'
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

  it('a stranger who grinds a lower id into the same batch is a LATER CLAIM, even when the server lists it first', async () => {
    const bytes = new TextEncoder().encode(
      'a drawing whose pending record a stranger copies into the same batch',
    )
    await writeFile(join(dir, 'drawing.txt'), bytes)
    const contentHash = sha256Bytes(bytes)
    expect((await cli('register', 'drawing.txt', '--origin', 'human', '--key', 'default')).code).toBe(0)
    const pending = (await (await h.get(`/v1/records?contentHash=${contentHash}`)).json()) as {
      items: { id: Hex }[]
    }
    const originalId = pending.items[0]!.id
    // The stranger reads the pending hash and grinds its own record's id below the creator's.
    const stranger = privateKeyToAccount(generatePrivateKey())
    let model = 0
    const grind = () =>
      createRecord({
        creator: stranger.address,
        contentHash,
        size: bytes.length,
        mediaType: 'text/plain',
        origin: 'ai',
        model: `m${model++}`,
        createdAt: 1_700_000_000,
      })
    let record = grind()
    while (recordId(record) >= originalId) record = grind()
    const copy = await signRecord({ account: stranger, record, domain: h.domain })
    expect((await h.post('/v1/records', submission(copy))).status).toBe(202)
    await h.anchorNow()
    const copyId = recordId(record)

    // Same batch, same time, block and log: the leaf (the order the server received them) decides, not the id.
    const liar = createServer(async (req, res) => {
      const upstream = await fetch(`${h.server.url}${req.url}`)
      const body = (await upstream.json()) as { items?: unknown[] }
      if (Array.isArray(body.items)) body.items.reverse()
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = liar.address() as { port: number }
      for (const server of [h.server.url, `http://127.0.0.1:${port}`]) {
        const run = await runCli(
          ['verify', 'drawing.txt', '--json'],
          { ...env, RIGHTFLOW_SERVER: server },
          dir,
        )
        expect(run.json<VerifyJson>().records.map((r) => [r.id, r.check.claim])).toEqual([
          [originalId, { earliest: true }],
          [copyId, { earliest: false, earlierRecord: originalId }],
        ])
      }
    } finally {
      liar.close()
    }
  })
})
