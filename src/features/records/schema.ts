import { z } from '@hono/zod-openapi'
import { doseTimings, recordTypes, type DoseTiming, type RecordRow } from '../../db/schema'

export const RecordSchema = z
  .object({
    id: z.guid().openapi({ example: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d' }),
    source: z.enum(['received', 'uploaded', 'abdm']).openapi({
      description: 'received: posted by a hospital; uploaded: by you; abdm: pulled from a hospital through ABDM.',
      example: 'received',
    }),
    type: z.enum(recordTypes).openapi({ example: 'prescription' }),
    title: z.string().openapi({ example: 'Prescription — Dr. Meera Kulkarni' }),
    hospital_id: z.guid().nullable().openapi({ example: '5b8e2f0a-6c1d-4e3f-9a2b-7c6d5e4f3a21' }),
    appointment_id: z.guid().nullable().openapi({ example: '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b' }),
    content_type: z.string().openapi({ example: 'application/pdf' }),
    size_bytes: z.number().int().openapi({ example: 48213 }),
    sha256: z.string().openapi({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }),
    record_date: z.string().date().nullable().openapi({ example: '2026-12-01' }),
    metadata: z
      .object({
        page_count: z.number().int().optional().openapi({ example: 2 }),
        title: z.string().optional().openapi({ example: 'CBC report' }),
        created: z.string().optional().openapi({ example: '2026-11-20' }),
        width: z.number().int().optional(),
        height: z.number().int().optional(),
        abdm: z
          .object({
            hip_id: z.string().openapi({ example: 'DEMO-HIP' }),
            hip_name: z.string().optional().openapi({ example: 'Demo Hospital, Pune' }),
            care_context: z.string().openapi({ example: 'OPD-2026-10-03' }),
            hi_type: z.string().optional().openapi({ example: 'Prescription' }),
            consent_id: z.string().openapi({ example: 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b' }),
            composition: z
              .string()
              .optional()
              .openapi({ description: 'The FHIR Composition’s type as coded (SNOMED CT).', example: '440545006' }),
            fhir_bundle: z.boolean().optional().openapi({ description: 'The file is the FHIR R4 bundle itself (no attachment in it).' }),
          })
          .optional()
          .openapi({ description: 'Pulled through ABDM: the hospital, the visit (care context) and the consent it came under.' }),
      })
      .nullable()
      .openapi({
        description:
          'Read from the file itself: PDF page count, title and creation date; image width and height. For ABDM records, where they came from.',
      }),
    medicines: z
      .array(
        z.object({
          name: z.string().openapi({ example: 'Amoxicillin 500 mg' }),
          dosage: z.string().openapi({ example: '1 capsule' }),
          timings: z.array(z.enum(doseTimings)).openapi({ example: ['after_breakfast', 'after_dinner'] }),
          duration_days: z.number().int().nullable().openapi({ example: 5 }),
        }),
      )
      .nullable()
      .openapi({
        description:
          'The medicines the hospital sent with a prescription: when present, “Add to tracker” (POST /v1/records/{id}/medications) works; null otherwise.',
      }),
    erase_at: z.string().datetime({ offset: true }).nullable().openapi({
      description: 'Pulled through ABDM under a consent that ends: the record is erased then (null: kept until you delete it).',
      example: null,
    }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T05:30:00.000Z' }),
  })
  .openapi('Record')

export const toRecord = (row: RecordRow): z.infer<typeof RecordSchema> => ({
  id: row.id,
  source: row.source,
  type: row.type,
  title: row.title,
  hospital_id: row.hospitalId,
  appointment_id: row.appointmentId,
  content_type: row.contentType,
  size_bytes: row.sizeBytes,
  sha256: row.sha256,
  record_date: row.recordDate,
  metadata: row.metadata ?? null,
  medicines:
    (row.prescribedMedicines as { name: string; dosage: string; timings: DoseTiming[]; duration_days: number | null }[] | null) ?? null,
  erase_at: row.eraseAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
})

export const RecordParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d' }),
})

/** A document file as a response body (pdf, png or jpg), for the routes that stream one. */
