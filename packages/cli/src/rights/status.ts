import { color } from '../output.js'

/**
 * Says on stderr what the CLI is waiting for (a transaction on a real chain takes seconds), when a person is
 * watching; scripts and --json get nothing.
 */
export function statusLine(json: boolean): (text: string) => void {
  if (json || !process.stderr.isTTY) return () => {}
  return (text) => process.stderr.write(`${color.dim(`${text}…`)}\n`)
}
