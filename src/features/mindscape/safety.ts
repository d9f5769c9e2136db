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
  /\b(kill(ing)? myself|suicid\w*|end (my|it) (life|all)|want(ed)? to die|don'?t want to live|self[- ]?harm|hurt(ing)? myself|cut(ting)? myself|khud ?kushi|aatmahatya|marna chaht[aie]|mar jaun|jaan de d(u|oon)n?)\b/i

export function mentionsSelfHarm(text: string): boolean {
  return SELF_HARM.test(text)
}

export const HELPLINES =
  'You are not alone, and help is available right now. Tele-MANAS (free, 24×7, in your language): 14416 or 1-800-891-4416. In an emergency call 112. If you can, tell someone near you how you feel.'
