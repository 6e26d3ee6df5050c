"""Date and number formats per language (settings.FORMAT_MODULE_PATH), read before Django's own.

Every date is written so no reader can take the day for the month: English and Urdu name the
month ("12 Feb 2026", "12 فروری 2026"), Japanese writes 年月日 ("2026年2月12日"); times are
24-hour. Amounts group thousands in every language ("¥6,500,000"); Django has no Urdu formats
and would print "¥6500000".

Beside Django's names (DATE_FORMAT, SHORT_DATETIME_FORMAT, YEAR_MONTH_FORMAT, …) each module
defines the site's own, for the date filter and formats.date_format, in all three languages:

- DAY_DATE_FORMAT: a day with its weekday (a mission day)
- DAY_DATETIME_FORMAT: a weekday, date and time (an interview)
- DAY_TIME_FORMAT: a weekday, day and time without the year (a timetable row)
- DAY_MONTH_FORMAT: a weekday and day without the year
"""

SITE_FORMATS = ("DAY_DATE_FORMAT", "DAY_DATETIME_FORMAT", "DAY_TIME_FORMAT", "DAY_MONTH_FORMAT")
