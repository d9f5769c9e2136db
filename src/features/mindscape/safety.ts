// What a message goes through before anyone sees it.

// Control and invisible formatting characters (bidi overrides, zero-width), and lone surrogates.
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const PERSONAL: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email hidden]'],
  [/\b[\w.-]+@(?:abdm|sbx)\b/gi, '[ABHA hidden]'],
  [/\b\d{2}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}\b/g, '[ABHA hidden]'],
  [/(?:\+|\b)(?:91[\s-]?|0)?[6-9]\d{2}[\s-]?\d{3}[\s-]?\d{4}\b/g, '[phone hidden]'],
]

/** The text as others will see it: no control characters, phone numbers, emails or ABHA ids. */
export function cleanMessage(text: string): string {
  let clean = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
  for (const [pattern, mask] of PERSONAL) clean = clean.replace(pattern, mask)
  return clean
}

const SELF_HARM =
  /\b(kill(ing)? myself|suicid\w*|end (my|it) (life|all)|want(ed)? to die|don'?t want to live|self[- ]?harm|hurt(ing)? myself|cut(ting)? myself)\b/i

// Romanised Hindi as people type it (spellings vary: khudkushi/khud kashi, aatmhatya/atmahatya,
// chahta/chahti/chahte, jaun/jaaun/jaoon), matched after lower-casing and collapsing long vowels.
const SELF_HARM_HINGLISH =
  /\b(khud ?k[ua]s?h?i|khudkhushi|aa?tma? ?hatya|(mujhe )?marna (chaht?[aei]|hai)|mar ja+n?a (chaht?[aei]|hai)|mar ja+(u|o|oo)n?|j(ee|i)na nahi?n? chaht?[aei]|j(ee|i)ne k[ai] (mann?|ichh?a|iccha) nahi?n?|jaan de d(u|oo)n?(ga|gi)?|jaan le l(u|oo)n?(ga|gi)?|(khud|apne aap) ko (khatam|khatm|khtm|maar|mar|nuksa+n|chot)|zi?n?dagi khatam)\b/

// Devanagari, after dropping the nukta (ख़ → ख, ज़ → ज): no \b, which knows only ASCII letters.
const SELF_HARM_DEVANAGARI =
  /(आत्म ?हत्या|खुद ?कुशी|मरना (चाहत[ाीे]|है)|मर जाना (चाहत[ाीे]|है)|मर जा[ऊउ][ंँ]?|जीना नहीं चाहत[ाीे]|जीने (का|की) (मन|इच्छा) नहीं|जान दे द[ूु][ंँ]?|(अपनी )?जान ले ल[ूु][ंँ]?|(खुद|अपने आप) को (खत्म|मार|नुकसान|चोट)|(जिंदगी|जिन्दगी) खत्म)/

/** Whether a message speaks of self-harm or suicide, in English, Hindi or romanised Hindi. */
export function mentionsSelfHarm(text: string): boolean {
  const plain = text
    .normalize('NFC')
    .replace(/\u093c/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
  const roman = plain.replace(/([a-z])\1{2,}/g, '$1$1')
  return SELF_HARM.test(plain) || SELF_HARM_HINGLISH.test(roman) || SELF_HARM_DEVANAGARI.test(plain)
}

export const HELPLINES =
  'You are not alone, and help is available right now. Tele-MANAS (free, 24×7, in your language): 14416 or 1-800-891-4416. In an emergency call 112. If you can, tell someone near you how you feel.'
