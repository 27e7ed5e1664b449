"""Links: https on an allowed domain, plain tracking values, a campaign that names the talk."""

from __future__ import annotations

import pytest

from checking import check, found, outline, replace, talk
from talkkit.policy import host_allowed, url_problem

CODES = (
    "link-invalid",
    "link-insecure",
    "link-domain",
    "tracking-invalid",
    "campaign-invalid",
    "unknown-link",
)
DOMAINS = ["libertyinnorthkorea.org"]


@pytest.mark.parametrize(
    "host,allowed",
    [
        ("libertyinnorthkorea.org", True),
        ("www.libertyinnorthkorea.org", True),
        ("FUNDRAISE.LibertyInNorthKorea.org.", True),
        ("libertyinnorthkorea.org.evil.com", False),
        ("evillibertyinnorthkorea.org", False),
        ("example.com", False),
    ],
)
def test_hosts_are_compared_whole(host, allowed):
    assert host_allowed(host, DOMAINS) is allowed


@pytest.mark.parametrize(
    "url,code",
    [
        ("https://www.libertyinnorthkorea.org/donate/", None),
        ("http://www.libertyinnorthkorea.org/donate/", "link-insecure"),
        ("https://libertyinnorthkorea.org.evil.com/donate/", "link-domain"),
        ("https://www.libertyinnorthkorea.org@evil.com/", "link-domain"),
        ("www.libertyinnorthkorea.org/donate/", "link-invalid"),
        ("javascript:alert(1)", "link-invalid"),
        ("https://www.libertyinnorthkorea.org:99999/", "link-invalid"),
    ],
)
def test_url_problems(url, code):
    problem = url_problem(url, DOMAINS)
    assert (problem[0] if problem else None) == code


def test_settings_links_must_be_https_on_an_allowed_domain(workspace):
    config = workspace / "talkkit.yaml"
    replace(config, "  donate: https://www.", "  donate: http://www.")
    replace(
        config,
        "  fundraise: https://fundraise.libertyinnorthkorea.org/",
        "  fundraise: https://libertyinnorthkorea.org.evil.com/give",
    )
    replace(config, "  source: talkkit", "  source: Talk Kit")
    expected = [
        "talkkit.yaml:13:11: error link-insecure link 'donate': "
        "'http://www.libertyinnorthkorea.org/donate/' is not https; use the https:// address; "
        "browsers and QR readers warn about plain http",
        "talkkit.yaml:15:14: error link-domain link 'fundraise': "
        "'https://libertyinnorthkorea.org.evil.com/give' goes to "
        "'libertyinnorthkorea.org.evil.com', which is not an allowed domain (talkkit.yaml "
        "allowed_domains: libertyinnorthkorea.org); point it to the organization's own site, or "
        "ask staff to allow the domain",
        "talkkit.yaml:27:11: error tracking-invalid the tracking source 'Talk Kit' is not a plain "
        "word; use lower-case letters, digits, '-' and '_' only",
    ]
    assert found(check(workspace, config), *CODES) == expected
    event = workspace / "decks/lincoln-high-2027-03.yaml"
    assert found(check(workspace, event), *CODES) == expected


def test_an_allowed_domain_must_be_a_bare_domain(workspace):
    replace(
        workspace / "talkkit.yaml",
        "  - libertyinnorthkorea.org",
        "  - https://libertyinnorthkorea.org/",
    )
    assert found(check(workspace, workspace / "talkkit.yaml"), "link-invalid")[0] == (
        "talkkit.yaml:21:5: error link-invalid 'https://libertyinnorthkorea.org/' is not a domain "
        "name; write only the domain, like example.org (no https://, no path)"
    )


def test_a_file_name_that_cannot_be_a_campaign_is_reported(workspace):
    body = """
        extends: standard/high-school-45
        event: {name: Test, date: 2027-03-01}
        """
    path = outline(workspace, "Lincoln High 2027", body)
    assert found(check(workspace, path), *CODES) == [
        "decks/Lincoln High 2027.yaml:2:1: error campaign-invalid the file name 'Lincoln High "
        "2027.yaml' cannot name the talk's tracking campaign: it is not lower-case words joined "
        "by hyphens; rename the file (like lincoln-high-2027-03.yaml) or set `campaign:` under "
        "`event:`"
    ]
    named = outline(
        workspace,
        "Lincoln High 2027",
        body.replace("date: 2027-03-01}", "date: 2027-03-01, campaign: lincoln-2027}"),
    )
    assert found(check(workspace, named), *CODES) == []


def test_a_donate_slide_needs_a_donate_link(workspace):
    replace(
        workspace / "talkkit.yaml",
        "  donate: https://www.libertyinnorthkorea.org/donate/\n",
        "",
    )
    path = talk(
        workspace,
        """
          - kind: donate
        """,
    )
    assert found(check(workspace, path), *CODES) == [
        "decks/talk.yaml:6:11: error unknown-link a donate slide needs the link 'donate', which "
        "talkkit.yaml does not have; links: fundraise, learn-more, request-a-speaker, rescue-teams"
    ]


def test_a_donate_slide_leads_where_its_donate_action_links(workspace):
    # The check asked for talkkit.yaml's `donate` link while the slide, the notes and the
    # handout lead to the donate action's own link (policy.donate_link).
    replace(
        workspace / "talkkit.yaml",
        "  donate: https://www.libertyinnorthkorea.org/donate/\n",
        "  give: https://www.libertyinnorthkorea.org/donate/\n",
    )
    replace(
        workspace / "content/actions.yaml",
        "  link: donate\n",
        "  link: give\n",
    )
    path = talk(
        workspace,
        """
          - kind: donate
        """,
    )
    assert found(check(workspace, path), *CODES) == []


def test_source_addresses_must_be_https(workspace):
    sources = workspace / "content/sources.yaml"
    replace(sources, "- id: link-report\n", "- id: link-report\n  url: http://example.org/report\n")
    assert found(check(workspace, sources), *CODES) == [
        "content/sources.yaml:56:8: error link-insecure source 'link-report': "
        "'http://example.org/report' is not https; use the https:// address; browsers and QR "
        "readers warn about plain http"
    ]


def test_the_samples_links_are_safe(sample_findings):
    assert found(sample_findings, *CODES) == []


@pytest.mark.parametrize(
    "url,code",
    [
        ("https://192.168.0.10/give", "link-ip-address"),
        ("https://[2001:db8::1]/give", "link-ip-address"),
        ("https://bit.ly/3abc", "link-shortener"),
    ],
)
def test_ip_addresses_and_shorteners_are_refused(url, code):
    problem = url_problem(url, [*DOMAINS, "bit.ly"])
    assert (problem[0] if problem else None) == code


def test_addresses_typed_into_slides_follow_the_links_rule(workspace):
    path = talk(
        workspace,
        """
          - kind: bullets
            title: Give
            bullets:
              - "Give at www.example.org/give or libertyinnorthkorea.org/donate."
              - Read https://libertyinnorthkorea.org.evil.com/x and bit.ly/3abc
            notes: |
              Tell them: http://www.libertyinnorthkorea.org/rescue-teams/
              or libertyinnorthkorea.org@evil.com/give, e.g. not jane@example.org.
          - kind: image
            image: river-at-dawn
            caption: Photo at 192.168.0.10/map
          - kind: donate
            text: Scan the code, or visit example.org/x
        """,
    )
    hint = "; or put the link on the donate or actions slide, whose links are tracked"
    domain = (
        "which is not an allowed domain (talkkit.yaml allowed_domains: libertyinnorthkorea.org); "
        "point it to the organization's own site, or ask staff to allow the domain" + hint
    )
    got = found(check(workspace, path), *CODES, "link-ip-address", "link-shortener")
    assert got == [
        "decks/talk.yaml:9:18: error link-domain bullet 1 of slide 1: 'www.example.org/give' "
        "goes to 'www.example.org', " + domain,
        "decks/talk.yaml:10:14: error link-domain bullet 2 of slide 1: "
        "'https://libertyinnorthkorea.org.evil.com/x' goes to "
        "'libertyinnorthkorea.org.evil.com', " + domain,
        "decks/talk.yaml:10:61: error link-shortener bullet 2 of slide 1: 'bit.ly/3abc' is a "
        "shortened link ('bit.ly'): nobody can see where it leads; use the full address on the "
        "organization's own site" + hint,
        "decks/talk.yaml:12:18: error link-insecure the notes of slide 1: "
        "'http://www.libertyinnorthkorea.org/rescue-teams/' is not https; use the https:// "
        "address; browsers and QR readers warn about plain http" + hint,
        "decks/talk.yaml:13:10: error link-domain the notes of slide 1: "
        "'libertyinnorthkorea.org@evil.com/give' hides its real host ('evil.com') behind a user "
        "name; write the address without anything before '@'" + hint,
        "decks/talk.yaml:16:23: error link-ip-address the caption of slide 2: '192.168.0.10/map' "
        "goes to a bare IP address ('192.168.0.10'), not to a named site; use the "
        "organization's own address, like https://www.example.org/" + hint,
        "decks/talk.yaml:18:35: error link-domain the text of slide 3: 'example.org/x' goes to "
        "'example.org', " + domain,
    ]


def test_addresses_in_the_library_follow_the_links_rule(workspace):
    facts = workspace / "content/facts.yaml"
    replace(
        facts, "  text: >-\n", "  text: >-\n    See tinyurl.com/nk-facts.\n", after="id: population"
    )
    expected = [
        "content/facts.yaml:5:9: error link-shortener fact 'population': "
        "'tinyurl.com/nk-facts' is a shortened link ('tinyurl.com'): nobody can see where it "
        "leads; use the full address on the organization's own site" + "; or put the link on "
        "the donate or actions slide, whose links are tracked"
    ]
    assert found(check(workspace, facts), "link-shortener") == expected
    path = talk(workspace, "- {kind: facts, title: Facts, facts: [population]}")
    assert found(check(workspace, path), "link-shortener") == expected
