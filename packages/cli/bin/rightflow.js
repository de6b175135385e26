#!/usr/bin/env node
// The CLI runs its TypeScript sources through tsx: no build step between a clone and a working command.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
