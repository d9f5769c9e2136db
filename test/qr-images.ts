// Photos of Scan and Share QR codes for the tests, made in Node (the test setup): a clean PNG, a
// photo-like JPEG (scaled, shaded, noisy), a PNG with no QR, and a PNG whose header claims
// 10000×10000 pixels.
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import QRCode from 'qrcode'

export async function qrImages(payload: string) {
  const png = await QRCode.toBuffer(payload, { type: 'png', margin: 4, scale: 8 })
  const decoded = PNG.sync.read(png)
  // A phone photo: three times larger, grey paper, uneven light and sensor noise, then JPEG.
  const scale = 3
  const width = decoded.width * scale
  const height = decoded.height * scale
  const photo = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const source = (Math.floor(y / scale) * decoded.width + Math.floor(x / scale)) * 4
      const dark = decoded.data[source]! < 128
      const light = 200 + Math.round((40 * x) / width)
      const value = Math.max(0, Math.min(255, (dark ? 35 : light) + Math.round((Math.random() - 0.5) * 30)))
      const target = (y * width + x) * 4
      photo[target] = value
      photo[target + 1] = value
      photo[target + 2] = Math.max(0, value - 8)
      photo[target + 3] = 255
    }
  }
  const photoJpeg = jpeg.encode({ data: photo, width, height }, 80).data
  const blank = new PNG({ width: 64, height: 64 })
  blank.data.fill(255)
  const huge = Buffer.from(png)
  huge.writeUInt32BE(10_000, 16)
  huge.writeUInt32BE(10_000, 20)
  return {
    png: png.toString('base64'),
    jpeg: Buffer.from(photoJpeg).toString('base64'),
    blank: PNG.sync.write(blank).toString('base64'),
    huge: huge.toString('base64'),
  }
}
