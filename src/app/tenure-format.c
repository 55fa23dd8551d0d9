/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-format"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tenure-format.h"

static const struct
{
  const char *code;
  const char *symbol;
} symbols[] = {
  { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" },
  { "CAD", "CA$" }, { "AUD", "A$" }, { "INR", "₹" }, { "CNY", "CN¥" },
};

static void
append_grouped (GString    *out,
                guint64     value)
{
  const char *sep = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  gsize len = strlen (digits);

  /* The C locale has no separator; a list of money without one is hard to
   * read, so a comma stands in. */
  if (sep == NULL || *sep == '\0')
    sep = ",";
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
}

char *
tenure_format_money (gint64      minor,
                     const char *currency,
                     gboolean    cents)
{
  GString *out = g_string_new (NULL);
  const char *symbol = NULL;
  guint64 magnitude = minor < 0 ? (guint64) -(minor + 1) + 1 : (guint64) minor;

  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (symbols[i].code, currency))
      symbol = symbols[i].symbol;

  if (minor < 0)
    g_string_append (out, "−");
  if (symbol != NULL)
    g_string_append (out, symbol);
  else if (currency != NULL)
    g_string_append_printf (out, "%s ", currency);
  if (cents)
    {
      append_grouped (out, magnitude / 100);
      g_string_append_printf (out, "%s%02u", localeconv ()->decimal_point, (guint) (magnitude % 100));
    }
  else
    /* Half up to whole units: the list is for scanning. */
    append_grouped (out, (magnitude + 50) / 100);
  return g_string_free (out, FALSE);
}

const char *
tenure_format_risk_reason (const char *code)
{
  static const struct { const char *code; const char *label; } reasons[] = {
    { "low_score", N_("Low score") },
    { "low_utilisation", N_("Low licence utilisation") },
    { "interaction_gap", N_("No recent touchpoint") },
    { "detractor", N_("Detractor") },
    { "contraction", N_("MRR contracted") },
    { "churn_due", N_("Churn due") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].code, code) == 0)
      return _(reasons[i].label);
  return code;
}

char *
tenure_format_risk_reasons (const char *codes)
{
  g_auto(GStrv) parts = NULL;
  GString *out;

  if (codes == NULL || *codes == '\0')
    return NULL;
  parts = g_strsplit (codes, ",", -1);
  out = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, tenure_format_risk_reason (parts[i]));
    }
  return g_string_free (out, FALSE);
}

const char *
tenure_format_account_type (int type)
{
  static const char *types[] = {
    NULL,
    N_("1 — Strategic agreement"),
    N_("2 — Potential strategic partner"),
    N_("3 — Modest with upside"),
    N_("4 — Low-level, monitored"),
  };

  if (type < 1 || type > 4)
    return NULL;
  return _(types[type]);
}
