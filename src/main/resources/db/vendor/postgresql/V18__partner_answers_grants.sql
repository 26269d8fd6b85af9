-- Answers are kept, and read by the officers; they are destroyed at the end of their retention.
GRANT SELECT, INSERT, DELETE ON received_answer TO "${application_role}";
