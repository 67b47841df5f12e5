"""Charts drawn as inline SVG on the server: no script, no fetch, the same figures give the same bytes."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 28, 46
BAR = "#2b6cb0"
INK = "#1a202c"


def _number(value: float) -> str:
    # Fixed decimals keep the bytes stable across platforms and runs.
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, at most about five of them."""
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step)) if top else [0, 1]


def column_chart(counts: list[tuple[str, int]], *, title: str, x_title: str) -> Markup:
    """Vertical bars, one per label (years, in order), with a count axis and each bar's value in its title."""
    top = max((n for _label, n in counts), default=0)
    ticks = _ticks(top)
    scale = (HEIGHT - TOP - BOTTOM) / ticks[-1]
    inner = WIDTH - LEFT - RIGHT
    slot = inner / max(len(counts), 1)
    parts = [
        f'<svg class="svg-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold" fill="{INK}">{escape(title)}</text>',
    ]
    for tick in ticks:
        y = _number(HEIGHT - BOTTOM - tick * scale)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#d0d7de" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y}" font-size="10" text-anchor="end" dy="3" fill="{INK}">{tick}</text>')
    every = max(1, len(counts) // 16)  # label every nth bar so labels never overlap
    for i, (name, n) in enumerate(counts):
        x = LEFT + i * slot
        height = n * scale
        parts.append(
            f'<rect x="{_number(x + slot * 0.1)}" y="{_number(HEIGHT - BOTTOM - height)}"'
            f' width="{_number(slot * 0.8)}" height="{_number(height)}" fill="{BAR}">'
            f"<title>{escape(name)}: {n}</title></rect>"
        )
        if i % every == 0:
            cx, cy = _number(x + slot / 2), HEIGHT - BOTTOM + 12
            parts.append(
                f'<text x="{cx}" y="{cy}" font-size="10" text-anchor="end" fill="{INK}"'
                f' transform="rotate(-45 {cx} {cy})">{escape(name)}</text>'
            )
    parts.append(
        f'<text x="{LEFT + inner / 2:.0f}" y="{HEIGHT - 4}" font-size="11" text-anchor="middle"'
        f' fill="{INK}">{escape(x_title)}</text></svg>'
    )
    return Markup("".join(parts))


def bar_chart(counts: list[tuple[str, int]], *, title: str) -> Markup:
    """Horizontal bars, one per label (largest first, as given), each with its count written beside it."""
    row, label_width = 20, 170
    height = TOP + row * max(len(counts), 1) + 8
    top = max((n for _label, n in counts), default=0) or 1
    scale = (WIDTH - label_width - 50) / top
    parts = [
        f'<svg class="svg-chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="13" font-weight="bold" fill="{INK}">{escape(title)}</text>',
    ]
    for i, (name, n) in enumerate(counts):
        y = TOP + i * row
        width = _number(n * scale)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="{INK}">'
            f"{escape(name)}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 6}" fill="{BAR}"/>'
            f'<text x="{_number(label_width + n * scale + 4)}" y="{y + 14}" font-size="11" fill="{INK}">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
