/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <locale.h>

#include "tenure-json.h"

static void
test_json_nesting (void)
{
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  g_autofree char *out = NULL;

  tenure_json_begin_object (json);
  tenure_json_member_string (json, "name", "A \"quoted\"\nline");
  tenure_json_member_int (json, "mrr", -12345);
  tenure_json_member_double (json, "rate", 0.25);
  tenure_json_member_double (json, "whole", 2.0);
  tenure_json_member_double (json, "nan", NAN);
  tenure_json_member_null (json, "none");
  tenure_json_key (json, "list");
  tenure_json_begin_array (json);
  tenure_json_int (json, 1);
  tenure_json_bool (json, TRUE);
  tenure_json_begin_array (json);
  tenure_json_end_array (json);
  tenure_json_end_array (json);
  tenure_json_end_object (json);

  out = tenure_json_free_to_string (g_steal_pointer (&json));
  g_assert_cmpstr (out, ==,
                   "{\"name\":\"A \\\"quoted\\\"\\nline\",\"mrr\":-12345,\"rate\":0.25,"
                   "\"whole\":2.0,\"nan\":null,\"none\":null,\"list\":[1,true,[]]}");
}

/* Pretty output indents two spaces per level, however deep; integers
 * are written exactly at both ends of their range; text is escaped where
 * needed and copied as it is elsewhere. */
static void
test_json_pretty_deep (void)
{
  g_autoptr(TenureJson) json = tenure_json_new (TRUE);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *out = NULL;
  const guint depth = 40;

  for (guint i = 0; i < depth; i++)
    tenure_json_begin_array (json);
  tenure_json_int (json, G_MININT64);
  tenure_json_int (json, G_MAXINT64);
  tenure_json_int (json, 0);
  tenure_json_string (json, "Zürich \\ \"x\"\ttab");
  for (guint i = 0; i < depth; i++)
    tenure_json_end_array (json);
  out = tenure_json_free_to_string (g_steal_pointer (&json));

  for (guint i = 0; i < depth; i++)
    {
      g_string_append_c (expected, '[');
      g_string_append_c (expected, '\n');
      for (guint j = 0; j <= i; j++)
        g_string_append (expected, "  ");
    }
  g_string_append (expected, "-9223372036854775808,\n");
  for (guint j = 0; j < depth; j++)
    g_string_append (expected, "  ");
  g_string_append (expected, "9223372036854775807,\n");
  for (guint j = 0; j < depth; j++)
    g_string_append (expected, "  ");
  g_string_append (expected, "0,\n");
  for (guint j = 0; j < depth; j++)
    g_string_append (expected, "  ");
  g_string_append (expected, "\"Zürich \\\\ \\\"x\\\"\\ttab\"");
  for (guint i = depth; i > 0; i--)
    {
      g_string_append_c (expected, '\n');
      for (guint j = 1; j < i; j++)
        g_string_append (expected, "  ");
      g_string_append_c (expected, ']');
    }
  g_string_append_c (expected, '\n');
  g_assert_cmpstr (out, ==, expected->str);
}

static void
test_json_control_chars (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  tenure_json_escape (s, "a\001b\\");
  g_assert_cmpstr (s->str, ==, "\"a\\u0001b\\\\\"");
}

static void
test_json_locale_independent (void)
{
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  /* A German locale must not turn the decimal point into a comma. */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  tenure_json_double (json, 1.5);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (tenure_json_peek (json), ==, "1.5");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/nesting", test_json_nesting);
  g_test_add_func ("/json/pretty-deep", test_json_pretty_deep);
  g_test_add_func ("/json/control-chars", test_json_control_chars);
  g_test_add_func ("/json/locale-independent", test_json_locale_independent);
  return g_test_run ();
}
