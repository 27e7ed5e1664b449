"""The page's safety: host, CSRF, origin, paths, headers, access token, bad files, parallel builds."""

from __future__ import annotations

import threading
import time
import urllib.parse

from pptx import Presentation
from pypdf import PdfReader


def form(**fields) -> str:
    return urllib.parse.urlencode(fields)


NEW = {
    "standard": "standard/high-school-45",
    "name": "Lincoln High assembly",
    "date": "2027-03-12",
    "venue": "Lincoln High auditorium",
    "city": "Springfield",
    "speaker": "Sam Rivera",
}


def test_a_foreign_host_header_is_refused(served):
    status, headers, text = served.request(
        "GET", "/", headers={"Host": f"evil.example:{served.port}"}
    )
    assert status == 400
    assert text == "This page answers only at its own address."
    assert headers["x-frame-options"] == "DENY"
    status, _, _ = served.request("GET", "/", headers={"Host": f"localhost:{served.port}"})
    assert status == 200


def test_every_response_forbids_framing_and_sets_a_strict_policy(served):
    for path in ("/", "/new", "/library", "/static/style.css", "/talks/nothing-here"):
        _, headers, _ = served.request("GET", path)
        assert headers["x-frame-options"] == "DENY", path
        assert headers["content-security-policy"] == (
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        ), path
        assert headers["x-content-type-options"] == "nosniff", path


def test_a_form_without_the_csrf_token_is_refused_and_writes_nothing(served):
    before = sorted(p.name for p in (served.root / "decks").iterdir())
    status, _, text = served.request("POST", "/new", body=form(**NEW))
    assert status == 403
    assert "This form has expired or came from elsewhere; reload the page and try again." in text
    status, _, _ = served.request("POST", "/new", body=form(**NEW, csrf="0" * 64))
    assert status == 403
    status, _, text = served.request("POST", "/new", body=form(**NEW, csrf="토큰" * 32))
    assert status == 403
    assert "This form has expired or came from elsewhere; reload the page and try again." in text
    assert sorted(p.name for p in (served.root / "decks").iterdir()) == before


def test_a_form_from_another_origin_is_refused(served):
    status, _, text = served.request(
        "POST",
        "/talks/lincoln-high-2027-03/build",
        body=form(csrf=served.csrf()),
        headers={"Origin": "http://evil.example"},
    )
    assert status == 403
    assert "This form came from another site; it was not accepted." in text
    assert not (served.root / "build").exists()


def test_no_path_from_a_request_reaches_the_file_system(served):
    for path in (
        "/talks/..%2Ftalkkit",
        "/talks/standard%2Fhigh-school-45",
        "/talks/high-school-45",
        "/talks/lincoln-high-2027-03/download/..%2F..%2Ftalkkit.yaml",
        "/talks/lincoln-high-2027-03/download/talkkit.yaml",
        "/static/..%2F..%2Fcore.py",
        "/talks/lincoln-high-2027-03/slides/1.png",
    ):
        status, _, text = served.request("GET", path)
        assert status == 404, path
        assert "talkkit.yaml" not in text or "no talk" in text.lower(), path


def test_a_download_is_refused_until_the_talk_is_built(served):
    status, _, text = served.request("GET", "/talks/lincoln-high-2027-03/download/deck")
    assert status == 409
    assert "The outputs are older than the talk; build it again." in text


def test_a_date_that_does_not_exist_is_shown_at_its_field_and_nothing_is_written(served):
    status, _, text = served.request(
        "POST", "/new", body=form(**{**NEW, "date": "2027-02-30"}, csrf=served.csrf())
    )
    assert status == 400
    assert (
        '<p class="field-error" id="date-error" role="alert">2027-02-30 is not a day of the '
        "calendar; write it like 2027-03-12.</p>"
    ) in text
    assert 'id="date" name="date" aria-invalid="true" aria-describedby="date-error"' in text
    assert not list((served.root / "decks").glob("lincoln-high-assembly*"))


def test_the_page_writes_exactly_what_talkkit_new_writes(served, talkkit, tmp_path):
    from conftest import copy_workspace

    status, headers, _ = served.request(
        "POST",
        "/new",
        body=form(**NEW, recorded="on", minutes="40", csrf=served.csrf()),
    )
    assert status == 303
    assert headers["location"] == "/talks/lincoln-high-assembly-2027-03-12?said=created"
    written = (served.root / "decks/lincoln-high-assembly-2027-03-12.yaml").read_text()

    other = copy_workspace(tmp_path / "cli")
    result = talkkit(
        "new",
        "Lincoln High assembly 2027-03-12",
        "--from",
        "standard/high-school-45",
        "--event",
        "Lincoln High assembly",
        "--date",
        "2027-03-12",
        "--venue",
        "Lincoln High auditorium",
        "--city",
        "Springfield",
        "--speaker",
        "Sam Rivera",
        "--minutes",
        "40",
        "--recorded",
        cwd=other,
    )
    assert result.lines[0] == "wrote decks/lincoln-high-assembly-2027-03-12.yaml"
    assert (other / "decks/lincoln-high-assembly-2027-03-12.yaml").read_text() == written


def test_an_edit_keeps_the_files_comments_and_layout(served):
    path = served.root / "decks/lincoln-high-2027-03.yaml"
    original = path.read_text()
    path.write_text(
        original.replace("speaker: Sam Rivera", "speaker: Sam Rivera  # confirmed by phone")
    )
    status, _, _ = served.request(
        "POST",
        "/talks/lincoln-high-2027-03/details",
        body=form(
            name="Lincoln High School assembly (sample event)",
            date="2027-03-19",
            venue="Lincoln High School auditorium",
            city="Springfield",
            speaker="Sam Rivera",
            csrf=served.csrf(),
            version=served.version("lincoln-high-2027-03"),
        ),
    )
    assert status == 303
    expected = original.replace("speaker: Sam Rivera", "speaker: Sam Rivera  # confirmed by phone")
    assert path.read_text() == expected.replace("date: 2027-03-12", "date: 2027-03-19")


def test_a_bad_outline_on_disk_shows_its_located_error(served):
    (served.root / "decks/broken-2027.yaml").write_text(
        "extends: standard/high-school-45\nevent:\n  name: [Broken\n  date: 2027-05-01\n"
    )
    status, _, text = served.request("GET", "/")
    assert status == 200
    assert "the file cannot be read" in text
    status, _, text = served.request("GET", "/talks/broken-2027")
    assert status == 200
    assert (
        "Ask staff to correct line 4 of this talk&#39;s file; it cannot be fixed on this page."
        in text
    )
    assert "broken-2027.yaml" not in text
    status, headers, _ = served.request(
        "POST", "/talks/broken-2027/build", body=form(csrf=served.csrf())
    )
    assert (status, headers["location"]) == (303, "/talks/broken-2027?refused#build")


def test_the_access_token_is_asked_for_once(served_with_token):
    served = served_with_token
    status, headers, _ = served.request("GET", "/")
    assert (status, headers["location"]) == (303, "/login")
    token_form = served.request("GET", "/login")[2]
    import re

    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', token_form).group(1)
    for guess in ("guess", "열려라 참깨"):
        status, _, text = served.request("POST", "/login", body=form(token=guess, csrf=csrf))
        assert status == 403
        assert "That is not the access token the person who started the page gave you." in text
    status, headers, _ = served.request("POST", "/login", body=form(token="open-sesame", csrf=csrf))
    assert status == 303
    cookie = headers["set-cookie"].split(";")[0]
    assert "httponly" in headers["set-cookie"].lower()
    status, _, text = served.request("GET", "/", headers={"Cookie": cookie})
    assert status == 200
    assert "Lincoln High School assembly (sample event)" in text


def _intact(served, name: str) -> None:
    build = served.root / "build"
    deck = Presentation(str(build / f"{name}.pptx"))
    assert len(deck.slides) > 10
    for suffix in ("-handout.pdf", "-notes.pdf"):
        assert PdfReader(str(build / f"{name}{suffix}")).pages[0].extract_text()


def test_two_tabs_building_at_once_both_finish_with_intact_outputs(served):
    csrf = served.csrf()
    results = {}

    def build(name: str) -> None:
        results[name] = served.request("POST", f"/talks/{name}/build", body=form(csrf=csrf))[0]

    names = ("lincoln-high-2027-03", "riverside-library-2027-04")
    threads = [threading.Thread(target=build, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == dict.fromkeys(names, 303)
    for name in names:
        _intact(served, name)
    assert not list((served.root / "build").glob(".*.tmp"))


def test_a_build_in_progress_cannot_be_started_twice(served):
    csrf = served.csrf()
    site = served.site
    first = {}
    site.build_lock.acquire()
    try:
        thread = threading.Thread(
            target=lambda: first.update(
                status=served.request(
                    "POST", "/talks/lincoln-high-2027-03/build", body=form(csrf=csrf)
                )[0]
            )
        )
        thread.start()
        deadline = time.monotonic() + 10
        while "lincoln-high-2027-03" not in site.building and time.monotonic() < deadline:
            time.sleep(0.01)
        _, _, page = served.request("GET", "/talks/lincoln-high-2027-03")
        assert "A build of this talk is in progress. Reload this page in a moment." in page
        status, headers, _ = served.request(
            "POST", "/talks/lincoln-high-2027-03/build", body=form(csrf=csrf)
        )
        assert (status, headers["location"]) == (303, "/talks/lincoln-high-2027-03?refused#build")
        _, _, text = served.request("GET", "/talks/lincoln-high-2027-03?refused")
        assert "This talk is being built already, perhaps in another tab." in text
    finally:
        site.build_lock.release()
    thread.join()
    assert first["status"] == 303
    _intact(served, "lincoln-high-2027-03")


def test_an_excerpt_beyond_the_audience_is_refused_even_when_posted(served):
    path = served.root / "decks/lincoln-high-2027-03.yaml"
    before = path.read_text()
    status, _, text = served.request(
        "POST",
        "/talks/lincoln-high-2027-03/excerpts",
        body=form(slide="jo-eun-story", excerpt="guards-at-the-river", csrf=served.csrf()),
    )
    assert status == 400
    assert "This audience may not be shown guards-at-the-river; choose among those offered." in text
    assert path.read_text() == before
