GRANT SELECT, INSERT, UPDATE ON refused_evidence_usage TO "${application_role}";
