import pytest

from servicepact.domain.lint.wording import over_promises
from tests.unit.lint.helpers import codes_of, english, findings_of, russian


@pytest.mark.parametrize(
    "text",
    [
        "We always answer the phone.",
        "Backups never fail.",
        "We guarantee uptime.",
        "Guaranteed response.",
        "The provider guarantees a fix.",
        "Guaranteeing success.",
        "100% availability.",
        "Available 100 % of the time.",
        "Available 100.0% of the time.",
        "Zero downtime upgrades.",
        "No downtime during patching.",
        "Unlimited support requests.",
        "Tickets are answered instantly.",
        "We respond immediately.",
        "Reachable at all times.",
        "Your network is fully secure.",
        "Мы гарантируем бесперебойную работу",
        "Исполнитель гарантирует результат.",
        "Гарантированно отвечаем.",
        "Сервер всегда доступен.",
        "Данные никогда не теряются.",
        "Доступность 100%.",
        "Работа без простоев.",
        "Обновления без простоя.",
        "Мгновенная реакция.",
        "Немедленно реагируем.",
        "Неограниченное количество заявок.",
        "Поддержка в любое время.",
        "НЕМЕДЛЕННОЕ восстановление.",
        "Неограниченное и мгновённое обслуживание.",
    ],
)
def test_over_promising_wording_is_found(text):
    assert over_promises(text) != []


@pytest.mark.parametrize(
    "text",
    [
        "в течение 4 часов",
        "не менее 99.9% времени каждого месяца",
        "Available at least 99.9% of each month.",
        "Growth of 1100% in tickets.",
        "A 99.100% figure.",
        "The firewall is a guard against intrusions.",
        "Nevertheless, we respond within 1 hour.",
        "The alwaysOn availability group is monitored.",
        "Оформить гарантийное обращение к производителю.",
        "Ограниченный набор услуг.",
        "Время простоя не более 43 минут.",
        "Response within 30 minutes.",
    ],
)
def test_measurable_wording_is_not_over_promising(text):
    assert over_promises(text) == []


def test_over_promising_in_a_russian_guarantee_statement_is_sp601():
    data = russian()
    data["guarantees"]["commitments"][0]["statement"] = (
        "Мы гарантируем бесперебойную работу файлового сервера."
    )
    findings = [f for f in findings_of(data) if f.code == "SP601"]
    assert [(f.path, f.severity.value) for f in findings] == [
        ("guarantees.commitments[0].statement", "warning")
    ]
    assert "гарантируем" in findings[0].message
    assert "чрезмерное" in findings[0].message


def test_a_measurable_russian_statement_is_not_sp601():
    data = russian()
    data["guarantees"]["commitments"][0]["statement"] = "Первый ответ на заявку P1 в течение 4 часов."
    assert "SP601" not in codes_of(data)


def test_over_promising_in_a_service_description_is_sp601():
    data = english()
    data["services"]["included"][0]["description"] = "Unlimited remote support, answered immediately."
    findings = [f for f in findings_of(data) if f.code == "SP601"]
    assert [f.path for f in findings] == ["services.included[0].description"]


def test_over_promising_in_a_provider_duty_is_sp601():
    data = english()
    data["responsibilities"]["failures"]["system"]["provider"][0] = "Always restore service within 4 hours."
    assert [f.path for f in findings_of(data) if f.code == "SP601"] == [
        "responsibilities.failures.system.provider[0]"
    ]


def test_absolute_words_in_client_duties_and_disclaimers_are_not_provider_promises():
    data = english()
    data["responsibilities"]["client_duties"][0] = "Always report incidents through the portal."
    data["guarantees"]["disclaimers"][0] = "Targets never apply to third-party failures."
    assert "SP601" not in codes_of(data)


def test_a_commitment_without_a_metric_is_sp602():
    data = english()
    del data["guarantees"]["commitments"][2]["metric"]
    assert [f.path for f in findings_of(data) if f.code == "SP602"] == ["guarantees.commitments[2]"]


def test_commitments_with_metrics_are_not_sp602():
    assert "SP602" not in codes_of(english())


def test_a_commitment_without_a_remedy_is_sp603():
    data = english()
    del data["guarantees"]["commitments"][2]["remedy"]
    assert [f.path for f in findings_of(data) if f.code == "SP603"] == ["guarantees.commitments[2]"]


def test_service_credits_with_no_tier_on_the_metric_is_sp603():
    data = english()
    data["guarantees"]["commitments"][2]["remedy"] = "service_credits"
    assert [f.path for f in findings_of(data) if f.code == "SP603"] == ["guarantees.commitments[2].remedy"]


def test_a_remedy_of_none_is_a_stated_remedy_and_not_sp603():
    data = english()
    data["guarantees"]["commitments"][2]["remedy"] = "none"
    assert "SP603" not in codes_of(data)


def test_sole_remedy_not_set_is_sp604_info():
    data = english()
    del data["guarantees"]["sole_remedy"]
    findings = [f for f in findings_of(data) if f.code == "SP604"]
    assert [(f.path, f.severity.value) for f in findings] == [("guarantees.sole_remedy", "info")]


def test_sole_remedy_false_is_stated_and_not_sp604():
    data = english()
    data["guarantees"]["sole_remedy"] = False
    assert "SP604" not in codes_of(data)
