import { BaseError } from '../errors/BaseError.js'

/**
 * How deeply JSON values may nest (arrays and objects) wherever Rightflow hashes or reads them: far beyond any
 * real metadata, far below what a recursive walk can take before the stack overflows (~5,000 levels in Node).
 */
export const maxJsonDepth = 64

/** A JSON value nested deeper than {@link maxJsonDepth} (or one that contains itself). */
export class JsonTooDeepError extends BaseError {
  override name = 'JsonTooDeepError'
  constructor(maxDepth: number) {
    super(`JSON nested deeper than ${maxDepth} levels is refused.`, { code: 'json_too_deep' })
  }
}

/**
 * Throws {@link JsonTooDeepError} when `value` nests arrays or objects deeper than `maxDepth`. Walks with an
 * explicit stack, so it never overflows however deep the value is; a cycle counts as too deep.
 *
 * @example
 * assertJsonDepth(JSON.parse(text)) // then recursive work on it is safe
 */
export function assertJsonDepth(value: unknown, maxDepth = maxJsonDepth): void {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (typeof current !== 'object' || current === null) continue
    if (depth >= maxDepth) throw new JsonTooDeepError(maxDepth)
    const children = Array.isArray(current) ? current : Object.values(current)
    for (const child of children)
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
  }
}
