-- A hospital's document_id is unique per patient, not per hospital: two patients' documents with
-- the same id (a per-patient counter at the hospital) are both kept.
drop index records_hospital_external_key;
create unique index records_hospital_patient_external_key on records (hospital_id, patient_id, external_id) where external_id is not null;
