"""axe-core in Chromium: nothing serious or critical on any state of the page, narrow or wide.

axe-core is vendored at tests/web/vendor/axe.min.js (with its licence beside it)
and injected by Playwright; the page's own security policy forbids scripts, so
the test's browser context bypasses it for the injected script alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_browser import fill_new_talk

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LINCOLN = "lincoln-high-2027-03"


def serious(tab) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is now."""
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def states(tab, url: str):
    """Every state of the page a person meets, each reached as a person reaches it."""
    tab.goto(url + "/")
    yield "home"
    tab.goto(url + "/new")
    yield "new talk"
    tab.get_by_role("button", name="Create talk").click()
    expect(tab.get_by_role("heading", name="Nothing was saved yet")).to_be_visible()
    yield "new talk with problems"
    fill_new_talk(tab, name="Streamed assembly", recorded=True)
    tab.get_by_role("button", name="Create talk").click()
    expect(tab.get_by_role("heading", name="Must fix (2)")).to_be_visible()
    yield "talk with must-fix problems"
    tab.get_by_role("button", name="Build").click()
    expect(tab.get_by_role("alert")).to_contain_text("Build refused")
    yield "refused build"
    tab.goto(f"{url}/talks/{LINCOLN}")
    yield "talk"
    tab.get_by_role("group", name="Excerpts of “Jo Eun: for her daughter”").get_by_role(
        "checkbox"
    ).evaluate_all("boxes => boxes.forEach(b => b.checked = false)")
    tab.get_by_role("button", name="Save excerpts of “Jo Eun: for her daughter”").click()
    expect(tab.get_by_text("Choose at least one excerpt.")).to_be_visible()
    yield "excerpts refused"
    tab.goto(f"{url}/talks/{LINCOLN}")
    tab.get_by_label("Venue").fill("Hall " * 30)
    tab.get_by_role("button", name="Save details").click()
    yield "details refused"
    tab.goto(url + "/library")
    yield "library"
    tab.goto(url + "/talks/no-such-talk")
    yield "not found"


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_serious_on_any_state_of_the_page(served, browser, width):
    context = browser.new_context(
        locale="en-US", timezone_id="UTC", viewport={"width": width, "height": 900}, bypass_csp=True
    )
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        found = {state: serious(tab) for state in states(tab, served.url)}
    finally:
        context.close()
    assert len(found) == 10
    assert {state: problems for state, problems in found.items() if problems} == {}
