"""The signed session cookie and the sign-in throttle on their own (no app)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from servicepact.entrypoints.http.web.auth import Session, SessionCodec, SignInThrottle, csrf_ok
from servicepact.entrypoints.http.web.i18n import choose_language, texts

NOW = datetime(2027, 3, 24, 12, 0, tzinfo=UTC)


def test_a_session_cookie_reads_back_what_was_signed():
    codec = SessionCodec("k" * 32)
    cookie = codec.dump(Session(csrf="token", user_id=7, language="ru"), now=1000.0)
    session = codec.load(cookie, now=1001.0)
    assert session is not None
    assert (session.user_id, session.csrf, session.language) == (7, "token", "ru")


def test_a_session_cookie_signed_with_another_key_or_expired_or_malformed_is_no_session():
    cookie = SessionCodec("k" * 32).dump(Session(csrf="t", user_id=1), now=0.0)
    assert SessionCodec("other" * 8).load(cookie, now=1.0) is None
    assert SessionCodec("k" * 32).load(cookie, now=13 * 3600.0) is None
    for broken in ("", "abc", "a.b.c", cookie.replace(".", ".x")):
        assert SessionCodec("k" * 32).load(broken, now=1.0) is None


def test_signing_in_gives_the_session_a_new_csrf_token_and_signing_out_forgets_the_user():
    session = Session.new("ru")
    signed = session.signed_in(5)
    assert signed.csrf != session.csrf
    assert signed.signed_out().user_id is None
    assert signed.signed_out().language == "ru"


def test_a_csrf_token_must_be_the_sessions_own():
    session = Session(csrf="abc")
    assert csrf_ok(session, "abc")
    assert not csrf_ok(session, "abd")
    assert not csrf_ok(session, None)
    assert not csrf_ok(None, "abc")


def test_the_throttle_lets_three_failures_pass_then_doubles_the_wait_up_to_its_cap():
    throttle = SignInThrottle(free=3, base=timedelta(seconds=2), cap=timedelta(seconds=10))
    waits = [throttle.failed("A@example.com ", "10.0.0.1", NOW) for _ in range(7)]
    assert waits == [
        None,
        None,
        None,
        timedelta(seconds=2),
        timedelta(seconds=4),
        timedelta(seconds=8),
        timedelta(seconds=10),
    ]
    assert throttle.wait("a@example.com", "10.0.0.1", NOW) == timedelta(seconds=10)
    assert throttle.wait("a@example.com", "10.0.0.2", NOW) is None  # another address
    assert throttle.wait("a@example.com", "10.0.0.1", NOW + timedelta(seconds=10)) is None
    throttle.succeeded("a@example.com", "10.0.0.1")
    assert throttle.failed("a@example.com", "10.0.0.1", NOW) is None


def test_the_throttle_forgets_unblocked_pairs_when_it_is_full():
    throttle = SignInThrottle(max_entries=10)
    for n in range(10):
        throttle.failed(f"user{n}@example.com", "10.0.0.1", NOW)
    throttle.failed("late@example.com", "10.0.0.1", NOW)
    assert len(throttle._failures) == 1


def test_the_language_is_the_saved_choice_else_the_browsers_else_english():
    assert choose_language("ru", "en-GB") == "ru"
    assert choose_language(None, "de-DE,ru;q=0.8") == "ru"
    assert choose_language(None, "de-DE") == "en"
    assert choose_language("fr", None) == "en"


def test_russian_plurals_and_durations_read_naturally():
    ru = texts("ru")
    assert ru.ngettext("{n} ticket", "{n} tickets", 1) == "1 заявка"
    assert ru.ngettext("{n} ticket", "{n} tickets", 3) == "3 заявки"
    assert ru.ngettext("{n} ticket", "{n} tickets", 11) == "11 заявок"
    assert ru.duration(3 * 3600 + 5 * 60) == "3\u00a0ч 05\u00a0мин"
    assert texts("en").duration(-90 * 60) == "−1h 30m"
    assert texts("en").percent(99.875, 3) == "99.875\u00a0%"
