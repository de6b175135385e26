import { bodyLimit } from 'hono/body-limit'
import { problem } from './problem.js'

/**
 * Refuses bodies over `maxSize` bytes with a 413 problem before they are read. The rest of such a body is
 * never read, so the connection cannot carry another request: it is closed.
 */
export function limitBody(maxSize: number, what = 'Bodies') {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      c.header('connection', 'close')
      return problem(c, 'body_too_large', `${what} are limited to ${maxSize} bytes.`)
    },
  })
}
