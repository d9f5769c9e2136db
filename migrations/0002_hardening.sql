-- Hardening: the refresh token that replaced each used one (a retried refresh within the grace
-- window gets the same new pair instead of ending the session), and prefix lookups on rate-limit
-- keys (a verified login clears that identity's send counters from every address).

alter table refresh_tokens add column replaced_by uuid;

create index rate_limits_key_prefix_idx on rate_limits (key text_pattern_ops);
