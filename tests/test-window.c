/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "app-test-util.h"
#include "tenure-account.h"
#include "tenure-application.h"
#include "tenure-import-dialog.h"
#include "tenure-report-build.h"
#include "tenure-report-print.h"
#include "tenure-sample.h"
#include "tenure-test-display.h"
#include "tenure-test-util.h"
#include "tenure-accounts-view.h"
#include "tenure-window.h"

static char *
make_workspace (const char *dir,
                const char *name,
                guint       n_accounts)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO account (key, name, segment, owner, type) VALUES ");

  g_assert_no_error (error);
  for (guint i = 0; i < n_accounts; i++)
    g_string_append_printf (sql, "%s('K%03u', 'Account %u', '%s', 'Dana', %u)", i ? ", " : "", i, i,
                            i % 2 ? "SMB" : "Enterprise", i % 4 + 1);
  tenure_test_exec (tenure_workspace_get_db (ws), sql->str);
  tenure_test_exec (tenure_workspace_get_db (ws),
                    "INSERT INTO subscription (account_id, starts_on, mrr) SELECT id, '2020-01-01', id * 10000 FROM account");
  return path;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
test_window_shows_accounts (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = make_workspace (dir, "Acme Holdings.tenure", 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_autofree char *shot = NULL;
  TenureWindow *window;
  GtkColumnView *view;
  GListModel *accounts;

  g_assert_no_error (error);
  window = tenure_window_new (NULL, ws);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tenure_test_wait_for (is_mapped, window, 5000));
  tenure_window_show_view (window, "accounts");
  tenure_test_iterate (200);

  /* The title is the workspace's name; the list holds its accounts. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Acme Holdings");
  accounts = tenure_window_get_accounts (window);
  g_assert_nonnull (accounts);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 12);
  view = tenure_accounts_view_get_column_view (TENURE_ACCOUNTS_VIEW (tenure_window_get_accounts_view (window)));
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 11);

  /* An account added by a write shows up. */
  g_assert_true (tenure_workspace_begin_write (ws, &error));
  tenure_test_exec (tenure_workspace_get_db (ws), "INSERT INTO account (key, name) VALUES ('NEW', 'Newcomer')");
  g_assert_true (tenure_workspace_commit_write (ws, &error));
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 13);

  /* Sorting by MRR through the column's sorter, descending: the largest first. */
  {
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) mrr = g_list_model_get_item (columns, 5);
    g_autoptr(TenureAccount) top = NULL;

    g_assert_cmpstr (gtk_column_view_column_get_title (mrr), ==, "MRR");
    gtk_column_view_sort_by_column (view, mrr, GTK_SORT_DESCENDING);
    top = g_list_model_get_item (accounts, 0);
    g_assert_cmpint (tenure_account_get_mrr (top), ==, 120000);
  }

  shot = tenure_test_screenshot (GTK_WIDGET (window), "window-accounts");
  g_test_message ("screenshot: %s", shot);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static void
test_window_read_only (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = make_workspace (dir, "locked.tenure", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  TenureWindow *window;
  GtkInfoBar *bar;

  g_assert_no_error (error);
  window = tenure_window_new (NULL, ws);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tenure_test_wait_for (is_mapped, window, 5000));
  bar = GTK_INFO_BAR (tenure_test_find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR));
  g_assert_true (gtk_info_bar_get_revealed (bar));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static void
test_application_one_window_per_workspace (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *a = make_workspace (dir, "a.tenure", 3);
  g_autofree char *b = make_workspace (dir, "b.tenure", 5);
  g_autofree char *bad = g_build_filename (dir, "notes.tenure", NULL);
  g_autoptr(TenureApplication) app = tenure_application_new ();
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  g_autoptr(GFile) fbad = NULL;
  g_autoptr(GError) error = NULL;
  GList *windows;

  g_file_set_contents (bad, "not a workspace\n", -1, NULL);
  fbad = g_file_new_for_path (bad);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  tenure_application_open_file (app, fa);
  tenure_application_open_file (app, fb);
  /* The same file again is presented, not opened twice. */
  tenure_application_open_file (app, fa);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  app_test_wait_all_loaded (GTK_APPLICATION (app));
  /* …also once it is open. */
  tenure_application_open_file (app, fa);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  /* A file that is not a workspace gets a dialog; no workspace window more. */
  tenure_application_open_file (app, fbad);
  app_test_wait_all_loaded (GTK_APPLICATION (app));
  tenure_test_iterate (100);
  {
    guint workspace_windows = 0, dialogs = 0;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      {
        if (TENURE_IS_WINDOW (l->data) && tenure_window_get_workspace (l->data) != NULL)
          workspace_windows++;
        if (ADW_IS_MESSAGE_DIALOG (l->data))
          {
            const char *body = adw_message_dialog_get_body (l->data);

            g_assert_nonnull (strstr (body, "notes.tenure"));
            dialogs++;
          }
      }
    g_assert_cmpuint (workspace_windows, ==, 2);
    g_assert_cmpuint (dialogs, ==, 1);
  }

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  tenure_test_rmdir (dir);
}

static void
test_report_preview (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(TenureAnalysis) analysis = NULL;
  TenureAnalysisOptions options = { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, TRUE };
  g_autofree char *shot = NULL;
  GtkWindow *preview;

  g_assert_true (tenure_sample_create (path, NULL, &error));
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  analysis = tenure_analysis_compute (tenure_workspace_get_db (ws), &options, NULL, &error);
  g_assert_no_error (error);

  /* The same pages as the PDF: cover, summary, movements, lifecycle, … */
  preview = tenure_report_preview_new (NULL, tenure_report_data_from_analysis (analysis, "Sample"));
  g_assert_true (tenure_test_wait_for (is_mapped, preview, 5000));
  g_assert_cmpuint (tenure_report_preview_get_n_pages (preview), >=, 8);
  tenure_test_iterate (200);
  shot = tenure_test_screenshot (GTK_WIDGET (preview), "report-preview");
  g_test_message ("screenshot: %s", shot);
  gtk_window_destroy (preview);
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static gboolean
dialog_idle (gpointer data)
{
  return !tenure_import_dialog_is_busy (data) && tenure_import_dialog_get_report (data) != NULL;
}

static gint64
count_deals (TenureWorkspace *ws)
{
  return tenure_workspace_count_rows (ws, "deal");
}

static gboolean
deals_landed (gpointer data)
{
  return count_deals (data) > 0;
}

static void
test_import_with_undo (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = make_workspace (dir, "imports.tenure", 1);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "german-export.csv", NULL);
  g_autoptr(TenureApplication) app = tenure_application_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  TenureImportDialog *dialog = NULL;
  TenureWindow *window;
  TenureWorkspace *ws;
  GList *windows;

  /* Another application in this process has the real id on the bus. */
  g_application_set_application_id (G_APPLICATION (app), "io.github.tenure.Tenure.ImportTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  tenure_application_open_file (app, file);
  window = TENURE_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  app_test_wait_loaded (window);
  ws = tenure_window_get_workspace (window);
  g_assert_cmpint (count_deals (ws), ==, 0);

  /* A dropped CSV opens the import dialog… */
  tenure_window_import_files (window, &csv_file, 1);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (TENURE_IS_IMPORT_DIALOG (l->data))
      dialog = l->data;
  if (dialog == NULL)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

          if (TENURE_IS_IMPORT_DIALOG (w))
            dialog = TENURE_IMPORT_DIALOG (w);
        }
    }
  g_assert_nonnull (dialog);
  g_assert_true (tenure_test_wait_for (dialog_idle, dialog, 20000));

  /* …the import lands in the workspace… */
  tenure_import_dialog_start_import (dialog);
  g_assert_true (tenure_test_wait_for (deals_landed, ws, 20000));
  tenure_test_iterate (200);

  /* …and the toast's Undo (app.undo-import) takes it back. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "undo-import",
                                  g_variant_new ("(sx)", tenure_workspace_get_path (ws), (gint64) 1));
  g_assert_cmpint (count_deals (ws), ==, 0);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/window/shows-accounts", test_window_shows_accounts);
  g_test_add_func ("/window/read-only", test_window_read_only);
  g_test_add_func ("/application/one-window-per-workspace", test_application_one_window_per_workspace);
  g_test_add_func ("/report/preview", test_report_preview);
  g_test_add_func ("/application/import-with-undo", test_import_with_undo);
  return g_test_run ();
}
