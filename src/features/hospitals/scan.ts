import { readMultipart } from '../../core/multipart'
import { ApiError, invalidField } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { parseInput, patientRoute, type PatientHandler } from '../../core/routes'
import { profileOf } from '../profile'
import { decodeQr, imageKind, imageSize, parseFacilityQr } from './qr'
import { ScanRequestSchema, ScanResultSchema, toHospital } from './schema'
import { hospitalByHfrId } from './store'

export const scanQr = patientRoute({
  method: 'post',
  path: '/v1/scan',
  operationId: 'scanQr',
  tags: ['Hospitals'],
  summary: 'Read a hospital’s Scan and Share QR: the hospital and the profile that sharing would send',
  description:
    'Send the QR text the phone decoded as JSON `{qr_payload}`, or a photo as multipart `image` (png or jpg, checked by its bytes; at most QR_IMAGE_MAX_BYTES and QR_IMAGE_MAX_PIXELS). 422 `invalid_qr` when the text is not a facility QR, `qr_not_found` when the photo holds no QR, `unknown_hospital` when the facility is not on PHR Edge, `image_too_large` when the photo has too many pixels to decode.',
  // Documented here, checked in the handler: zod-openapi would apply both schemas to every request.
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/ScanRequest' } },
        'multipart/form-data': { schema: { $ref: '#/components/schemas/ScanImage' } },
      },
    },
  },
  responses: { 200: jsonResponse(ScanResultSchema, 'The hospital and your profile.'), ...errorResponses(404, 422) },
})

export const scanQrHandler: PatientHandler<typeof scanQr> = async (c) => {
  const { db, config } = c.var.services
  const type = c.req.header('content-type') ?? ''
  let payload: string
  if (/^multipart\/form-data/i.test(type)) {
    payload = await qrInPhoto((await readMultipart(c.req, 'Send a multipart photo `image`.')).get('image'), config)
  } else if (/^application\/json/i.test(type)) {
    const body = await c.req.json().catch(() => {
      throw new ApiError('malformed_body', 'The body is not valid JSON.')
    })
    payload = parseInput(ScanRequestSchema, body, 'json').qr_payload
  } else {
    throw new ApiError('unsupported_media_type', 'Send JSON {qr_payload} or a multipart photo `image`.')
  }
  const { hfrId, counterId } = parseFacilityQr(payload)
  const [hospital, profile] = await Promise.all([hospitalByHfrId(db, hfrId), profileOf(db, c.var.patientId)])
  if (!hospital) throw new ApiError('unknown_hospital', 'This hospital is not on PHR Edge yet.', { details: { hfr_id: hfrId } })
  return c.json({ hospital: toHospital(hospital), counter_id: counterId, profile }, 200)
}

async function qrInPhoto(image: unknown, limits: { QR_IMAGE_MAX_PIXELS: number }): Promise<string> {
  if (!(image instanceof File)) throw invalidField('form', 'image', 'must be a png or jpg file')
  const bytes = new Uint8Array(await image.arrayBuffer())
  const kind = imageKind(bytes)
  if (!kind) throw new ApiError('unsupported_media_type', 'The photo must be a png or jpg image.')
  const size = imageSize(bytes, kind)
  if (!size) throw new ApiError('qr_not_found', 'This image could not be read.')
  // The decoder needs about 4 bytes a pixel and keeps its heap: refuse what would not fit.
  if (size.width * size.height > limits.QR_IMAGE_MAX_PIXELS) {
    throw new ApiError('image_too_large', `The photo has too many pixels (${size.width}×${size.height}); send a smaller one.`, {
      details: { width: size.width, height: size.height, max_pixels: limits.QR_IMAGE_MAX_PIXELS },
    })
  }
  const text = await decodeQr(bytes)
  if (!text) throw new ApiError('qr_not_found', 'No QR code was found in this photo.')
  return text
}
