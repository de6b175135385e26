import { redactUrlsInText } from '@rightflow/sdk'
import type { Logger } from './logger.js'

let installed = false

/**
 * The last line of defence: a promise rejected with no handler (a bug here or in a library, such as x402's
 * unawaited asset check when the chain fails) is logged and the server keeps serving, instead of Node ending
 * the process. Installed once per process; the paths we know of handle their own failures and answer properly.
 *
 * @example
 * guardProcess(log)
 */
export function guardProcess(log: Logger): void {
  if (installed) return
  installed = true
  process.on('unhandledRejection', (reason) => {
    log.warn(`unhandled rejection, kept serving: ${withoutSecrets(describe(reason))}`)
  })
}

function describe(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason).slice(0, 300)
  const short = (reason as { shortMessage?: unknown }).shortMessage
  const message = typeof short === 'string' ? short : (reason.message.split('\n')[0] ?? '')
  return `${reason.name}: ${message}`.slice(0, 300)
}

/** A log line without what may be secret: URLs as the SDK shows them, and long hex (keys, signatures) elided. */
function withoutSecrets(text: string): string {
  return redactUrlsInText(text).replace(/0x[0-9a-fA-F]{64,}/g, '0x…')
}
