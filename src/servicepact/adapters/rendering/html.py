"""The contract as HTML with a print stylesheet (page size, running header, page numbers, contents)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from servicepact.domain.contract import BulletList, ContractDocument, Paragraph, Signatures, Table


def css_string(text: str) -> str:
    """A CSS string literal holding ``text``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
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
        # CSS is not HTML: its values are escaped as CSS strings (css_string), then marked safe.
        css = self._environment.get_template("contract.css.j2").render(
            page_size=contract.page_size.value,
            header=Markup(css_string(contract.labels.header)),
            title=Markup(css_string(contract.title)),
            page_of=Markup(page_counter(contract.labels.page_of)),
        )
        return self._environment.get_template("contract.html.j2").render(contract=contract, css=Markup(css))
