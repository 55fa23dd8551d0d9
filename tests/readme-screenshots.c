/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "app-test-util.h"
#include "tenure-sample.h"

/* The screenshots of the README and the metainfo: every view of the sample
 * business in a 1280 × 800 window, light and dark, written as VIEW.png and
 * VIEW-dark.png into the folder given. Not a test; `./dev screenshots`
 * runs it under Xvfb and optimizes the PNGs. */

static const char *views[] = {
  "overview", "accounts", "lifecycle", "cohorts", "revenue",
  "segments", "key-accounts", "scorecards", "value",
};

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  TenureAccountsView *accounts;
  TenureWindow *window;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: %s DIR\n", argv[0]);
      return 2;
    }
  g_setenv ("TENURE_SCREENSHOT_DIR", argv[1], TRUE);
  g_mkdir_with_parents (argv[1], 0755);
  gtk_init ();
  adw_init ();

  tmp = g_dir_make_tmp ("tenure-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp, "Sample Business.tenure", NULL);
  if (!tenure_sample_create (path, NULL, &error) ||
      (ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  app_test_load_style ();
  window = tenure_window_new (NULL, ws);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tenure_test_wait_for (app_test_is_mapped, window, 5000));
  g_assert_true (tenure_test_wait_for (app_test_has_analysis, window, 60000));

  /* The accounts with one open in the detail pane, as they are used. */
  accounts = TENURE_ACCOUNTS_VIEW (tenure_window_get_accounts_view (window));
  {
    GListModel *model = tenure_accounts_view_get_model (accounts);
    g_autoptr(TenureAccount) account = g_list_model_get_item (model, MIN (3, g_list_model_get_n_items (model) - 1));

    tenure_accounts_view_select (accounts, tenure_account_get_key (account));
  }

  for (int dark = 0; dark <= 1; dark++)
    {
      app_test_set_dark (dark);
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          g_autofree char *name = g_strdup_printf ("%s%s", views[i], dark ? "-dark" : "");
          g_autofree char *shot = NULL;

          tenure_window_show_view (window, views[i]);
          /* Past the crossfade, with the view's figures built. */
          tenure_test_iterate (600);
          shot = tenure_test_screenshot (GTK_WIDGET (window), name);
          g_print ("%s\n", shot);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  g_unlink (path);
  g_rmdir (tmp);
  return 0;
}
