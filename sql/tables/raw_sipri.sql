-- SIPRI trade-register records that were rejected, as delivered, both layouts, as text (an
-- accepted record is read from the raw store's kept file: ingest.sources.sipri_delivered).
CREATE TABLE raw_sipri (
    layout VARCHAR NOT NULL,
    recipient VARCHAR,
    supplier VARCHAR,
    year_of_order VARCHAR,
    year_of_order_flag VARCHAR,
    number_ordered VARCHAR,
    number_ordered_flag VARCHAR,
    weapon_designation VARCHAR,
    weapon_description VARCHAR,
    number_delivered VARCHAR,
    number_delivered_flag VARCHAR,
    years_of_delivery VARCHAR,
    status VARCHAR,
    comments VARCHAR,
    tiv_per_unit VARCHAR,
    tiv_total_order VARCHAR,
    tiv_delivered VARCHAR,
    sipri_deal_id VARCHAR,
    armament_category VARCHAR,
    order_date VARCHAR,
    order_date_is_estimate VARCHAR,
    number_delivered_is_estimate VARCHAR,
    delivery_year VARCHAR,
    delivery_year_is_estimate VARCHAR,
    sipri_estimate VARCHAR,
    tiv_deal_unit VARCHAR,
    tiv_delivery_value VARCHAR,
    local_production VARCHAR,
    extra_columns VARCHAR,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_sipri IS 'The rejected records of SIPRI Arms Transfers Database trade-register exports, as delivered: one row per rejected record (a record broken across lines is put back together), both layouts, every cell as text exactly as written, with its reasons in rejects (same load_id and row_number). An accepted record is read as delivered from the file the raw store keeps, by its load and row number (transfers.source_row_number); typed and harmonised rows are in transfers.';
COMMENT ON COLUMN raw_sipri.layout IS 'classic (one line per deal, SIPRI export until early 2025) or new (one line per deal and delivery year, since 2025).';
COMMENT ON COLUMN raw_sipri.recipient IS 'Recipient (both layouts), as written.';
COMMENT ON COLUMN raw_sipri.supplier IS 'Supplier (both layouts), as written.';
COMMENT ON COLUMN raw_sipri.year_of_order IS 'Year of order (classic).';
COMMENT ON COLUMN raw_sipri.year_of_order_flag IS 'The unnamed column after Year of order (classic): ? when the year is uncertain.';
COMMENT ON COLUMN raw_sipri.number_ordered IS 'Number ordered (classic); empty when SIPRI has no data yet.';
COMMENT ON COLUMN raw_sipri.number_ordered_flag IS 'The unnamed column after Number ordered (classic): ? when the number is uncertain.';
COMMENT ON COLUMN raw_sipri.weapon_designation IS 'Weapon designation (classic) or Designation (new), e.g. T-72M1.';
COMMENT ON COLUMN raw_sipri.weapon_description IS 'Weapon description (classic) or Description (new), e.g. tank.';
COMMENT ON COLUMN raw_sipri.number_delivered IS 'Number delivered (classic, all listed years together) or Numbers delivered (new, in the delivery year).';
COMMENT ON COLUMN raw_sipri.number_delivered_flag IS 'The unnamed column after Number delivered (classic): ? when the number is uncertain.';
COMMENT ON COLUMN raw_sipri.years_of_delivery IS 'Year(s) of delivery (classic): a ; separated list such as 1979; 1980; 1981.';
COMMENT ON COLUMN raw_sipri.status IS 'status (classic) or Status (new): New, Second hand, Second hand but modernized.';
COMMENT ON COLUMN raw_sipri.comments IS 'Comments (classic); a line break that split the record in the file is kept inside the text.';
COMMENT ON COLUMN raw_sipri.tiv_per_unit IS 'SIPRI TIV per unit (classic), millions.';
COMMENT ON COLUMN raw_sipri.tiv_total_order IS 'SIPRI TIV for total order (classic), millions.';
COMMENT ON COLUMN raw_sipri.tiv_delivered IS 'SIPRI TIV of delivered weapons (classic), millions; 0 means less than 0.5 million.';
COMMENT ON COLUMN raw_sipri.sipri_deal_id IS 'SIPRI AT Database ID (new): the deal number.';
COMMENT ON COLUMN raw_sipri.armament_category IS 'Armament category (new), e.g. Armoured vehicles, Missiles.';
COMMENT ON COLUMN raw_sipri.order_date IS 'Order date (new), a year.';
COMMENT ON COLUMN raw_sipri.order_date_is_estimate IS 'Order date is estimate (new): Yes or No.';
COMMENT ON COLUMN raw_sipri.number_delivered_is_estimate IS 'Numbers delivered is estimate (new): Yes or No.';
COMMENT ON COLUMN raw_sipri.delivery_year IS 'Delivery year (new).';
COMMENT ON COLUMN raw_sipri.delivery_year_is_estimate IS 'Delivery year is estimate (new): Yes or No.';
COMMENT ON COLUMN raw_sipri.sipri_estimate IS 'SIPRI estimate (new): SIPRI TIV of one new item, millions.';
COMMENT ON COLUMN raw_sipri.tiv_deal_unit IS 'TIV deal unit (new): TIV of one item in this deal (second-hand items count for less), millions.';
COMMENT ON COLUMN raw_sipri.tiv_delivery_value IS 'TIV delivery values (new): TIV of the items delivered in the delivery year, millions.';
COMMENT ON COLUMN raw_sipri.local_production IS 'Local production (new): Yes when produced in the recipient country, e.g. under licence.';
COMMENT ON COLUMN raw_sipri.extra_columns IS 'Columns the layout does not know, and surplus cells, as JSON {header: value}; empty when none.';
COMMENT ON COLUMN raw_sipri.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_sipri.file_name IS 'File the record came from.';
COMMENT ON COLUMN raw_sipri.source_row_number IS 'Physical line of the file where the record starts, 1-based, counting the preamble (as a text editor numbers lines).';
