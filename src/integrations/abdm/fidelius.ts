// Fidelius: how ABDM's health information exchange encrypts FHIR bundles between a hospital (HIP)
// and the one that asked (HIU). ECDH on BouncyCastle's "curve25519" — Curve25519 in short
// Weierstrass form, keys sent as the 65-byte uncompressed point (or X.509 SPKI around it) — then
// HKDF-SHA256 over the shared point's x (32 bytes, big-endian) with salt = (senderNonce ⊕
// requesterNonce)[0..20), and AES-256-GCM with IV = that xor's [20..32), the tag appended.
//
// Workers' WebCrypto has X25519 (the same curve in Montgomery form), HKDF and AES-GCM: our key pairs
// are X25519 ones, and a point crosses between the forms by x = u + A/3 (mod p), y by a square root.
// The sign of y never matters: ECDH keeps only x, and x([k](−P)) = x([k]P).

const P = (1n << 255n) - 19n
/** Montgomery's A, and A/3 mod p: the shift between the Montgomery u and the Weierstrass x. */
const A = 486662n
const A_THIRD = (A * modPow(3n, P - 2n)) % P
/** The Weierstrass curve y² = x³ + a·x + b that BouncyCastle calls curve25519. */
const WA = 0x2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144n
const WB = 0x7b425ed097b425ed097b425ed097b425ed097b425ed097b4260b5e9c7710c864n
/** √−1 mod p, for square roots when p ≡ 5 (mod 8). */
const SQRT_MINUS_ONE = modPow(2n, (P - 1n) / 4n)

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n
  let b = ((base % P) + P) % P
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P
    b = (b * b) % P
  }
  return result
}

const mod = (value: bigint) => ((value % P) + P) % P

function toBigEndian(value: bigint): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 31, v = value; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn)
  return out
}
function fromBigEndian(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value
}
const reversed = (bytes: Uint8Array) => Uint8Array.from(bytes).reverse()

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0))
}

export class FideliusError extends Error {}

/** The Weierstrass point of an X25519 public key (32 bytes, little-endian u), uncompressed: 0x04 ‖ x ‖ y. */
export function weierstrassPoint(montgomeryU: Uint8Array): Uint8Array {
  const u = fromBigEndian(reversed(montgomeryU)) & ((1n << 255n) - 1n)
  const x = mod(u + A_THIRD)
  const rhs = mod(x * x * x + WA * x + WB)
  let y = modPow(rhs, (P + 3n) / 8n)
  if (mod(y * y) !== rhs) y = mod(y * SQRT_MINUS_ONE)
  if (mod(y * y) !== rhs) throw new FideliusError('not a point of curve25519')
  const point = new Uint8Array(65)
  point[0] = 4
  point.set(toBigEndian(x), 1)
  point.set(toBigEndian(y), 33)
  return point
}

/**
 * The X25519 public key (little-endian u) of a peer's key as ABDM sends it: the 65-byte uncompressed
 * point, or X.509 SubjectPublicKeyInfo ending in it. A point off the curve is refused.
 */
export function montgomeryU(peerKey: Uint8Array): Uint8Array {
  const point = peerKey.length === 65 ? peerKey : peerKey.length > 65 ? peerKey.subarray(peerKey.length - 65) : undefined
  if (!point || point[0] !== 4)
    throw new FideliusError('the public key must be an uncompressed curve25519 point (65 bytes, or X.509 around it)')
  const x = fromBigEndian(point.subarray(1, 33))
  const y = fromBigEndian(point.subarray(33, 65))
  if (x >= P || y >= P || mod(y * y) !== mod(x * x * x + WA * x + WB))
    throw new FideliusError('the public key is not a point of curve25519')
  return reversed(toBigEndian(mod(x - A_THIRD)))
}

/** Our key material for one exchange: an X25519 key pair, its public key as ABDM wants it, a nonce. */
export async function generateKeyMaterial() {
  const pair = (await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer)
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer)
  return {
    /** PKCS#8 of the X25519 private key, base64: keep it sealed until the data arrives. */
    privateKey: base64(pkcs8),
    /** The 65-byte uncompressed Weierstrass point, base64 (ABDM's `keyValue`). */
    publicKey: base64(weierstrassPoint(raw)),
    nonce: base64(crypto.getRandomValues(new Uint8Array(32))),
  }
}

/** ECDH: the shared point's x, 32 bytes big-endian, from our private key (PKCS#8, base64) and the peer's public key (base64). */
export async function sharedSecret(privateKeyPkcs8: string, peerPublicKey: string): Promise<Uint8Array> {
  const privateKey = await crypto.subtle.importKey('pkcs8', fromBase64(privateKeyPkcs8), { name: 'X25519' }, false, ['deriveBits'])
  const peer = await crypto.subtle.importKey('raw', montgomeryU(fromBase64(peerPublicKey)), { name: 'X25519' }, false, [])
  let shared: ArrayBuffer
  try {
    shared = await crypto.subtle.deriveBits({ name: 'X25519', public: peer } as SubtleCryptoDeriveKeyAlgorithm, privateKey, 256)
  } catch {
    throw new FideliusError('no shared secret with this public key (a small-order point)')
  }
  const u = fromBigEndian(reversed(new Uint8Array(shared)))
  return toBigEndian(mod(u + A_THIRD))
}

/** Salt and IV from the two nonces (base64, 32 bytes each). */
export function saltAndIv(senderNonce: string, requesterNonce: string) {
  const a = fromBase64(senderNonce)
  const b = fromBase64(requesterNonce)
  if (a.length !== 32 || b.length !== 32) throw new FideliusError('each nonce must be 32 bytes, base64')
  const xor = a.map((byte, i) => byte ^ b[i]!)
  return { salt: xor.slice(0, 20), iv: xor.slice(20, 32) }
}

async function aesKey(shared: Uint8Array, salt: Uint8Array, usage: 'encrypt' | 'decrypt') {
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: new Uint8Array() },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  )
}

/** Encrypts with a shared secret: base64 of the ciphertext with its 16-byte tag appended. */
export async function encryptWithShared(
  plaintext: Uint8Array,
  shared: Uint8Array,
  senderNonce: string,
  requesterNonce: string,
): Promise<string> {
  const { salt, iv } = saltAndIv(senderNonce, requesterNonce)
  const key = await aesKey(shared, salt, 'encrypt')
  return base64(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext)))
}

/** Decrypts with a shared secret; a wrong key, nonce or a changed byte → FideliusError. */
export async function decryptWithShared(
  encrypted: string,
  shared: Uint8Array,
  senderNonce: string,
  requesterNonce: string,
): Promise<Uint8Array> {
  const { salt, iv } = saltAndIv(senderNonce, requesterNonce)
  const key = await aesKey(shared, salt, 'decrypt')
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, fromBase64(encrypted)))
  } catch {
    throw new FideliusError('the data does not decrypt with this key and these nonces')
  }
}

/** A hospital's page of data, encrypted to our key material: its plaintext. */
export async function decrypt(
  encrypted: string,
  ours: { privateKey: string; nonce: string },
  theirs: { publicKey: string; nonce: string },
): Promise<Uint8Array> {
  return decryptWithShared(encrypted, await sharedSecret(ours.privateKey, theirs.publicKey), theirs.nonce, ours.nonce)
}

/** Encrypts to a requester's key material with ours (as a hospital does; the fake HIP, and tests). */
export async function encrypt(
  plaintext: Uint8Array,
  ours: { privateKey: string; nonce: string },
  theirs: { publicKey: string; nonce: string },
): Promise<string> {
  return encryptWithShared(plaintext, await sharedSecret(ours.privateKey, theirs.publicKey), ours.nonce, theirs.nonce)
}
