// `npm run hospitals:qr`: printable Scan and Share QR codes (SVG) of the demo hospitals, in docs/qr/.
import { mkdirSync, writeFileSync } from 'node:fs'
import QRCode from 'qrcode'
import { hospitals, qrPayloadOf } from './seed.mjs'

const dir = new URL('../../docs/qr/', import.meta.url).pathname
mkdirSync(dir, { recursive: true })
for (const hospital of hospitals) {
  const svg = await QRCode.toString(qrPayloadOf(hospital), { type: 'svg', margin: 4, errorCorrectionLevel: 'M' })
  writeFileSync(`${dir}${hospital.hfrId}.svg`, svg)
  console.log(`docs/qr/${hospital.hfrId}.svg  ${hospital.name}  ${qrPayloadOf(hospital)}`)
}
