"""How each theme looks: an icon (inline SVG, 24×24, drawn with strokes) and two colours.

Used by the theme badges, and by the picture a listing without its own picture gets
(`placeholder_svg`, served at /placeholders/<theme>.svg). Pure: no database access.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape


@dataclass(frozen=True)
class ThemeLook:
    icon: str  # the inner SVG markup, on a 24×24 grid, drawn with currentColor strokes
    ink: str  # dark colour: icon and text (at least 4.5:1 on `tint` and on white)
    tint: str  # light background


LOOKS: dict[str, ThemeLook] = {
    "energy": ThemeLook('<path d="M13 2 4 14h7l-1 8 9-12h-7l1-8z"/>', "#7a4f00", "#fff3d1"),
    "mobility": ThemeLook(
        '<circle cx="6" cy="17" r="3.5"/><circle cx="18" cy="17" r="3.5"/>'
        '<path d="M6 17 10 9h6l2 8M9 6h3M12 9l-2-3"/>',
        "#0b5f8a", "#e1f0f9",
    ),
    "care": ThemeLook(
        '<path d="M20.8 4.6a5.5 5.5 0 0 0-7.8 0L12 5.7l-1-1.1a5.5 5.5 0 0 0-7.8 7.8L12 21'
        'l8.8-8.6a5.5 5.5 0 0 0 0-7.8z"/>',
        "#9c2146", "#fbe6ec",
    ),
    "housing": ThemeLook('<path d="M3 10.5 12 3l9 7.5V21H3zM9.5 21v-6h5v6"/>', "#5e3f91", "#efe8f8"),
    "food": ThemeLook(
        '<path d="M11 20a7 7 0 0 1-7-7c0-6 6-9 16-9 0 10-3 16-9 16zM4 21c3-6 7-9 12-11"/>',
        "#3a6410", "#ebf5dc",
    ),
    "circular": ThemeLook(
        '<path d="M20.5 12a8.5 8.5 0 0 1-14.7 5.8M3.5 12A8.5 8.5 0 0 1 18.2 6.2'
        'M18.5 2.5v4h-4M5.5 21.5v-4h4"/>',
        "#0a6353", "#dcf3ee",
    ),
    "community": ThemeLook(
        '<circle cx="9" cy="8" r="3"/><circle cx="17" cy="9" r="2.5"/>'
        '<path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M15.5 14.2c3 .2 5.5 2.4 5.5 5.8"/>',
        "#a2410f", "#fde9dc",
    ),
    "digital": ThemeLook(
        '<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>',
        "#2c4aa0", "#e4eafb",
    ),
    "finance": ThemeLook(
        '<circle cx="12" cy="12" r="9"/><path d="M15.5 8.6a4 4 0 1 0 0 6.8M7 10.8h6M7 13.2h6"/>',
        "#0b6b3a", "#e3f3e9",
    ),
    "legal_admin": ThemeLook(
        '<path d="M12 3v18M7 21h10M4 7h16M4 7l-2.5 6a2.5 2.5 0 0 0 5 0zM20 7l-2.5 6a2.5 2.5 0 0 0 5 0z"/>',
        "#44505f", "#eceff3",
    ),
    "insurance": ThemeLook(
        '<path d="M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6zM8.8 12l2.2 2.2 4.2-4.4"/>',
        "#1c5a6d", "#e0f0f4",
    ),
}
DEFAULT_LOOK = ThemeLook(
    '<circle cx="12" cy="12" r="8"/><path d="M12 8v8M8 12h8"/>', "#44505f", "#eceff3"
)


def theme_look(slug: str | None) -> ThemeLook:
    """The look of a theme by its slug (a neutral one for an unknown theme)."""
    return LOOKS.get(slug or "", DEFAULT_LOOK)


def theme_icon_svg(slug: str | None, *, size: int = 20) -> str:
    """The theme's icon as inline SVG, decorative (hidden from screen readers)."""
    look = theme_look(slug)
    return (
        f'<svg class="icon" width="{size}" height="{size}" viewBox="0 0 24 24" fill="none" '
        'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" '
        f'aria-hidden="true" focusable="false">{look.icon}</svg>'
    )


def placeholder_svg(slug: str | None, *, label: str = "") -> str:
    """A 16:9 picture for a listing without one: the theme's tint, rings and its icon large."""
    look = theme_look(slug)
    title = f"<title>{escape(label)}</title>" if label else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450" width="800" height="450" '
        f'role="img">{title}'
        f'<rect width="800" height="450" fill="{look.tint}"/>'
        f'<g fill="none" stroke="{look.ink}" stroke-opacity="0.12" stroke-width="2">'
        '<circle cx="400" cy="225" r="120"/><circle cx="400" cy="225" r="190"/>'
        '<circle cx="400" cy="225" r="260"/><circle cx="400" cy="225" r="330"/></g>'
        '<g transform="translate(328 153) scale(6)" fill="none" '
        f'stroke="{look.ink}" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round">'
        f"{look.icon}</g></svg>"
    )
