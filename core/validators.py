"""The one set of rules for text people type: single-line fields and multi-line fields.

A single-line field (a name, a title, a municipality, a label) ends up in e-mail subjects, page
titles and lists: it refuses every control character (line breaks and tabs included), the line
and paragraph separators, and the invisible characters that hide or reorder text: zero-width
spaces and joiners, text-direction marks, embeddings, overrides and isolates (the "bidi"
characters, U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C), the byte-order mark U+FEFF,
word joiners and invisible operators (U+2060–U+2064), Hangul fillers and tag characters. A multi-line field (a description, a message) keeps line breaks and tabs and refuses
the rest. Two exceptions keep ordinary emoji working: a zero-width joiner between two emoji (👩‍👧)
and the tag characters of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).

The validators sit on the model fields, so `full_clean()` in every service checks them; forms
that are not model forms name them on their fields. `single_line_text()` turns text the project
composes itself (a person's full name, a search query) into a valid single-line value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ZERO_WIDTH_JOINER = "\u200d"
BLACK_FLAG = "\U0001f3f4"

# Invisible characters that hide, join or reorder text. (Control characters and surrogates are
# refused by their Unicode category, see _forbidden.)
INVISIBLE = frozenset(
    [
        "\u061c",  # Arabic letter mark (bidi)
        "\u115f", "\u1160", "\u3164", "\uffa0",  # Hangul fillers: blank "letters"
        "\u180e",  # Mongolian vowel separator
        *(chr(c) for c in range(0x200B, 0x2010)),  # zero-width space, (non-)joiner, LRM, RLM
        *(chr(c) for c in range(0x202A, 0x202F)),  # bidi embeddings and overrides (LRE … RLO)
        *(chr(c) for c in range(0x2060, 0x2065)),  # word joiner, invisible operators
        *(chr(c) for c in range(0x2066, 0x206A)),  # bidi isolates (LRI, RLI, FSI, PDI)
        *(chr(c) for c in range(0x206A, 0x2070)),  # deprecated format characters
        "\ufeff",  # byte-order mark, zero-width no-break space
        *(chr(c) for c in range(0xFFF9, 0xFFFC)),  # interlinear annotation
        *(chr(c) for c in range(0xE0000, 0xE0080)),  # tag characters
    ]
)
LINE_SEPARATORS = frozenset("\u2028\u2029")
MULTI_LINE_ALLOWED_CONTROLS = frozenset("\n\r\t")
# What an emoji modifier or presentation selector between an emoji and a joiner may be.
_EMOJI_TRAILERS = frozenset(["\ufe0e", "\ufe0f", *(chr(c) for c in range(0x1F3FB, 0x1F400))])


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def _emoji_before(text: str, index: int) -> bool:
    """Whether an emoji (with its modifiers and selectors) ends just before `index`."""
    index -= 1
    while index >= 0 and text[index] in _EMOJI_TRAILERS:
        index -= 1
    return index >= 0 and _is_emoji(text[index])


def _allowed_in_emoji(text: str, index: int) -> bool:
    """The joiner of 👩‍👧 and the tags of 🏴󠁧󠁢󠁳󠁣󠁴󠁿 are part of an emoji, not hidden text."""
    char = text[index]
    if char == ZERO_WIDTH_JOINER:
        return (
            _emoji_before(text, index) and index + 1 < len(text) and _is_emoji(text[index + 1])
        )
    if 0xE0020 <= ord(char) <= 0xE007F:
        start = index
        while start > 0 and 0xE0020 <= ord(text[start - 1]) <= 0xE007E:
            start -= 1
        return start > 0 and text[start - 1] == BLACK_FLAG
    return False


def _forbidden(text: str, *, multi_line: bool) -> tuple[int, str] | None:
    """The position and character of the first character the field refuses, or None."""
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cc":
            if multi_line and char in MULTI_LINE_ALLOWED_CONTROLS:
                continue
            return index, char
        if category == "Cs" or (not multi_line and char in LINE_SEPARATORS):
            return index, char
        if char in INVISIBLE and not _allowed_in_emoji(text, index):
            return index, char
    return None


def _refuse(char: str, *, multi_line: bool) -> ValidationError:
    code_point = f"U+{ord(char):04X}"
    if not multi_line and (char in "\n\r\v\f\x1c\x1d\x1e\x85" or char in LINE_SEPARATORS):
        return ValidationError(
            _("This must be one line of text: remove the line break."), code="line_break"
        )
    if not multi_line and char == "\t":
        return ValidationError(
            _("This must be one line of text: replace the tab by a space."), code="tab"
        )
    if unicodedata.category(char) in ("Cc", "Cs"):
        return ValidationError(
            _("The text contains an invisible control character (%(code_point)s); please remove it."),
            code="control_characters",
            params={"code_point": code_point},
        )
    return ValidationError(
        _(
            "The text contains an invisible character (%(code_point)s), such as a zero-width "
            "space or a text-direction mark; please remove it."
        ),
        code="invisible_characters",
        params={"code_point": code_point},
    )


def validate_single_line(value: str) -> None:
    """One line of visible text: no control characters, line breaks, tabs or invisible marks."""
    found = _forbidden(str(value or ""), multi_line=False)
    if found is not None:
        raise _refuse(found[1], multi_line=False)


def validate_multi_line(value: str) -> None:
    """Text that may have line breaks and tabs, but no other control or invisible characters."""
    found = _forbidden(str(value or ""), multi_line=True)
    if found is not None:
        raise _refuse(found[1], multi_line=True)


_BLANKS = re.compile(r"\s+")


def single_line_text(value: str) -> str:
    """`value` made valid for a single-line field: breaks and tabs become one space, invisible
    and control characters go. For text the project composes, not for what people type."""
    text = str(value or "")
    kept = []
    for index, char in enumerate(text):
        if char.isspace():
            kept.append(" ")
        elif _forbidden(char, multi_line=False) is None or _allowed_in_emoji(text, index):
            kept.append(char)
    return _BLANKS.sub(" ", "".join(kept)).strip()


def validate_text_fields(
    *, single_line: Mapping[str, str] | None = None, multi_line: Mapping[str, str] | None = None
) -> None:
    """Check text a service takes that no model field's `full_clean()` checks; errors by field."""
    errors: dict[str, list[ValidationError]] = {}
    for fields, validate in ((single_line, validate_single_line), (multi_line, validate_multi_line)):
        for name, value in (fields or {}).items():
            try:
                validate(value)
            except ValidationError as error:
                errors.setdefault(name, []).append(error)
    if errors:
        raise ValidationError(errors)
