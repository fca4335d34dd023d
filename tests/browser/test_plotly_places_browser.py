"""The places on the Plotly maps in a real browser: Item search's map of a Central African
Republic sighting draws the prefectures' boundaries and the towns, names the larger towns on the
map and names a town, its prefecture and its country on hover, in the reader's language, with
nothing fetched beyond the dashboard's own address (plotly.js asks for a base-layer TopoJSON
whenever a geo map has a choropleth: the dashboard serves an empty one itself)."""

from __future__ import annotations

import pytest
from test_pages_browser import (  # noqa: F401  (fixtures)
    FRENCH_USER_NAME,
    SCREENS,
    TIMEOUT_MS,
    USER_NAME,
    Visit,
    browser,
    server,
    sync_api,
    visit,
)

from embargo import geo_layers
from embargo.i18n import using

pytestmark = [pytest.mark.browser]

# A synthetic sighting in Bossangoa (Ouham), Central African Republic.
CAR_SERIAL = "418710"


@pytest.mark.parametrize(
    ("user", "title", "language", "labels", "hover"),
    [
        (
            USER_NAME,
            "Item search",
            "en",
            ["Bangui", "Ndele", "Obo", "Bambari", "Berbérati", "Bouar", "Bria"],
            ("Bria", "Haute-Kotto, Central African Republic"),
        ),
        (
            FRENCH_USER_NAME,
            "Recherche d’articles",
            "fr",
            ["Bangui", "Ndélé", "Obo", "Bambari", "Berbérati", "Bouar", "Bria"],
            ("Bria", "Haute-Kotto, République centrafricaine"),
        ),
    ],
    ids=["en", "fr"],
)
def test_a_car_sighting_map_shows_prefectures_and_towns(
    visit: Visit,  # noqa: F811  (the fixture imported above)
    user: str,
    title: str,
    language: str,
    labels: list[str],
    hover: tuple,
) -> None:
    visit.context.set_default_timeout(3 * TIMEOUT_MS)
    visit.open("/item-search")
    visit.submit_sign_in(title, user)
    search = visit.page.locator('[data-testid="stTextInput"] input').first
    search.fill(CAR_SERIAL)
    search.press("Enter")
    visit.settle()
    chart = visit.page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    sync_api.expect(chart.locator(".geo .choroplethlocation").first).to_be_attached()
    # The larger towns are named on the map, in SVG text.
    names = chart.locator(".geo .scattergeo text")
    sync_api.expect(names.first).to_be_attached()
    assert [text.strip() for text in names.all_text_contents()] == labels
    # Every town of the layer is a dot; the boundaries are one dotted line trace.
    with using(language):
        towns = geo_layers.populated_places(["CAF"])["features"]
    assert len(towns) == 21
    assert chart.locator(".geo .scattergeo .js-line").count() == 1
    # The 17 prefectures' hover points, the 21 towns and the sighting.
    assert chart.locator(".geo .scattergeo path.point").count() == 17 + 21 + 1
    # Hovering Bria names it, its prefecture and its country.
    (bria,) = [f["geometry"]["coordinates"] for f in towns if f["properties"]["name"] == hover[0]]
    # The geo projection gives the town's place in the figure's SVG.
    point = chart.evaluate(
        "(el, at) => el.querySelector('.js-plotly-plot')._fullLayout.geo._subplot.projection(at)",
        bria,
    )
    box = chart.locator(".js-plotly-plot .main-svg").first.bounding_box()
    visit.page.mouse.move(box["x"] + point[0] - 6, box["y"] + point[1] - 6)
    visit.page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    tooltip = visit.page.locator(".hoverlayer .hovertext").first
    sync_api.expect(tooltip).to_have_text(hover[0] + hover[1])
    SCREENS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(SCREENS / f"car-plotly-places-{language}.png"))
    visit.assert_no_error()
    visit.assert_stayed_local()
