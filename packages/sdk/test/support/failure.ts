import { expect } from 'vitest'
import { BaseError, RegistryRevertError } from '../../src/index.js'

/** The error a promise rejects with; fails the test when it resolves or rejects with a non-Rightflow error. */
export async function failure(promise: Promise<unknown>): Promise<BaseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BaseError)
  return error as BaseError
}

/** Expects a contract revert with this code (the contract error in snake case) and, when given, these arguments. */
export async function expectRevert(promise: Promise<unknown>, code: string, args?: readonly unknown[]) {
  const error = await failure(promise)
  expect(error.code).toBe(code)
  expect(error).toBeInstanceOf(RegistryRevertError)
  if (args) expect((error as RegistryRevertError).args).toEqual(args)
  return error as RegistryRevertError
}
