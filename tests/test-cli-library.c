/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-analysis.h"
#include "tenure-sample.h"
#include "tenure-test-util.h"

/* The generator's S ledger gives the same figures through tenure-cli as
 * through the library: the command line adds nothing and loses nothing. */
static void
test_same_figures (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(TenureAnalysis) analysis = NULL;
  TenureAnalysisOptions options = { TENURE_PERIOD_QUARTER, TENURE_DAY_NONE, NULL, NULL, TRUE };
  g_autoptr(TenureJson) json = tenure_json_new (TRUE);
  g_autofree char *library = NULL;
  g_autofree char *cli_out = NULL;
  g_autofree char *cli_err = NULL;
  char as_of[16];
  int status = 0;
  const char *cli = g_getenv ("TENURE_CLI");

  g_assert_nonnull (cli);
  g_assert_true (tenure_sample_create (path, NULL, &error));
  g_assert_no_error (error);
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  /* A report date inside the history, not today. */
  options.as_of = tenure_month_last_day (tenure_month_of_day (tenure_day_today ()) - 5);
  analysis = tenure_analysis_compute (tenure_workspace_get_db (ws), &options, NULL, &error);
  g_assert_no_error (error);
  tenure_analysis_write_metrics_json (analysis, json);
  library = tenure_json_free_to_string (g_steal_pointer (&json));

  {
    const char *argv[] = { cli, "metrics", path, "--json", "--period", "quarter", "--as-of",
                           tenure_day_format_iso (options.as_of, as_of), NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &cli_out, &cli_err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (cli_out, ==, library);
  g_assert_true (strstr (library, "\"series\"") != NULL);

  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/same-figures-as-the-library", test_same_figures);
  return g_test_run ();
}
