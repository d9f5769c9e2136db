// Walking our own /openapi.json in tests: its operations, and the example body Swagger UI's
// "Try it out" would send for a schema.

export type Schema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  default?: unknown
  example?: unknown
  format?: string
}
export type Operation = {
  operationId: string
  tags?: string[]
  security?: Record<string, string[]>[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { $ref?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>
  /** A page for people (the dispatcher's): its refusals are pages, not the error envelope. */
  'x-html-page'?: boolean
}
export type OpenApiDocument = {
  openapi: string
  info: { contact?: unknown; license?: unknown }
  servers: { url: string }[]
  tags: { name: string; description?: string }[]
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, Schema & { properties?: Record<string, any> }>
    responses: Record<string, { headers?: Record<string, unknown> }>
    securitySchemes: Record<string, unknown>
  }
}

export function operationsOf(doc: OpenApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  )
}

const byFormat: Record<string, unknown> = {
  email: 'user@example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  date: '2019-08-24',
  'date-time': '2019-08-24T14:15:22Z',
  uri: 'https://example.com/',
}
const byType: Record<string, unknown> = { string: 'string', integer: 0, number: 0, boolean: true, null: null }

/** The example Swagger UI builds: example, else enum/const/default, else from the properties. */
export function exampleFor(doc: OpenApiDocument, schema: Schema, depth = 0): unknown {
  if (depth > 10) return undefined
  if (schema.$ref) return exampleFor(doc, doc.components.schemas[schema.$ref.split('/').pop()!]!, depth + 1)
  if (schema.example !== undefined) return schema.example
  if (schema.enum) return schema.enum[0]
  if (schema.const !== undefined) return schema.const
  if (schema.default !== undefined) return schema.default
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return exampleFor(doc, alternatives[0]!, depth + 1)
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => exampleFor(doc, part, depth + 1)))
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, exampleFor(doc, value, depth + 1)]))
  }
  if (type === 'array') return [exampleFor(doc, schema.items ?? {}, depth + 1)]
  if (schema.format && byFormat[schema.format] !== undefined) return byFormat[schema.format]
  return type ? byType[type] : undefined
}
