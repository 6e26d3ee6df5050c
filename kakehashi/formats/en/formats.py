# English is read here by Pakistani candidates and officers and by Japanese recruiters: month
# names, never 12/02/2026 (12 February in Pakistan, 2 December in the United States).
DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
DAY_DATE_FORMAT = "D j M Y"
DAY_DATETIME_FORMAT = "D j M Y, H:i"
DAY_TIME_FORMAT = "D j M, H:i"
DAY_MONTH_FORMAT = "D j M"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
