/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tenure-date.h"

static void
test_date_known_days (void)
{
  char buf[16];
  TenureDay d;

  g_assert_cmpint (tenure_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (tenure_day_from_ymd (2000, 3, 1), ==, 11017);
  /* 2024 is a leap year: Feb 29 exists and March 1 is the day after. */
  g_assert_true (tenure_day_valid_ymd (2024, 2, 29));
  g_assert_false (tenure_day_valid_ymd (2024, 2, 30));
  g_assert_false (tenure_day_valid_ymd (1900, 2, 29));
  g_assert_true (tenure_day_valid_ymd (2000, 2, 29));
  g_assert_cmpint (tenure_day_from_ymd (2024, 3, 1) - tenure_day_from_ymd (2024, 2, 28), ==, 2);
  g_assert_true (tenure_day_parse_iso ("2024-12-31", &d));
  g_assert_cmpstr (tenure_day_format_iso (d + 1, buf), ==, "2025-01-01");
  g_assert_false (tenure_day_parse_iso ("2024-02-30", &d));
  g_assert_false (tenure_day_parse_iso ("2024-2-3", &d));
  /* 2024-01-01 was a Monday. */
  g_assert_cmpint (tenure_day_weekday (tenure_day_from_ymd (2024, 1, 1)), ==, 1);
}

static void
test_date_round_trip (void)
{
  /* Every day from 1900 to 2100 converts back to itself. */
  for (TenureDay d = tenure_day_from_ymd (1900, 1, 1); d <= tenure_day_from_ymd (2100, 12, 31); d++)
    {
      int y, m, dd;

      tenure_day_to_ymd (d, &y, &m, &dd);
      g_assert_true (tenure_day_valid_ymd (y, m, dd));
      g_assert_cmpint (tenure_day_from_ymd (y, m, dd), ==, d);
    }
}

static void
test_date_months (void)
{
  TenureMonth m;
  char buf[16];

  g_assert_true (tenure_month_parse ("2024-02", &m));
  g_assert_cmpint (tenure_month_last_day (m) - tenure_month_first_day (m) + 1, ==, 29);
  g_assert_cmpstr (tenure_month_format (m + 11, buf), ==, "2025-01");
  g_assert_cmpint (tenure_month_of_day (tenure_day_from_ymd (2024, 2, 29)), ==, m);
  g_assert_false (tenure_month_parse ("2024-13", &m));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/known-days", test_date_known_days);
  g_test_add_func ("/date/round-trip", test_date_round_trip);
  g_test_add_func ("/date/months", test_date_months);
  return g_test_run ();
}
