/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-date"

#include "config.h"

#include <string.h>

#include "tenure-date.h"

/* Howard Hinnant's days_from_civil / civil_from_days: exact for the
 * proleptic Gregorian calendar, no tables, no time zones. */
TenureDay
tenure_day_from_ymd (int year,
                     int month,
                     int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (unsigned) (month + (month > 2 ? -3 : 9)) + 2) / 5 + (unsigned) day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (int) doe - 719468;
}

void
tenure_day_to_ymd (TenureDay  day,
                   int       *year,
                   int       *month,
                   int       *mday)
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = (int) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  if (year)
    *year = y + (m <= 2);
  if (month)
    *month = (int) m;
  if (mday)
    *mday = (int) d;
}

int
tenure_days_in_month (int year,
                      int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);
  return month == 2 && leap ? 29 : days[month - 1];
}

gboolean
tenure_day_valid_ymd (int year,
                      int month,
                      int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= tenure_days_in_month (year, month);
}

static gboolean
digits (const char *p,
        int         n,
        int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
tenure_day_parse_iso (const char *text,
                      TenureDay  *out)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!digits (text, 4, &y) || !digits (text + 5, 2, &m) || !digits (text + 8, 2, &d))
    return FALSE;
  if (!tenure_day_valid_ymd (y, m, d))
    return FALSE;
  if (out)
    *out = tenure_day_from_ymd (y, m, d);
  return TRUE;
}

char *
tenure_day_format_iso (TenureDay  day,
                       char      *buf)
{
  int y, m, d;

  tenure_day_to_ymd (day, &y, &m, &d);
  if (y < 0 || y > 9999)
    {
      g_snprintf (buf, 11, "%04d-%02d-%02d", y, m, d);
      return buf;
    }
  /* Written digit by digit: dates are formatted by the million on import. */
  buf[0] = (char) ('0' + y / 1000);
  buf[1] = (char) ('0' + y / 100 % 10);
  buf[2] = (char) ('0' + y / 10 % 10);
  buf[3] = (char) ('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char) ('0' + m / 10);
  buf[6] = (char) ('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char) ('0' + d / 10);
  buf[9] = (char) ('0' + d % 10);
  buf[10] = '\0';
  return buf;
}

char *
tenure_day_to_iso (TenureDay day)
{
  char buf[16];

  return g_strdup (tenure_day_format_iso (day, buf));
}

TenureDay
tenure_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return tenure_day_from_ymd (g_date_time_get_year (now),
                              g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now));
}

int
tenure_day_weekday (TenureDay day)
{
  /* 1970-01-01 was a Thursday (4). */
  int w = (day % 7 + 7) % 7;

  return (w + 3) % 7 + 1;
}

TenureMonth
tenure_month_from_ym (int year,
                      int month)
{
  return year * 12 + (month - 1);
}

TenureMonth
tenure_month_of_day (TenureDay day)
{
  int y, m;

  tenure_day_to_ymd (day, &y, &m, NULL);
  return tenure_month_from_ym (y, m);
}

int
tenure_month_year (TenureMonth month)
{
  return month / 12;
}

int
tenure_month_month (TenureMonth month)
{
  return month % 12 + 1;
}

TenureDay
tenure_month_first_day (TenureMonth month)
{
  return tenure_day_from_ymd (tenure_month_year (month), tenure_month_month (month), 1);
}

TenureDay
tenure_month_last_day (TenureMonth month)
{
  return tenure_month_first_day (month + 1) - 1;
}

gboolean
tenure_month_parse (const char  *text,
                    TenureMonth *out)
{
  int y, m;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  if (!digits (text, 4, &y) || !digits (text + 5, 2, &m) || y < 1 || m < 1 || m > 12)
    return FALSE;
  if (out)
    *out = tenure_month_from_ym (y, m);
  return TRUE;
}

char *
tenure_month_format (TenureMonth  month,
                     char        *buf)
{
  g_snprintf (buf, 8, "%04d-%02d", tenure_month_year (month), tenure_month_month (month));
  return buf;
}
