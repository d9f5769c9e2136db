// A tiny HTTP server for the local fakes of external services. Each fake speaks its real
// service's wire format, plus /_fake/... endpoints that tests and developers use to read what was
// "sent" and to make the next calls fail.
import http from 'node:http'

export function startFakeServer(name, routes, { port = 0, host = '127.0.0.1' } = {}) {
  const failures = [] // statuses to answer with, one per upcoming request
  const calls = new Map() // "METHOD /path" -> how many requests it received
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`)
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    try {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      const bytes = Buffer.concat(chunks)
      const raw = bytes.toString('utf8')
      const type = req.headers['content-type'] ?? ''
      let body
      try {
        const form = /^application\/x-www-form-urlencoded/.test(type)
        // JSON when declared, undeclared or plain text (a fetch of a string); any other type (an upload) stays raw bytes.
        const json = !type || /json|^text\/plain/.test(type)
        body = !raw ? undefined : form ? Object.fromEntries(new URLSearchParams(raw)) : json ? JSON.parse(raw) : undefined
      } catch {
        return send(400, { message: 'body is not JSON' })
      }
      if (url.pathname === '/_fake/calls' && req.method === 'GET') return send(200, Object.fromEntries(calls))
      if (!url.pathname.startsWith('/_fake/'))
        calls.set(`${req.method} ${url.pathname}`, (calls.get(`${req.method} ${url.pathname}`) ?? 0) + 1)
      if (url.pathname === '/_fake/fail' && req.method === 'POST') {
        // {status} answers that status (0 drops the connection); {delay_ms} answers normally, that late.
        for (let i = 0; i < (body?.count ?? 1); i++) failures.push(body?.delay_ms ? { delay_ms: body.delay_ms } : (body?.status ?? 500))
        return send(200, { queued: failures.length })
      }
      if (!url.pathname.startsWith('/_fake/') && failures.length > 0) {
        const status = failures.shift()
        if (typeof status === 'object') await new Promise((resolve) => setTimeout(resolve, status.delay_ms))
        else if (status === 0) return req.socket.destroy()
        else return send(status, { message: `${name} failure injected by a test` })
      }
      // Exact "METHOD /path" routes first, then "*" for paths with variables in them.
      const route = routes[`${req.method} ${url.pathname}`] ?? routes['*']
      if (!route) return send(404, { message: `${name}: no route ${req.method} ${url.pathname}` })
      const answer = await route({ method: req.method, path: url.pathname, headers: req.headers, body, bytes, query: url.searchParams })
      if (!answer) return send(404, { message: `${name}: no route ${req.method} ${url.pathname}` })
      send(answer[0], answer[1], answer[2])
    } catch (error) {
      send(500, { message: `${name} fake crashed: ${error.message}` })
    }
  })
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const actual = server.address().port
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
