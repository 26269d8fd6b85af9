-- A pending query is written, read, and removed once sealed or refused.
GRANT SELECT, INSERT, DELETE ON pending_query TO "${application_role}";
