/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-gen-ledger"

#include "config.h"

#include <stdlib.h>

#include "tenure-generator.h"

/* gen-ledger: writes the synthetic ledger for benchmarks and manual tests.
 * A thin wrapper over tenure_generator_write(). */

static gboolean
parse_kinds (const char  *text,
             guint       *kinds,
             GError     **error)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);

  *kinds = 0;
  for (char **n = names; *n; n++)
    {
      TenureGeneratorKind kind;

      g_strstrip (*n);
      if (**n == '\0')
        continue;
      if (!tenure_generator_kind_from_string (*n, &kind))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Unknown kind '%s'", *n);
          return FALSE;
        }
      *kinds |= TENURE_GENERATOR_KIND_MASK (kind);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *size_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *kinds_text = NULL;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_STRING, &size_text, "Size: S, M or L", "SIZE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "N" },
    { "end-month", 0, 0, G_OPTION_ARG_STRING, &end_text, "Last month of the history (default: this month)", "YYYY-MM" },
    { "kinds", 0, 0, G_OPTION_ARG_STRING, &kinds_text, "Files to write (default: all)", "KIND,..." },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR - write a synthetic ledger as CSV files");
  g_autoptr(GError) error = NULL;
  TenureGeneratorOptions options = { 0 };
  TenureGeneratorStats stats;
  gint64 started;
  guint64 total_rows = 0, total_bytes = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (kinds_text && !parse_kinds (kinds_text, &options.kinds, &error)))
    {
      g_printerr ("gen-ledger: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || size_text == NULL || !tenure_generator_size_from_string (size_text, &options.size))
    {
      g_printerr ("Usage: gen-ledger --size S|M|L [--seed N] [--end-month YYYY-MM] [--kinds deals,...] DIR\n");
      return 2;
    }
  if (end_text == NULL)
    options.end_month = tenure_month_of_day (tenure_day_today ());
  else if (!tenure_month_parse (end_text, &options.end_month))
    {
      g_printerr ("gen-ledger: --end-month: '%s' is not YYYY-MM\n", end_text);
      return 2;
    }
  options.seed = (guint64) seed;

  started = g_get_monotonic_time ();
  if (!tenure_generator_write (&options, argv[1], &stats, &error))
    {
      g_printerr ("gen-ledger: %s\n", error->message);
      return 1;
    }

  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    {
      if (stats.bytes[k] == 0)
        continue;
      g_print ("%-14s %10" G_GUINT64_FORMAT " rows %12" G_GUINT64_FORMAT " bytes\n",
               tenure_generator_kind_to_string (k), stats.rows[k], stats.bytes[k]);
      total_rows += stats.rows[k];
      total_bytes += stats.bytes[k];
    }
  g_print ("%-14s %10" G_GUINT64_FORMAT " rows %12" G_GUINT64_FORMAT " bytes in %.2f s\n",
           "total", total_rows, total_bytes, (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
