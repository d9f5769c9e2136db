-- An account that logged in by phone or email links its ABHA (POST /v1/abdm/abha/link): the OTP goes
-- through ABDM as for an ABHA login, but its challenge names the patient it links to, and only that
-- patient's confirmation may use it (a login never can). No foreign keys.
alter table otp_challenges add column link_patient_id uuid;
