import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import worker from '../../src/index'

/** One request to the Worker with some settings changed (as a deployment with that config would). */
export async function fetchWithSettings(settings: Record<string, string | undefined>, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(`https://phr.test${path}`, init), { ...env, ...settings }, ctx)
  await waitOnExecutionContext(ctx)
  return response
}
