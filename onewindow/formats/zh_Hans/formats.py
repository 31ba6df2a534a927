# Chinese dates as a hall writes them: 2026年2月14日, 2月14日 (no zero padding).
DATE_FORMAT = "Y年n月j日"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y年n月j日 H:i"
