// Stoplight Spectral's `spectral:oas` ruleset over an OpenAPI document, as a vendor's CI would run it.
import spectralCore from '@stoplight/spectral-core'
import * as parsers from '@stoplight/spectral-parsers'
import { oas } from '@stoplight/spectral-rulesets'

const { Document, Spectral } = spectralCore

/** Errors (severity 0) and warnings (1) of `spectral:oas`, each as "rule: message at path". */
export async function spectralProblems(document: unknown): Promise<{ errors: string[]; warnings: string[] }> {
  const spectral = new Spectral()
  spectral.setRuleset({ extends: [[oas as never, 'recommended']] } as never)
  const results = await spectral.run(new Document(JSON.stringify(document), parsers.Json))
  const describe = (r: (typeof results)[number]) => `${r.code}: ${r.message} at ${r.path.join('.')}`
  return {
    errors: results.filter((r) => r.severity === 0).map(describe),
    warnings: results.filter((r) => r.severity === 1).map(describe),
  }
}
