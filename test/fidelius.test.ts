// Fidelius, ABDM's encryption of health records between hospitals and requesters, in workerd's own
// WebCrypto: the public test vector of mgrmtech/fidelius-cli (BouncyCastle keys), and our X25519 keys
// against an independent implementation of the curve's Weierstrass form written here in BigInt.
import { describe, expect, it } from 'vitest'
import {
  decrypt,
  decryptWithShared,
  encrypt,
  encryptWithShared,
  FideliusError,
  generateKeyMaterial,
  montgomeryU,
  saltAndIv,
} from '../src/integrations/abdm/fidelius'

// --- BouncyCastle's curve25519, from its parameters alone (not from the module under test) ---
const p = 2n ** 255n - 19n
const a = 0x2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144n
const G = {
  x: 0x2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad245an,
  y: 0x20ae19a1b8a086b4e01edd2c7748d14c923d4d7e6d7c61b229e9c5a27eced3d9n,
}
type Point = { x: bigint; y: bigint } | null
const m = (v: bigint) => ((v % p) + p) % p
const inv = (v: bigint) => {
  let [r, e, b] = [1n, p - 2n, m(v)]
  for (; e > 0n; e >>= 1n, b = (b * b) % p) if (e & 1n) r = (r * b) % p
  return r
}
function add(P: Point, Q: Point): Point {
  if (!P) return Q
  if (!Q) return P
  if (P.x === Q.x && m(P.y + Q.y) === 0n) return null
  const l = P.x === Q.x ? m((3n * P.x * P.x + a) * inv(2n * P.y)) : m((Q.y - P.y) * inv(Q.x - P.x))
  const x = m(l * l - P.x - Q.x)
  return { x, y: m(l * (P.x - x) - P.y) }
}
function multiply(k: bigint, P: Point): Point {
  let result: Point = null
  for (let addend = P, e = k; e > 0n; e >>= 1n, addend = add(addend, addend)) if (e & 1n) result = add(result, addend)
  return result
}
const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
const b64 = (u8: Uint8Array) => btoa(String.fromCharCode(...u8))
const hex = (u8: Uint8Array) => [...u8].map((b) => b.toString(16).padStart(2, '0')).join('')
const big = (u8: Uint8Array) => BigInt(`0x${hex(u8) || '0'}`)
/** Java's BigInteger.toByteArray(), as BouncyCastle's private keys are written (signed, big-endian). */
const scalarOf = (b64key: string) => big(bytes(b64key))
const pointOf = (b64key: string): Point => {
  const raw = bytes(b64key)
  const q = raw.subarray(raw.length - 65)
  return { x: big(q.subarray(1, 33)), y: big(q.subarray(33)) }
}
const encodePoint = (P: Point) => b64(Uint8Array.from([4, ...be32(P!.x), ...be32(P!.y)]))
const be32 = (v: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * (31 - i))) & 0xffn))

/** HKDF-SHA256 and AES-256-GCM with WebCrypto directly: the requester's side as ABDM's guide writes it. */
async function independentCipher(sharedX: bigint, senderNonce: string, requesterNonce: string) {
  const xor = bytes(senderNonce).map((v, i) => v ^ bytes(requesterNonce)[i]!)
  const ikm = await crypto.subtle.importKey('raw', be32(sharedX), 'HKDF', false, ['deriveBits'])
  const raw = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: xor.slice(0, 20), info: new Uint8Array() }, ikm, 256)
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  const iv = xor.slice(20)
  return {
    encrypt: async (text: string) =>
      b64(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)))),
    decrypt: async (data: string) => new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, bytes(data))),
  }
}

// fidelius-cli's README: the requester's and the sender's key material, and what the sender encrypted.
const requester = {
  privateKey: 'DMxHPri8d7IT23KgLk281zZenMfVHSdeamq0RhwlIBk=',
  publicKey: 'BAheD5rUqTy4V5xR4/6HWmYpopu5CO+KO8BECS0udNqUTSNo91TIqIIy1A4Vh+F94c+n9vAcwXU2bGcfsI5f69Y=',
  x509PublicKey:
    'MIIBMTCB6gYHKoZIzj0CATCB3gIBATArBgcqhkjOPQEBAiB/////////////////////////////////////////7TBEBCAqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqYSRShRAQge0Je0Je0Je0Je0Je0Je0Je0Je0Je0Je0JgtenHcQyGQEQQQqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq0kWiCuGaG4oIa04B7dLHdI0UySPU1+bXxhsinpxaJ+ztPZAiAQAAAAAAAAAAAAAAAAAAAAFN753qL3nNZYEmMaXPXT7QIBCANCAAQIXg+a1Kk8uFecUeP+h1pmKaKbuQjvijvARAktLnTalE0jaPdUyKiCMtQOFYfhfeHPp/bwHMF1NmxnH7COX+vW',
  nonce: '6uj1RdDUbcpI3lVMZvijkMC8Te20O4Bcyz0SyivX8Eg=',
}
const sender = {
  privateKey: 'AYhVZpbVeX4KS5Qm/W0+9Ye2q3rnVVGmqRICmseWni4=',
  publicKey: 'BABVt+mpRLMXiQpIfEq6bj8hlXsdtXIxLsspmMgLNI1SR5mHgDVbjHO2A+U4QlMddGzqyEidzm1AkhtSxSO2Ahg=',
  nonce: 'lmXgblZwotx+DfBgKJF0lZXtAXgBEYr5khh79Zytr2Y=',
}
const PLAINTEXT = "Wormtail should never have been Potter cottage's secret keeper."
const ENCRYPTED = 'pzMvVZNNVtJzqPkkxcCbBUWgDEBy/mBXIeT2dJWI16ZAQnnXUb9lI+S4k8XK6mgZSKKSRIHkcNvJpllnBg548wUgavBa0vCRRwdL6kY6Yw=='

describe('Fidelius', () => {
  it('decrypts (and re-makes) the public test vector of fidelius-cli', async () => {
    // The vector's keys are BouncyCastle scalars: their shared point comes from the Weierstrass math.
    const fromSender = multiply(scalarOf(sender.privateKey), pointOf(requester.publicKey))!
    const fromRequester = multiply(scalarOf(requester.privateKey), pointOf(sender.publicKey))!
    expect(fromSender.x).toBe(fromRequester.x)
    expect(encodePoint(multiply(scalarOf(sender.privateKey), G))).toBe(sender.publicKey)
    const shared = be32(fromSender.x)
    expect(hex(shared)).toMatch(/^1d96dcf5[0-9a-f]{48}5419507b$/)
    const { salt, iv } = saltAndIv(sender.nonce, requester.nonce)
    expect(hex(salt)).toMatch(/^7c8d152b/)
    expect(hex(iv)).toMatch(/^b52a0aa5/)

    expect(new TextDecoder().decode(await decryptWithShared(ENCRYPTED, shared, sender.nonce, requester.nonce))).toBe(PLAINTEXT)
    expect(await encryptWithShared(new TextEncoder().encode(PLAINTEXT), shared, sender.nonce, requester.nonce)).toBe(ENCRYPTED)
    // The X.509 form of a key names the same point.
    expect(montgomeryU(bytes(requester.x509PublicKey))).toEqual(montgomeryU(bytes(requester.publicKey)))
  })

  it('our X25519 keys speak to a BouncyCastle-style key both ways, checked by the Weierstrass math', async () => {
    const ours = await generateKeyMaterial()
    expect(bytes(ours.publicKey)).toHaveLength(65)
    expect(bytes(ours.nonce)).toHaveLength(32)
    // A hospital's key: a scalar, its public point k·G on the Weierstrass curve.
    const k = big(crypto.getRandomValues(new Uint8Array(32))) % 2n ** 252n
    const hospital = { publicKey: encodePoint(multiply(k, G)), nonce: b64(crypto.getRandomValues(new Uint8Array(32))) }
    const sharedX = multiply(k, pointOf(ours.publicKey))!.x
    const bundle = JSON.stringify({ resourceType: 'Bundle', type: 'document', id: crypto.randomUUID() })

    // The hospital encrypts to us; we decrypt.
    const pushed = await (await independentCipher(sharedX, hospital.nonce, ours.nonce)).encrypt(bundle)
    expect(new TextDecoder().decode(await decrypt(pushed, ours, hospital))).toBe(bundle)
    // We encrypt to the hospital (as our fake HIP does); it decrypts.
    const sent = await encrypt(new TextEncoder().encode(bundle), ours, hospital)
    expect(await (await independentCipher(sharedX, ours.nonce, hospital.nonce)).decrypt(sent)).toBe(bundle)
  })

  it('refuses a changed byte, the wrong nonce, a point off the curve and a malformed key', async () => {
    const ours = await generateKeyMaterial()
    const theirs = await generateKeyMaterial()
    const sent = await encrypt(new TextEncoder().encode('a lab report'), theirs, ours)
    expect(new TextDecoder().decode(await decrypt(sent, ours, theirs))).toBe('a lab report')
    const tampered = bytes(sent)
    tampered[3]! ^= 1
    await expect(decrypt(b64(tampered), ours, theirs)).rejects.toBeInstanceOf(FideliusError)
    await expect(decrypt(sent, { ...ours, nonce: theirs.nonce }, theirs)).rejects.toBeInstanceOf(FideliusError)
    const offCurve = bytes(theirs.publicKey)
    offCurve[64]! ^= 1
    await expect(decrypt(sent, ours, { ...theirs, publicKey: b64(offCurve) })).rejects.toBeInstanceOf(FideliusError)
    await expect(decrypt(sent, ours, { ...theirs, publicKey: b64(new Uint8Array(20)) })).rejects.toBeInstanceOf(FideliusError)
    expect(() => saltAndIv(b64(new Uint8Array(16)), ours.nonce)).toThrow(FideliusError)
  })
})
