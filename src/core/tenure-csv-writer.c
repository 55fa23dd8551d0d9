/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-csv"

#include "config.h"

#include <string.h>

#include "tenure-csv-writer.h"

/* CSV that Tenure writes (rejected rows, exports) is opened in spreadsheets.
 * The values in it come from files of strangers, so a cell that a
 * spreadsheet would read as a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM)
 * gets a leading apostrophe, which every spreadsheet treats as "this is
 * text" (OWASP's advice on CSV injection). A plain negative number is
 * therefore written as '-5: exports meant for computation should use the
 * JSON output instead. */

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void
tenure_csv_write_cell (GString    *out,
                       const char *value)
{
  gboolean inert;

  g_return_if_fail (out != NULL);

  if (value == NULL || value[0] == '\0')
    return;

  inert = is_formula_start (value[0]);
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      if (inert)
        g_string_append_c (out, '\'');
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (inert)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
tenure_csv_write_row (GString           *out,
                      const char *const *values,
                      gsize              n_values)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  for (gsize i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      tenure_csv_write_cell (out, values[i]);
    }
  g_string_append (out, "\r\n");
}
