// Secrets at rest (hospital API keys and signing secrets): AES-256-GCM under a key from config,
// written `v1.<iv>.<ciphertext>` in base64url. No imports: the hospital CLI (Node) uses it too.

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Each sealing key imported once per process (a config holds one or two); kept once imported. */
const imported = new Map<string, CryptoKey>()

async function aesKey(keyBase64: string): Promise<CryptoKey> {
  const known = imported.get(keyBase64)
  if (known) return known
  const raw = fromBase64(keyBase64)
  if (raw.length !== 32) throw new Error('the sealing key must be 32 bytes, base64-encoded')
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  if (imported.size >= 8) imported.clear()
  imported.set(keyBase64, key)
  return key
}

export async function seal(keyBase64: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await aesKey(keyBase64),
    new TextEncoder().encode(JSON.stringify(value)),
  )
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(cipher))}`
}

export async function unseal<T>(keyBase64: string, sealed: string): Promise<T> {
  const [version, iv, cipher] = sealed.split('.')
  if (version !== 'v1' || !iv || !cipher) throw new Error('not a sealed value')
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv) }, await aesKey(keyBase64), fromBase64(cipher))
  return JSON.parse(new TextDecoder().decode(plain)) as T
}
