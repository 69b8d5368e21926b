"""Language: the contract's ``language`` is the language its free text is written in (SP804), and so is the
language a render is asked in (:func:`render_language_findings`)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.lint.engine import to_finding
from servicepact.domain.lint.findings import Finding, Severity
from servicepact.domain.lint.language import text_language
from servicepact.domain.lint.registry import RULES, Context, Hit, Rule, checks, hit

PATH = ("language",)


@checks(
    Rule(
        code="SP804",
        severity=Severity.WARNING,
        area="language",
        title={
            "en": "The contract's language is not the language of its text",
            "ru": "Язык договора не совпадает с языком его текста",
        },
        explanation={
            "en": "`language` says which language the free text of the file (the title, names and "
            "descriptions, duties, statements, definitions) is written in; the contract's own clauses are "
            "written in it too. When most letters of the free text are in the other script (Latin for "
            "en, Cyrillic for ru), the rendered contract mixes two languages, and so does a render asked in "
            "a language the free text is not in. Ids, contacts and the parties' names and details are not "
            "read; too little text (under 40 letters) or text half in each language is not judged.",
            "ru": "`language` указывает, на каком языке написан свободный текст файла (название, имена и "
            "описания, обязанности, формулировки, определения); на нём же пишутся пункты договора. Если "
            "большая часть букв свободного текста — другого алфавита (латиница для en, кириллица для ru), "
            "договор смешает два языка; то же будет при выводе на языке, на котором свободный текст не "
            "написан. Идентификаторы, контакты, наименования и реквизиты сторон не учитываются; слишком "
            "короткий текст (меньше 40 букв) или текст наполовину на каждом языке не оценивается.",
        },
        bad_example="language: ru\ntitle: Managed IT Services Agreement\nservices:\n  included:\n"
        "    - {id: helpdesk, name: Remote helpdesk, description: Remote support for end users.}",
        good_example="language: en\ntitle: Managed IT Services Agreement\nservices:\n  included:\n"
        "    - {id: helpdesk, name: Remote helpdesk, description: Remote support for end users.}",
        messages={
            "default": {
                "en": "language is '{language}', but the free text of the file is written in '{written}'; "
                "set language: {written} or translate the text",
                "ru": "language = '{language}', но свободный текст файла написан на языке '{written}'; "
                "укажите language: {written} или переведите текст",
            },
            "render": {
                "en": "the contract is rendered in '{asked}', but its free text is written in '{written}': "
                "the document will mix two languages",
                "ru": "договор выводится на языке '{asked}', но его свободный текст написан на языке "
                "'{written}': в документе смешаются два языка",
            },
        },
    )
)
def language_is_the_language_of_the_text(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    written = text_language(agreement)
    if written is not None and written != agreement.language:
        yield hit(PATH, language=agreement.language.value, written=written.value)


def render_language_findings(
    agreement: Agreement, render_language: str, *, language: str | None = None
) -> list[Finding]:
    """SP804 for a render: one warning when the contract is asked in ``render_language`` but its free text
    is written in another language; none when they agree or the text's language cannot be told. Messages
    are in ``language``, by default the agreement's own.

    >>> from servicepact import load_agreement
    >>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
    >>> [f.code for f in render_language_findings(agreement, "ru")]
    ['SP804']
    """
    written = text_language(agreement)
    if written is None or written.value == render_language:
        return []
    found = hit(PATH, "render", asked=render_language, written=written.value)
    chosen = language or agreement.language.value
    return [to_finding(RULES["SP804"], found, Context(agreement), chosen)]
