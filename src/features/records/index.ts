import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { HmisDocumentFormSchema, receiveDocument, receiveDocumentHandler } from './hmis-documents'
import * as routes from './routes'
import { deleteRecord, deleteRecordHandler, RecordUploadFormSchema, uploadRecord, uploadRecordHandler } from './upload'

export const recordsFeature: Feature = {
  tags: [{ name: 'Records', description: 'My records: documents hospitals sent me (Received Documents) and my own uploads.' }],
  routes: () => {
    const router = createRouter()
    router.openAPIRegistry.register('HmisDocumentForm', HmisDocumentFormSchema)
    router.openAPIRegistry.register('RecordUploadForm', RecordUploadFormSchema)
    return router
      .openapi(routes.listRecords, routes.listRecordsHandler)
      .openapi(routes.getRecord, routes.getRecordHandler)
      .openapi(routes.getRecordFile, routes.getRecordFileHandler)
      .openapi(uploadRecord, uploadRecordHandler)
      .openapi(deleteRecord, deleteRecordHandler)
      .openapi(receiveDocument, receiveDocumentHandler)
  },
  uploads: [
    { path: '/v1/hmis/documents', maxBytes: (config) => config.HMIS_DOCUMENT_MAX_BYTES },
    { path: '/v1/records', maxBytes: (config) => config.RECORD_UPLOAD_MAX_BYTES },
  ],
}
