/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-parse.h"

static void
assert_date (const char      *text,
             TenureDateOrder  order,
             const char      *iso)
{
  TenureDay day;
  char buf[16];
  g_autofree char *reason = NULL;

  g_assert_cmpint (tenure_parse_date (text, order, &day, &reason), ==, TENURE_PARSE_OK);
  g_assert_cmpstr (tenure_day_format_iso (day, buf), ==, iso);
}

static void
test_parse_dates (void)
{
  TenureDay day;
  g_autofree char *reason = NULL;

  assert_date ("2024-03-01", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("2024/03/01", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("20240301", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("01.03.2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("1.3.2024", TENURE_DATE_ORDER_MDY, "2024-03-01");
  assert_date ("01/03/2024", TENURE_DATE_ORDER_DMY, "2024-03-01");
  assert_date ("03/01/2024", TENURE_DATE_ORDER_MDY, "2024-03-01");
  assert_date ("25/03/2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-25");
  assert_date ("03/25/2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-25");
  assert_date ("1 Mar 2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("01-Mar-2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("1 March 2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("Mar 1, 2024", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("September 30 2024", TENURE_DATE_ORDER_UNKNOWN, "2024-09-30");
  assert_date ("2024-03-01T23:59:59Z", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("2024-03-01 10:00:00+02:00", TENURE_DATE_ORDER_UNKNOWN, "2024-03-01");
  assert_date ("3/1/2024 10:00 AM", TENURE_DATE_ORDER_MDY, "2024-03-01");
  assert_date (" 2024-02-29 ", TENURE_DATE_ORDER_UNKNOWN, "2024-02-29");

  g_assert_cmpint (tenure_parse_date ("2024-02-30", TENURE_DATE_ORDER_UNKNOWN, &day, &reason), ==,
                   TENURE_PARSE_IMPOSSIBLE);
  g_assert_nonnull (strstr (reason, "February 2024 has 29 days"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (tenure_parse_date ("01/03/2024", TENURE_DATE_ORDER_UNKNOWN, &day, &reason), ==,
                   TENURE_PARSE_AMBIGUOUS);
  g_assert_nonnull (strstr (reason, "--date-order"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (tenure_parse_date ("", TENURE_DATE_ORDER_UNKNOWN, &day, NULL), ==, TENURE_PARSE_EMPTY);
  g_assert_cmpint (tenure_parse_date ("soon", TENURE_DATE_ORDER_UNKNOWN, &day, NULL), ==, TENURE_PARSE_INVALID);
  g_assert_cmpint (tenure_parse_date ("2024-13-01", TENURE_DATE_ORDER_UNKNOWN, &day, NULL), ==, TENURE_PARSE_IMPOSSIBLE);
  g_assert_cmpint (tenure_parse_date ("03/25/2024", TENURE_DATE_ORDER_DMY, &day, NULL), ==, TENURE_PARSE_IMPOSSIBLE);
  g_assert_cmpint (tenure_parse_date ("2024-03-01x", TENURE_DATE_ORDER_UNKNOWN, &day, NULL), ==, TENURE_PARSE_INVALID);
}

static void
test_parse_date_scan (void)
{
  TenureDateScan scan = { 0 };
  gboolean undecidable;

  tenure_date_scan_add (&scan, "01/03/2024", 2);
  tenure_date_scan_add (&scan, "02/04/2024", 3);
  g_assert_cmpint (tenure_date_scan_decide (&scan, &undecidable), ==, TENURE_DATE_ORDER_UNKNOWN);
  g_assert_true (undecidable);
  g_assert_cmpint (scan.first_ambiguous_row, ==, 2);
  tenure_date_scan_add (&scan, "13/04/2024", 4);
  g_assert_cmpint (tenure_date_scan_decide (&scan, &undecidable), ==, TENURE_DATE_ORDER_DMY);
  g_assert_false (undecidable);

  memset (&scan, 0, sizeof scan);
  tenure_date_scan_add (&scan, "12/31/2024", 2);
  tenure_date_scan_add (&scan, "2024-01-01", 3);
  g_assert_cmpint (tenure_date_scan_decide (&scan, &undecidable), ==, TENURE_DATE_ORDER_MDY);
}

static void
assert_amount (const char        *text,
               TenureDecimalMark  mark,
               int                exponent,
               gint64             expected)
{
  gint64 minor = 0;
  g_autofree char *reason = NULL;

  g_assert_cmpint (tenure_parse_amount (text, mark, exponent, &minor, &reason), ==, TENURE_PARSE_OK);
  g_assert_cmpint (minor, ==, expected);
}

static void
test_parse_amounts (void)
{
  gint64 minor;
  g_autofree char *reason = NULL;

  assert_amount ("1234.5", TENURE_DECIMAL_POINT, 2, 123450);
  assert_amount ("1,234.50", TENURE_DECIMAL_POINT, 2, 123450);
  assert_amount ("1.234,50", TENURE_DECIMAL_POINT, 2, 123450);
  assert_amount ("$1,234", TENURE_DECIMAL_POINT, 2, 123400);
  assert_amount ("1,234", TENURE_DECIMAL_COMMA, 3, 1234);   /* decided by the column */
  assert_amount ("€ 1 234,50", TENURE_DECIMAL_COMMA, 2, 123450);
  assert_amount ("1 234,50 €", TENURE_DECIMAL_POINT, 2, 123450);
  assert_amount ("(1,234.00)", TENURE_DECIMAL_POINT, 2, -123400);
  assert_amount ("-12", TENURE_DECIMAL_POINT, 2, -1200);
  assert_amount ("12-", TENURE_DECIMAL_POINT, 2, -1200);
  assert_amount ("-$12.01", TENURE_DECIMAL_POINT, 2, -1201);
  assert_amount ("1,234,567.89", TENURE_DECIMAL_POINT, 2, 123456789);
  assert_amount ("1.234.567", TENURE_DECIMAL_POINT, 2, 123456700);
  assert_amount ("1'234.50", TENURE_DECIMAL_POINT, 2, 123450);
  assert_amount ("12.500", TENURE_DECIMAL_POINT, 2, 1250);
  assert_amount ("0.1", TENURE_DECIMAL_POINT, 2, 10);
  assert_amount ("EUR 99,95", TENURE_DECIMAL_POINT, 2, 9995);
  assert_amount ("1000 USD", TENURE_DECIMAL_POINT, 0, 1000);
  assert_amount ("1234.567", TENURE_DECIMAL_POINT, 3, 1234567);
  assert_amount ("999999999999999", TENURE_DECIMAL_POINT, 0, 999999999999999);

  g_assert_cmpint (tenure_parse_amount ("12.345", TENURE_DECIMAL_POINT, 2, &minor, &reason), ==,
                   TENURE_PARSE_TOO_PRECISE);
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (tenure_parse_amount ("$1,234", TENURE_DECIMAL_COMMA, 2, &minor, &reason), ==,
                   TENURE_PARSE_TOO_PRECISE);
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (tenure_parse_amount ("12abc", TENURE_DECIMAL_POINT, 2, &minor, &reason), ==,
                   TENURE_PARSE_INVALID);
  g_assert_cmpstr (reason, ==, "“12abc” is not a number");
  g_assert_cmpint (tenure_parse_amount ("1O0", TENURE_DECIMAL_POINT, 2, &minor, NULL), ==, TENURE_PARSE_INVALID);
  g_assert_cmpint (tenure_parse_amount ("1.2.3,4,5", TENURE_DECIMAL_POINT, 2, &minor, NULL), ==, TENURE_PARSE_INVALID);
  g_assert_cmpint (tenure_parse_amount ("", TENURE_DECIMAL_POINT, 2, &minor, NULL), ==, TENURE_PARSE_EMPTY);
  g_assert_cmpint (tenure_parse_amount ("1.5", TENURE_DECIMAL_POINT, 0, &minor, NULL), ==, TENURE_PARSE_TOO_PRECISE);
  g_assert_cmpint (tenure_parse_amount ("99999999999999999999", TENURE_DECIMAL_POINT, 2, &minor, NULL), ==,
                   TENURE_PARSE_OVERFLOW);
}

static void
test_parse_decimal_scan (void)
{
  TenureDecimalScan scan = { 0 };

  tenure_decimal_scan_add (&scan, "1,234");
  g_assert_cmpint (tenure_decimal_scan_decide (&scan, ','), ==, TENURE_DECIMAL_POINT);
  g_assert_cmpint (tenure_decimal_scan_decide (&scan, '\t'), ==, TENURE_DECIMAL_POINT);
  g_assert_cmpint (tenure_decimal_scan_decide (&scan, ';'), ==, TENURE_DECIMAL_COMMA);
  tenure_decimal_scan_add (&scan, "1.234,50");
  g_assert_cmpint (tenure_decimal_scan_decide (&scan, ','), ==, TENURE_DECIMAL_COMMA);
}

static void
test_parse_rounding (void)
{
  g_assert_cmpint (tenure_div_round_half_even (25, 10), ==, 2);
  g_assert_cmpint (tenure_div_round_half_even (35, 10), ==, 4);
  g_assert_cmpint (tenure_div_round_half_even (34, 10), ==, 3);
  g_assert_cmpint (tenure_div_round_half_even (36, 10), ==, 4);
  g_assert_cmpint (tenure_div_round_half_even (-25, 10), ==, -2);
  /* ARR 1,000.00 → MRR 83.33; ARR 1,000.06 → 83.338… → 83.34 */
  g_assert_cmpint (tenure_div_round_half_even (100000, 12), ==, 8333);
  g_assert_cmpint (tenure_div_round_half_even (100006, 12), ==, 8334);
  g_assert_cmpint (tenure_div_round_half_even (6, 12), ==, 0);
  g_assert_cmpint (tenure_div_round_half_even (18, 12), ==, 2);
  g_assert_cmpint (tenure_currency_exponent ("JPY"), ==, 0);
  g_assert_cmpint (tenure_currency_exponent ("KWD"), ==, 3);
  g_assert_cmpint (tenure_currency_exponent ("EUR"), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parse/dates", test_parse_dates);
  g_test_add_func ("/parse/date-scan", test_parse_date_scan);
  g_test_add_func ("/parse/amounts", test_parse_amounts);
  g_test_add_func ("/parse/decimal-scan", test_parse_decimal_scan);
  g_test_add_func ("/parse/rounding", test_parse_rounding);
  return g_test_run ();
}
