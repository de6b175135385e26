// Before `vitest run`: the web app's browser tests drive Debian's Chromium (playwright cannot download a browser
// here, and none ships inside an npm package that runs offline), so the README's test command installs it when it
// is missing and this user may; otherwise it says in one line what to do, and the test command stops.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromiumPath } from '../packages/server/test/support/chromium.js'

function can(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0
}

function fail(message: string): never {
  console.error(`rightflow test: ${message}`)
  process.exit(1)
}

if (!existsSync(chromiumPath)) {
  if (process.platform !== 'linux' || !can('apt-get', ['--version']))
    fail(
      `Chromium is missing at ${chromiumPath} and this is not a Debian-like system: install Chromium there.`,
    )
  const root = process.getuid?.() === 0
  if (!root && !can('sudo', ['-n', 'true']))
    fail(
      `Chromium is missing at ${chromiumPath}, and installing it needs root: run \`sudo apt-get install -y chromium\`.`,
    )
  const sudo = root ? [] : ['sudo', '-n']
  const run = (args: string[]) => {
    const [command, ...rest] = [...sudo, ...args]
    execFileSync(command!, rest, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  }
  console.error('rightflow test: installing Chromium (Debian package) for the browser tests…')
  try {
    run(['apt-get', 'update', '-qq'])
    run(['apt-get', 'install', '-y', '-qq', 'chromium'])
  } catch {
    fail(
      'installing Chromium with apt-get failed (see above): install the `chromium` package, then run again.',
    )
  }
  if (!existsSync(chromiumPath)) fail(`apt-get installed chromium, but not at ${chromiumPath}.`)
  console.error('rightflow test: Chromium installed.')
}
