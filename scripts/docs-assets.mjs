// Copies Swagger UI's script and style from the swagger-ui-dist package (pinned in package.json,
// its hashes in src/core/swagger.ts) into static/docs/assets/, which wrangler serves as the
// Worker's static assets: /docs loads nothing from anyone else. Run by `npm install` / `npm ci`
// (postinstall); run it again after bumping swagger-ui-dist.
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const target = join(root, 'static', 'docs', 'assets')
mkdirSync(target, { recursive: true })
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) copyFileSync(join(dist, file), join(target, file))
