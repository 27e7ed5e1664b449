"""The donations report as a printable HTML page (tables and SVG bar charts, no script) and as CSV.

Every value from the export or an outline is escaped where it is written
(`html.escape`), so a campaign or an organization's name is always shown as
text. The page and the CSV are made from the same rows.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from html import escape
from pathlib import Path

from talkkit.commands.report import EventResult, Report
from talkkit.commands.ui import count as plural

STYLE = """
body { font-family: "Liberation Sans", Arial, sans-serif; color: #1a1a1a; margin: 2rem; }
main { max-width: 52rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #666; padding: 0.25rem 0.6rem; text-align: left; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
td.money, th.money { text-align: right; font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem; }
dt { font-weight: bold; } dd { margin: 0; }
section.event { break-inside: avoid; page-break-inside: avoid; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
@media print { body { margin: 0; } a { color: inherit; } }
"""
BAR_COLORS = {"slides": "#1f5f99", "handout": "#8a4b08", "other": "#4d4d4d"}


def money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount:,}"


def period(report: Report) -> str:
    if report.since and report.until:
        return f"from {report.since.isoformat()} to {report.until.isoformat()}"
    if report.since:
        return f"from {report.since.isoformat()} on"
    if report.until:
        return f"up to {report.until.isoformat()}"
    return "of every date"


def medium_rows(event: EventResult, media: list[str]) -> list[tuple[str, int, dict[str, Decimal]]]:
    """(medium, gifts, net total per currency) for each medium with a gift, then 'all media'."""
    rows = [(m, event.count(m), event.totals(m)) for m in media if event.count(m)]
    return [*rows, ("all media", event.count(), event.totals())]


def _event_id(event: EventResult) -> str:
    return f"event-{event.name}"


def _chart(event: EventResult, media: list[str], currency: str) -> str:
    """A horizontal bar per medium of one currency's net gifts, drawn to that currency's scale."""
    values = [
        (m, event.totals(m)[currency])
        for m in media
        if any(g.medium == m and g.currency == currency for g in event.gifts)
    ]
    top = max((v for _, v in values), default=Decimal(0))
    label_w, bar_w, row_h = 90, 260, 28
    height = row_h * len(values) + 10
    chart_id = f"chart-{event.name}-{currency.lower()}"
    described = ", ".join(f"{m} {money(v, currency)}" for m, v in values)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}" width="{label_w + bar_w + 130}"'
        f' height="{height}" viewBox="0 0 {label_w + bar_w + 130} {height}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}">Net gifts in {currency} by medium: {escape(described)}</title>',
    ]
    for index, (medium, value) in enumerate(values):
        y = 5 + index * row_h
        width = 0 if top <= 0 or value <= 0 else round(float(value / top) * bar_w, 1)
        parts += [
            f'<text x="0" y="{y + 17}">{escape(medium)}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{width}" height="{row_h - 10}"'
            f' fill="{BAR_COLORS.get(medium, "#4d4d4d")}"/>',
            f'<text x="{label_w + width + 6}" y="{y + 17}">{escape(money(value, currency))}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _event_section(event: EventResult, media: list[str]) -> str:
    currencies = list(event.totals())
    title = escape(event.title)
    refunds = event.refunds()
    facts = [
        ("Date", event.day.isoformat() if event.day else "not set"),
        ("Organization", event.organization or "not set"),
        ("Audience", event.audience),
        (
            "Expected attendance",
            str(event.attendance) if event.attendance is not None else "not given",
        ),
        (
            "Gifts",
            f"{event.count()}" + (f", of them {plural(refunds, 'refund')}" if refunds else ""),
        ),
        ("Campaign", event.campaign),
    ]
    head = "".join(f'<th scope="col" class="money">{escape(c)}</th>' for c in currencies)
    body = []
    for medium, count, totals in medium_rows(event, media):
        cells = "".join(
            f'<td class="money">{escape(money(totals[c], c)) if c in totals else "none"}</td>'
            for c in currencies
        )
        body.append(f'<tr><th scope="row">{escape(medium)}</th><td>{count}</td>{cells}</tr>')
    charts = "".join(
        f"<h3>Net gifts in {escape(c)}, by medium</h3>{_chart(event, media, c)}" for c in currencies
    )
    return (
        f'<section class="event" aria-labelledby="{_event_id(event)}">'
        f'<h2 id="{_event_id(event)}">{title}</h2><dl>'
        + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
        + f"</dl><table><caption>Net gifts to {title}, by medium and currency</caption>"
        f'<thead><tr><th scope="col">Medium</th><th scope="col">Gifts</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{charts}</section>"
    )


def report_body(report: Report) -> str:
    """The report's content, without the page around it (the local page shows it in its own)."""
    gifts = sum(len(e.gifts) for e in report.events)
    parts = [
        f"<p>Gifts of {escape(report.source)} {escape(period(report))}: {gifts} joined to "
        f"{plural(len(report.with_gifts), 'event')}, {len(report.unmatched)} whose campaign names "
        f"no event. {plural(len(report.left_out), 'row')} could not be read and "
        f"{'is' if len(report.left_out) == 1 else 'are'} left out of every total."
        + (f" {plural(report.outside, 'gift')} dated outside the period." if report.outside else "")
        + " Amounts are net of refunds; currencies are never added together.</p>"
    ]
    if report.unreadable:
        parts.append(
            '<p class="bad">These events cannot be read, so no gift is joined to them: '
            + escape(", ".join(f"decks/{name}" for name in report.unreadable))
            + ". Run <code>talkkit check</code> to see why.</p>"
        )
    parts += [_event_section(e, report.media) for e in report.with_gifts]
    parts.append('<section aria-labelledby="unmatched"><h2 id="unmatched">Gifts with no event</h2>')
    if report.unmatched:
        rows = "".join(
            f"<tr><td>{g.row}</td><td>{g.day.isoformat()}</td><td>{escape(g.campaign or 'none')}"
            f'</td><td>{escape(g.medium)}</td><td class="money">{escape(money(g.amount, g.currency))}'
            "</td></tr>"
            for g in report.unmatched
        )
        parts.append(
            "<table><caption>Gifts whose campaign matches no event</caption><thead><tr>"
            '<th scope="col">Row</th><th scope="col">Date</th><th scope="col">Campaign</th>'
            '<th scope="col">Medium</th><th scope="col" class="money">Amount</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        parts.append("<p>None: every gift carries an event's campaign.</p>")
    parts.append(
        '</section><section aria-labelledby="no-gift"><h2 id="no-gift">Events with no gift</h2>'
    )
    if report.without_gifts:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{escape(e.title)} ({escape(e.day.isoformat() if e.day else 'no date')}, "
                f"campaign {escape(e.campaign)})</li>"
                for e in report.without_gifts
            )
            + "</ul>"
        )
    else:
        parts.append("<p>None.</p>")
    parts.append(
        '</section><section aria-labelledby="left-out"><h2 id="left-out">Rows left out</h2>'
    )
    if report.left_out:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>Row {r.row}, column “{escape(r.column)}”: {escape(r.problem)}</li>"
                for r in report.left_out
            )
            + "</ul>"
        )
    else:
        parts.append("<p>None: every row could be read.</p>")
    parts.append("</section>")
    return "".join(parts)


def report_html(report: Report) -> str:
    """The whole printable page: report.html."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Donations by event · talkkit</title><style>{STYLE}</style></head>"
        f"<body><main><h1>Donations by event</h1>{report_body(report)}</main></body></html>\n"
    )


CSV_COLUMNS = [
    "section",
    "event",
    "campaign",
    "date",
    "organization",
    "audience",
    "expected_attendance",
    "medium",
    "currency",
    "gifts",
    "total",
    "row",
    "problem",
]


def report_csv(report: Report) -> str:
    """The same rows as the page: per event, medium and currency; gifts with no event; the rest."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in report.with_gifts:
        base = {
            "section": "event",
            "event": event.title,
            "campaign": event.campaign,
            "date": event.day.isoformat() if event.day else "",
            "organization": event.organization,
            "audience": event.audience,
            "expected_attendance": "" if event.attendance is None else event.attendance,
        }
        for medium, _count, totals in medium_rows(event, report.media):
            for currency, total in totals.items():
                count = sum(
                    1
                    for g in event.gifts
                    if g.currency == currency and (medium == "all media" or g.medium == medium)
                )
                writer.writerow(
                    {**base, "medium": medium, "currency": currency, "gifts": count, "total": total}
                )
    for g in report.unmatched:
        writer.writerow(
            {
                "section": "no event",
                "campaign": g.campaign,
                "date": g.day.isoformat(),
                "medium": g.medium,
                "currency": g.currency,
                "gifts": 1,
                "total": g.amount,
                "row": g.row,
            }
        )
    for e in report.without_gifts:
        writer.writerow(
            {
                "section": "no gift",
                "event": e.title,
                "campaign": e.campaign,
                "date": e.day.isoformat() if e.day else "",
                "organization": e.organization,
                "audience": e.audience,
                "expected_attendance": "" if e.attendance is None else e.attendance,
                "gifts": 0,
            }
        )
    for r in report.left_out:
        writer.writerow(
            {"section": "left out", "row": r.row, "problem": f"{r.column}: {r.problem}"}
        )
    return out.getvalue()


def write_report(report: Report, folder: Path) -> list[Path]:
    """Write report.html and report.csv into `folder`, both or neither."""
    from talkkit.output import write_outputs

    return write_outputs(
        folder,
        {
            "report.html": report_html(report).encode(),
            "report.csv": report_csv(report).encode(),
        },
    )
