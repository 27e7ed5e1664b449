"""The page tells volunteers and staff the truth where they can act on it, and loses no edit."""

from __future__ import annotations

import re
import time
import urllib.parse

from playwright.sync_api import expect
from test_browser import fill_new_talk

from samples import ROOT

LINCOLN = "lincoln-high-2027-03"
VENUE = "Lincoln High School auditorium"


def form(**fields) -> str:
    return urllib.parse.urlencode(fields)


def new_tab(browser, width: int = 1280):
    context = browser.new_context(
        locale="en-US", timezone_id="UTC", viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    return context, tab


# --- No edit is ever lost ------------------------------------------------------------------


def test_two_browsers_editing_one_talk_the_second_save_is_refused_and_nothing_is_lost(
    served, browser
):
    path = served.root / f"decks/{LINCOLN}.yaml"
    original = path.read_text()
    first_context, first = new_tab(browser)
    second_context, second = new_tab(browser)
    try:
        first.goto(f"{served.url}/talks/{LINCOLN}")
        second.goto(f"{served.url}/talks/{LINCOLN}")

        first.get_by_label("Venue").fill("Main hall")
        first.get_by_role("button", name="Save details").click()
        expect(first.get_by_role("status")).to_have_text(
            "Saved. The problems below are checked again."
        )
        saved = path.read_text()
        assert saved == original.replace(VENUE, "Main hall")

        second.get_by_label("City").fill("Shelbyville")
        second.get_by_role("button", name="Save details").click()
        alert = second.locator("#conflict")
        expect(alert).to_have_attribute("role", "alert")
        expect(alert.get_by_role("heading")).to_have_text(
            "Not saved: this talk was changed since you opened it"
        )
        expect(alert.get_by_role("listitem")).to_have_text(
            [f"Venue: was “{VENUE}”, now “Main hall”."]
        )
        # Nothing on disk is lost, and what the second browser typed is still in its form.
        assert path.read_text() == saved
        expect(second.get_by_label("City")).to_have_value("Shelbyville")
        expect(second.get_by_label("Venue")).to_have_value("Main hall")
        alert.get_by_role("link", name="Reload the talk").click()
        expect(second.get_by_label("City")).to_have_value("Springfield")
    finally:
        first_context.close()
        second_context.close()


def test_an_edit_on_disk_between_load_and_save_is_refused_the_same_way(served, page):
    path = served.root / f"decks/{LINCOLN}.yaml"
    page.goto(f"{served.url}/talks/{LINCOLN}")
    edited = path.read_text().replace("speaker: Sam Rivera", "speaker: Alex Kim")
    path.write_text(edited)
    page.get_by_role("button", name="Leave out This Is Freedom").click()
    expect(page.locator("#conflict").get_by_role("listitem")).to_have_text(
        ["Speaker: was “Sam Rivera”, now “Alex Kim”."]
    )
    assert path.read_text() == edited
    page.get_by_role("link", name="Reload the talk").click()
    page.get_by_role("button", name="Leave out This Is Freedom").click()
    expect(page.get_by_role("status")).to_have_text("The slide was left out.")
    assert "speaker: Alex Kim" in path.read_text()
    assert "drop: [beyond-headlines, this-is-freedom]" in path.read_text()


def test_a_post_without_the_files_version_writes_nothing(served):
    path = served.root / f"decks/{LINCOLN}.yaml"
    before = path.read_text()
    status, _, text = served.request(
        "POST", f"/talks/{LINCOLN}/drop", body=form(slide="this-is-freedom", csrf=served.csrf())
    )
    assert status == 409
    assert "Not saved: this talk was changed since you opened it" in text
    assert path.read_text() == before


# --- The form token belongs to the browser's session ----------------------------------------


def test_the_form_token_of_one_browser_is_refused_in_another(served, tmp_path):
    from conftest import Served

    token = served.csrf()
    other = Served(served.url, served.port, served.root, served.app)
    assert other.csrf() != token
    status, _, text = other.request("POST", "/new", body=form(name="x", csrf=token))
    assert status == 403
    assert "This form has expired or came from elsewhere" in text


def test_the_form_token_expires_with_its_session(served):
    from talkkit.web.app import SESSION_COOKIE, SESSION_SECONDS

    site = served.site
    token = served.csrf()
    session = served.cookies[SESSION_COOKIE]
    _, nonce, _ = session.split(".")
    old = f"{int(time.time()) - SESSION_SECONDS - 1}.{nonce}"
    old = f"{old}.{site._sign('session:' + old)}"
    status, headers, text = served.request(
        "POST",
        "/new",
        body=form(name="x", csrf=site._sign(f"csrf:{old}")),
        headers={"Cookie": f"{SESSION_COOKIE}={old}"},
    )
    assert status == 403
    assert headers["set-cookie"].startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly; SameSite=Strict" in headers["set-cookie"]
    assert token != site._sign(f"csrf:{old}")
    assert "This form has expired or came from elsewhere" in text


# --- Fields -------------------------------------------------------------------------------


def test_a_venue_too_long_is_refused_at_its_field_and_announced(served, page):
    page.goto(served.url + "/new")
    fill_new_talk(page, name="Long venue")
    page.get_by_label("Venue").fill("Hall " * 30)
    page.get_by_role("button", name="Create talk").click()
    venue = page.get_by_label("Venue")
    expect(venue).to_have_attribute("aria-invalid", "true")
    message = (
        "The venue has 149 characters; shorten it to 120 at most, so that it fits on one line "
        "of the handout."
    )
    expect(venue).to_have_accessible_description(message)
    expect(page.locator("#venue-error")).to_have_attribute("role", "alert")
    assert not list((served.root / "decks").glob("long-venue*"))


def test_the_minutes_field_gets_its_attributes_as_attributes(served, page):
    page.goto(served.url + "/new")
    minutes = page.get_by_label("Minutes")
    expect(minutes).to_have_attribute("min", "1")
    expect(minutes).to_have_attribute("max", "240")
    expect(minutes).to_have_attribute("inputmode", "numeric")


# --- The library for staff ------------------------------------------------------------------


def test_withdrawn_consent_is_shown_plainly_with_every_event_still_using_the_story(served, page):
    story = served.root / "content/stories/jo-eun.yaml"
    story.write_text(story.read_text().replace("  withdrawn: null", "  withdrawn: 2026-11-01"))
    page.goto(served.url + "/library")
    card = page.locator("#story-jo-eun")
    expect(card.locator(".consent")).to_have_text(
        "Consent withdrawn on 2026-11-01: this story may no longer be used anywhere."
    )
    expect(card).to_contain_text("Every event below still uses it; each must leave its slides out.")
    expect(
        card.get_by_role("link", name="Lincoln High School assembly (sample event)")
    ).to_be_visible()
    expect(page.locator("#story-hyo-jin .consent")).to_have_text(
        "Consent covers: slides, handout, recording."
    )


def test_each_stale_fact_lists_the_talks_and_upcoming_events_that_show_it(tmp_path, browser):
    import datetime as dt

    from conftest import copy_workspace, start

    root = copy_workspace(tmp_path / "ws")
    path = root / f"decks/{LINCOLN}.yaml"
    path.write_text(path.read_text().replace("date: 2027-03-12", "date: 2028-01-10"))
    served, server, thread = start(root, pictures=False, today=lambda: dt.date(2027, 12, 1))
    context, tab = new_tab(browser)
    try:
        tab.goto(served.url + "/library")
        item = tab.get_by_role("listitem").filter(has_text="prison-camps")
        expect(item).to_contain_text(
            "Shown by: Lincoln High School assembly (sample event) (2028-01-10), the standard "
            "talk standard/community-60, the standard talk standard/high-school-45, the "
            "standard talk standard/university-50."
        )
        expect(item.get_by_role("link")).to_have_attribute("href", f"/talks/{LINCOLN}")
    finally:
        context.close()
        server.should_exit = True
        thread.join(10)


# --- Content notes --------------------------------------------------------------------------


def test_an_excerpt_that_needs_a_content_note_comes_with_a_box_to_write_it(served, page):
    path = served.root / "decks/goodbye.yaml"
    path.write_text(
        "extends: standard/middle-school-30\nspeaker: Sam Rivera\n"
        "event:\n  name: Goodbye\n  date: 2027-03-12\n  recorded: false\n"
    )
    page.goto(served.url + "/talks/goodbye")
    story = page.locator("#story-saying-goodbye")
    story.locator("input[value='father-passed-away']").check()
    save = page.get_by_role("button", name="Save excerpts of “Saying goodbye”")
    save.click()
    expect(page.locator("#excerpts-saying-goodbye-error")).to_have_text(
        "The excerpts you chose need a content note naming death: write in the box “Content "
        "note” under the excerpts what the speaker says before the story, then save again."
    )
    assert "change" not in path.read_text()
    story = page.locator("#story-saying-goodbye")
    story.locator("input[value='father-passed-away']").check()
    story.locator("input[value='two-minutes']").uncheck()
    story.get_by_label("Content note for “Saying goodbye”").fill(
        "the next passage tells of a father's death."
    )
    save.click()
    expect(page.get_by_role("status")).to_have_text("The excerpts were saved.")
    expect(page.get_by_text("No problems: the check finds nothing to fix.")).to_be_visible()
    text = path.read_text()
    assert "    excerpts: [escape-together, father-passed-away]\n" in text
    assert (
        "    notes: |-\n      Content note (death): the next passage tells of a father's death.\n"
        in text
    )


# --- One YAML boundary ----------------------------------------------------------------------


def test_the_page_refuses_to_edit_what_talkkit_check_refuses_to_read(served):
    path = served.root / "decks/aliased.yaml"
    text = (
        "extends: standard/high-school-45\nspeaker: &who Sam Rivera\n"
        "event:\n  name: *who\n  date: 2027-03-12\n"
    )
    path.write_text(text)
    _, _, page = served.request("GET", "/talks/aliased")
    assert 'action="/talks/aliased/details"' not in page
    from talkkit.web.edit import version_of

    status, _, page = served.request(
        "POST",
        "/talks/aliased/details",
        body=form(name="x", date="2027-03-12", csrf=served.csrf(), version=version_of(text)),
    )
    assert status == 409
    assert (
        "This talk&#39;s file cannot be changed on the page until it reads again: line 4: "
        "aliases (*name) are not allowed in talkkit files. Ask staff to look at it."
    ) in page
    assert path.read_text() == text


# --- The page speaks to volunteers ----------------------------------------------------------


def _slide_ids() -> set[str]:
    found = set()
    for outline in (ROOT / "decks").rglob("*.yaml"):
        found |= set(re.findall(r"^\s*-?\s*id: ([\w-]+)$", outline.read_text(), re.M))
    return found


def _excerpt_ids() -> set[str]:
    """The library's excerpt ids that no sentence would hold (those with a hyphen)."""
    found = set()
    for story in (ROOT / "content" / "stories").glob("*.yaml"):
        found |= set(re.findall(r"^\s*- id: ([\w]+-[\w-]+)$", story.read_text(), re.M))
    return found


FIELD_NAMES = (
    "extends",
    "drop:",
    "change:",
    "add:",
    "excerpts:",
    "notes:",
    "recorded:",
    "as_of",
    "checked:",
    "review_every",
    "story:",
    "speaker:",
)


def _variations(root) -> list[str]:
    """Outlines that make every kind of finding an event can have, in the served workspace."""
    outlines = {
        "streamed": "event:\n  name: Streamed\n  date: 2027-03-12\n  recorded: true\n",
        "stale": "event:\n  name: Late\n  date: 2028-06-01\n",
        "outdated": "event:\n  name: Later\n  date: 2030-06-01\n",
        "past": "event:\n  name: Past\n  date: 2020-06-01\n",
        "young": "audience: middle-school\nevent:\n  name: Young\n  date: 2027-03-12\n",
        "short": "minutes: 10\nevent:\n  name: Short\n  date: 2027-03-12\n",
        "nobody": "event:\n  name: Nobody\n  date: 2027-03-12\n",
        "noted": (
            "event:\n  name: Noted\n  date: 2027-03-12\nchange:\n  jo-eun-story:\n"
            "    notes: Read it slowly.\n"
        ),
        "broken": "event:\n  name: [Broken\n  date: 2027-05-01\n",
        "indented": "event:\n  name: Indented\n   venue: Hall\n",
    }
    for name, body in outlines.items():
        speaker = "" if name == "nobody" else "speaker: Sam Rivera\n"
        (root / f"decks/{name}.yaml").write_text(
            f"extends: standard/high-school-45\n{speaker}{body}"
        )
    story = root / "content/stories/jeans-and-freedom.yaml"
    story.write_text(story.read_text().replace("  withdrawn: null", "  withdrawn: 2026-11-01"))
    return [LINCOLN, "riverside-library-2027-04", *outlines]


def test_no_finding_on_the_page_names_a_slide_id_a_field_or_a_command(served, page):
    ids = _slide_ids()
    assert {"the-journey", "jo-eun-story", "questions"} <= ids
    excerpts = _excerpt_ids()
    assert {"dramas-so-clean", "born-by-the-tumen"} <= excerpts
    seen = 0
    for name in _variations(served.root):
        page.goto(f"{served.url}/talks/{name}")
        items = page.locator("ul.problems > li")
        for i in range(items.count()):
            said = items.nth(i).inner_text()
            seen += 1
            assert "What to do:" in said, said
            for word in ("`", ".yaml", "talkkit ", "decks/", "content/", *FIELD_NAMES):
                assert word not in said, (name, word, said)
            for slide_id in ids:
                if "-" in slide_id:
                    assert slide_id not in said, (name, slide_id, said)
                assert f"'{slide_id}'" not in said, (name, slide_id, said)
        assert "<code>" not in page.content()
        shown = page.locator("main").inner_text()
        for excerpt_id in excerpts:
            assert excerpt_id not in shown, (name, excerpt_id)
    assert seen >= 20


# --- Blocking work runs off the event loop --------------------------------------------------


def test_reading_the_workspace_for_one_request_does_not_hold_up_another(served, monkeypatch):
    import threading

    from talkkit.web import forms

    release = threading.Event()
    started = threading.Event()
    choices = forms.new_choices

    def slow(run):
        started.set()
        release.wait(30)
        return choices(run)

    monkeypatch.setattr(forms, "new_choices", slow)
    answers = {}
    waiting = threading.Thread(target=lambda: answers.update(new=served.request("GET", "/new")[0]))
    waiting.start()
    try:
        assert started.wait(10)
        began = time.monotonic()
        status, _, _ = served.request("GET", "/static/style.css")
        assert status == 200
        assert time.monotonic() - began < 5
    finally:
        release.set()
        waiting.join(30)
    assert answers == {"new": 200}
