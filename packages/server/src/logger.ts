import { redactUrlsInText } from '@rightflow/sdk'

/** The little the server says about itself. Never given keys or signatures. */
export type Logger = {
  info(message: string): void
  warn(message: string): void
}

export const consoleLogger: Logger = {
  info: (message) => console.log(`[rightflow] ${message}`),
  warn: (message) => console.warn(`[rightflow] ${message}`),
}

export const silentLogger: Logger = { info: () => {}, warn: () => {} }

/**
 * `log` with every URL in a message shown without credentials: messages carry chain errors, and viem's embed
 * the RPC URL (whose path or query often holds the provider's API key).
 */
export function redactingLogger(log: Logger): Logger {
  return {
    info: (message) => log.info(redactUrlsInText(message)),
    warn: (message) => log.warn(redactUrlsInText(message)),
  }
}
