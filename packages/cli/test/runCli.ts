import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../bin/rightflow.js', import.meta.url))

export type CliRun = { code: number; stdout: string; stderr: string; json<T = unknown>(): T }

/** Runs the real `rightflow` binary in a child process. */
export function runCli(args: string[], env: Record<string, string>, cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: env.RIGHTFLOW_HOME ?? '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }),
    )
  })
}

/** The environment a test's CLI runs in: its own home folder, a real server, chain and registry. */
export function cliEnvironment(
  dir: string,
  passphrase: string,
  target: { serverUrl: string; rpcUrl: string; registry: string },
): Record<string, string> {
  return {
    RIGHTFLOW_HOME: join(dir, 'home'),
    RIGHTFLOW_PASSPHRASE: passphrase,
    // Light scrypt for test keys only; real keys use the default cost.
    RIGHTFLOW_SCRYPT_N: '4096',
    RIGHTFLOW_SERVER: target.serverUrl,
    RIGHTFLOW_RPC_URL: target.rpcUrl,
    RIGHTFLOW_REGISTRY: target.registry,
  }
}
