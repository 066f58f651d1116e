"""Chart geometry for server-rendered SVG: pure functions, no ORM, no markup.

The templates in templates/impact/includes/ draw the shapes these return; each chart is followed
by a table with the same figures, so it reads without JavaScript, without CSS and with a screen
reader alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = int | float | Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number
    x: float
    y: float
    width: float
    height: float
    text_x: float  # where the value is written
    text_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    label_width: int = 0
    baseline: float = 0

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _scale(values: Sequence[Number]) -> float:
    largest = max((float(value) for value in values), default=0.0)
    return largest if largest > 0 else 1.0


def bar_chart(
    items: Sequence[tuple[str, Number]],
    *,
    width: int = 640,
    label_width: int = 220,
    bar_height: int = 22,
    gap: int = 10,
    value_room: int = 110,
) -> Chart:
    """Horizontal bars, one per (label, value), longest for the largest value."""
    largest = _scale([value for _label, value in items])
    room = width - label_width - value_room
    bars = []
    for row, (label, value) in enumerate(items):
        length = room * float(value) / largest
        y = gap + row * (bar_height + gap)
        bars.append(Bar(
            label=label, value=value, x=label_width, y=y, width=round(length, 1),
            height=bar_height, text_x=round(label_width + length + 6, 1),
            text_y=y + bar_height * 0.72,
        ))
    height = gap + len(items) * (bar_height + gap)
    return Chart(width=width, height=height, bars=bars, label_width=label_width)


def column_chart(
    items: Sequence[tuple[str, Number]],
    *,
    width: int = 640,
    height: int = 240,
    top: int = 24,
    bottom: int = 40,
    gap: float = 0.25,
) -> Chart:
    """Vertical columns in order (a series over time), tallest for the largest value."""
    largest = _scale([value for _label, value in items])
    slot = width / max(len(items), 1)
    room = height - top - bottom
    baseline = height - bottom
    bars = []
    for n, (label, value) in enumerate(items):
        length = room * float(value) / largest
        x = n * slot + slot * gap / 2
        bars.append(Bar(
            label=label, value=value, x=round(x, 1), y=round(baseline - length, 1),
            width=round(slot * (1 - gap), 1), height=round(length, 1),
            text_x=round(n * slot + slot / 2, 1), text_y=round(baseline - length - 6, 1),
        ))
    return Chart(width=width, height=height, bars=bars, baseline=baseline)
