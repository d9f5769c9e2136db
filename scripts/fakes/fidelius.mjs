// Fidelius as a hospital (HIP) does it, in Node's own crypto, written apart from the Worker's
// (src/integrations/abdm/fidelius.ts) so that each checks the other: an X25519 key pair, the
// requester's key taken from BouncyCastle's Weierstrass form (x − A/3), the shared x (big-endian)
// through HKDF-SHA256 with salt = (senderNonce ⊕ requesterNonce)[0..20), AES-256-GCM with IV = [20..32).
import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto'

const P = (1n << 255n) - 19n
const mod = (v) => ((v % P) + P) % P
const pow = (b, e) => {
  let r = 1n
  for (b = mod(b); e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P
  return r
}
const A_THIRD = mod(486662n * pow(3n, P - 2n))
const WA = 0x2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144n
const WB = 0x7b425ed097b425ed097b425ed097b425ed097b425ed097b4260b5e9c7710c864n
const big = (bytes) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`)
const bytes32 = (v) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex')

/** A hospital's key pair for one transfer: its X25519 key, its public key as the 65-byte point (base64), a nonce. */
export function hipKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('x25519')
  const u = big(Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url').reverse())
  const x = mod(u + A_THIRD)
  const rhs = mod(x * x * x + WA * x + WB)
  let y = pow(rhs, (P + 3n) / 8n)
  if (mod(y * y) !== rhs) y = mod(y * pow(2n, (P - 1n) / 4n))
  return {
    privateKey,
    keyValue: Buffer.concat([Buffer.from([4]), bytes32(x), bytes32(y)]).toString('base64'),
    nonce: randomBytes(32).toString('base64'),
  }
}

/** Encrypts a bundle to the requester's key material ({keyValue, nonce}, base64) with the hospital's keys. */
export function encryptFor(plaintext, hip, requester) {
  const point = Buffer.from(requester.keyValue, 'base64')
  const x = big(point.subarray(point.length - 64, point.length - 32))
  const u = bytes32(mod(x - A_THIRD)).reverse()
  const peer = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: u.toString('base64url') }, format: 'jwk' })
  const sharedU = big(Buffer.from(diffieHellman({ privateKey: hip.privateKey, publicKey: peer })).reverse())
  const shared = bytes32(mod(sharedU + A_THIRD))
  const a = Buffer.from(hip.nonce, 'base64')
  const b = Buffer.from(requester.nonce, 'base64')
  const xor = a.map((byte, i) => byte ^ b[i])
  const key = Buffer.from(hkdfSync('sha256', shared, xor.subarray(0, 20), Buffer.alloc(0), 32))
  const cipher = createCipheriv('aes-256-gcm', key, xor.subarray(20, 32))
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString('base64')
}
