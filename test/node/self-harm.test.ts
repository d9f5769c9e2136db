// The self-harm detector of the peer-support chat (src/features/mindscape/safety.ts): someone in
// crisis writing in Hindi — in Devanagari or typed in Latin letters, as most people do on a phone —
// gets the helplines as surely as someone writing in English. The chat test (test/mindscape.test.ts)
// proves the helplines reach the author over the WebSocket; this one covers the phrasings.
import { describe, expect, it } from 'vitest'
import { mentionsSelfHarm } from '../../src/features/mindscape/safety'

describe('self-harm phrasings', () => {
  it.each([
    'Some days I want to die',
    'I am thinking of killing myself',
    'मैं आत्महत्या करना चाहता हूँ',
    'मन करता है ख़ुदकुशी कर लूँ',
    'मैं मरना चाहती हूं',
    'अब जीना नहीं चाहता',
    'जीने का मन नहीं करता',
    'सोचता हूँ जान दे दूँ',
    'खुद को ख़त्म कर दूंगा',
    'ज़िंदगी खत्म कर देनी है',
    'mai marna chahta hu',
    'Mujhe marna hai',
    'khudkushi kar lunga',
    'khud kashi ka khayal aata hai',
    'aatmhatya',
    'atmahatya karne ka mann hai',
    'jeena nahi chahti ab',
    'jine ka mann nahi karta',
    'soch rahi hu jaan de du',
    'apne aap ko khatam kar dunga',
    'khud ko nuksaan pahunchana chahta hun',
    'zindagi khatam karni hai',
    'mar jaaun to achha',
  ])('sends the helplines for “%s”', (text) => {
    expect(mentionsSelfHarm(text)).toBe(true)
  })

  it.each([
    'I could die for some chai right now?',
    'marketing job is stressful',
    'jaane do yaar',
    'मैं ठीक हूँ, बस थका हुआ',
    'die-hard cricket fan',
  ])('leaves ordinary messages alone: “%s”', (text) => {
    expect(mentionsSelfHarm(text)).toBe(false)
  })
})
