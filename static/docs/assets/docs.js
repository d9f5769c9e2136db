// Starts Swagger UI on /docs (a file, not an inline script: the page's Content-Security-Policy
// allows scripts from this origin only, and calls to this origin only). "Try it out" goes to the
// server that serves this page first; the document's own servers follow.
fetch('/openapi.json')
  .then((response) => response.json())
  .then((spec) => {
    const here = { url: window.location.origin, description: 'This server (the one serving these docs)' }
    spec.servers = [here, ...(spec.servers || []).filter((server) => server.url.replace(/\/+$/, '') !== here.url)]
    window.ui = window.SwaggerUIBundle({ spec, dom_id: '#swagger-ui', persistAuthorization: true })
  })
