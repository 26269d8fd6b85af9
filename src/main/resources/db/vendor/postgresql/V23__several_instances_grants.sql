GRANT SELECT, INSERT, UPDATE ON shedlock TO "${application_role}";
