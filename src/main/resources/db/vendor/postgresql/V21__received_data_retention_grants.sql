-- Disclosures are destroyed at the end of their retention, as answers are.
GRANT DELETE ON received_disclosure TO "${application_role}";
