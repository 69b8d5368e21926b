import servicepact


def test_everything_in_all_is_importable_and_nothing_public_is_left_out():
    for name in servicepact.__all__:
        assert hasattr(servicepact, name), name
    public = {
        name
        for name, value in vars(servicepact).items()
        if not name.startswith("_") and not isinstance(value, type(servicepact))
    }
    assert public <= set(servicepact.__all__), public - set(servicepact.__all__)


def test_all_is_sorted_so_that_additions_are_easy_to_review():
    assert list(servicepact.__all__) == sorted(servicepact.__all__)


def test_the_business_calendar_is_part_of_the_public_surface(examples_dir):
    from servicepact import BusinessCalendar, load_agreement

    agreement = load_agreement(examples_dir / "northwind-acme.en.yaml")
    calendar = agreement.calendar(agreement.support.calendar)
    assert isinstance(calendar, BusinessCalendar)
