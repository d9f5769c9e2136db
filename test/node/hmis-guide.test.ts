// The integration guide (docs/hmis-integration.md) says what the code does: its signature test
// vectors are the ones the Worker's own HMAC is tested on, and `npm run hmis:sign` computes them; its sandbox and its 401 codes
// are the code's, every check of the conformance kit names one of its sections, and both contract
// documents point to it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runConformance } from '../../scripts/hmis/check.mjs'
import { signature } from '../../scripts/hmis/sign.mjs'
import { hospitalAuthCodes } from '../../src/core/errors'
import { SANDBOX_HOSPITAL, SECRET_OVERLAP_HOURS } from '../../src/core/hospital-secrets'
import { hmisContractDocument } from '../../src/integrations/hmis/contract'
import { signatureVectors } from '../fixtures/signature-vectors'

const root = new URL('../../', import.meta.url).pathname
const guide = readFileSync(`${root}docs/hmis-integration.md`, 'utf8')
const section = (number: number) => guide.slice(guide.indexOf(`## ${number}.`), guide.indexOf(`## ${number + 1}.`))

/** The rows of the test-vector table: secret, timestamp, method, path, body, signature. */
function vectors() {
  return section(3)
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.includes('`v1='))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim())
      const code = (cell: string) => cell.match(/`([^`]*)`/)?.[1] ?? ''
      const secret = cells[0]!.startsWith('`x` × 100') ? 'x'.repeat(100) : code(cells[0]!)
      return {
        secret,
        timestamp: code(cells[1]!),
        method: code(cells[2]!),
        pathAndQuery: code(cells[3]!),
        body: cells[4]!.startsWith('(empty)') ? '' : code(cells[4]!),
        expected: code(cells[5]!),
      }
    })
}

describe('the integration guide', () => {
  it('has signature test vectors that the Worker’s check and npm run hmis:sign both compute', async () => {
    const rows = vectors()
    // The Worker's own HMAC is checked on these in workerd (test/hmis-credentials.test.ts).
    expect(rows).toEqual(signatureVectors)
    for (const row of rows) {
      const body = new TextEncoder().encode(row.body)
      expect(signature({ ...row, body }), row.pathAndQuery).toBe(row.expected)
      // And a third implementation, WebCrypto's, as a vendor's JavaScript would do it.
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(row.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
      ])
      const signed = await crypto.subtle.sign(
        'HMAC',
        key,
        new TextEncoder().encode(`${row.timestamp}.${row.method}.${row.pathAndQuery}.${row.body}`),
      )
      expect(`v1=${Buffer.from(signed).toString('hex')}`).toBe(row.expected)
    }
    // The command itself, as a vendor runs it.
    const first = rows[0]!
    const printed = execFileSync(
      process.execPath,
      [
        `${root}scripts/hmis/sign.mjs`,
        '--method',
        first.method,
        '--path',
        first.pathAndQuery,
        '--json',
        first.body,
        '--timestamp',
        first.timestamp,
        '--secret',
        first.secret,
      ],
      { encoding: 'utf8' },
    )
    expect(printed).toContain(`x-phr-signature: ${first.expected}`)
    expect(printed).toContain(`x-phr-hospital: ${SANDBOX_HOSPITAL.hfrId}`)
  })

  it('publishes the sandbox hospital the code registers, and the code’s own 401 codes and limits', () => {
    const sandbox = section(8)
    for (const value of [
      SANDBOX_HOSPITAL.hfrId,
      SANDBOX_HOSPITAL.inboundSecret,
      SANDBOX_HOSPITAL.patientRef,
      SANDBOX_HOSPITAL.appointmentRef,
    ])
      expect(sandbox).toContain(`\`${value}\``)
    const codes = [...section(3).matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1])
    expect(codes).toEqual([...hospitalAuthCodes])
    expect(section(7)).toContain(`0–${SECRET_OVERLAP_HOURS.max} hours, default ${SECRET_OVERLAP_HOURS.default}`)
  })

  it('is the section every conformance check names, and both contract documents point to it', async () => {
    const headings = [...guide.matchAll(/^## (\d+\. .+)$/gm)].map((m) => m[1])
    const checks = await runConformance({ baseUrl: 'http://unused', apiKey: '', dryRun: true })
    expect(checks.length).toBeGreaterThanOrEqual(25)
    for (const check of checks) expect(headings, check.name).toContain(check.section)
    const contract = hmisContractDocument() as { info: { description: string }; webhooks: Record<string, unknown> }
    expect(contract.info.description).toContain('docs/hmis-integration.md')
    expect(Object.keys(contract.webhooks).length).toBeGreaterThanOrEqual(8)
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain('docs/hmis-integration.md')
  })
})
