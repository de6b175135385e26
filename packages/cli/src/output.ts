/** Prints either a JSON document (with --json) or human lines. */
export function emit(json: boolean, data: unknown, human: () => void): void {
  if (json) process.stdout.write(`${JSON.stringify(data, bigintReplacer, 2)}\n`)
  else human()
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === 'bigint' ? value.toString() : value
}

/** An aligned two-column table. */
export function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length))
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')
}

/** Rows for a list in a {@link table}: the label on the first, aligned values below; `empty` when none. */
export function listRows(label: string, values: string[], empty?: string): [string, string][] {
  if (values.length === 0) return empty === undefined ? [] : [[label, empty]]
  return values.map((value, i) => [i === 0 ? label : '', value])
}

export const color = {
  green: (s: string) => (process.stdout.isTTY ? `\x1b[32m${s}\x1b[0m` : s),
  yellow: (s: string) => (process.stdout.isTTY ? `\x1b[33m${s}\x1b[0m` : s),
  red: (s: string) => (process.stdout.isTTY ? `\x1b[31m${s}\x1b[0m` : s),
  dim: (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s),
}

/** An aligned table with a header row, for lists a person scans by column. */
export function grid(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()}`
  return [line(headers), ...rows.map(line)].join('\n')
}
