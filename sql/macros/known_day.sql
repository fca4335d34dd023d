-- The day the figures stand on: the session's "as known on" date (variable known_on) when one
-- is chosen, else today. Ages and overdue requests count to it.
CREATE MACRO known_day() AS coalesce(CAST(getvariable('known_on') AS DATE), current_date);
