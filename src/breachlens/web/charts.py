"""Charts as SVG written on the server: no script, no library, styled by the dashboard's stylesheet.

Every label is escaped (victim countries and sectors come from sources); the SVG uses classes, not inline
styles, so the Content-Security-Policy needs no ``unsafe-inline``.

Example::

    svg = bar_chart([("France", 12), ("Germany", 7)], title="Incidents by country")
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

__all__ = ["bar_chart", "column_chart", "nice_ticks"]


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (1, 2, 5 x 10^n steps)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1)
    top = math.ceil(maximum / step) * step
    return [n * step for n in range(int(top / step) + 1)]


def _num(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if value >= 10_000:
        return f"{value / 1_000:.3g}k"
    return f"{int(value):,}" if value == int(value) else f"{value:.2g}"


def bar_chart(items: list[tuple[str, int]], *, title: str, width: int = 540, href: str | None = None,
              keys: list[str] | None = None) -> Markup:
    """Horizontal bars, largest first, labels on the left and values at the bar's end.

    ``href`` with ``{key}`` makes each bar a link (to the feed filtered on that value).
    """
    if not items:
        return Markup('<p class="empty">No data yet.</p>')
    row, label_w, pad = 28, 190, 6
    height = row * len(items) + pad * 2
    top = max(v for _, v in items) or 1
    plot = width - label_w - 60
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for n, (label, value) in enumerate(items):
        y = pad + n * row
        w = max(2.0, plot * value / top)
        short = label if len(label) <= 24 else label[:23] + "…"
        bar = (f'<text class="label" x="{label_w - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end">{escape(short)}'
               f'</text><rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3">'
               f'<title>{escape(label)}: {value:,}</title></rect>'
               f'<text class="value" x="{label_w + w + 6:.1f}" y="{y + row / 2 + 4:.1f}">{_num(value)}</text>')
        if href and keys:
            bar = f'<a href="{escape(href.format(key=keys[n]))}">{bar}</a>'
        parts.append(bar)
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(points: list[tuple[str, int]], *, title: str, width: int = 1080, height: int = 260) -> Markup:
    """Vertical columns over time (``points`` are (ISO date, value)), with a gridded y axis."""
    if not points:
        return Markup('<p class="empty">No data yet.</p>')
    left, right, top_pad, bottom = 40, 12, 14, 34
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    ticks = nice_ticks(max(v for _, v in points))
    top = ticks[-1] or 1
    slot = plot_w / len(points)
    bar_w = max(2.0, slot * 0.72)
    parts = [f'<svg class="chart columns" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for tick in ticks:
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_num(tick)}</text>')
    every = max(1, math.ceil(len(points) / 8))
    for n, (label, value) in enumerate(points):
        x = left + n * slot + (slot - bar_w) / 2
        h = plot_h * value / top
        y = top_pad + plot_h - h
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{max(h, 0):.1f}" '
                     f'rx="2"><title>week of {escape(label)}: {value:,}</title></rect>')
        if n % every == 0:
            parts.append(f'<text class="axis" x="{x + bar_w / 2:.1f}" y="{height - 12}" text-anchor="middle">'
                         f'{escape(_short_date(label))}</text>')
    parts.append(f'<line class="baseline" x1="{left}" x2="{width - right}" y1="{top_pad + plot_h}" '
                 f'y2="{top_pad + plot_h}"/></svg>')
    return Markup("".join(parts))


def _short_date(iso: str) -> str:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    try:
        year, month, day = iso.split("-")
        return f"{int(day)} {months[int(month) - 1]} {year[2:]}"
    except (ValueError, IndexError):
        return iso
