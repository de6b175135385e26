#!/usr/bin/env node
// Runs the bundled CLI (built by `npm install` through the root `prepare` script: one file, starts in
// ~0.25 s) unless a source file is newer than the bundle, in which case it runs the TypeScript sources
// through tsx (~1.5 s), so an edit never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../dist/rightflow.mjs', import.meta.url))
const sources = ['../src/', '../../sdk/src/'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)))

function newestSource() {
  let newest = 0
  for (const dir of sources)
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs)
  return newest
}

if (
  !process.env.RIGHTFLOW_CLI_FROM_SOURCE &&
  existsSync(bundle) &&
  statSync(bundle).mtimeMs >= newestSource()
) {
  await import(bundle)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/main.ts')
}
