/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-parse"

#include "config.h"

#include <string.h>

#include "tenure-parse.h"

/* Dates and amounts as CRMs, billing systems and spreadsheets write them.
 * Money never goes through a double: the digits are read as text into
 * integer minor units, so 0.1 + 0.2 stays 30 cents. */

static const char *const month_names[12] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

/* Skips spaces, tabs and the no-break spaces spreadsheets put in numbers. */
static const char *
skip_space (const char *s)
{
  for (;;)
    {
      if (*s == ' ' || *s == '\t')
        s++;
      else if ((guchar) s[0] == 0xC2 && (guchar) s[1] == 0xA0)
        s += 2;
      else if ((guchar) s[0] == 0xE2 && (guchar) s[1] == 0x80 && (guchar) s[2] == 0xAF)
        s += 3;
      else
        return s;
    }
}

static char *
trimmed (const char *text)
{
  const char *start = skip_space (text);
  const char *end = start + strlen (start);

  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    end--;
  /* A trailing no-break space. */
  while (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
    end -= 2;
  return g_strndup (start, end - start);
}

static int
read_digits (const char **s,
             int          max,
             int         *value)
{
  int n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit (**s))
    {
      *value = *value * 10 + (**s - '0');
      (*s)++;
      n++;
    }
  return n;
}

static int
read_month_name (const char **s)
{
  char word[16];
  int n = 0;

  while (g_ascii_isalpha ((*s)[n]) && n < 15)
    {
      word[n] = g_ascii_tolower ((*s)[n]);
      n++;
    }
  word[n] = '\0';
  if (n < 3 || g_ascii_isalpha ((*s)[n]))
    return 0;
  if (n == 4 && g_str_equal (word, "sept"))
    {
      *s += n;
      return 9;
    }
  for (int m = 0; m < 12; m++)
    {
      if ((n == 3 && strncmp (month_names[m], word, 3) == 0) || g_str_equal (month_names[m], word))
        {
          /* "Mar." */
          *s += n;
          if (**s == '.')
            (*s)++;
          return m + 1;
        }
    }
  return 0;
}

/* What may follow a date: nothing, or a time of day (its date is kept). */
static gboolean
only_time_follows (const char *s)
{
  if (*s == '\0')
    return TRUE;
  if (*s != 'T' && *s != ' ')
    return FALSE;
  s++;
  s = skip_space (s);
  if (!g_ascii_isdigit (*s))
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s) && !strchr (":.,+-Z APMapm", *s))
      return FALSE;
  return TRUE;
}

typedef enum
{
  FORM_NONE,
  FORM_YMD,
  FORM_DMY,         /* 01.03.2024: dots mean day first everywhere they are used */
  FORM_EITHER,      /* 01/03/2024 or 01-03-2024 */
} Form;

/* Splits @s into three numbers and says which orders it could be in. */
static Form
lex_numeric (const char *s,
             int         parts[3])
{
  const char *p = s;
  int n0, n1, n2;
  char sep;

  n0 = read_digits (&p, 8, &parts[0]);
  if (n0 == 8 && only_time_follows (p))
    {
      /* 20240301 */
      int v = parts[0];

      parts[0] = v / 10000;
      parts[1] = v / 100 % 100;
      parts[2] = v % 100;
      return FORM_YMD;
    }
  if (n0 == 0 || n0 > 4 || n0 == 3)
    return FORM_NONE;
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FORM_NONE;
  p++;
  n1 = read_digits (&p, 3, &parts[1]);
  if (n1 == 0 || n1 > 2 || *p != sep)
    return FORM_NONE;
  p++;
  n2 = read_digits (&p, 5, &parts[2]);
  if (n0 == 4)
    {
      if (n2 == 0 || n2 > 2 || !only_time_follows (p))
        return FORM_NONE;
      return FORM_YMD;
    }
  if (n2 != 4)
    return FORM_NONE;
  if (*p == '.' && p[1] == '\0')
    p++;
  if (!only_time_follows (p))
    return FORM_NONE;
  return sep == '.' ? FORM_DMY : FORM_EITHER;
}

/**
 * tenure_date_scan_add:
 * @scan: the column's scan
 * @text: a cell of the column
 * @row: its row, remembered for the first ambiguous date
 *
 * Counts what @text says about the column's date order, if anything.
 */
void
tenure_date_scan_add (TenureDateScan *scan,
                      const char     *text,
                      guint64         row)
{
  int parts[3];
  g_autofree char *t = NULL;

  g_return_if_fail (scan != NULL && text != NULL);

  t = trimmed (text);
  if (lex_numeric (t, parts) != FORM_EITHER)
    return;
  if (parts[0] > 12 && parts[1] <= 12)
    scan->day_first++;
  else if (parts[1] > 12 && parts[0] <= 12)
    scan->month_first++;
  else if (parts[0] != parts[1] && parts[0] >= 1 && parts[1] >= 1)
    {
      if (scan->ambiguous++ == 0)
        scan->first_ambiguous_row = row;
    }
}

/**
 * tenure_date_scan_decide:
 * @scan: what the first pass saw in a column
 * @undecidable: (out): set when the column holds dates such as 01/03/2024
 *   and nothing in it says which comes first
 *
 * A column with 25/03/2024 is day-first, one with 03/25/2024 month-first;
 * when it has both, the majority decides and the other rows are rejected.
 *
 * Returns: the order, or %TENURE_DATE_ORDER_UNKNOWN
 */
TenureDateOrder
tenure_date_scan_decide (const TenureDateScan *scan,
                         gboolean             *undecidable)
{
  *undecidable = FALSE;
  if (scan->day_first > 0 || scan->month_first > 0)
    return scan->day_first >= scan->month_first ? TENURE_DATE_ORDER_DMY : TENURE_DATE_ORDER_MDY;
  *undecidable = scan->ambiguous > 0;
  return TENURE_DATE_ORDER_UNKNOWN;
}

/**
 * tenure_date_order_to_string:
 * @order: a date order
 *
 * Returns: "dmy", "mdy" or "unknown", as `--date-order` spells them
 */
const char *
tenure_date_order_to_string (TenureDateOrder order)
{
  switch (order)
    {
    case TENURE_DATE_ORDER_DMY: return "dmy";
    case TENURE_DATE_ORDER_MDY: return "mdy";
    default: return "unknown";
    }
}

/**
 * tenure_date_order_from_string:
 * @text: "dmy" or "mdy"
 * @order: (out): the order
 *
 * Returns: %FALSE when @text is neither
 */
gboolean
tenure_date_order_from_string (const char      *text,
                               TenureDateOrder *order)
{
  if (g_strcmp0 (text, "dmy") == 0)
    *order = TENURE_DATE_ORDER_DMY;
  else if (g_strcmp0 (text, "mdy") == 0)
    *order = TENURE_DATE_ORDER_MDY;
  else
    return FALSE;
  return TRUE;
}

static TenureParseResult
make_day (int         y,
          int         m,
          int         d,
          const char *text,
          TenureDay  *out,
          char      **reason)
{
  if (y < 1900 || y > 2199)
    {
      if (reason)
        *reason = g_strdup_printf ("“%s” has the year %d, outside 1900–2199", text, y);
      return TENURE_PARSE_IMPOSSIBLE;
    }
  if (m < 1 || m > 12)
    {
      if (reason)
        *reason = g_strdup_printf ("“%s” is not a date: there is no month %d", text, m);
      return TENURE_PARSE_IMPOSSIBLE;
    }
  if (!tenure_day_valid_ymd (y, m, d))
    {
      if (reason)
        *reason = g_strdup_printf ("“%s” is not a date: %c%s %d has %d days", text,
                                   g_ascii_toupper (month_names[m - 1][0]), month_names[m - 1] + 1,
                                   y, tenure_days_in_month (y, m));
      return TENURE_PARSE_IMPOSSIBLE;
    }
  *out = tenure_day_from_ymd (y, m, d);
  return TENURE_PARSE_OK;
}

/**
 * tenure_parse_date:
 * @text: a cell
 * @order: how to read 01/03/2024
 * @out: (out): the day
 * @reason: (out) (optional) (transfer full): why @text is not a date
 *
 * Reads the date forms of IMPORT.md: 2024-03-01, 2024/03/01, 20240301,
 * 01.03.2024, 01/03/2024 (by @order), 1 Mar 2024, Mar 1, 2024, and ISO
 * date-times (the date is kept).
 *
 * Returns: %TENURE_PARSE_OK, or why not
 */
TenureParseResult
tenure_parse_date (const char       *text,
                   TenureDateOrder   order,
                   TenureDay        *out,
                   char            **reason)
{
  g_autofree char *t = NULL;
  int parts[3];
  const char *p;
  int d, m, y;
  Form form;

  g_return_val_if_fail (text != NULL && out != NULL, TENURE_PARSE_INVALID);

  t = trimmed (text);
  if (*t == '\0')
    return TENURE_PARSE_EMPTY;

  form = lex_numeric (t, parts);
  switch (form)
    {
    case FORM_YMD:
      return make_day (parts[0], parts[1], parts[2], t, out, reason);
    case FORM_DMY:
      return make_day (parts[2], parts[1], parts[0], t, out, reason);
    case FORM_EITHER:
      if (parts[0] == parts[1] || parts[0] > 12 || parts[1] > 12)
        {
          /* Self-evident, unless the column's order says otherwise. */
          if (order == TENURE_DATE_ORDER_MDY
              || (order == TENURE_DATE_ORDER_UNKNOWN && parts[1] > 12))
            return make_day (parts[2], parts[0], parts[1], t, out, reason);
          return make_day (parts[2], parts[1], parts[0], t, out, reason);
        }
      if (order == TENURE_DATE_ORDER_UNKNOWN)
        {
          if (reason)
            *reason = g_strdup_printf ("“%s” could be day/month or month/day; "
                                       "give the date order (--date-order dmy or mdy)", t);
          return TENURE_PARSE_AMBIGUOUS;
        }
      if (order == TENURE_DATE_ORDER_MDY)
        return make_day (parts[2], parts[0], parts[1], t, out, reason);
      return make_day (parts[2], parts[1], parts[0], t, out, reason);
    case FORM_NONE:
    default:
      break;
    }

  /* 1 Mar 2024, 01-Mar-2024, 1 March 2024 */
  p = t;
  if (read_digits (&p, 3, &d) > 0 && d > 0)
    {
      if (*p == ' ' || *p == '-' || *p == '.')
        p++;
      if ((m = read_month_name (&p)) > 0)
        {
          if (*p == ' ' || *p == '-' || *p == ',')
            p++;
          p = skip_space (p);
          if (read_digits (&p, 5, &y) == 4 && only_time_follows (p))
            return make_day (y, m, d, t, out, reason);
        }
    }
  /* Mar 1, 2024; March 1 2024 */
  p = t;
  if ((m = read_month_name (&p)) > 0)
    {
      p = skip_space (p);
      if (read_digits (&p, 3, &d) > 0)
        {
          if (*p == ',')
            p++;
          p = skip_space (p);
          if (read_digits (&p, 5, &y) == 4 && only_time_follows (p))
            return make_day (y, m, d, t, out, reason);
        }
    }

  if (reason)
    *reason = g_strdup_printf ("“%s” is not a date; write it as 2024-03-01, 01.03.2024, "
                               "03/01/2024 or 1 Mar 2024", t);
  return TENURE_PARSE_INVALID;
}

/* ---- amounts ---- */

typedef struct
{
  gboolean negative;
  char     digits[64];     /* digits and at most the two marks . and , */
  guint    n;
  gboolean grouping_space; /* a space or apostrophe between digits */
} Lexed;

static gboolean
is_currency_symbol (const char *s,
                    gsize      *len)
{
  static const char *const symbols[]
    = { "US$", "$", "€", "£", "¥", "₹", "₩", "₽", "₺", "R$", "kr", "zł", "Fr.", NULL };

  /* Digits, marks and spaces are the common case and start no symbol. */
  if (g_ascii_isdigit (s[0]) || s[0] == '.' || s[0] == ',' || s[0] == ' ')
    return FALSE;
  for (guint i = 0; symbols[i]; i++)
    {
      gsize l = strlen (symbols[i]);

      if (strncmp (s, symbols[i], l) == 0)
        {
          *len = l;
          return TRUE;
        }
    }
  /* An ISO 4217 code: three capitals not followed by another letter. */
  if (g_ascii_isupper (s[0]) && g_ascii_isupper (s[1]) && g_ascii_isupper (s[2]) &&
      !g_ascii_isalpha (s[3]))
    {
      *len = 3;
      return TRUE;
    }
  return FALSE;
}

/* Strips signs, parentheses, currency symbols and grouping spaces; leaves
 * digits and the marks . and , in @lexed. */
static gboolean
lex_amount (const char *text,
            Lexed      *lexed)
{
  const char *p = skip_space (text);
  gboolean paren = FALSE, symbol = FALSE, seen_digit = FALSE, minus = FALSE;
  gsize len;

  memset (lexed, 0, sizeof *lexed);

  /* Before the number: (, -, +, a currency, in any order. */
  for (;;)
    {
      if (*p == '(' && !paren && !seen_digit)
        paren = TRUE, p++;
      else if ((*p == '-' || *p == '+') && !minus)
        minus = *p == '-', lexed->negative |= *p == '-', p++;
      else if (strncmp (p, "−", 3) == 0 && !minus)
        minus = lexed->negative = TRUE, p += 3;
      else if (!symbol && is_currency_symbol (p, &len))
        symbol = TRUE, p += len;
      else
        break;
      p = skip_space (p);
    }

  for (;;)
    {
      if (g_ascii_isdigit (*p) || *p == '.' || *p == ',')
        {
          if (lexed->n >= sizeof lexed->digits - 1)
            return FALSE;
          seen_digit |= g_ascii_isdigit (*p);
          lexed->digits[lexed->n++] = *p++;
          continue;
        }
      if (seen_digit && (*p == '\'' || *p == ' ' || (guchar) *p == 0xC2 || (guchar) *p == 0xE2))
        {
          const char *q = *p == '\'' ? p + 1 : skip_space (p);

          if (q != p && g_ascii_isdigit (*q))
            {
              lexed->grouping_space = TRUE;
              p = q;
              continue;
            }
        }
      break;
    }
  if (!seen_digit)
    return FALSE;

  p = skip_space (p);
  for (;;)
    {
      if (*p == ')' && paren)
        paren = FALSE, lexed->negative = TRUE, p++;
      else if (*p == '-' && !minus)
        minus = lexed->negative = TRUE, p++;
      else if (!symbol && is_currency_symbol (p, &len))
        symbol = TRUE, p += len;
      else
        break;
      p = skip_space (p);
    }
  return *p == '\0' && !paren;
}

typedef enum
{
  EVIDENCE_NONE,
  EVIDENCE_POINT,
  EVIDENCE_COMMA,
  EVIDENCE_AMBIGUOUS,
} Evidence;

/* What one number says about the decimal mark on its own. */
static Evidence
evidence_of (const Lexed *lexed)
{
  const char *s = lexed->digits;
  const char *last_point = strrchr (s, '.');
  const char *last_comma = strrchr (s, ',');
  guint points = 0, commas = 0;
  const char *mark;
  gsize before, after;

  for (const char *c = s; *c; c++)
    points += *c == '.', commas += *c == ',';
  if (points && commas)
    return last_point > last_comma ? EVIDENCE_POINT : EVIDENCE_COMMA;
  if (points + commas == 0)
    return EVIDENCE_NONE;
  if (points > 1)
    return EVIDENCE_COMMA;     /* 1.234.567 */
  if (commas > 1)
    return EVIDENCE_POINT;     /* 1,234,567 */
  mark = points ? last_point : last_comma;
  before = mark - s;
  after = strlen (mark + 1);
  /* 1,234 and 1.234: three digits after one mark could be either. */
  if (after == 3 && before >= 1 && before <= 3 && s[0] != '0')
    return EVIDENCE_AMBIGUOUS;
  return points ? EVIDENCE_POINT : EVIDENCE_COMMA;
}

/**
 * tenure_decimal_scan_add:
 * @scan: the column's scan
 * @text: a cell of the column
 *
 * Counts which decimal mark @text shows, if it shows one.
 */
void
tenure_decimal_scan_add (TenureDecimalScan *scan,
                         const char        *text)
{
  Lexed lexed;

  g_return_if_fail (scan != NULL && text != NULL);

  if (!lex_amount (text, &lexed))
    return;
  switch (evidence_of (&lexed))
    {
    case EVIDENCE_POINT: scan->point++; break;
    case EVIDENCE_COMMA: scan->comma++; break;
    case EVIDENCE_AMBIGUOUS: scan->ambiguous++; break;
    case EVIDENCE_NONE:
    default: break;
    }
}

/**
 * tenure_decimal_scan_decide:
 * @scan: what the first pass saw in a column
 * @delimiter: the file's delimiter
 *
 * The mark most numbers of the column show; when none shows one (1,234
 * alone) a comma is a thousands separator in comma- and tab-delimited files
 * and the decimal mark in semicolon-delimited ones, the files of countries
 * that write 1.234,50.
 *
 * Returns: the decimal mark of the column
 */
TenureDecimalMark
tenure_decimal_scan_decide (const TenureDecimalScan *scan,
                            char                     delimiter)
{
  if (scan->point > scan->comma)
    return TENURE_DECIMAL_POINT;
  if (scan->comma > scan->point)
    return TENURE_DECIMAL_COMMA;
  return delimiter == ';' ? TENURE_DECIMAL_COMMA : TENURE_DECIMAL_POINT;
}

/**
 * tenure_parse_amount:
 * @text: a cell
 * @mark: the decimal mark of the column, for numbers that do not show it
 * @exponent: decimals of the currency (2 for USD, 0 for JPY, 3 for KWD);
 *   0 for counts
 * @minor: (out): the value in minor units (10^@exponent per unit)
 * @reason: (out) (optional) (transfer full): why @text is not an amount
 *
 * Reads 1234.5, 1,234.50, 1.234,50, $1,234, € 1 234,50, (1,234.00) and -12
 * exactly. More significant decimals than @exponent are rejected rather
 * than rounded: they mean the column is not money in this currency (a rate,
 * a quantity, a different currency), and silent rounding would hide that.
 * Trailing zeros (12.500) are fine.
 *
 * Returns: %TENURE_PARSE_OK, or why not
 */
TenureParseResult
tenure_parse_amount (const char         *text,
                     TenureDecimalMark   mark,
                     int                 exponent,
                     gint64             *minor,
                     char              **reason)
{
  g_autofree char *t = NULL;
  Lexed lexed;
  char decimal;
  guint64 value = 0;
  int int_digits = 0, frac_digits = 0;
  gboolean in_frac = FALSE, any = FALSE;

  g_return_val_if_fail (text != NULL && minor != NULL, TENURE_PARSE_INVALID);
  g_return_val_if_fail (exponent >= 0 && exponent <= 4, TENURE_PARSE_INVALID);

  t = trimmed (text);
  if (*t == '\0')
    return TENURE_PARSE_EMPTY;
  if (!lex_amount (t, &lexed))
    {
      if (reason)
        *reason = g_strdup_printf ("“%s” is not a number", t);
      return TENURE_PARSE_INVALID;
    }

  switch (evidence_of (&lexed))
    {
    case EVIDENCE_POINT: decimal = '.'; break;
    case EVIDENCE_COMMA: decimal = ','; break;
    case EVIDENCE_AMBIGUOUS:
    case EVIDENCE_NONE:
    default:
      decimal = mark == TENURE_DECIMAL_COMMA ? ',' : '.';
      break;
    }
  if (lexed.grouping_space && strchr (lexed.digits, decimal == '.' ? ',' : '.') != NULL)
    {
      /* 1 234.567,5 mixes three kinds of separator. */
      if (reason)
        *reason = g_strdup_printf ("“%s” is not a number", t);
      return TENURE_PARSE_INVALID;
    }

  for (const char *c = lexed.digits; *c; c++)
    {
      if (*c == decimal)
        {
          if (in_frac)
            {
              if (reason)
                *reason = g_strdup_printf ("“%s” is not a number", t);
              return TENURE_PARSE_INVALID;
            }
          in_frac = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*c))
        {
          /* A grouping mark after the decimal one: 1.234,5.6 */
          if (in_frac)
            {
              if (reason)
                *reason = g_strdup_printf ("“%s” is not a number", t);
              return TENURE_PARSE_INVALID;
            }
          continue;
        }
      any = TRUE;
      if (in_frac)
        {
          if (frac_digits >= exponent)
            {
              if (*c != '0')
                {
                  if (reason)
                    {
                      if (exponent == 0)
                        *reason = g_strdup_printf ("“%s” is not a whole number", t);
                      else
                        *reason = g_strdup_printf ("“%s” has more than %d decimals", t, exponent);
                    }
                  return TENURE_PARSE_TOO_PRECISE;
                }
              continue;
            }
          frac_digits++;
        }
      else if (value != 0 || *c != '0')
        int_digits++;
      if (int_digits > 15)
        {
          if (reason)
            *reason = g_strdup_printf ("“%s” is too large", t);
          return TENURE_PARSE_OVERFLOW;
        }
      value = value * 10 + (guint64) (*c - '0');
    }
  if (!any)
    {
      if (reason)
        *reason = g_strdup_printf ("“%s” is not a number", t);
      return TENURE_PARSE_INVALID;
    }
  for (; frac_digits < exponent; frac_digits++)
    value *= 10;
  *minor = lexed.negative ? -(gint64) value : (gint64) value;
  return TENURE_PARSE_OK;
}

/**
 * tenure_currency_exponent:
 * @code: (nullable): an ISO 4217 code
 *
 * Returns: the number of decimals of the currency's minor unit (0, 2 or 3)
 */
int
tenure_currency_exponent (const char *code)
{
  static const char *const zero[] = { "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                      "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
                                      "XPF", NULL };
  static const char *const three[] = { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", NULL };

  if (code == NULL)
    return 2;
  if (g_strv_contains (zero, code))
    return 0;
  if (g_strv_contains (three, code))
    return 3;
  return 2;
}

/**
 * tenure_div_round_half_even:
 * @num: numerator
 * @den: denominator, > 0
 *
 * @num / @den rounded to the nearest integer, ties to even (banker's
 * rounding, so that splitting many amounts does not drift upwards).
 *
 * Returns: the rounded quotient
 */
gint64
tenure_div_round_half_even (gint64 num,
                            gint64 den)
{
  gint64 q, r;

  g_return_val_if_fail (den > 0, 0);

  q = num / den;
  r = num % den;
  if (r < 0)
    {
      r += den;
      q -= 1;
    }
  if (r > den - r || (r == den - r && (q & 1) != 0))
    q++;
  return q;
}

/**
 * tenure_parse_bool:
 * @text: a cell
 * @out: (out): its value
 *
 * Reads yes/no, true/false, 1/0, x, and their German and French spellings.
 *
 * Returns: %TENURE_PARSE_OK, %TENURE_PARSE_EMPTY or %TENURE_PARSE_INVALID
 */
TenureParseResult
tenure_parse_bool (const char *text,
                   gboolean   *out)
{
  static const char *const yes[]
    = { "1", "true", "yes", "y", "x", "ja", "oui", "si", "wahr", "t", NULL };
  static const char *const no[]
    = { "0", "false", "no", "n", "nein", "non", "falsch", "f", "-", NULL };
  g_autofree char *t = trimmed (text);
  g_autofree char *lower = g_ascii_strdown (t, -1);

  if (*lower == '\0')
    return TENURE_PARSE_EMPTY;
  if (g_strv_contains (yes, lower))
    *out = TRUE;
  else if (g_strv_contains (no, lower))
    *out = FALSE;
  else
    return TENURE_PARSE_INVALID;
  return TENURE_PARSE_OK;
}

/**
 * tenure_format_minor:
 * @minor: an amount in minor units
 * @exponent: decimals of the currency
 *
 * For previews and messages: 123456 with exponent 2 is "1234.56".
 *
 * Returns: (transfer full): the amount as decimal text
 */
char *
tenure_format_minor (gint64 minor,
                     int    exponent)
{
  guint64 a = minor < 0 ? -(guint64) minor : (guint64) minor;
  guint64 scale = 1;

  for (int i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", a);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, minor < 0 ? "-" : "",
                          a / scale, exponent, a % scale);
}
