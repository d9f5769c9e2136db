/**
 * Swagger UI for /docs, served by this Worker alone: its script and style are the Worker's static
 * assets (static/docs/assets/, copied from the swagger-ui-dist npm package of this version by
 * `npm install`), with Subresource Integrity; the page that starts it has no inline script, and a
 * strict Content-Security-Policy lets it load and call nothing but this origin — a page that holds
 * a bearer token runs no one else's code, and works on a network that blocks CDNs or offline.
 * Bumping the version: `npm i -D swagger-ui-dist@<new>` and copy the hashes the test prints.
 */
export const SWAGGER_UI = {
  version: '5.35.0',
  script: { file: 'swagger-ui-bundle.js', integrity: 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9' },
  style: { file: 'swagger-ui.css', integrity: 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I' },
}

const asset = (file: string) => `/docs/assets/${file}`

/** The Content-Security-Policy of /docs: this origin only (Swagger UI sets inline styles; its icons are data: URLs). */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The page; docs.js (a static asset) starts Swagger UI on /openapi.json. */
export function swaggerPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>PHR Edge API</title>
  <link rel="stylesheet" href="${asset(SWAGGER_UI.style.file)}" integrity="${SWAGGER_UI.style.integrity}">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${asset(SWAGGER_UI.script.file)}" integrity="${SWAGGER_UI.script.integrity}"></script>
  <script src="${asset('docs.js')}"></script>
</body>
</html>`
}
