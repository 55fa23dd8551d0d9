/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tenure-chart-format.h"

/* The separators of the current LC_NUMERIC locale. The C locale has no
 * thousands separator; an unseparated "1234567" reads badly on a board slide,
 * so a locale whose decimal point is "." and that names no separator gets the
 * English ",". */
typedef struct
{
  char decimal[8];
  char thousands[8];
  char grouping[8];
} Separators;

static void
get_separators (Separators *sep)
{
  const struct lconv *lc = localeconv ();

  g_strlcpy (sep->decimal, lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".",
             sizeof sep->decimal);
  g_strlcpy (sep->thousands, lc->thousands_sep ? lc->thousands_sep : "", sizeof sep->thousands);
  g_strlcpy (sep->grouping, lc->grouping ? lc->grouping : "", sizeof sep->grouping);

  if (sep->thousands[0] == '\0' && strcmp (sep->decimal, ".") == 0)
    {
      strcpy (sep->thousands, ",");
      strcpy (sep->grouping, "\3");
    }
  if (sep->grouping[0] == '\0' || sep->thousands[0] == '\0')
    strcpy (sep->grouping, "\3");
}

/* Inserts the locale's separators into digits (ASCII, no sign) and appends to
 * @out. @grouping follows localeconv(): each byte is a group size from the
 * right, the last one repeats, CHAR_MAX stops grouping. */
static void
append_grouped (GString          *out,
                const char       *digits,
                const Separators *sep)
{
  gsize len = strlen (digits);
  g_autofree gboolean *cut_before = g_new0 (gboolean, len + 1);
  gsize pos = len;
  guint gi = 0;
  int size = 3;

  while (TRUE)
    {
      if (sep->grouping[gi] != '\0')
        size = (unsigned char) sep->grouping[gi++];
      if (size <= 0 || size == CHAR_MAX || (gsize) size >= pos)
        break;
      pos -= size;
      cut_before[pos] = TRUE;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (cut_before[i] && i > 0)
        g_string_append (out, sep->thousands);
      g_string_append_c (out, digits[i]);
    }
}

static void
append_number (GString *out,
               double   value,
               int      decimals,
               gboolean strip_zeros)
{
  Separators sep;
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 64];
  char format[8];
  char *dot;
  char *frac = NULL;

  get_separators (&sep);
  decimals = CLAMP (decimals, 0, 9);

  /* g_ascii_formatd always writes "." whatever the locale: we swap in the
   * locale's own separators ourselves. */
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, fabs (value));
  dot = strchr (buf, '.');
  if (dot != NULL)
    {
      *dot = '\0';
      frac = dot + 1;
      if (strip_zeros)
        {
          gsize l = strlen (frac);

          while (l > 0 && frac[l - 1] == '0')
            frac[--l] = '\0';
        }
    }

  /* Negative zero and values that round to zero show no sign. */
  if (value < 0 && (strspn (buf, "0") != strlen (buf) || (frac && strspn (frac, "0") != strlen (frac))))
    g_string_append (out, TENURE_CHART_MINUS);

  append_grouped (out, buf, &sep);
  if (frac != NULL && *frac != '\0')
    {
      g_string_append (out, sep.decimal);
      g_string_append (out, frac);
    }
}

/**
 * tenure_chart_format_number:
 * @value: a number
 * @decimals: digits after the decimal point, 0–9
 *
 * Formats with the LC_NUMERIC decimal point and thousands separator of the
 * current locale and a typographic minus: "1,234.5" in C, "1.234,5" in
 * de_DE. NaN gives "—".
 *
 * Returns: (transfer full): the text
 */
char *
tenure_chart_format_number (double value,
                            int    decimals)
{
  GString *out;

  if (isnan (value))
    return g_strdup (TENURE_CHART_UNDEFINED);
  if (isinf (value))
    return g_strdup (value > 0 ? "\xe2\x88\x9e" : TENURE_CHART_MINUS "\xe2\x88\x9e");

  out = g_string_new (NULL);
  append_number (out, value, decimals, FALSE);
  return g_string_free (out, FALSE);
}

/* Appends the compact form of @value: at most three significant digits and a
 * suffix, trailing zeros dropped: 950, 1.2k, 12.3k, 123k, 4.5M, 1.2B. */
static void
append_compact (GString *out,
                double   value)
{
  static const char *suffixes[] = { "", "k", "M", "B", "T" };
  double a = fabs (value);
  guint unit = 0;
  double scaled = a;
  int decimals;

  while (unit + 1 < G_N_ELEMENTS (suffixes) && scaled >= 999.5)
    {
      scaled /= 1000.0;
      unit++;
    }

  if (unit == 0)
    decimals = a < 10 ? 2 : a < 100 ? 1 : 0;
  else
    decimals = scaled < 9.995 ? 2 : scaled < 99.95 ? 1 : 0;

  /* 999,600 must become "1M", not "1,000k". */
  if (unit > 0 && unit + 1 < G_N_ELEMENTS (suffixes) && round (scaled) >= 1000)
    {
      scaled /= 1000.0;
      unit++;
      decimals = 2;
    }

  append_number (out, value < 0 ? -scaled : scaled, decimals, TRUE);
  g_string_append (out, suffixes[unit]);
}

/**
 * tenure_chart_format_compact:
 * @value: a number
 *
 * The short form for axes and tiles: "950", "1.23k", "12.3k", "123k",
 * "4.5M", with the locale's decimal point ("12,3k" in de_DE).
 *
 * Returns: (transfer full): the text
 */
char *
tenure_chart_format_compact (double value)
{
  GString *out;

  if (isnan (value) || isinf (value))
    return tenure_chart_format_number (value, 0);

  out = g_string_new (NULL);
  append_compact (out, value);
  return g_string_free (out, FALSE);
}

static const struct
{
  const char *code;
  const char *symbol;
  int digits;
} currencies[] = {
  { "USD", "$", 2 },
  { "EUR", "\xe2\x82\xac", 2 },
  { "GBP", "\xc2\xa3", 2 },
  { "JPY", "\xc2\xa5", 0 },
  { "CNY", "CN\xc2\xa5", 2 },
  { "INR", "\xe2\x82\xb9", 2 },
  { "CAD", "CA$", 2 },
  { "AUD", "A$", 2 },
  { "NZD", "NZ$", 2 },
  { "KRW", "\xe2\x82\xa9", 0 },
  { "BRL", "R$", 2 },
  { "ISK", "ISK", 0 },
  { "CLP", "CLP", 0 },
  { "KWD", "KWD", 3 },
  { "BHD", "BHD", 3 },
};

/**
 * tenure_chart_currency_digits:
 * @currency: (nullable): ISO 4217 code
 *
 * Returns: how many minor-unit digits the currency has (2 unless known
 *   otherwise: JPY 0, KWD 3)
 */
int
tenure_chart_currency_digits (const char *currency)
{
  for (guint i = 0; currency && i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currency, currencies[i].code) == 0)
      return currencies[i].digits;
  return 2;
}

/**
 * tenure_chart_currency_symbol:
 * @currency: (nullable): ISO 4217 code
 *
 * Returns: (transfer none): the symbol for well-known currencies, else the
 *   code itself ("" for %NULL)
 */
const char *
tenure_chart_currency_symbol (const char *currency)
{
  for (guint i = 0; currency && i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currency, currencies[i].code) == 0)
      return currencies[i].symbol;
  return currency ? currency : "";
}

/**
 * tenure_chart_format_money_value:
 * @minor_units: an amount in minor units (cents); may be fractional (averages)
 * @currency: (nullable): ISO 4217 code; %NULL formats a bare number
 * @style: how much precision to show
 *
 * The symbol goes where the LC_MONETARY locale puts its own ("$1,234.56" in
 * C and en_US, "1.234,56 €" in de_DE). A letter code always gets a space.
 *
 * Returns: (transfer full): the text
 */
char *
tenure_chart_format_money_value (double                minor_units,
                                 const char           *currency,
                                 TenureChartMoneyStyle style)
{
  const struct lconv *lc = localeconv ();
  const char *symbol = tenure_chart_currency_symbol (currency);
  int digits = tenure_chart_currency_digits (currency);
  double major = minor_units / pow (10, digits);
  gboolean precedes = lc->p_cs_precedes != 0; /* CHAR_MAX (C locale) too */
  gboolean space = lc->p_sep_by_space == 1;
  g_autoptr(GString) number = g_string_new (NULL);
  GString *out;

  if (isnan (minor_units))
    return g_strdup (TENURE_CHART_UNDEFINED);

  if (lc->p_sep_by_space == CHAR_MAX)
    space = FALSE;
  if (g_ascii_isalpha (symbol[0]) && symbol[strlen (symbol) - 1] != '$' && strlen (symbol) > 1)
    space = TRUE;

  switch (style)
    {
    case TENURE_CHART_MONEY_FULL:
      append_number (number, fabs (major), digits, FALSE);
      break;
    case TENURE_CHART_MONEY_WHOLE:
      append_number (number, fabs (major), 0, FALSE);
      break;
    case TENURE_CHART_MONEY_COMPACT:
    default:
      append_compact (number, fabs (major));
      break;
    }

  out = g_string_new (NULL);
  if (major < 0 && strcmp (number->str, "0") != 0)
    g_string_append (out, TENURE_CHART_MINUS);
  if (*symbol == '\0')
    g_string_append (out, number->str);
  else if (precedes)
    g_string_append_printf (out, "%s%s%s", symbol, space ? "\xc2\xa0" : "", number->str);
  else
    g_string_append_printf (out, "%s%s%s", number->str, space ? "\xc2\xa0" : "", symbol);

  return g_string_free (out, FALSE);
}

/**
 * tenure_chart_format_money:
 * @minor_units: an amount in minor units (cents)
 * @currency: (nullable): ISO 4217 code
 * @style: how much precision to show
 *
 * See tenure_chart_format_money_value().
 *
 * Returns: (transfer full): the text
 */
char *
tenure_chart_format_money (gint64                minor_units,
                           const char           *currency,
                           TenureChartMoneyStyle style)
{
  return tenure_chart_format_money_value ((double) minor_units, currency, style);
}

/**
 * tenure_chart_format_percent:
 * @fraction: a share (0.25 is 25 %)
 * @decimals: digits after the decimal point
 *
 * Returns: (transfer full): "25%", "12.5%" ("12,5 %" style separators come
 *   from the locale's decimal point only; the sign is always attached), or
 *   "—" for NaN
 */
char *
tenure_chart_format_percent (double fraction,
                             int    decimals)
{
  GString *out;

  if (isnan (fraction))
    return g_strdup (TENURE_CHART_UNDEFINED);

  out = g_string_new (NULL);
  append_number (out, fraction * 100.0, decimals, FALSE);
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/**
 * tenure_chart_format_ratio:
 * @value: a ratio; NaN when undefined, +∞ when the numerator is positive over
 *   a zero denominator
 * @decimals: digits after the decimal point
 *
 * Returns: (transfer full): "4.2×", "—" or "∞"
 */
char *
tenure_chart_format_ratio (double value,
                           int    decimals)
{
  GString *out;

  if (isnan (value))
    return g_strdup (TENURE_CHART_UNDEFINED);
  if (isinf (value))
    return g_strdup ("\xe2\x88\x9e");

  out = g_string_new (NULL);
  append_number (out, value, decimals, FALSE);
  g_string_append (out, "\xc3\x97");
  return g_string_free (out, FALSE);
}

/**
 * tenure_chart_format_month:
 * @month: a month number
 *
 * Returns: (transfer full): "Jan 2024", with the LC_TIME locale's
 *   abbreviated month name
 */
char *
tenure_chart_format_month (TenureMonth month)
{
  static const nl_item abmon[12] = {
    ABMON_1, ABMON_2, ABMON_3, ABMON_4, ABMON_5, ABMON_6,
    ABMON_7, ABMON_8, ABMON_9, ABMON_10, ABMON_11, ABMON_12,
  };
  const char *name = nl_langinfo (abmon[tenure_month_month (month) - 1]);
  g_autofree char *utf8 = NULL;

  /* Month names come in the locale's charset; Pango needs UTF-8. */
  if (!g_utf8_validate (name, -1, NULL))
    name = utf8 = g_locale_to_utf8 (name, -1, NULL, NULL, NULL);
  if (name == NULL)
    name = "?";

  return g_strdup_printf ("%s %d", name, tenure_month_year (month));
}

/**
 * tenure_chart_format_quarter:
 * @fiscal_year: the year the quarter's (fiscal) year is named by
 * @quarter: 1–4
 * @fiscal: %TRUE when the fiscal year does not start in January
 *
 * Returns: (transfer full): "2024-Q1", or "FY2025-Q1" for a shifted fiscal year
 */
char *
tenure_chart_format_quarter (int      fiscal_year,
                             int      quarter,
                             gboolean fiscal)
{
  return g_strdup_printf ("%s%d-Q%d", fiscal ? "FY" : "", fiscal_year, quarter);
}

/**
 * tenure_chart_format_year:
 * @fiscal_year: the year
 * @fiscal: %TRUE when the fiscal year does not start in January
 *
 * Returns: (transfer full): "2024" or "FY2025"
 */
char *
tenure_chart_format_year (int      fiscal_year,
                          gboolean fiscal)
{
  return g_strdup_printf ("%s%d", fiscal ? "FY" : "", fiscal_year);
}
