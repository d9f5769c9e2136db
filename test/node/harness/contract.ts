// Contract validation against the served /openapi.json with a JSON Schema 2020-12 validator (Ajv):
// the status is documented for that operation, the body matches its schema, and the headers the
// response declares as required are present.
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

export type Doc = { paths: Record<string, Record<string, { responses: Record<string, any> }>>; components: Record<string, any> }

/** A checker for responses: (method, path without query, response, parsed body) → problems found. */
export function contract(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(doc as object, 'doc')
  const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')
  const templates = Object.keys(doc.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
  const resolve = (node: any): any =>
    node?.$ref
      ? resolve(
          node.$ref
            .slice(2)
            .split('/')
            .reduce((o: any, k: string) => o[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc),
        )
      : node
  return (method: string, path: string, response: Response, body: unknown): string[] => {
    const matches = templates.filter(({ re }) => re.test(path))
    // The most literal template wins (/v1/symptom-checks/detect over /v1/symptom-checks/{id}).
    const template = matches.sort((a, b) => (a.t.match(/\{/g)?.length ?? 0) - (b.t.match(/\{/g)?.length ?? 0))[0]?.t
    if (!template) return [`${method} ${path}: not in the document`]
    const op = doc.paths[template]![method.toLowerCase()]
    if (!op) return [`${method} ${template}: no such operation`]
    const declared = op.responses[String(response.status)]
    if (!declared) return [`${method} ${template}: status ${response.status} is not documented`]
    const resolved = resolve(declared)
    const problems: string[] = []
    for (const name of Object.keys(resolved.headers ?? {})) {
      if (resolve(resolved.headers[name]).required && !response.headers.has(name))
        problems.push(`${method} ${template} ${response.status}: header ${name} missing`)
    }
    const content = resolved.content?.['application/json']
    if (content) {
      const ref = declared.$ref
        ? `doc#/${ref2(declared.$ref)}/content/application~1json/schema`
        : `doc#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${response.status}/content/application~1json/schema`
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref })
      if (!validate(body)) problems.push(`${method} ${template} ${response.status}: ${ajv.errorsText(validate.errors)}`)
    }
    return problems
  }
}
const ref2 = (ref: string) => ref.slice(2)
