import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse, nullableRef } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { Allergy, ChronicCondition, EmergencyContact } from '../../db/schema'
import { ageOn } from './routes'
import { AllergySchema, bloodGroups, ConditionSchema, EmergencyContactSchema } from './schema'

// The medical ID: what a stranger helping in an emergency needs, for the phone's lock screen (the
// app renders it; iOS and Android show such a card without unlocking). From the profile and the
// medicines taken today, in one read.

export const MedicalIdSchema = z
  .object({
    name: z.string().nullable().openapi({ example: 'Asha Verma' }),
    age: z.number().int().nullable().openapi({ example: 36 }),
    date_of_birth: z.string().date().nullable().openapi({ example: '1990-04-12' }),
    blood_group: z.enum(bloodGroups).nullable().openapi({ example: 'B+' }),
    allergies: z.array(AllergySchema),
    conditions: z.array(ConditionSchema),
    medicines: z
      .array(z.object({ name: z.string().openapi({ example: 'Metformin 500 mg' }), dosage: z.string().openapi({ example: '1 tablet' }) }))
      .openapi({ description: 'The medicines of the tracker that are current today (in my time zone).' }),
    emergency_contact: nullableRef(EmergencyContactSchema),
    updated_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.000Z' }),
  })
  .openapi('MedicalId')

export const getMedicalId = patientRoute({
  method: 'get',
  path: '/v1/me/medical-id',
  operationId: 'getMedicalId',
  tags: ['Profile'],
  summary: 'My medical ID for the lock screen: name, age, blood group, allergies, conditions, current medicines, emergency contact',
  responses: { 200: jsonResponse(MedicalIdSchema, 'The medical ID.'), ...errorResponses(404) },
})

type Row = {
  name: string | null
  date_of_birth: string | null
  blood_group: z.infer<typeof MedicalIdSchema>['blood_group']
  allergies: Allergy[]
  conditions: ChronicCondition[]
  emergency_contact: EmergencyContact | null
  timezone: string
  updated_at: string
  medicines: { name: string; dosage: string }[]
}

export const getMedicalIdHandler: PatientHandler<typeof getMedicalId> = async (c) => {
  const [row] = await queryRows<Row>(
    c.var.services.db,
    sql`select p.name, p.date_of_birth::text, p.blood_group, p.allergies, p.conditions, p.emergency_contact, p.timezone, p.updated_at,
          coalesce((select jsonb_agg(jsonb_build_object('name', m.name, 'dosage', m.dosage) order by m.name)
                    from medications m
                    where m.patient_id = p.id and m.start_date <= (now() at time zone p.timezone)::date
                      and (m.end_date is null or m.end_date >= (now() at time zone p.timezone)::date)), '[]') as medicines
        from patients p where p.id = ${c.var.patientId}`,
  )
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  return c.json(
    {
      name: row.name,
      age: ageOn(row.date_of_birth, row.timezone),
      date_of_birth: row.date_of_birth,
      blood_group: row.blood_group,
      allergies: row.allergies,
      conditions: row.conditions,
      medicines: row.medicines,
      emergency_contact: row.emergency_contact,
      updated_at: new Date(row.updated_at).toISOString(),
    },
    200,
  )
}
