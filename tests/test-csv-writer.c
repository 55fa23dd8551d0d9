/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-csv-writer.h"

static void
test_cells (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { NULL, "" },
    { "", "" },
    { "Acme", "Acme" },
    { "Acme Inc.", "Acme Inc." },
    { "12000", "12000" },
    { "2024-05-01", "2024-05-01" },
    { "Acme, Inc.", "\"Acme, Inc.\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "two\r\nlines", "\"two\r\nlines\"" },
    { "trailing space ", "trailing space " },
    { "Zoë & Søn", "Zoë & Søn" },
    /* Formulas are made inert. */
    { "=1+1", "'=1+1" },
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0" },
    { "-2+3", "'-2+3" },
    { "-5", "'-5" },
    { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
    { "\t=1", "'\t=1" },
    { "\r=1", "\"'\r=1\"" },
    { "=1,2", "\"'=1,2\"" },
    /* Only the first character counts. */
    { "a=1", "a=1" },
    { " =1", " =1" },
    { "1-2", "1-2" },
    { "'quoted", "'quoted" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      tenure_csv_write_cell (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_rows (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *row1[] = { "key", "name", "mrr" };
  const char *row2[] = { "ACME", "Acme, Inc.", NULL };
  const char *row3[] = { "=cmd", "", "-1" };

  tenure_csv_write_row (out, row1, G_N_ELEMENTS (row1));
  tenure_csv_write_row (out, row2, G_N_ELEMENTS (row2));
  tenure_csv_write_row (out, row3, G_N_ELEMENTS (row3));
  tenure_csv_write_row (out, NULL, 0);
  g_assert_cmpstr (out->str, ==,
                   "key,name,mrr\r\n"
                   "ACME,\"Acme, Inc.\",\r\n"
                   "'=cmd,,'-1\r\n"
                   "\r\n");
}

/* Every cell reads back, with a CSV parser following RFC 4180, as the
 * value (with the apostrophe for formulas): the quoting round-trips. */
static char *
parse_cell (const char *text)
{
  GString *value = g_string_new (NULL);
  const char *p = text;

  if (*p != '"')
    {
      g_string_append (value, p);
      return g_string_free (value, FALSE);
    }
  for (p++; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          if (p[1] == '"')
            p++;
          else
            {
              g_assert_cmpint (p[1], ==, '\0');
              break;
            }
        }
      g_string_append_c (value, *p);
    }
  return g_string_free (value, FALSE);
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);
  static const char alphabet[] = "ab,\"\r\n=+-@\t ' 1";

  for (guint n = 0; n < 2000; n++)
    {
      char value[12];
      guint len = g_rand_int_range (rand, 1, sizeof value);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *back = NULL;
      g_autofree char *expected = NULL;

      for (guint i = 0; i < len; i++)
        value[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      value[len] = '\0';
      tenure_csv_write_cell (out, value);
      back = parse_cell (out->str);
      expected = strchr ("=+-@\t\r", value[0]) ? g_strconcat ("'", value, NULL) : g_strdup (value);
      g_assert_cmpstr (back, ==, expected);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-writer/cells", test_cells);
  g_test_add_func ("/csv-writer/rows", test_rows);
  g_test_add_func ("/csv-writer/round-trip", test_round_trip);
  return g_test_run ();
}
