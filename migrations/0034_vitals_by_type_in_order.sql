-- GET /v1/vitals?type= pages by (created_at, id) like the unfiltered list: an index in that order
-- within a patient's readings of one type, so that a page is one index range scan however many
-- readings the patient has (the (type, measured_at) index, for trends, made it read and sort all
-- of them). No foreign keys.

create index vitals_patient_type_created_idx on vitals (patient_id, type, created_at desc, id desc);
