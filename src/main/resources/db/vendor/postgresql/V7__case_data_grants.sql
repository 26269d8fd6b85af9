-- The gateway reads case data and, for the demo and benchmarks, loads synthetic persons; it counts
-- quota usage. (A production deployment would load case data from the agency's systems.)
GRANT SELECT, INSERT ON person, person_name, person_match_key, person_nationality, person_standing, travel_document,
    immigration_status, immigration_history, person_alert TO "${application_role}";
GRANT SELECT, INSERT, UPDATE ON annex_quota_usage TO "${application_role}";
