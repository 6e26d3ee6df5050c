# Django ships no Urdu formats (its defaults print "12/02/2026 5:42 p.m." and "¥6500000").
# Month names in Urdu (12 فروری 2026), 24-hour times, the Urdu comma between date and time.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
DAY_DATE_FORMAT = "D j F Y"
DAY_DATETIME_FORMAT = "D j F Y، H:i"
DAY_TIME_FORMAT = "D j F، H:i"
DAY_MONTH_FORMAT = "D j F"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
