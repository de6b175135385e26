import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './runCli.js'

// Unreachable endpoints (port 9, discard) whose URLs carry credentials in the three places providers put them.
const secrets = ['leakuser7Q', 'leakpass9Z', 'Xy12abcDEF34ghIJ56klMN78opQR90st', 'q0ery5ecretV4lue']
const [user, password, pathKey, queryKey] = secrets
const secretUrl = `http://${user}:${password}@127.0.0.1:9/v2/${pathKey}?apikey=${queryKey}`
const shownUrl = 'http://***@127.0.0.1:9/v2/***?apikey=***'

describe('the CLI names an unreachable server or chain without the credentials in its URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rf-cli-leak-'))
  writeFileSync(join(dir, 'x.txt'), 'x')
  const env = { RIGHTFLOW_HOME: join(dir, 'home') }

  it('rpc credentials leak in a chain error (text and --json)', async () => {
    for (const json of [false, true]) {
      const run = await runCli(
        ['asset', 'show', `0x${'ab'.repeat(32)}`, '--rpc', secretUrl, ...(json ? ['--json'] : [])],
        env,
        dir,
      )
      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain('rightflow: ')
      expect(run.stderr).toContain(shownUrl)
      for (const secret of secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret)
    }
  })

  it('credentials leak in a server-unreachable error', async () => {
    const run = await runCli(
      ['history', `0x${'ab'.repeat(32)}`],
      { ...env, RIGHTFLOW_SERVER: secretUrl },
      dir,
    )
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain(shownUrl)
    for (const secret of secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret)
  })
})
