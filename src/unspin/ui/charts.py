"""Server-side SVG charts (no JavaScript, no external assets): a weekly line chart and stacked bars.

Every label is escaped; colours come from `unspin.render.view.colour`, the same as the text view.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

from unspin.render.view import colour

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 720, 260, 40, 50, 10


def _svg(body: list[str], height: int, title: str) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" class="chart">'
                  f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def _legend(labels: list[str], y: int) -> list[str]:
    parts, x = [], PAD_LEFT
    for label in labels:
        short = label if len(label) <= 28 else label[:27] + "…"
        if x + 20 + 7 * len(short) > WIDTH:
            x, y = PAD_LEFT, y + 16
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour(label)}"/>'
                     f'<text x="{x + 14}" y="{y}" font-size="11">{escape(short)}</text>')
        x += 24 + 7 * len(short)
    return parts


def timeline_svg(rows: list[dict[str, Any]], top: int = 8) -> Markup | None:
    """Narrative matches per ISO week, one line per case (the ``top`` most frequent)."""
    if not rows:
        return None
    totals: dict[str, int] = defaultdict(int)
    titles: dict[str, str] = {}
    for row in rows:
        totals[row["case_id"]] += row["matches"]
        titles[row["case_id"]] = row.get("title") or row["case_id"]
    cases = sorted(totals, key=lambda c: (-totals[c], c))[:top]
    weeks = sorted({row["week"] for row in rows})
    counts = {(row["week"], row["case_id"]): row["matches"] for row in rows}
    peak = max(counts.get((w, c), 0) for w in weeks for c in cases) or 1
    plot_w, plot_h = WIDTH - PAD_LEFT - 10, HEIGHT - PAD_BOTTOM - PAD_TOP
    x = lambda i: PAD_LEFT + (plot_w * i / max(1, len(weeks) - 1) if len(weeks) > 1 else plot_w / 2)  # noqa: E731
    y = lambda n: PAD_TOP + plot_h - plot_h * n / peak  # noqa: E731
    body = [f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - 10}" y2="{PAD_TOP + plot_h}" stroke="#999"/>',
            f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{PAD_TOP + plot_h}" stroke="#999"/>',
            f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + 10}" font-size="11" text-anchor="end">{peak}</text>',
            f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + plot_h}" font-size="11" text-anchor="end">0</text>']
    step = max(1, len(weeks) // 8)
    for i, week in enumerate(weeks):
        if i % step == 0:
            body.append(f'<text x="{x(i):.1f}" y="{PAD_TOP + plot_h + 14}" font-size="10" text-anchor="middle">{escape(week)}</text>')
    for case in cases:
        points = " ".join(f"{x(i):.1f},{y(counts.get((w, case), 0)):.1f}" for i, w in enumerate(weeks))
        label = titles[case]
        body.append(f'<polyline fill="none" stroke="{colour(label)}" stroke-width="2" points="{points}">'
                    f"<title>{escape(label)}</title></polyline>")
        for i, w in enumerate(weeks):
            if counts.get((w, case)):
                body.append(f'<circle cx="{x(i):.1f}" cy="{y(counts[(w, case)]):.1f}" r="3" fill="{colour(label)}">'
                            f"<title>{escape(label)}: {counts[(w, case)]} in {escape(w)}</title></circle>")
    body += _legend([titles[c] for c in cases], HEIGHT - 14)
    return _svg(body, HEIGHT + 16 * (len(cases) // 4), "Narrative matches per week")


def stacked_bars_svg(outlets: list[dict[str, Any]], group: str, top: int = 10, per_document: bool = True) -> Markup | None:
    """One horizontal bar per outlet, stacked by label of ``group`` (techniques or narratives)."""
    rows = [o for o in outlets if o.get(group)]
    if not rows:
        return None
    totals: dict[str, int] = defaultdict(int)
    for outlet in rows:
        for label, n in outlet[group].items():
            totals[label] += n
    labels = sorted(totals, key=lambda lab: (-totals[lab], lab))[:top]
    value = lambda o, lab: o[group].get(lab, 0) / (max(1, o["documents"]) if per_document else 1)  # noqa: E731
    peak = max(sum(value(o, lab) for lab in labels) for o in rows) or 1
    bar_h, left = 18, 170
    height = PAD_TOP + len(rows) * (bar_h + 6) + 40 + 16 * (len(labels) // 4)
    body = []
    for i, outlet in enumerate(rows):
        top_y = PAD_TOP + i * (bar_h + 6)
        name = outlet["outlet"] if len(outlet["outlet"]) <= 24 else outlet["outlet"][:23] + "…"
        body.append(f'<text x="{left - 6}" y="{top_y + 13}" font-size="11" text-anchor="end">{escape(name)}</text>')
        x = float(left)
        for label in labels:
            width = (WIDTH - left - 60) * value(outlet, label) / peak
            if width > 0:
                body.append(f'<rect x="{x:.1f}" y="{top_y}" width="{width:.1f}" height="{bar_h}" fill="{colour(label)}">'
                            f"<title>{escape(outlet['outlet'])}: {escape(label)} {outlet[group].get(label, 0)}"
                            f" in {outlet['documents']} documents</title></rect>")
                x += width
        total = sum(value(outlet, lab) for lab in labels)
        body.append(f'<text x="{x + 4:.1f}" y="{top_y + 13}" font-size="10">{total:.2f}</text>')
    body += _legend(labels, PAD_TOP + len(rows) * (bar_h + 6) + 20)
    what = "per document" if per_document else "total"
    return _svg(body, height, f"{group} by outlet ({what})")
