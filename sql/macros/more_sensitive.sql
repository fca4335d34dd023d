-- The more sensitive of two classifications: the level of a row that shows two records (an
-- item with its event, a finding with the event it cites, a trace with its item), which may be
-- shown only to viewers cleared for both. The one place SQL orders the levels
-- (embargo.classification); NULL counts as the least sensitive, so a record without a partner
-- keeps its own level.
CREATE MACRO more_sensitive(a, b) AS
    ['public', 'restricted', 'confidential', 'strictly_confidential'][greatest(
        coalesce(list_position(['public', 'restricted', 'confidential', 'strictly_confidential'], a), 1),
        coalesce(list_position(['public', 'restricted', 'confidential', 'strictly_confidential'], b), 1)
    )];
