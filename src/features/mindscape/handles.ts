import { hmacSha256Hex } from '../../core/crypto'

const ADJECTIVES = [
  'Calm',
  'Gentle',
  'Brave',
  'Quiet',
  'Kind',
  'Bright',
  'Steady',
  'Warm',
  'Patient',
  'Hopeful',
  'Soft',
  'Clear',
  'Bold',
  'Wise',
  'Still',
  'Sunny',
]
const NAMES = [
  'Heron',
  'Banyan',
  'Lotus',
  'Sparrow',
  'River',
  'Peacock',
  'Mango',
  'Monsoon',
  'Koel',
  'Deer',
  'Otter',
  'Cedar',
  'Dove',
  'Tiger',
  'Moon',
  'Neem',
]

/**
 * A patient's handle in a room: stable for them there, different in every room, and revealing
 * nothing (a keyed hash of room and patient, CHAT_HANDLE_KEY).
 */
export async function handleFor(key: string, roomId: string, patientId: string): Promise<string> {
  const digest = await hmacSha256Hex(key, `${roomId}:${patientId}`)
  const n = (i: number) => parseInt(digest.slice(i * 4, i * 4 + 4), 16)
  return `${ADJECTIVES[n(0) % ADJECTIVES.length]}${NAMES[n(1) % NAMES.length]}-${String(n(2) % 100).padStart(2, '0')}`
}
