-- Who decided a reviewed case and on what justification is fixed once written: the REVIEW_DECIDED
-- entry carries the justification's SHA-256 and names the officer, and these columns are what an
-- export shows beside it (docs/audit.md, "Reviews").
CREATE FUNCTION exchange_review_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.reviewed_by IS NOT NULL AND (NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
            OR NEW.review_justification IS DISTINCT FROM OLD.review_justification
            OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at) THEN
        RAISE EXCEPTION 'a review decision is append-only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER exchange_review_fixed BEFORE UPDATE ON exchange
    FOR EACH ROW EXECUTE FUNCTION exchange_review_fixed();
