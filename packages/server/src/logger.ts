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
