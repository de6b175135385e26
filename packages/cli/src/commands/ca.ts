import { readFile } from 'node:fs/promises'
import { createCertificateAuthority, issueCreatorCertificate } from '@rightflow/sdk'
import type { Command } from 'commander'
import { credentialPaths, readPrivateKey, writeNew, writePrivateKey } from '../c2pa/credentialFiles.js'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit, table } from '../output.js'

export function caCommand(program: Command, context: () => CliContext): void {
  const ca = program
    .command('ca')
    .description(
      'certificates for signing Content Credentials (C2PA): a local CA, or your organisation’s chain',
    )

  ca.command('init')
    .description('make a local certificate authority (its key encrypted with your passphrase)')
    .option('--name <name>', 'the CA’s name', 'Rightflow Local CA')
    .action(async (options: { name: string }) => {
      const ctx = context()
      const paths = credentialPaths(ctx.home)
      const authority = await createCertificateAuthority({ name: options.name })
      await writeNew(paths.caCertificate, authority.certificatePem)
      await writePrivateKey(paths.caKey, authority.privateKeyPem)
      emit(ctx.json, { certificate: paths.caCertificate }, () =>
        console.log(
          `Created the CA "${options.name}"\n${table([
            ['certificate', paths.caCertificate],
            ['key', `${paths.caKey} (encrypted)`],
          ])}\nVerifiers trust your manifests when given this certificate (rightflow verify --trust ${paths.caCertificate}).`,
        ),
      )
    })

  ca.command('issue')
    .description('issue yourself a signing certificate from the local CA')
    .requiredOption('--name <name>', 'your name, shown as the signer of your manifests')
    .option('--organization <org>', 'your organisation')
    .action(async (options: { name: string; organization?: string }) => {
      const ctx = context()
      const paths = credentialPaths(ctx.home)
      const certificatePem = await readFile(paths.caCertificate, 'utf8').catch(() => {
        throw new CliError(
          'no local CA: run `rightflow ca init` first, or `rightflow ca import` your own chain',
        )
      })
      const authority = { certificatePem, privateKeyPem: await readPrivateKey(paths.caKey) }
      const creator = await issueCreatorCertificate({
        ca: authority,
        subjectName: options.name,
        organization: options.organization,
      })
      await writeNew(paths.signerChain, creator.chainPem)
      await writePrivateKey(paths.signerKey, creator.privateKeyPem)
      emit(ctx.json, { chain: paths.signerChain }, () =>
        console.log(
          `Issued a signing certificate for "${options.name}"\n${table([['chain', paths.signerChain]])}`,
        ),
      )
    })

  ca.command('import')
    .description('sign with your organisation’s certificate chain instead (PEM: leaf first; key PKCS#8)')
    .requiredOption('--chain <file>', 'certificate chain, PEM')
    .requiredOption('--key <file>', 'private key, PEM (stored encrypted with your passphrase)')
    .action(async (options: { chain: string; key: string }) => {
      const ctx = context()
      const paths = credentialPaths(ctx.home)
      const read = (file: string) =>
        readFile(file, 'utf8').catch(() => {
          throw new CliError(`cannot read ${file}`)
        })
      const chainPem = await read(options.chain)
      if (!chainPem.includes('BEGIN CERTIFICATE'))
        throw new CliError(`${options.chain} holds no PEM certificate`)
      await writeNew(paths.signerChain, chainPem)
      await writePrivateKey(paths.signerKey, await read(options.key))
      emit(ctx.json, { chain: paths.signerChain }, () =>
        console.log(`Imported the signing chain to ${paths.signerChain}`),
      )
    })
}
