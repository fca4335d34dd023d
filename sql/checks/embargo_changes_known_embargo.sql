-- Every change refers to a known embargo and uses the documented vocabularies and date format.
SELECT ch.embargo_id, ch.change_seq, ch.change_date, ch.date_precision, ch.change_kind
FROM embargo_changes AS ch
LEFT JOIN embargoes AS e USING (embargo_id)
WHERE e.embargo_id IS NULL
   OR ch.date_precision NOT IN ('day', 'month', 'year')
   OR ch.change_kind NOT IN ('imposed', 'entry_into_force', 'scope_change', 'exemption_change',
                             'suspension', 'reinstatement', 'renewal', 'monitoring', 'ending',
                             'ended', 'other')
   OR NOT regexp_full_match(
        ch.change_date,
        CASE ch.date_precision
            WHEN 'day' THEN '\d{4}-\d{2}-\d{2}'
            WHEN 'month' THEN '\d{4}-\d{2}'
            ELSE '\d{4}'
        END);
