"""The business calendar engine (spec §1): open intervals on the real timeline, and time counted in them.

Friday 16:00 UTC is 17:00 in Berlin, after closing; two business hours end on Monday at 11:00 local.

    >>> from datetime import datetime, timedelta, timezone
    >>> calendar = BusinessCalendar.from_spec(
    ...     {"timezone": "Europe/Berlin", "hours": {"mon-fri": ["09:00-17:00"]}}
    ... )
    >>> calendar.add(datetime(2025, 1, 3, 16, tzinfo=timezone.utc), timedelta(hours=2))
    datetime.datetime(2025, 1, 6, 10, 0, tzinfo=datetime.timezone.utc)
"""

from servicepact.domain.calendars.calendar import BusinessCalendar
from servicepact.domain.calendars.instants import FIRST_YEAR, LAST_YEAR

__all__ = ["FIRST_YEAR", "LAST_YEAR", "BusinessCalendar"]
