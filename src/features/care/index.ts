import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as services from './services'
import * as vitals from './vitals'

export const careFeature: Feature = {
  tags: [
    { name: 'Vitals', description: 'Readings with plausible ranges and unit conversions, critical alerts, trends in my time zone.' },
    { name: 'Ambulance', description: 'Providers to call, and pre-bookings of planned transport.' },
    { name: 'Care packages', description: 'Packages of care for long-term conditions and life stages.' },
  ],
  routes: () =>
    createRouter()
      .openapi(vitals.recordVital, vitals.recordVitalHandler)
      .openapi(vitals.vitalTrends, vitals.vitalTrendsHandler)
      .openapi(vitals.listVitals, vitals.listVitalsHandler)
      .openapi(services.listAmbulances, services.listAmbulancesHandler)
      .openapi(services.bookAmbulance, services.bookAmbulanceHandler)
      .openapi(services.listAmbulanceBookings, services.listAmbulanceBookingsHandler)
      .openapi(services.cancelAmbulanceBooking, services.cancelAmbulanceBookingHandler)
      .openapi(services.listCarePackages, services.listCarePackagesHandler)
      .openapi(services.listCarePackageApplications, services.listCarePackageApplicationsHandler)
      .openapi(services.applyCarePackage, services.applyCarePackageHandler),
}
