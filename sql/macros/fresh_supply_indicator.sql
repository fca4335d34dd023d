-- Fresh-supply indicator per embargoed territory: of the documented weapons and ammunition lots
-- with a known year of manufacture, the share made after the embargo began (fresh_supply_by_embargo
-- over every country and year), the highest share first.
CREATE MACRO fresh_supply_indicator(visible) AS TABLE
SELECT *
FROM fresh_supply_by_embargo(visible, NULL, NULL, NULL)
ORDER BY fresh_share DESC, embargo_id;
