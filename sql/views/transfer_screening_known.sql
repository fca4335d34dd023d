-- The screening the Screening page reads: the stored results (transfer_screening_results), or,
-- when an "as known on" date is chosen (session variable known_on), the screening computed
-- afresh from the exemption notifications known on that date. The variable is a constant of the
-- query, so only one side is read.
CREATE VIEW transfer_screening_known AS
SELECT * FROM transfer_screening_results WHERE getvariable('known_on') IS NULL
UNION ALL
SELECT * FROM transfer_screening WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW transfer_screening_known IS 'The screening of registered deliveries as the warehouse knows it: the stored transfer_screening_results, or, with an "as known on" date, transfer_screening computed from the notifications known then.';
