-- The classifications a viewer with this clearance may see: it and every less sensitive one
-- (the stored row sets per clearance are of the lines and notifications these levels hold).
CREATE MACRO levels_visible_at(clearance) AS
['public', 'restricted', 'confidential', 'strictly_confidential'][
    :list_position(['public', 'restricted', 'confidential', 'strictly_confidential'], clearance)
];
