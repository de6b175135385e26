import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { CliError } from './cliError.js'

/** Expands files and folders (recursively, skipping hidden entries) into a sorted list of files. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const files: string[] = []
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path).catch(() => undefined)
    if (!info) throw new CliError(`no such file or folder: ${path}`)
    if (info.isFile()) files.push(path)
    else if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort()
      for (const name of entries) await visit(join(path, name), false)
    } else if (explicit) throw new CliError(`not a regular file or folder: ${path}`)
  }
  for (const path of paths) await visit(path, true)
  return files
}
