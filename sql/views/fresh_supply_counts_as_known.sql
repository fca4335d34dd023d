-- fresh_supply_counts as computed from the seizure versions known at the end of the session's "as
-- known on" date (fresh_supply_counts_computed); empty when no date is chosen
-- (fresh_supply_counts_known then reads the stored table).
CREATE VIEW fresh_supply_counts_as_known AS
SELECT * FROM fresh_supply_counts_computed() WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW fresh_supply_counts_as_known IS 'The rows of fresh_supply_counts computed from the seizure versions known at the end of the "as known on" date; empty when no date is chosen.';
