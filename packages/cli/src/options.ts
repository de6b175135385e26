/** Commander's accumulator for repeatable options (`--parent a --parent b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
