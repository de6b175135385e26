// Bundles the CLI into one ESM file so it starts in a quarter of a second instead of a second and a half
// (tsx resolving viem's hundreds of modules is what costs). Native addons stay external.
import { build } from 'esbuild'

await build({
  entryPoints: ['packages/cli/src/main.ts'],
  outfile: 'packages/cli/dist/rightflow.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['secp256k1', 'better-sqlite3', 'sharp'],
  // Bundled CommonJS dependencies call require(); give them one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
