/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "tenure-charts.h"

#define MINUS TENURE_CHART_MINUS
#define NBSP "\xc2\xa0"

static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_test_skip_printf ("locale %s is not installed", name);
      return FALSE;
    }
  return TRUE;
}

static void
test_format_number_c (void)
{
  static const struct { double v; int decimals; const char *expected; } cases[] = {
    { 0, 0, "0" },
    { -0.0, 0, "0" },
    { -0.004, 2, "0.00" },
    { 7, 0, "7" },
    { 999, 0, "999" },
    { 1000, 0, "1,000" },
    { 1234567.891, 2, "1,234,567.89" },
    { -1234.5, 1, MINUS "1,234.5" },
    { 1e15, 0, "1,000,000,000,000,000" },
    { 0.5, 3, "0.500" },
    { NAN, 0, TENURE_CHART_UNDEFINED },
    { INFINITY, 0, "\xe2\x88\x9e" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tenure_chart_format_number (cases[i].v, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_compact (void)
{
  static const struct { double v; const char *c; const char *de; } cases[] = {
    { 0, "0", "0" },
    { 7, "7", "7" },
    { 2.5, "2.5", "2,5" },
    { 950, "950", "950" },
    { 999.4, "999", "999" },
    { 1000, "1k", "1k" },
    { 1234, "1.23k", "1,23k" },
    { 12345, "12.3k", "12,3k" },
    { 123456, "123k", "123k" },
    { 999600, "1M", "1M" },
    { 4500000, "4.5M", "4,5M" },
    { 1.2e9, "1.2B", "1,2B" },
    { 3.4e12, "3.4T", "3,4T" },
    { 1e15, "1,000T", "1.000T" },
    { -12345, MINUS "12.3k", MINUS "12,3k" },
    { -0.001, "0", "0" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tenure_chart_format_compact (cases[i].v);

      g_assert_cmpstr (text, ==, cases[i].c);
    }
  if (!use_locale ("de_DE.UTF-8"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tenure_chart_format_compact (cases[i].v);

      g_assert_cmpstr (text, ==, cases[i].de);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_format_money (void)
{
  static const struct { gint64 minor; const char *cur; TenureChartMoneyStyle style; const char *c; const char *de; } cases[] = {
    { 123456, "USD", TENURE_CHART_MONEY_FULL, "$1,234.56", "1.234,56" NBSP "$" },
    { 123456, "USD", TENURE_CHART_MONEY_WHOLE, "$1,235", "1.235" NBSP "$" },
    { 123456, "USD", TENURE_CHART_MONEY_COMPACT, "$1.23k", "1,23k" NBSP "$" },
    { 123456, "EUR", TENURE_CHART_MONEY_FULL, "\xe2\x82\xac" "1,234.56", "1.234,56" NBSP "\xe2\x82\xac" },
    { -50000, "USD", TENURE_CHART_MONEY_COMPACT, MINUS "$500", MINUS "500" NBSP "$" },
    { 0, "USD", TENURE_CHART_MONEY_FULL, "$0.00", "0,00" NBSP "$" },
    { 1234, "JPY", TENURE_CHART_MONEY_FULL, "\xc2\xa5" "1,234", "1.234" NBSP "\xc2\xa5" },
    { 1234567, "KWD", TENURE_CHART_MONEY_FULL, "KWD" NBSP "1,234.567", "1.234,567" NBSP "KWD" },
    { 450000000000, "USD", TENURE_CHART_MONEY_COMPACT, "$4.5B", "4,5B" NBSP "$" },
    { 100, NULL, TENURE_CHART_MONEY_FULL, "1.00", "1,00" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tenure_chart_format_money (cases[i].minor, cases[i].cur, cases[i].style);

      g_assert_cmpstr (text, ==, cases[i].c);
    }
  g_assert_cmpint (tenure_chart_currency_digits ("JPY"), ==, 0);
  g_assert_cmpint (tenure_chart_currency_digits ("usd"), ==, 2);
  g_assert_cmpint (tenure_chart_currency_digits ("XYZ"), ==, 2);
  g_assert_cmpstr (tenure_chart_currency_symbol ("SEK"), ==, "SEK");
  {
    g_autofree char *avg = tenure_chart_format_money_value (1234.4, "USD", TENURE_CHART_MONEY_FULL);
    g_autofree char *nan = tenure_chart_format_money_value (NAN, "USD", TENURE_CHART_MONEY_FULL);

    g_assert_cmpstr (avg, ==, "$12.34");
    g_assert_cmpstr (nan, ==, TENURE_CHART_UNDEFINED);
  }

  if (!use_locale ("de_DE.UTF-8"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tenure_chart_format_money (cases[i].minor, cases[i].cur, cases[i].style);

      g_assert_cmpstr (text, ==, cases[i].de);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_format_percent_ratio (void)
{
  struct { char *text; const char *expected; } cases[] = {
    { tenure_chart_format_percent (0.25, 0), "25%" },
    { tenure_chart_format_percent (0.125, 1), "12.5%" },
    { tenure_chart_format_percent (1.5, 0), "150%" },
    { tenure_chart_format_percent (-0.031, 0), MINUS "3%" },
    { tenure_chart_format_percent (0, 0), "0%" },
    { tenure_chart_format_percent (NAN, 0), TENURE_CHART_UNDEFINED },
    { tenure_chart_format_ratio (4.26, 1), "4.3\xc3\x97" },
    { tenure_chart_format_ratio (0, 0), "0\xc3\x97" },
    { tenure_chart_format_ratio (NAN, 1), TENURE_CHART_UNDEFINED },
    { tenure_chart_format_ratio (INFINITY, 1), "\xe2\x88\x9e" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].text, ==, cases[i].expected);
      g_free (cases[i].text);
    }
  if (use_locale ("de_DE.UTF-8"))
    {
      g_autofree char *p = tenure_chart_format_percent (0.125, 1);
      g_autofree char *r = tenure_chart_format_ratio (4.26, 1);

      g_assert_cmpstr (p, ==, "12,5%");
      g_assert_cmpstr (r, ==, "4,3\xc3\x97");
      setlocale (LC_ALL, "C.UTF-8");
    }
}

static void
test_format_periods (void)
{
  g_autofree char *jan = NULL;
  g_autofree char *q = tenure_chart_format_quarter (2024, 1, FALSE);
  g_autofree char *fq = tenure_chart_format_quarter (2025, 1, TRUE);
  g_autofree char *y = tenure_chart_format_year (2024, FALSE);
  g_autofree char *fy = tenure_chart_format_year (2025, TRUE);

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  jan = tenure_chart_format_month (tenure_month_from_ym (2024, 1));
  g_assert_cmpstr (jan, ==, "Jan 2024");
  g_assert_cmpstr (q, ==, "2024-Q1");
  g_assert_cmpstr (fq, ==, "FY2025-Q1");
  g_assert_cmpstr (y, ==, "2024");
  g_assert_cmpstr (fy, ==, "FY2025");
  if (use_locale ("de_DE.UTF-8"))
    {
      g_autofree char *mar = tenure_chart_format_month (tenure_month_from_ym (2024, 3));

      g_assert_cmpstr (mar, ==, "M\xc3\xa4r 2024");
      setlocale (LC_ALL, "C.UTF-8");
    }
}

static void
test_ticks_table (void)
{
  static const struct {
    TenureChartValueKind kind;
    double lo, hi;
    guint max_ticks;
    double min, max, step;
    guint n;
  } cases[] = {
    { TENURE_CHART_VALUE_COUNT, 0, 7, 10, 0, 7, 1, 8 },
    { TENURE_CHART_VALUE_COUNT, 0, 3, 10, 0, 3, 1, 4 },        /* never half accounts */
    { TENURE_CHART_VALUE_COUNT, 0, 0, 5, 0, 1, 1, 2 },         /* all zero: still an axis */
    { TENURE_CHART_VALUE_COUNT, 0, 437, 10, 0, 450, 50, 10 },
    { TENURE_CHART_VALUE_NUMBER, 0, 1, 6, 0, 1, 0.2, 6 },
    { TENURE_CHART_VALUE_NUMBER, -12, 30, 10, -15, 30, 5, 10 },
    { TENURE_CHART_VALUE_NUMBER, -50, -10, 6, -50, -10, 10, 5 },
    { TENURE_CHART_VALUE_NUMBER, 0, 3e12, 5, 0, 3e12, 1e12, 4 },
    { TENURE_CHART_VALUE_NUMBER, 30, 1, 6, 0, 30, 10, 4 },      /* swapped bounds */
    { TENURE_CHART_VALUE_NUMBER, 5, 5, 6, 0, 5, 1, 6 },         /* one value */
    { TENURE_CHART_VALUE_NUMBER, NAN, INFINITY, 6, 0, 1, 0.2, 6 },
    { TENURE_CHART_VALUE_MONEY, 0, 1234567, 6, 0, 1250000, 250000, 6 },
    { TENURE_CHART_VALUE_MONEY, 0, 0, 6, 0, 100, 20, 6 },
    { TENURE_CHART_VALUE_MONEY, -1215000, 2800000, 10, -1500000, 3000000, 500000, 10 },
    { TENURE_CHART_VALUE_PERCENT, 0, 0.87, 6, 0, 1, 0.2, 6 },
    { TENURE_CHART_VALUE_PERCENT, 0, 0.07, 4, 0, 0.075, 0.025, 4 },
    { TENURE_CHART_VALUE_RATIO, 0, 5, 8, 0, 5, 1, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TenureChartTicks t;

      tenure_chart_ticks_compute (&t, cases[i].kind, cases[i].lo, cases[i].hi, cases[i].max_ticks);
      g_test_message ("case %u: %g..%g step %g n %u", i, t.min, t.max, t.step, t.n_ticks);
      g_assert_cmpfloat_with_epsilon (t.min, cases[i].min, fabs (cases[i].step) * 1e-9);
      g_assert_cmpfloat_with_epsilon (t.max, cases[i].max, fabs (cases[i].step) * 1e-9);
      g_assert_cmpfloat_with_epsilon (t.step, cases[i].step, fabs (cases[i].step) * 1e-9);
      g_assert_cmpuint (t.n_ticks, ==, cases[i].n);
      g_assert_cmpuint (t.n_ticks, <=, cases[i].max_ticks);
      g_assert_cmpfloat (t.ticks[0], ==, t.min);
      g_assert_cmpfloat_with_epsilon (t.ticks[t.n_ticks - 1], t.max, t.step * 1e-9);
      /* The data is inside the axis. */
      if (isfinite (cases[i].lo) && isfinite (cases[i].hi))
        {
          g_assert_cmpfloat (t.min, <=, MIN (cases[i].lo, cases[i].hi));
          g_assert_cmpfloat (t.max, >=, MAX (cases[i].lo, cases[i].hi));
        }
    }
}

static void
test_ticks_exact_values (void)
{
  TenureChartTicks t;

  /* Binary noise must not leak into labels: 0.1 × 3 is 0.30000000000000004. */
  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_NUMBER, 0, 0.3, 4);
  g_assert_cmpuint (t.n_ticks, ==, 4);
  g_assert_cmpfloat (t.ticks[3], ==, 0.3);
  g_assert_cmpfloat (t.ticks[0], ==, 0);
  g_assert_false (signbit (t.ticks[0]));
  g_assert_cmpfloat (tenure_chart_ticks_position (&t, 0.15, 100, 0), ==, 50);
}

static void
test_ticks_format (void)
{
  TenureChartTicks t;
  g_autofree char *m0 = NULL, *m1 = NULL, *m2 = NULL, *p1 = NULL, *p2 = NULL, *r = NULL, *c = NULL, *s = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_MONEY, 0, 1234567, 6);
  m0 = tenure_chart_ticks_format (&t, t.ticks[0], "USD");
  m1 = tenure_chart_ticks_format (&t, t.ticks[1], "USD");
  m2 = tenure_chart_ticks_format (&t, t.ticks[5], "USD");
  g_assert_cmpstr (m0, ==, "$0");
  g_assert_cmpstr (m1, ==, "$2.5k");
  g_assert_cmpstr (m2, ==, "$12.5k");

  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_MONEY, 0, 5000, 6);
  s = tenure_chart_ticks_format (&t, t.ticks[1], "USD");
  g_assert_cmpstr (s, ==, "$10");

  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_PERCENT, 0, 0.87, 6);
  p1 = tenure_chart_ticks_format (&t, t.ticks[1], NULL);
  g_assert_cmpstr (p1, ==, "20%");
  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_PERCENT, 0, 0.07, 4);
  p2 = tenure_chart_ticks_format (&t, t.ticks[1], NULL);
  g_assert_cmpstr (p2, ==, "2.5%");

  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_RATIO, 0, 5, 8);
  r = tenure_chart_ticks_format (&t, t.ticks[4], NULL);
  g_assert_cmpstr (r, ==, "4\xc3\x97");

  tenure_chart_ticks_compute (&t, TENURE_CHART_VALUE_COUNT, 0, 120000, 6);
  c = tenure_chart_ticks_format (&t, t.ticks[1], NULL);
  g_assert_cmpstr (c, ==, "25k");
}

static void
test_period_stride (void)
{
  static const struct { guint n; double slot, label; guint stride; } cases[] = {
    { 60, 30, 70, 3 },
    { 60, 80, 70, 1 },
    { 60, 20, 70, 4 },
    { 60, 12, 70, 6 },
    { 60, 5, 70, 24 },
    { 60, 0.5, 70, 140 },
    { 3, 0, 70, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (tenure_chart_period_stride (cases[i].n, cases[i].slot, cases[i].label), ==, cases[i].stride);

  /* The latest period keeps its label whatever the stride. */
  g_assert_true (tenure_chart_period_labelled (59, 60, 3));
  g_assert_true (tenure_chart_period_labelled (56, 60, 3));
  g_assert_false (tenure_chart_period_labelled (57, 60, 3));
  g_assert_false (tenure_chart_period_labelled (60, 60, 1));
  g_assert_true (tenure_chart_period_labelled (0, 1, 12));
}

static void
test_theme (void)
{
  const TenureChartTheme *light = tenure_chart_theme_get_default (FALSE);
  const TenureChartTheme *dark = tenure_chart_theme_get_default (TRUE);
  g_autoptr(TenureChartTheme) copy = tenure_chart_theme_copy (light);
  TenureChartRgba a, b;

  g_assert_false (light->dark);
  g_assert_true (dark->dark);
  g_assert_cmpfloat (tenure_chart_rgba_luminance (&light->background), >, 0.9);
  g_assert_cmpfloat (tenure_chart_rgba_luminance (&dark->background), <, 0.05);
  /* Text contrast (WCAG) at least 4.5:1 against the background. */
  g_assert_cmpfloat ((tenure_chart_rgba_luminance (&light->background) + 0.05) /
                     (tenure_chart_rgba_luminance (&light->foreground) + 0.05), >=, 4.5);
  g_assert_cmpfloat ((tenure_chart_rgba_luminance (&dark->foreground) + 0.05) /
                     (tenure_chart_rgba_luminance (&dark->background) + 0.05), >=, 4.5);
  /* The heat scale gets darker (light theme) as the value rises. */
  tenure_chart_theme_heat (light, 0, &a);
  tenure_chart_theme_heat (light, 1, &b);
  g_assert_cmpfloat (tenure_chart_rgba_luminance (&a), >, tenure_chart_rgba_luminance (&b) + 0.5);
  g_assert_true (tenure_chart_theme_text_on (light, &b)->red > 0.9);
  g_assert_true (tenure_chart_theme_text_on (light, &a)->red < 0.2);
  /* Palette repeats, copies are independent. */
  tenure_chart_theme_series (light, TENURE_CHART_N_SERIES, &a);
  g_assert_cmpmem (&a, sizeof a, &light->series[0], sizeof a);
  copy->series[0].red = 0.5;
  g_assert_cmpfloat (light->series[0].red, !=, 0.5);
}

static void
test_ticks_two_across_zero (void)
{
  TenureChartTicks ticks;

  /* Two ticks asked for on a range across zero: three are needed (−5, 0,
   * 5), and the step must stay finite. */
  tenure_chart_ticks_compute (&ticks, TENURE_CHART_VALUE_COUNT, -4, 5, 2);
  g_assert_true (isfinite (ticks.step));
  g_assert_cmpfloat (ticks.min, <=, -4);
  g_assert_cmpfloat (ticks.max, >=, 5);
  g_assert_cmpuint (ticks.n_ticks, ==, 3);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-format/number", test_format_number_c);
  g_test_add_func ("/chart-format/compact", test_format_compact);
  g_test_add_func ("/chart-format/money", test_format_money);
  g_test_add_func ("/chart-format/percent-ratio", test_format_percent_ratio);
  g_test_add_func ("/chart-format/periods", test_format_periods);
  g_test_add_func ("/chart-axis/ticks", test_ticks_table);
  g_test_add_func ("/chart-axis/exact-values", test_ticks_exact_values);
  g_test_add_func ("/chart-axis/format", test_ticks_format);
  g_test_add_func ("/chart-axis/period-stride", test_period_stride);
  g_test_add_func ("/chart-theme/contrast", test_theme);

  g_test_add_func ("/chart-format/ticks-two-across-zero", test_ticks_two_across_zero);
  return g_test_run ();
}
