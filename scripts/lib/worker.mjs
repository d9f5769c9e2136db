// `wrangler dev` as a child process for the bench and the end-to-end tests: the Worker over real
// HTTP, with its settings as --var (over .dev.vars when there is one), its own state directory
// (R2, Durable Objects, cache) and its own ports, so that several can run at once.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './postgres.mjs'

const root = new URL('../..', import.meta.url).pathname

/**
 * Starts `wrangler dev` with these settings and waits until GET /health answers 200.
 * `scheduled`: cron runs at GET /__scheduled?cron=… (wrangler's --test-scheduled).
 * Returns { base, pid, inspector (host:port of the Worker's DevTools inspector), output(), alive(), stop() }.
 */
export async function startWorker(vars, { scheduled = false, timeoutMs = 90_000 } = {}) {
  const port = await freePort()
  const state = mkdtempSync(join(tmpdir(), 'phr-worker-'))
  const args = [
    join(root, 'node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '--env',
    'development',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
  ]
  const inspectorPort = await freePort()
  args.push('--inspector-port', String(inspectorPort), '--persist-to', state, '--show-interactive-dev-session=false')
  if (scheduled) args.push('--test-scheduled')
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`)
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  })
  let output = ''
  const keep = (d) => (output = (output + d).slice(-500_000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    rmSync(state, { recursive: true, force: true })
  }
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${base}/health`).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false,
    )
    if (up)
      return {
        base,
        pid: child.pid,
        inspector: `127.0.0.1:${inspectorPort}`,
        output: () => output,
        alive: () => child.exitCode === null && child.signalCode === null,
        stop,
      }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`wrangler dev did not start:\n${output.slice(-3000)}`)
}
