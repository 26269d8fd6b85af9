GRANT SELECT, INSERT, UPDATE, DELETE ON console_account TO "${application_role}";
-- UPDATE for SELECT … FOR UPDATE, which locks a proposal while a supervisor acts on it.
GRANT SELECT, INSERT, UPDATE, DELETE ON review_proposal TO "${application_role}";

-- The supervisor who confirmed a review is as fixed as the officer who proposed it.
CREATE OR REPLACE FUNCTION exchange_review_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.reviewed_by IS NOT NULL AND (NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
            OR NEW.confirmed_by IS DISTINCT FROM OLD.confirmed_by
            OR NEW.review_justification IS DISTINCT FROM OLD.review_justification
            OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at) THEN
        RAISE EXCEPTION 'a review decision is append-only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
