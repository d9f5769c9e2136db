// The Worker under `wrangler dev`, seen from outside: its processes' memory (from /proc) and its
// isolate through workerd's own DevTools inspector (live memory after forced collections, the CPU
// profiler). Used by the bench and by the test that keeps requests from leaving memory behind.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import WebSocket from 'ws'

/** Resident memory (kB) of a process and all its descendants (wrangler dev → workerd), from /proc. */
export function treeRssKb(rootPid) {
  return [rootPid, ...descendants(rootPid)].reduce((total, pid) => total + rssKb(pid), 0)
}

/**
 * The workerd process that runs the Worker under wrangler dev: of its workerd children, the largest
 * (the other is miniflare's small proxy). The local R2 store runs in it too, as a Durable Object.
 */
export function workerdPid(rootPid) {
  const found = descendants(rootPid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd'
    } catch {
      return false // The process ended while we looked.
    }
  })
  return found.sort((a, b) => rssKb(b) - rssKb(a))[0]
}

/** Every process below `rootPid` (from /proc, read once), children before their own children. */
function descendants(rootPid) {
  const children = new Map()
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // The process ended while we looked.
    }
  }
  const below = (pid) => (children.get(pid) ?? []).flatMap((child) => [child, ...below(child)])
  return below(rootPid)
}

/** Resident memory (kB) of one process. */
export const rssKb = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0)
  } catch {
    return 0
  }
}

/**
 * The DevTools address of the Worker's isolate on workerd's own inspector (not wrangler dev's proxy
 * of it, which left `HeapProfiler.collectGarbage` unanswered): the workerd started with
 * `--inspector-addr`, its listening sockets (from /proc), the one whose /json lists the user Worker.
 */
async function workerdInspector(rootPid) {
  for (const pid of descendants(rootPid)) {
    let cmdline
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    if (!cmdline.includes('--inspector-addr')) continue
    const inodes = new Set()
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        inodes.add(readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/)?.[1])
      } catch {
        // Closed while we looked.
      }
    }
    const ports = readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && inodes.has(f[9]))
      .map((f) => parseInt(f[1].split(':')[1], 16))
    for (const port of ports) {
      const targets = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.json())
        .catch(() => [])
      const user = Array.isArray(targets) && targets.find((t) => String(t.id).startsWith('core:user:'))
      if (user) return user.webSocketDebuggerUrl
    }
  }
  return undefined
}

/**
 * A DevTools session with the Worker's isolate (workerd's own inspector when found, else wrangler
 * dev's proxy; `direct: false`, the proxy, where a second session went unanswered while the kept
 * one was open): `send(method, params)` answers the result, or undefined when no answer came within `timeoutMs`
 * (a sampler never hangs the bench).
 */
export async function inspector(worker, timeoutMs = 2000, { direct = true } = {}) {
  const proxied = async () => (await (await fetch(`http://${worker.inspector}/json`)).json())[0].webSocketDebuggerUrl
  if (!direct) return session(await proxied(), timeoutMs)
  if (worker.directInspector === undefined) {
    // workerd answered no direct session while wrangler's proxy had none open, and not the first
    // one opened after it (measured 2026-12-02): one proxy session, kept open until wrangler dev
    // ends; then workerd's port, a session kept once it answers.
    await (await session(await proxied(), timeoutMs)).send('Runtime.enable')
    worker.directInspector = (await workerdInspector(worker.pid)) ?? null
  }
  if (!worker.directInspector) return session(await proxied(), timeoutMs)
  for (let attempt = 1; ; attempt++) {
    const direct = await session(worker.directInspector, timeoutMs)
    if (attempt === 3 || (await direct.send('Runtime.getHeapUsage'))) return direct
    direct.close()
  }
}

async function session(url, timeoutMs) {
  const ws = new WebSocket(url, { origin: 'http://localhost', maxPayload: 512 * 1024 * 1024 })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let id = 0
  const waiting = new Map()
  ws.on('message', (data) => {
    const message = JSON.parse(String(data))
    waiting.get(message.id)?.(message.result)
    waiting.delete(message.id)
  })
  const send = (method, params = {}, wait = timeoutMs) =>
    new Promise((resolve) => {
      const mine = ++id
      const timer = setTimeout(() => (waiting.delete(mine), resolve(undefined)), wait)
      waiting.set(mine, (result) => (clearTimeout(timer), resolve(result)))
      ws.send(JSON.stringify({ id: mine, method, params }))
    })
  return { send, close: () => ws.close() }
}

/**
 * The Worker's isolate memory, through its DevTools inspector (what workerd's V8 reports:
 * Runtime.getHeapUsage): the JS heap in use plus ArrayBuffer backing stores plus the embedder's
 * heap, in bytes. This is what the platform's 128 MB isolate limit is about; the process's RSS also
 * holds miniflare's local R2 store and the runtime's own buffers.
 */
export async function isolateMemory(worker) {
  const { send, close } = await inspector(worker)
  // workerd answers a forced collection only once the heap profiler is on.
  await send('HeapProfiler.enable')
  const sample = async () => {
    const r = await send('Runtime.getHeapUsage')
    return r ? r.usedSize + (r.backingStorageSize ?? 0) + (r.embedderHeapUsedSize ?? 0) : 0
  }
  /**
   * What the isolate holds alive: two full collections first (between turns of the Worker's JS),
   * then the sample; 0 when the inspector does not collect (then the bench says so). Two, because V8
   * frees the backing stores of the ArrayBuffers a collection found dead on a background thread,
   * and the next collection waits for that first: after one, a sample could still count the
   * chunks of uploads long over (10 MB forms read +0.0 MB in one sample, +26 MB in another).
   */
  const live = async () => {
    // workerd runs the collection only when the isolate next runs: a request that costs nothing
    // (an unknown path, 404) every 50 ms until it answers.
    const collect = () => whileRunning(worker, send('HeapProfiler.collectGarbage', {}, 10_000))
    return (await collect()) === undefined || (await collect()) === undefined ? 0 : sample()
  }
  return { sample, live, close }
}

/**
 * `answer`, a command sent to workerd's inspector, with the isolate kept running meanwhile: workerd
 * handles some commands (a forced collection, the profiler's stop) only when the isolate next runs,
 * so a request that costs nothing (an unknown path, 404) goes every 50 ms until it answers.
 */
export async function whileRunning(worker, answer) {
  let answered = false
  const done = answer.then((r) => ((answered = true), r))
  while (!answered) {
    // A nudge only: one that fails (wrangler's proxy closing the kept-alive socket it went out on,
    // "other side closed", ended a 40-minute bench on 2026-12-02) is sent again 50 ms later.
    await Promise.race([
      done,
      fetch(`${worker.base}/bench-gc`)
        .then((r) => r.arrayBuffer())
        .catch(() => {}),
    ])
    if (!answered) await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 50))])
  }
  return done
}

/** MB the Worker's isolate holds alive (after forced collections), 0 when not measured. */
export async function isolateAlive(worker) {
  const isolate = await isolateMemory(worker)
  try {
    return (await isolate.live()) / 1024 / 1024
  } finally {
    isolate.close()
  }
}
