"""The page figures read from stored tables or in fewer statements give what the register lines
and item facts give when read whole, at every clearance, on the demo warehouse built through
the real path:

- the Transfers and Flows pages' totals, flows and delivery counts add up the stored delivery
  groups (delivery_groups) when no category or source filter is set, and group the filtered
  lines otherwise (delivery_groups_filtered);
- the transfer filters' lists come from the stored values (transfer_filter_values) in one
  statement;
- the lines of the Transfers table are chosen before they are joined to their deliveries;
- the seizure filters' lists, and the Country profile's documented items, are read in one
  statement each (grouping sets);
- register lines outside their states' existence are found per country."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from support import copy_of, query

from dashboard import queries
from embargo.classification import Classification
from embargo.warehouse import connect_writable, refresh_derived_tables

CLEARANCES = list(Classification)


@pytest.fixture(scope="module")
def levelled(tmp_path_factory, demo_warehouse) -> Path:
    """The demo's register lines spread over the four classifications (by transfer id), the
    derived tables refreshed as a load refreshes them."""
    path = copy_of(demo_warehouse, tmp_path_factory.mktemp("levelled"))
    con = connect_writable(path)
    try:
        con.execute(
            "UPDATE transfers SET classification = "
            "['public', 'restricted', 'confidential', 'strictly_confidential']"
            "[CAST(1 + hash(transfer_id) % 4 AS INTEGER)]"
        )
        refresh_derived_tables(con, ["transfers"])
    finally:
        con.close()
    return path


@pytest.fixture(params=["demo", "every level"])
def db(request, demo_warehouse) -> Path:
    if request.param == "demo":
        return demo_warehouse
    return request.getfixturevalue("levelled")


# The deliveries behind the filtered lines, grouped as the stored groups are: the reference.
FROM_LINES = (
    "SELECT supplier_iso3, recipient_iso3, delivery_year, category, count(*), "
    "round(sum(items), 6), round(sum(tiv), 6), sum(register_lines) "
    "FROM deliveries_filtered($visible, $suppliers, $recipients, $categories, $sources, "
    "$year_from, $year_to) GROUP BY ALL ORDER BY ALL"
)
FROM_GROUPS = (
    "SELECT supplier_iso3, recipient_iso3, delivery_year, category, sum(deliveries), "
    "round(sum(items), 6), round(sum(tiv), 6), sum(register_lines) "
    "FROM delivery_groups_filtered($visible, $suppliers, $recipients, $categories, $sources, "
    "$year_from, $year_to) GROUP BY ALL ORDER BY ALL"
)


def filters_of(db: Path) -> list[queries.TransferFilters]:
    """No filter, the busiest supplier, the busiest recipient, a decade, and a category and a
    source (which the stored groups cannot answer)."""
    ((supplier, recipient, category, source),) = query(
        db,
        "SELECT mode(supplier_iso3), mode(recipient_iso3), mode(category), mode(source_id) "
        "FROM transfers WHERE delivery_year IS NOT NULL",
    )
    return [
        queries.TransferFilters(),
        queries.TransferFilters(supplier_codes=(supplier,)),
        queries.TransferFilters(recipient_codes=(recipient,), year_from=2000, year_to=2015),
        queries.TransferFilters(year_from=2010, year_to=2019),
        queries.TransferFilters(categories=(category,)),
        queries.TransferFilters(source_ids=(source,), supplier_codes=(supplier,)),
    ]


@pytest.mark.parametrize("clearance", CLEARANCES, ids=lambda c: c.label)
def test_delivery_groups_add_up_to_the_deliveries_of_the_lines(db, clearance):
    seen = []
    for filters in filters_of(db):
        params = filters.params(clearance)
        expected = query(db, FROM_LINES, params)
        assert query(db, FROM_GROUPS, params) == expected
        seen.append(sum(row[4] for row in expected))
    assert seen[0] > 0
    with queries.reading_from(db):
        assert queries.deliveries_count(clearance, queries.TransferFilters()) == seen[0]


def test_each_clearance_has_its_own_groups(levelled):
    """Lines of every classification: a lower clearance counts fewer deliveries."""
    counted = dict(
        query(levelled, "SELECT clearance, sum(deliveries) FROM delivery_groups GROUP BY 1")
    )
    levels = [clearance.visible_levels()[-1] for clearance in CLEARANCES]
    assert sorted(counted) == sorted(levels)
    by_clearance = [counted[level] for level in levels]
    assert by_clearance == sorted(by_clearance)
    assert by_clearance[0] < by_clearance[-1]


@pytest.mark.parametrize("clearance", CLEARANCES, ids=lambda c: c.label)
def test_transfer_filter_lists_are_the_lines_values(db, clearance):
    visible = [clearance.visible_levels()]
    with queries.reading_from(db):
        options = queries.transfer_filter_options(clearance)
        sources = queries.transfer_sources(clearance)
    parties = query(
        db,
        "SELECT role, country_iso3 FROM (SELECT 'supplier' AS role, supplier_iso3 AS "
        "country_iso3 FROM transfers WHERE list_contains(?, classification) UNION "
        "SELECT 'recipient', recipient_iso3 FROM transfers WHERE list_contains(?, classification)) "
        "WHERE country_iso3 IS NOT NULL ORDER BY ALL",
        visible * 2,
    )
    assert sorted(options["parties"].select("role", "country_iso3").rows()) == parties
    names = dict(query(db, "SELECT country_iso3, country_name FROM countries"))
    for role, code, name in options["parties"].rows():
        assert name == names[code], (role, code)
    assert options["parties"]["name"].to_list() == sorted(options["parties"]["name"])
    assert options["years"].rows() == query(
        db,
        "SELECT min(coalesce(delivery_year, order_year)), max(coalesce(delivery_year, "
        "order_year)) FROM transfers WHERE list_contains(?, classification)",
        visible,
    )
    assert options["categories"]["category"].to_list() == [
        category
        for (category,) in query(
            db,
            "SELECT DISTINCT category FROM transfers WHERE list_contains(?, classification) "
            "ORDER BY 1",
            visible,
        )
    ]
    expected_sources = query(
        db,
        "SELECT DISTINCT t.source_id, s.title, s.is_synthetic FROM transfers AS t "
        "JOIN source_registry AS s USING (source_id) WHERE list_contains(?, t.classification) "
        "ORDER BY 1",
        visible,
    )
    assert options["sources"].rows() == expected_sources
    assert sources.rows() == expected_sources
    assert options["sources"].schema == sources.schema


def test_the_filter_lists_of_a_warehouse_without_transfers(warehouse):
    with queries.reading_from(warehouse):
        options = queries.transfer_filter_options(Classification.STRICTLY_CONFIDENTIAL)
    assert options["years"].rows() == [(None, None)]
    assert [frame.height for frame in options.values()] == [0, 0, 1, 0]
    assert options["parties"].columns == ["role", "country_iso3", "name"]
    assert options["sources"].columns == ["source_id", "title", "is_synthetic"]
    assert options["categories"].columns == ["category"]


@pytest.mark.parametrize("clearance", CLEARANCES, ids=lambda c: c.label)
def test_the_transfers_table_is_the_first_lines_with_their_deliveries(demo_warehouse, clearance):
    filters = queries.TransferFilters(year_from=1990, year_to=2020)
    with queries.reading_from(demo_warehouse):
        table = queries.transfers_table(clearance, filters, limit=25)
    expected = query(
        demo_warehouse,
        "SELECT transfer_id, delivery_id FROM transfers_filtered($visible, $suppliers, "
        "$recipients, $categories, $sources, $year_from, $year_to) "
        "ORDER BY delivery_year DESC NULLS LAST, transfer_id LIMIT 25",
        filters.params(clearance),
    )
    assert len(expected) == 25
    assert table.select("transfer_id", "delivery_id").rows() == expected


@pytest.mark.parametrize("clearance", CLEARANCES, ids=lambda c: c.label)
def test_seizure_filter_lists_in_one_statement(demo_warehouse, clearance):
    visible = [clearance.visible_levels()]
    with queries.reading_from(demo_warehouse):
        options = queries.seizure_filter_options(clearance)
    values = query(
        demo_warehouse,
        "SELECT DISTINCT kind, value FROM seizure_event_category_counts, "
        "LATERAL (VALUES ('context', context), ('category', category), "
        "('entity', reporting_entity)) AS v(kind, value) "
        "WHERE list_contains(?, classification) ORDER BY 1, 2",
        visible,
    )
    assert values
    assert options["values"].rows() == values
    assert options["dates"].rows() == query(
        demo_warehouse,
        "SELECT min(event_date), max(event_date) FROM seizure_event_category_counts "
        "WHERE list_contains(?, classification)",
        visible,
    )


def test_seizure_filter_lists_of_a_warehouse_without_seizures(warehouse):
    with queries.reading_from(warehouse):
        options = queries.seizure_filter_options(Classification.STRICTLY_CONFIDENTIAL)
    assert options["values"].height == 0
    assert options["dates"].rows() == [(None, None)]
    assert options["dates"].schema == pl.Schema({"first_date": pl.Date, "last_date": pl.Date})


@pytest.mark.parametrize("clearance", CLEARANCES, ids=lambda c: c.label)
def test_country_seized_items_in_one_statement(demo_warehouse, clearance):
    scope = queries.ProfileScope("CAF")
    with queries.reading_from(demo_warehouse):
        counted = queries.country_seized_items(clearance, scope)
    for name, key in (
        ("category", "category"),
        ("origin", "coalesce(country_of_manufacture, 'unknown')"),
        ("manufacture_year", "manufacture_year"),
    ):
        expected = query(
            demo_warehouse,
            f"SELECT {key}, count(*), coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0), "
            "coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) FROM seizure_item_facts "
            "WHERE country_iso3 = $country AND event_year BETWEEN $year_from AND $year_to "
            "AND list_contains($visible, classification) GROUP BY 1 "
            + ("ORDER BY 1 NULLS LAST" if name == "manufacture_year" else "ORDER BY 2 DESC, 1"),
            scope.params(clearance),
        )
        assert counted[name].columns == [name, "item_lines", "items", "rounds"]
        assert counted[name].rows() == expected, name
    assert counted["category"].height > 0


def test_lines_outside_their_states_existence_per_country(demo_warehouse):
    """Both parties of a line are checked; a country's problems are those naming it."""
    every = query(
        demo_warehouse,
        "SELECT party, country_iso3, transfer_id FROM transfers_outside_state_existence "
        "ORDER BY ALL",
    )
    expected = query(
        demo_warehouse,
        "SELECT p.party, p.country_iso3, t.transfer_id FROM transfers AS t "
        "CROSS JOIN LATERAL (VALUES ('recipient', t.recipient_iso3), "
        "('supplier', t.supplier_iso3)) AS p (party, country_iso3) "
        "JOIN state_existence AS x ON x.country_iso3 = p.country_iso3 "
        "JOIN countries AS c ON c.country_iso3 = p.country_iso3 "
        "WHERE t.delivery_year IS NOT NULL AND NOT t.is_nil_report "
        "AND (t.delivery_year < year(x.exists_from) "
        "OR t.delivery_year > year(CAST(x.exists_until - INTERVAL 1 DAY AS DATE))) ORDER BY ALL",
    )
    assert every == expected
    assert every
    country = every[0][1]
    with queries.reading_from(demo_warehouse):
        found = queries.transfers_outside_state_existence(
            Classification.STRICTLY_CONFIDENTIAL, country
        )
    assert sorted(found.select("transfer_id").to_series().to_list()) == sorted(
        transfer for _, code, transfer in every if code == country
    )
