// Runs anvil as its child and stops it when the process that started this watchdog dies, however it dies
// (kill -9 included): our stdin is a pipe from that process, and the kernel closes the pipe when it ends.
// Plain JavaScript so that it starts in a few tens of milliseconds, without a TypeScript loader.
// Usage: node anvilWatchdog.mjs <anvil binary> <anvil arguments…>; prints anvil's pid as its first line.
import { spawn } from 'node:child_process'

const [binary, ...args] = process.argv.slice(2)
const anvil = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] })
process.stdout.write(`${anvil.pid}\n`)

let stopping = false
function stop() {
  if (stopping) return
  stopping = true
  // SIGINT lets anvil write its state file before it exits.
  anvil.kill('SIGINT')
  setTimeout(() => anvil.kill('SIGKILL'), 5_000).unref()
}

process.stdin.on('end', stop)
process.stdin.on('error', stop)
process.stdin.resume()
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop)
anvil.on('error', () => process.exit(1))
anvil.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
