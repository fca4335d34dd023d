-- The screening, stored: transfer_screening computed once after every load and build, so the
-- Screening page reads a table instead of recomputing the view (seconds at a million deliveries).
CREATE TABLE transfer_screening_results AS
SELECT * FROM transfer_screening;
COMMENT ON TABLE transfer_screening_results IS 'Stored result of the view transfer_screening, refreshed after every load and build; the Screening page reads it.';
