// `npm run hmis:contract`: writes hmis/openapi.json, the HMIS contract for vendors, from the zod
// schemas in src/integrations/hmis/contract.ts (the Worker serves the same at /hmis/openapi.json).
import { mkdirSync, writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import { hmisContractDocument } from '../../src/integrations/hmis/contract.ts'

const file = new URL('../../hmis/openapi.json', import.meta.url).pathname
mkdirSync(new URL('../../hmis/', import.meta.url).pathname, { recursive: true })
writeFileSync(file, await format(JSON.stringify(hmisContractDocument()), { ...(await resolveConfig(file)), filepath: file }))
console.log(`wrote hmis/openapi.json`)
