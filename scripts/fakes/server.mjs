// A tiny HTTP server for the local fakes of external services. Each fake speaks its real
// service's wire format, plus /_fake/... endpoints that tests and developers use to read what was
// "sent" and to make the next calls fail.
import http from 'node:http'

export function startFakeServer(name, routes, { port = 0, host = '127.0.0.1' } = {}) {
  const failures = [] // statuses to answer with, one per upcoming request
  const calls = new Map() // "METHOD /path" -> how many requests it received
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`)
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    try {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      const raw = Buffer.concat(chunks).toString('utf8')
      let body
      try {
        const form = /^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')
        body = !raw ? undefined : form ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw)
      } catch {
        return send(400, { message: 'body is not JSON' })
      }
      if (url.pathname === '/_fake/calls' && req.method === 'GET') return send(200, Object.fromEntries(calls))
      if (!url.pathname.startsWith('/_fake/'))
        calls.set(`${req.method} ${url.pathname}`, (calls.get(`${req.method} ${url.pathname}`) ?? 0) + 1)
      if (url.pathname === '/_fake/fail' && req.method === 'POST') {
        for (let i = 0; i < (body?.count ?? 1); i++) failures.push(body?.status ?? 500)
        return send(200, { queued: failures.length })
      }
      if (!url.pathname.startsWith('/_fake/') && failures.length > 0) {
        const status = failures.shift()
        if (status === 0) return req.socket.destroy()
        return send(status, { message: `${name} failure injected by a test` })
      }
      const route = routes[`${req.method} ${url.pathname}`]
      if (!route) return send(404, { message: `${name}: no route ${req.method} ${url.pathname}` })
      const [status, answer] = await route({ headers: req.headers, body, query: url.searchParams })
      send(status, answer)
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
