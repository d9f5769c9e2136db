import { addDays, localDate, offsetAt } from '../../src/core/time.ts'

// Demo hospitals and their doctors, shared by the reference HMIS (REST contract) and the FHIR test
// server, so that both adapters can be proved against the same people and schedules.

export const specialties = [
  { code: 'general', name: 'General Medicine' },
  { code: 'critical-care', name: 'Critical Care' },
  { code: 'cardiology', name: 'Cardiology' },
  { code: 'paediatrics', name: 'Paediatrics' },
  { code: 'dermatology', name: 'Dermatology' },
  { code: 'orthopaedics', name: 'Orthopaedics' },
  { code: 'gynaecology', name: 'Obstetrics and Gynaecology' },
]

export const hospitals = [
  {
    key: 'sahyadri',
    hfrId: 'IN2710000011',
    name: 'Sahyadri Hospital, Pune',
    timezone: 'Asia/Kolkata',
    address: { line1: 'Plot 30-C, Karve Road, Erandwane', city: 'Pune', state: 'Maharashtra', pincode: '411004', country: 'IN' },
    // The catalog's packages this hospital offers, with its HMIS's codes for them.
    carePackages: [
      { id: 'diabetes', hmisCode: 'DM-CARE-1Y' },
      { id: 'hypertension', hmisCode: 'HTN-CARE-1Y' },
      { id: 'heart', hmisCode: 'CARDIAC-1Y' },
    ],
    // Its own ambulances: pre-bookings go to its HMIS.
    ambulance: {
      id: 'sahyadri-ambulance',
      name: 'Sahyadri Hospital ambulance service',
      phone: '+912067213000',
      types: /** @type {('bls' | 'als' | 'patient_transport')[]} */ (['bls', 'als', 'patient_transport']),
      coverage: 'Pune and Pimpri-Chinchwad',
    },
  },
  {
    key: 'amrita',
    hfrId: 'IN3210000022',
    name: 'Amrita Institute of Medical Sciences, Kochi',
    timezone: 'Asia/Kolkata',
    address: { line1: 'AIMS Ponekkara', city: 'Kochi', state: 'Kerala', pincode: '682041', country: 'IN' },
    carePackages: [
      { id: 'maternity', hmisCode: 'ANC-9M' },
      { id: 'senior', hmisCode: 'SENIOR-1Y' },
    ],
  },
  {
    key: 'apollo-dubai',
    hfrId: 'IN0710000033',
    name: 'Apollo Clinic, Delhi (Dubai tele-desk)',
    // A hospital whose schedules are kept in another zone: slots must still come out right.
    timezone: 'Asia/Dubai',
    address: { line1: 'Sarita Vihar, Mathura Road', city: 'New Delhi', state: 'Delhi', pincode: '110076', country: 'IN' },
  },
]

const week = (days, start, end, slotMinutes, capacity, modes) => days.map((day) => ({ day, start, end, slotMinutes, capacity, modes }))
const MON_FRI = [1, 2, 3, 4, 5]
const MON_SAT = [1, 2, 3, 4, 5, 6]

/** weekly: day 0 = Sunday, times in the hospital's zone. leaveInDays: one-off leave, days from today. */
export const doctors = [
  doc(
    'sahyadri',
    'd-sah-01',
    'Dr. Meera Kulkarni',
    ['general'],
    'MBBS, MD (General Medicine)',
    'B. J. Medical College, Pune',
    14,
    ['English', 'Hindi', 'Marathi'],
    600,
    week(MON_SAT, '09:00', '13:00', 15, 3, ['in_person', 'online']),
  ),
  doc(
    'sahyadri',
    'd-sah-02',
    'Dr. Rohan Deshpande',
    ['cardiology'],
    'MBBS, MD, DM (Cardiology)',
    'KEM Hospital, Mumbai',
    18,
    ['English', 'Marathi'],
    1200,
    week(MON_FRI, '16:00', '19:00', 20, 2, ['in_person', 'online']),
  ),
  doc(
    'sahyadri',
    'd-sah-03',
    'Dr. Anjali Patwardhan',
    ['paediatrics'],
    'MBBS, MD (Paediatrics)',
    'AFMC, Pune',
    11,
    ['English', 'Hindi', 'Marathi'],
    700,
    week(MON_SAT, '10:00', '14:00', 15, 4, ['in_person']),
    [2],
  ),
  doc(
    'sahyadri',
    'd-sah-04',
    'Dr. Sameer Joshi',
    ['orthopaedics'],
    'MBBS, MS (Orthopaedics)',
    'Grant Medical College, Mumbai',
    16,
    ['English', 'Hindi'],
    900,
    week([1, 3, 5], '11:00', '15:00', 20, 2, ['in_person']),
  ),
  doc(
    'sahyadri',
    'd-sah-05',
    'Dr. Kavita Bhosale',
    ['critical-care', 'general'],
    'MBBS, MD (Anaesthesia), IDCCM',
    'Sassoon General Hospital, Pune',
    12,
    ['English', 'Marathi'],
    1000,
    week(MON_FRI, '08:00', '10:00', 30, 1, ['in_person', 'online']),
  ),
  doc(
    'sahyadri',
    'd-sah-06',
    'Dr. Nikhil Gokhale',
    ['dermatology'],
    'MBBS, MD (Dermatology)',
    'Seth GS Medical College, Mumbai',
    9,
    ['English', 'Hindi', 'Marathi'],
    800,
    week(MON_SAT, '17:00', '20:00', 15, 2, ['in_person', 'online']),
  ),
  doc(
    'sahyadri',
    'd-sah-07',
    'Dr. Priya Sathe',
    ['gynaecology'],
    'MBBS, MS (Obstetrics and Gynaecology)',
    'B. J. Medical College, Pune',
    15,
    ['English', 'Marathi'],
    900,
    week(MON_FRI, '10:00', '13:00', 20, 2, ['in_person']),
  ),
  doc(
    'amrita',
    'd-ami-01',
    'Dr. Arun Menon',
    ['general'],
    'MBBS, MD (Internal Medicine)',
    'Government Medical College, Thiruvananthapuram',
    20,
    ['English', 'Malayalam', 'Hindi'],
    500,
    week(MON_SAT, '08:30', '12:30', 15, 4, ['in_person', 'online']),
  ),
  doc(
    'amrita',
    'd-ami-02',
    'Dr. Lakshmi Nair',
    ['cardiology'],
    'MBBS, MD, DM (Cardiology)',
    'AIIMS, New Delhi',
    22,
    ['English', 'Malayalam', 'Tamil'],
    1500,
    week([1, 2, 4], '14:00', '17:00', 30, 2, ['in_person', 'online']),
    [3],
  ),
  doc(
    'amrita',
    'd-ami-03',
    'Dr. Thomas Kurian',
    ['orthopaedics'],
    'MBBS, MS (Orthopaedics), DNB',
    'CMC Vellore',
    17,
    ['English', 'Malayalam'],
    1000,
    week(MON_FRI, '09:00', '12:00', 20, 2, ['in_person']),
  ),
  doc(
    'amrita',
    'd-ami-04',
    'Dr. Divya Pillai',
    ['paediatrics'],
    'MBBS, DCH, DNB (Paediatrics)',
    'Kasturba Medical College, Manipal',
    8,
    ['English', 'Malayalam', 'Kannada'],
    600,
    week(MON_SAT, '15:00', '18:00', 15, 3, ['in_person', 'online']),
  ),
  doc(
    'amrita',
    'd-ami-05',
    'Dr. Suresh Varma',
    ['critical-care'],
    'MBBS, MD (Pulmonary Medicine), FNB (Critical Care)',
    'JIPMER, Puducherry',
    13,
    ['English', 'Malayalam', 'Hindi'],
    1200,
    week([2, 4, 6], '10:00', '12:00', 30, 1, ['online']),
  ),
  doc(
    'amrita',
    'd-ami-06',
    'Dr. Fathima Rahman',
    ['dermatology'],
    'MBBS, DVL, MD (Dermatology)',
    'Calicut Medical College',
    10,
    ['English', 'Malayalam', 'Arabic'],
    700,
    week(MON_FRI, '16:00', '19:00', 15, 2, ['in_person', 'online']),
  ),
  doc(
    'amrita',
    'd-ami-07',
    'Dr. Gayathri Iyer',
    ['gynaecology'],
    'MBBS, MD (Obstetrics and Gynaecology)',
    'Madras Medical College',
    19,
    ['English', 'Tamil', 'Malayalam'],
    1000,
    week(MON_SAT, '09:00', '12:00', 20, 3, ['in_person']),
  ),
  doc(
    'apollo-dubai',
    'd-apo-01',
    'Dr. Vikram Malhotra',
    ['general'],
    'MBBS, MD (General Medicine)',
    'Maulana Azad Medical College, Delhi',
    16,
    ['English', 'Hindi', 'Punjabi'],
    800,
    week(MON_SAT, '07:30', '11:30', 15, 3, ['in_person', 'online']),
  ),
  doc(
    'apollo-dubai',
    'd-apo-02',
    'Dr. Sunita Chaudhary',
    ['cardiology'],
    'MBBS, MD, DM (Cardiology)',
    'PGIMER, Chandigarh',
    21,
    ['English', 'Hindi'],
    1800,
    week(MON_FRI, '12:00', '15:00', 30, 2, ['online']),
  ),
  doc(
    'apollo-dubai',
    'd-apo-03',
    'Dr. Aman Gupta',
    ['orthopaedics'],
    'MBBS, MS (Orthopaedics)',
    'Lady Hardinge Medical College, Delhi',
    9,
    ['English', 'Hindi'],
    900,
    week([1, 3, 5], '09:00', '12:00', 20, 2, ['in_person']),
  ),
  doc(
    'apollo-dubai',
    'd-apo-04',
    'Dr. Neha Bansal',
    ['paediatrics'],
    'MBBS, MD (Paediatrics)',
    'UCMS, Delhi',
    7,
    ['English', 'Hindi'],
    700,
    week(MON_SAT, '13:00', '16:00', 15, 3, ['in_person', 'online']),
  ),
  doc(
    'apollo-dubai',
    'd-apo-05',
    'Dr. Imran Qureshi',
    ['dermatology'],
    'MBBS, MD (Dermatology, Venereology and Leprosy)',
    'Jamia Hamdard, Delhi',
    12,
    ['English', 'Hindi', 'Urdu'],
    1000,
    week(MON_FRI, '15:00', '18:00', 15, 2, ['in_person', 'online']),
  ),
  doc(
    'apollo-dubai',
    'd-apo-06',
    'Dr. Rekha Saxena',
    ['critical-care', 'general'],
    'MBBS, MD (Anaesthesiology), EDIC',
    'KGMU, Lucknow',
    15,
    ['English', 'Hindi'],
    1100,
    week([2, 4], '08:00', '10:00', 30, 1, ['in_person']),
  ),
]

function doc(hospital, id, name, specialtyCodes, degree, institution, experienceYears, languages, feeInr, weekly, leaveInDays = []) {
  return {
    hospital,
    id,
    name,
    specialties: specialtyCodes.map((code) => specialties.find((s) => s.code === code)),
    education: degree.split(', ').map((d) => ({ degree: d, institution })),
    experienceYears,
    languages,
    feeInr,
    modes: [...new Set(weekly.flatMap((w) => w.modes))],
    weekly,
    leaveInDays,
  }
}

/**
 * The slots of a doctor between two local dates (inclusive), in the hospital's zone, as RFC 3339
 * with that zone's offset; days of leave have none. Past slots are left out.
 */
export function slotsOf(doctor, timeZone, fromDate, toDate, now = new Date()) {
  const today = localDate(now, timeZone)
  const leave = new Set(doctor.leaveInDays.map((days) => addDays(today, days)))
  const days = []
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    if (leave.has(date)) continue
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay()
    const slots = []
    for (const block of doctor.weekly.filter((w) => w.day === weekday)) {
      const [sh, sm] = block.start.split(':').map(Number)
      const [eh, em] = block.end.split(':').map(Number)
      for (let minute = sh * 60 + sm; minute + block.slotMinutes <= eh * 60 + em; minute += block.slotMinutes) {
        const at = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`
        const probe = new Date(`${date}T${at(minute)}Z`)
        const offset = offsetAt(probe, timeZone)
        const start = `${date}T${at(minute)}${offset}`
        if (new Date(start) <= now) continue
        slots.push({ start, end: `${date}T${at(minute + block.slotMinutes)}${offset}`, modes: block.modes, capacity: block.capacity })
      }
    }
    if (slots.length > 0) days.push({ date, slots })
  }
  return days
}

export { addDays, localDate }

/** The API keys of the demo hospitals in development (npm run dev, npm run hmis). */
export const devHmisKeys = Object.fromEntries(hospitals.map((h) => [h.key, `dev-hmis-key-${h.key}`]))

/** The text of a hospital's Scan and Share QR. */
export const qrPayloadOf = (hospital, counterId = '1') =>
  `https://phr-edge.in/share-profile?hip-id=${hospital.hfrId}&counter-id=${counterId}`
