-- The outbox rows are marked sent; fault counters are counted up and cleared once a message is processed.
GRANT SELECT, INSERT, UPDATE ON outbox TO "${application_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON delivery_fault TO "${application_role}";
GRANT SELECT, INSERT ON received_disclosure TO "${application_role}";
