// Every kind of notification the product sends, with what its push needs: how urgent it is
// (critical ones ignore quiet hours and cannot be switched off; high and critical ones ring at
// once on Android and iOS), how long a push of it is still worth delivering (a dose reminder is
// useless after an hour), whether a newer one replaces an older one on the phone (collapse), and
// its name in the preferences, in English and Hindi. `notify()` takes only these types.

import type { NotificationPriority } from '../db/schema'

type Kind = {
  priority: NotificationPriority
  /** Seconds after it is made that a push is still worth sending (FCM's TTL; APNs expiration). */
  ttlSeconds: number
  /** A newer one replaces the older on the phone: the collapse key is the type and what it links to. */
  collapse?: boolean
  label: { en: string; hi: string }
}

const HOUR = 3600
const DAY = 24 * HOUR

export const NOTIFICATION_KINDS = {
  vital_critical: { priority: 'critical', ttlSeconds: 6 * HOUR, label: { en: 'A vital reading needs attention', hi: 'रीडिंग पर ध्यान दें' } },
  triage_emergency: {
    priority: 'critical',
    ttlSeconds: 6 * HOUR,
    label: { en: 'Emergency advice from a symptom check', hi: 'लक्षण जाँच की आपातकालीन सलाह' },
  },
  medication_due: { priority: 'high', ttlSeconds: HOUR, label: { en: 'Medicine reminders', hi: 'दवा की याद' } },
  medication_refill: {
    priority: 'normal',
    ttlSeconds: DAY,
    collapse: true,
    label: { en: 'Refill reminders', hi: 'दवा दोबारा मँगाने की याद' },
  },
  appointment_reminder: {
    priority: 'high',
    ttlSeconds: DAY,
    collapse: true,
    label: { en: 'Appointment reminders', hi: 'अपॉइंटमेंट की याद' },
  },
  appointment_booked: { priority: 'high', ttlSeconds: DAY, label: { en: 'Appointment confirmed', hi: 'अपॉइंटमेंट पक्की हुई' } },
  appointment_rejected: { priority: 'high', ttlSeconds: DAY, label: { en: 'Appointment not booked', hi: 'अपॉइंटमेंट बुक नहीं हुई' } },
  appointment_rescheduled: { priority: 'high', ttlSeconds: DAY, label: { en: 'Appointment moved', hi: 'अपॉइंटमेंट का समय बदला' } },
  appointment_reschedule_refused: {
    priority: 'high',
    ttlSeconds: DAY,
    label: { en: 'Appointment not moved', hi: 'अपॉइंटमेंट का समय नहीं बदला' },
  },
  appointment_reviewed: { priority: 'high', ttlSeconds: DAY, label: { en: 'Doctor reviewed your symptoms', hi: 'डॉक्टर ने लक्षण देखे' } },
  appointment_completed: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Consultation complete', hi: 'परामर्श पूरा हुआ' } },
  appointment_cancelled: {
    priority: 'high',
    ttlSeconds: DAY,
    label: { en: 'Appointment cancelled by the hospital', hi: 'अस्पताल ने अपॉइंटमेंट रद्द की' },
  },
  appointment_missed: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Missed appointment', hi: 'छूटी हुई अपॉइंटमेंट' } },
  symptom_check_not_shared: {
    priority: 'high',
    ttlSeconds: DAY,
    label: { en: 'Symptom check not sent', hi: 'लक्षण जाँच नहीं भेजी जा सकी' },
  },
  document_received: { priority: 'normal', ttlSeconds: 7 * DAY, label: { en: 'New documents', hi: 'नए दस्तावेज़' } },
  summary_ready: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Records summary ready', hi: 'रिकॉर्ड का सारांश तैयार' } },
  export_ready: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Data export ready', hi: 'डेटा एक्सपोर्ट तैयार' } },
  export_failed: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Data export failed', hi: 'डेटा एक्सपोर्ट नहीं बना' } },
  summary_failed: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Records summary not written', hi: 'रिकॉर्ड का सारांश नहीं बना' } },
  profile_invitation: {
    priority: 'high',
    ttlSeconds: 7 * DAY,
    label: { en: 'Someone asks to manage your health profile', hi: 'कोई आपकी स्वास्थ्य प्रोफ़ाइल संभालना चाहता है' },
  },
  profile_management_changed: {
    priority: 'normal',
    ttlSeconds: 7 * DAY,
    label: { en: 'Family profiles: who manages whom', hi: 'परिवार की प्रोफ़ाइल: कौन किसे संभालता है' },
  },
  abdm_records_linked: {
    priority: 'normal',
    ttlSeconds: 2 * DAY,
    label: { en: 'Hospital visits linked through ABDM', hi: 'ABDM से अस्पताल की विज़िट जुड़ीं' },
  },
  abdm_pull_update: {
    priority: 'normal',
    ttlSeconds: 2 * DAY,
    label: { en: 'Records pulled from hospitals through ABDM', hi: 'ABDM से अस्पतालों के रिकॉर्ड' },
  },
  consent_requested: {
    priority: 'high',
    ttlSeconds: 3 * DAY,
    label: { en: 'A hospital asks to see your records', hi: 'अस्पताल आपके रिकॉर्ड देखना चाहता है' },
  },
  lab_confirmed: { priority: 'normal', ttlSeconds: 2 * DAY, label: { en: 'Lab slot confirmed', hi: 'लैब का समय पक्का' } },
  lab_results_ready: { priority: 'high', ttlSeconds: 7 * DAY, label: { en: 'Lab results ready', hi: 'लैब रिपोर्ट तैयार' } },
  lab_cancelled: { priority: 'normal', ttlSeconds: 2 * DAY, label: { en: 'Lab booking cancelled', hi: 'लैब बुकिंग रद्द' } },
  lab_booking_rejected: { priority: 'normal', ttlSeconds: 2 * DAY, label: { en: 'Lab booking not accepted', hi: 'लैब बुकिंग नहीं हुई' } },
  medicine_order_rejected: {
    priority: 'normal',
    ttlSeconds: 2 * DAY,
    label: { en: 'Medicine order not placed', hi: 'दवा का ऑर्डर नहीं हुआ' },
  },
  medicine_order_accepted: { priority: 'normal', ttlSeconds: 2 * DAY, label: { en: 'Medicine order accepted', hi: 'दवा का ऑर्डर स्वीकार' } },
  medicine_order_dispatched: {
    priority: 'high',
    ttlSeconds: DAY,
    collapse: true,
    label: { en: 'Medicine order on its way', hi: 'दवा रास्ते में है' },
  },
  medicine_order_delivered: {
    priority: 'normal',
    ttlSeconds: DAY,
    collapse: true,
    label: { en: 'Medicine order delivered', hi: 'दवा पहुँच गई' },
  },
  medicine_order_cancelled: { priority: 'normal', ttlSeconds: 2 * DAY, label: { en: 'Medicine order cancelled', hi: 'दवा का ऑर्डर रद्द' } },
  medicine_order_not_cancelled: {
    priority: 'high',
    ttlSeconds: 2 * DAY,
    label: { en: 'Medicine order not cancelled', hi: 'दवा का ऑर्डर रद्द नहीं हुआ' },
  },
  lab_booking_not_cancelled: {
    priority: 'high',
    ttlSeconds: 2 * DAY,
    label: { en: 'Lab booking not cancelled', hi: 'लैब बुकिंग रद्द नहीं हुई' },
  },
  care_package_contacted: {
    priority: 'normal',
    ttlSeconds: 3 * DAY,
    label: { en: 'Care package: the hospital contacted you', hi: 'केयर पैकेज: अस्पताल ने संपर्क किया' },
  },
  care_package_enrolled: { priority: 'normal', ttlSeconds: 3 * DAY, label: { en: 'Enrolled in a care package', hi: 'केयर पैकेज में नामांकन' } },
  care_package_declined: {
    priority: 'normal',
    ttlSeconds: 3 * DAY,
    label: { en: 'Care package application declined', hi: 'केयर पैकेज आवेदन अस्वीकार' },
  },
  lab_sampled: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Lab sample collected', hi: 'लैब सैंपल लिया गया' } },
  ambulance_accepted: { priority: 'high', ttlSeconds: DAY, label: { en: 'Ambulance pre-booking accepted', hi: 'एम्बुलेंस बुकिंग स्वीकार' } },
  ambulance_declined: { priority: 'high', ttlSeconds: DAY, label: { en: 'Ambulance pre-booking declined', hi: 'एम्बुलेंस बुकिंग अस्वीकार' } },
  ambulance_arrived: { priority: 'critical', ttlSeconds: 2 * HOUR, label: { en: 'Ambulance at the pickup', hi: 'एम्बुलेंस पहुँच गई' } },
  ambulance_completed: { priority: 'normal', ttlSeconds: DAY, label: { en: 'Ambulance trip completed', hi: 'एम्बुलेंस यात्रा पूरी' } },
  ambulance_expired: {
    priority: 'high',
    ttlSeconds: DAY,
    label: { en: 'Ambulance pre-booking not accepted in time', hi: 'एम्बुलेंस बुकिंग समय पर स्वीकार नहीं हुई' },
  },
} as const satisfies Record<string, Kind>

export type NotificationType = keyof typeof NOTIFICATION_KINDS
export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_KINDS) as NotificationType[]

export const kindOf = (type: string): Kind =>
  NOTIFICATION_KINDS[type as NotificationType] ?? { priority: 'normal', ttlSeconds: DAY, label: { en: type, hi: type } }

/** Critical kinds: pushed through quiet hours, and never switched off. */
export const CRITICAL_TYPES = NOTIFICATION_TYPES.filter((type) => NOTIFICATION_KINDS[type].priority === 'critical')
