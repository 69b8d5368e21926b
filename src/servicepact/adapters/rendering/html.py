"""The contract as HTML with a print stylesheet (page size, running header, page numbers, contents)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from servicepact.domain.contract import BulletList, ContractDocument, Paragraph, Signatures, Table

# Characters a CSS string literal may hold as they are; every other one is written as a hex escape.
_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?-_'+=#%*/()")


def css_string(text: str) -> str:
    """A CSS string literal holding ``text``: quotes, backslashes, line breaks (CR and form feed too),
    ``<`` and every other character that is not plainly safe are hex escapes, so the literal can neither
    end early nor close the ``<style>`` element. Only our own translated words go through it (the page
    counter); agreement text never reaches CSS (the running header is the body's data attributes)."""
    escaped = "".join(
        char if char in _CSS_PLAIN or (ord(char) > 0x9F and char.isprintable()) else f"\\{ord(char):x} "
        for char in text
    )
    return '"' + escaped + '"'


def page_counter(template: str) -> str:
    """``"Page {page} of {pages}"`` as CSS content with the page counters in place of the fields."""
    parts: list[str] = []
    rest = template
    while rest:
        positions = [(rest.find(field), field) for field in ("{page}", "{pages}") if field in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, field = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append("counter(page)" if field == "{page}" else "counter(pages)")
        rest = rest[index + len(field) :]
    return " ".join(parts)


def _block_kind(block: object) -> str:
    if isinstance(block, Paragraph):
        return "paragraph"
    if isinstance(block, BulletList):
        return "list"
    if isinstance(block, Table):
        return "table"
    if isinstance(block, Signatures):
        return "signatures"
    raise TypeError(f"unknown block {block!r}")


def _percentages(widths: tuple[int, ...]) -> list[str]:
    total = sum(widths)
    return [f"{100 * width / total:.2f}" for width in widths]


class HtmlRenderer:
    """Renders a contract document as one self-contained HTML page (UTF-8)."""

    media_type = "text/html; charset=utf-8"
    extension = "html"

    def __init__(self) -> None:
        self._environment = Environment(
            loader=PackageLoader("servicepact.adapters.rendering", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=False,
            lstrip_blocks=False,
        )
        self._environment.globals.update(block_kind=_block_kind, percentages=_percentages)

    def render(self, contract: ContractDocument) -> bytes:
        return self.html(contract).encode("utf-8")

    def html(self, contract: ContractDocument) -> str:
        # No agreement text goes into the stylesheet: the running header and title reach the page margins
        # through ``string-set`` from the body's (HTML-escaped) data attributes. The page counter holds only
        # our translated words, escaped as CSS strings.
        css = self._environment.get_template("contract.css.j2").render(
            page_size=contract.page_size.value,
            page_of=Markup(page_counter(contract.labels.page_of)),
        )
        return self._environment.get_template("contract.html.j2").render(contract=contract, css=Markup(css))
