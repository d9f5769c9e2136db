/**
 * Swagger UI for /docs, from a pinned version on the jsDelivr CDN with Subresource Integrity: a
 * changed or hijacked file is refused by the browser. The hashes are those of the same files in
 * the swagger-ui-dist npm package (a test compares them), so bumping the version means
 * `npm i -D swagger-ui-dist@<new>` and copying the hashes the test prints.
 */
export const SWAGGER_UI = {
  version: '5.35.0',
  script: { file: 'swagger-ui-bundle.js', integrity: 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9' },
  style: { file: 'swagger-ui.css', integrity: 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I' },
}

const asset = (file: string) => `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI.version}/${file}`

export function swaggerPage(documentUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>PHR Edge API</title>
  <link rel="stylesheet" href="${asset(SWAGGER_UI.style.file)}" integrity="${SWAGGER_UI.style.integrity}" crossorigin="anonymous">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${asset(SWAGGER_UI.script.file)}" integrity="${SWAGGER_UI.script.integrity}" crossorigin="anonymous"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: ${JSON.stringify(documentUrl)}, dom_id: '#swagger-ui', persistAuthorization: true })
  </script>
</body>
</html>`
}
