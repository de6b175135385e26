import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const guard = join(import.meta.dirname, '../src/processGuard.ts')

/** A process that rejects a promise nobody handles (as a library bug would), then says whether it lived on. */
function rejectUnhandled(guarded: boolean) {
  const script = `
    import { guardProcess } from ${JSON.stringify(guard)}
    ${guarded ? "guardProcess({ info() {}, warn: (m) => console.log('warn: ' + m) })" : ''}
    Promise.reject(new Error('request to https://user:secret@rpc.example/v3/9aa3d95b3bc440faKEY123?apikey=KEY456 failed, key 0x${'ab'.repeat(32)}'))
    setTimeout(() => console.log('still serving'), 50)
  `
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: import.meta.dirname,
  })
}

describe('the process guard', () => {
  it('keeps the process up after an unhandled rejection, and logs it without credentials', () => {
    const run = rejectUnhandled(true)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('still serving')
    expect(run.stdout).toContain(
      'warn: unhandled rejection, kept serving: Error: request to https://***@rpc.example/v3/***?apikey=*** failed',
    )
    expect(run.stdout).not.toMatch(/secret|KEY123|KEY456|abab/)
  })

  it('is what keeps it up: without it Node ends the process', () => {
    const run = rejectUnhandled(false)
    expect(run.status).not.toBe(0)
    expect(run.stdout).not.toContain('still serving')
  })
})
