import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { applyCarePackage, applyCarePackageHandler } from './apply-care-package'
import { receiveCareApplicationEvent, receiveCareApplicationEventHandler } from './care-package-events'
import { carePackageJobs } from './care-packages'
import { getCarePackageApplication, getCarePackageApplicationHandler } from './get-care-package-application'
import { hospitalAmbulanceJobs, receiveAmbulanceEvent, receiveAmbulanceEventHandler } from './hospital-ambulance'
import { withdrawCarePackageApplication, withdrawCarePackageApplicationHandler } from './withdraw-care-package-application'
import { bookAmbulance, bookAmbulanceHandler } from './book-ambulance'
import { cancelAmbulanceBooking, cancelAmbulanceBookingHandler } from './cancel-ambulance-booking'
import { dispatchJobs, expireAmbulanceRequests } from './dispatch'
import { actOnDispatch, actOnDispatchHandler, openDispatchPage, openDispatchPageHandler } from './dispatch-page'
import { getAmbulanceBooking, getAmbulanceBookingHandler } from './get-ambulance-booking'
import { listAmbulanceBookings, listAmbulanceBookingsHandler } from './list-ambulance-bookings'
import { listAmbulances, listAmbulancesHandler } from './list-ambulances'
import { listCarePackageApplications, listCarePackageApplicationsHandler } from './list-care-package-applications'
import { listCarePackages, listCarePackagesHandler } from './list-care-packages'
import * as vitals from './vitals'

export const careFeature: Feature = {
  tags: [
    { name: 'Vitals', description: 'Readings with plausible ranges and unit conversions, critical alerts, trends in my time zone.' },
    {
      name: 'Ambulance',
      description:
        'Providers to call, and pre-bookings of planned transport that reach the operator’s dispatcher (an SMS with a link to a small page) or a hospital’s HMIS.',
    },
    {
      name: 'Care packages',
      description: 'Packages of care for long-term conditions and life stages, each offered by a hospital that gets the applications.',
    },
  ],
  routes: () =>
    createRouter()
      .openapi(vitals.recordVital, vitals.recordVitalHandler)
      .openapi(vitals.vitalTrends, vitals.vitalTrendsHandler)
      .openapi(vitals.listVitals, vitals.listVitalsHandler)
      .openapi(listAmbulances, listAmbulancesHandler)
      .openapi(bookAmbulance, bookAmbulanceHandler)
      .openapi(listAmbulanceBookings, listAmbulanceBookingsHandler)
      .openapi(getAmbulanceBooking, getAmbulanceBookingHandler)
      .openapi(cancelAmbulanceBooking, cancelAmbulanceBookingHandler)
      .openapi(openDispatchPage, openDispatchPageHandler)
      .openapi(actOnDispatch, actOnDispatchHandler)
      .openapi(receiveAmbulanceEvent, receiveAmbulanceEventHandler)
      .openapi(listCarePackages, listCarePackagesHandler)
      .openapi(listCarePackageApplications, listCarePackageApplicationsHandler)
      .openapi(getCarePackageApplication, getCarePackageApplicationHandler)
      .openapi(withdrawCarePackageApplication, withdrawCarePackageApplicationHandler)
      .openapi(applyCarePackage, applyCarePackageHandler)
      .openapi(receiveCareApplicationEvent, receiveCareApplicationEventHandler),
  jobs: [{ name: 'ambulance expiry', cron: '* * * * *', run: expireAmbulanceRequests }],
  outbox: { ...dispatchJobs, ...hospitalAmbulanceJobs, ...carePackageJobs },
}
