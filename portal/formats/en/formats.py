# English dates as the portal's European readers write them: 2 December 2014.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
