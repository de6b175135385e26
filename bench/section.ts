/** What every benchmark hands back: tables and notes, rendered the same way on the console and in the doc. */
export type Table = { headers: string[]; rows: string[][] }
/** One line of the summary at the top of the report. */
export type Outcome = { target: string; result: string; met: boolean }
export type Section = { id: string; title: string; summary: Outcome[]; tables: Table[]; notes: string[] }

/** ✅ / ❌ beside a number, against a target. Benchmarks report; they never fail the run. */
export function verdict(met: boolean): string {
  return met ? '✅' : '❌'
}

export function int(value: number | bigint): string {
  return Math.round(Number(value)).toLocaleString('en-US')
}

export function fixed(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** A markdown table, padded as Biome formats it, so it also reads as plain text on a terminal. */
export function renderTable({ headers, rows }: Table): string {
  // At least 3: a delimiter row needs `---`.
  const widths = headers.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

export function renderSection(section: Section): string {
  return [`## ${section.title}`, ...section.tables.map(renderTable), ...section.notes].join('\n\n')
}

// Terminal columns, as Biome counts them when it formats this markdown (`npm run lint` checks docs/): emoji take two.
function width(text: string): number {
  return [...text].reduce((n, ch) => n + (/\p{Extended_Pictographic}/u.test(ch) ? 2 : 1), 0)
}
