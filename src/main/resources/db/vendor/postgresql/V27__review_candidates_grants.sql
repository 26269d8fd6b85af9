-- The candidates are written once, with the exchange, and never changed.
GRANT SELECT, INSERT ON review_candidate TO "${application_role}";

-- The person a review released data about is as fixed as the people who decided it.
CREATE OR REPLACE FUNCTION exchange_review_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.reviewed_by IS NOT NULL AND (NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
            OR NEW.confirmed_by IS DISTINCT FROM OLD.confirmed_by
            OR NEW.review_justification IS DISTINCT FROM OLD.review_justification
            OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at
            OR NEW.subject_person IS DISTINCT FROM OLD.subject_person) THEN
        RAISE EXCEPTION 'a review decision is append-only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
