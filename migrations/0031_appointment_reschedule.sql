-- A patient's request to move an appointment (POST /v1/appointments/{id}/reschedule): the slot and
-- mode asked for, kept beside the booked ones until the hospital confirms (outbox kind
-- reschedule_appointment); a refusal clears it and keeps the old slot. No foreign keys.

alter table appointments
  add column reschedule_slot_start timestamptz,
  add column reschedule_mode text check (reschedule_mode in ('in_person', 'online'));
