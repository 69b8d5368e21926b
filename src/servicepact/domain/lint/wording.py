"""Over-promising wording (SP601), English and Russian, matched on whole words and Russian word forms.

>>> over_promises("We guarantee uninterrupted service")
['guarantee']
>>> over_promises("в течение 4 часов")
[]
"""

from __future__ import annotations

import re

_NOT_WORD_BEFORE = r"(?<![\w])"
_NOT_WORD_AFTER = r"(?![\w])"
_SPACE = r"[\s\-]+"

# 100% as a whole number: not 1100%, not 99.100%; also "100 %" and "100.0%".
_HUNDRED = r"(?<![\w.,])100(?:[.,]0+)?\s?%"

_ENGLISH_WORDS = (
    "always",
    "never",
    r"guarantee(?:s|d|ing)?",
    rf"zero{_SPACE}downtime",
    rf"no{_SPACE}downtime",
    "unlimited",
    "instantly",
    "immediately",
    rf"at{_SPACE}all{_SPACE}times",
    rf"fully{_SPACE}secure",
)

# Russian stems take any ending (word forms); whole words stay whole.
_RUSSIAN_WORDS = (
    "всегда",
    "никогда",
    r"гарантир\w*",
    rf"без{_SPACE}просто(?:ев|я|ем|ях)",
    r"бесперебойн\w*",
    r"мгновенн\w*",
    r"немедленн\w*",
    r"неограниченн\w*",
    rf"в{_SPACE}любое{_SPACE}время",
)

_PATTERN = re.compile(
    "|".join(
        [_HUNDRED]
        + [f"{_NOT_WORD_BEFORE}(?:{word}){_NOT_WORD_AFTER}" for word in (*_ENGLISH_WORDS, *_RUSSIAN_WORDS)]
    ),
    re.IGNORECASE,
)


def over_promises(text: str) -> list[str]:
    """The over-promising words and phrases in ``text``, as written, in order (ё is read as е)."""
    normalised = text.replace("ё", "е").replace("Ё", "Е")
    return [text[match.start() : match.end()] for match in _PATTERN.finditer(normalised)]
