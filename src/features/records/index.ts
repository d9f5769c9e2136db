import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { HmisDocumentFormSchema, receiveDocument, receiveDocumentHandler } from './hmis-documents'
import * as routes from './routes'
import { listAccessLog, listAccessLogHandler } from './access-log'
import * as consent from './consents'
import * as hmisConsent from './hmis-consents'
import {
  getSummary,
  getSummaryHandler,
  listSummaries,
  listSummariesHandler,
  summariseRecords,
  summariseRecordsHandler,
  summaryJobs,
} from './summaries'
import {
  exportJobs,
  getExport,
  getExportHandler,
  listExports,
  listExportsHandler,
  removeExpiredExports,
  requestExport,
  requestExportHandler,
} from './data-export'
import { exportFhir, exportFhirHandler } from './fhir-export'
import { createRecordLink, createRecordLinkHandler, openFileLink, openFileLinkHandler } from './file-links'
import {
  deleteRecord,
  deleteRecordHandler,
  RecordUploadFormSchema,
  streamRecord,
  streamRecordHandler,
  uploadRecord,
  uploadRecordHandler,
} from './upload'

export const recordsFeature: Feature = {
  tags: [
    { name: 'Records', description: 'My records: documents hospitals sent me (Received Documents) and my own uploads.' },
    { name: 'Consent', description: 'Hospitals read my records only with my approval; revocation and expiry take effect at once.' },
  ],
  routes: () => {
    const router = createRouter()
    router.openAPIRegistry.register('HmisDocumentForm', HmisDocumentFormSchema)
    router.openAPIRegistry.register('RecordUploadForm', RecordUploadFormSchema)
    return (
      router
        .openapi(listAccessLog, listAccessLogHandler)
        // Before /v1/records/{id}: these paths would match it.
        .openapi(listSummaries, listSummariesHandler)
        .openapi(getSummary, getSummaryHandler)
        .openapi(routes.listRecords, routes.listRecordsHandler)
        .openapi(routes.getRecord, routes.getRecordHandler)
        .openapi(routes.getRecordFile, routes.getRecordFileHandler)
        .openapi(createRecordLink, createRecordLinkHandler)
        .openapi(openFileLink, openFileLinkHandler)
        .openapi(routes.listHandouts, routes.listHandoutsHandler)
        .openapi(exportFhir, exportFhirHandler)
        .openapi(requestExport, requestExportHandler)
        .openapi(listExports, listExportsHandler)
        .openapi(getExport, getExportHandler)
        .openapi(uploadRecord, uploadRecordHandler)
        .openapi(summariseRecords, summariseRecordsHandler)
        .openapi(deleteRecord, deleteRecordHandler)
        .openapi(streamRecord, streamRecordHandler)
        .openapi(receiveDocument, receiveDocumentHandler)
        .openapi(consent.listConsents, consent.listConsentsHandler)
        .openapi(consent.getConsent, consent.getConsentHandler)
        .openapi(consent.approveConsent, consent.approveConsentHandler)
        .openapi(consent.denyConsent, consent.denyConsentHandler)
        .openapi(consent.revokeConsent, consent.revokeConsentHandler)
        .openapi(hmisConsent.requestConsent, hmisConsent.requestConsentHandler)
        .openapi(hmisConsent.readConsent, hmisConsent.readConsentHandler)
        .openapi(hmisConsent.listConsentedRecords, hmisConsent.listConsentedRecordsHandler)
        .openapi(hmisConsent.downloadConsentedRecord, hmisConsent.downloadConsentedRecordHandler)
    )
  },
  outbox: { ...summaryJobs, ...exportJobs },
  jobs: [{ name: 'expired data exports', cron: '17 * * * *', run: removeExpiredExports }],
  uploads: [
    { path: '/v1/hmis/documents', maxBytes: (config) => config.HMIS_DOCUMENT_MAX_BYTES },
    // The file may be RECORD_UPLOAD_MAX_BYTES; the form around it gets 64 KB more (the handler checks the file).
    { path: '/v1/records', maxBytes: (config) => config.RECORD_UPLOAD_MAX_BYTES + 64 * 1024 },
    { path: '/v1/records/stream', maxBytes: (config) => config.RECORD_STREAM_MAX_BYTES },
  ],
}
