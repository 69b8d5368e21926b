from servicepact.domain.agreement import validate_document
from servicepact.domain.agreement.model import Language
from servicepact.domain.lint import render_language_findings, text_language
from servicepact.domain.lint.language import free_texts, script_language
from tests.unit.lint.helpers import codes_of, english, findings_of, russian


def _agreement(data):
    result = validate_document(data)
    assert result.problems == [], result.problems
    assert result.agreement is not None
    return result.agreement


def test_an_english_text_declared_russian_is_sp804():
    data = english()
    data["language"] = "ru"
    [finding] = [f for f in findings_of(data) if f.code == "SP804"]
    assert (finding.path, finding.severity.value) == ("language", "warning")
    assert finding.message.startswith("language = 'ru', но свободный текст файла написан на языке 'en'")


def test_a_russian_text_declared_english_is_sp804():
    data = russian()
    data["language"] = "en"
    [finding] = [f for f in findings_of(data) if f.code == "SP804"]
    assert finding.message == (
        "language is 'en', but the free text of the file is written in 'ru'; set language: ru or translate "
        "the text"
    )


def test_both_examples_are_written_in_their_own_language_and_are_not_sp804():
    assert "SP804" not in codes_of(english())
    assert "SP804" not in codes_of(russian())
    assert text_language(_agreement(english())) is Language.EN
    assert text_language(_agreement(russian())) is Language.RU


def test_russian_proper_names_in_an_english_text_are_not_sp804():
    data = english()
    data["parties"]["client"]["name"] = "ООО «Ромашка»"
    data["services"]["included"][0]["name"] = "Поддержка 1С:Предприятие"
    data["names"] = {"1c": "«1С:Предприятие»"}
    assert "SP804" not in codes_of(data)


def test_english_product_names_and_acronyms_in_a_russian_text_are_not_sp804():
    data = russian()
    data["services"]["included"].append(
        {"id": "m365", "name": "Microsoft 365", "description": "Администрирование Microsoft 365, VPN и CRM."}
    )
    data["parties"]["client"]["name"] = "Acme Manufacturing Inc."
    assert "SP804" not in codes_of(data)


def test_ids_contacts_and_party_details_are_not_free_text():
    paths = {path[0] for path, _ in free_texts(_agreement(english()))}
    assert "parties" not in paths
    assert "calendars" not in paths
    assert "title" in paths


def test_too_little_text_has_no_language_and_is_not_sp804():
    assert script_language(["Remote helpdesk", "P1", "Critical"]) is None
    assert script_language(["VPN", "ERP", "ИНН", "КПП", "ОГРН", "НДС"]) is None


def test_a_text_half_in_each_language_has_no_language_and_is_not_sp804():
    texts = ["Remote support for end users by phone.", "Поддержка пользователей по телефону и почте."]
    assert script_language(texts) is None


def test_rendering_an_english_text_in_russian_is_sp804():
    [finding] = render_language_findings(_agreement(english()), "ru")
    assert (finding.code, finding.path) == ("SP804", "language")
    assert finding.message == (
        "the contract is rendered in 'ru', but its free text is written in 'en': the document will mix two "
        "languages"
    )


def test_rendering_a_russian_text_in_english_is_sp804_with_messages_in_the_language_asked():
    [finding] = render_language_findings(_agreement(russian()), "en", language="en")
    assert finding.message.startswith("the contract is rendered in 'en'")


def test_rendering_in_the_language_of_the_text_is_not_sp804():
    assert render_language_findings(_agreement(english()), "en") == []
    assert render_language_findings(_agreement(russian()), "ru") == []


def test_rendering_a_text_whose_language_cannot_be_told_is_not_sp804():
    data = english()
    data["title"] = "SLA"
    for key in ("services", "responsibilities", "client_requirements", "guarantees", "performance"):
        data.pop(key)
    data["priorities"] = {"levels": [{"id": "P1", "name": "Critical"}]}
    data["availability"]["uptime"] = []
    data["availability"]["recovery"] = []
    data.pop("names", None)
    data.pop("legal", None)
    agreement = _agreement(data)
    assert text_language(agreement) is None
    assert render_language_findings(agreement, "ru") == []
