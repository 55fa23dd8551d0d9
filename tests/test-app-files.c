/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"
#include "tenure-window-private.h"

static GValue *
file_list_value (GFile *first,
                 ...)
{
  GValue *value = g_new0 (GValue, 1);
  GSList *files = NULL;
  va_list args;

  va_start (args, first);
  for (GFile *f = first; f != NULL; f = va_arg (args, GFile *))
    files = g_slist_append (files, f);
  va_end (args);
  g_value_init (value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  return value;
}

static void
free_value (GValue *value)
{
  g_value_unset (value);
  g_free (value);
}

static void
import_files_cb (TenureWindow *window,
                 GListModel   *files,
                 guint        *count)
{
  *count += g_list_model_get_n_items (files);
}

/* A dropped workspace opens in the window; dropped CSV files go to the
 * import. */
static void
test_files_drop (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Dropped.tenure", TRUE);
  g_autofree char *csv_path = g_build_filename (dir, "deals.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) csv = NULL;
  TenureWindow *window;
  GValue *value;
  guint imported = 0;

  g_assert_true (g_file_set_contents (csv_path, "account,amount\nACME,100\n", -1, NULL));
  csv = g_file_new_for_path (csv_path);
  window = app_test_show_window (NULL);
  g_signal_connect (window, "import-files", G_CALLBACK (import_files_cb), &imported);

  /* The drop highlight, as a drag over the window shows it. */
  gtk_revealer_set_reveal_child (window->drop_revealer, TRUE);
  tenure_test_iterate (400);
  app_test_shot (GTK_WIDGET (window), "drop-highlight");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (window), "drop-highlight-dark");
  app_test_set_dark (FALSE);
  gtk_revealer_set_reveal_child (window->drop_revealer, FALSE);

  /* CSV without a workspace: nothing to import into. */
  value = file_list_value (csv, NULL);
  g_assert_false (_tenure_window_drop (window, value));
  free_value (value);
  g_assert_cmpuint (imported, ==, 0);

  value = file_list_value (file, NULL);
  g_assert_true (_tenure_window_drop (window, value));
  free_value (value);
  /* The file opens in a thread; the window says so meanwhile. */
  g_assert_true (tenure_window_is_loading (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "loading");
  app_test_wait_loaded (window);
  g_assert_nonnull (tenure_window_get_workspace (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Dropped");
  g_assert_true (tenure_test_wait_for (app_test_has_analysis, window, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->accounts)), ==, APP_TEST_ACCOUNTS);

  value = file_list_value (csv, NULL);
  g_assert_true (_tenure_window_drop (window, value));
  free_value (value);
  g_assert_cmpuint (imported, ==, 1);

  tenure_test_iterate (100);
  app_test_shot (GTK_WIDGET (window), "drop-opened");
  gtk_window_destroy (GTK_WINDOW (window));
  tenure_test_rmdir (dir);
}

/* A dropped file that is not a workspace gets a dialog with the reason. */
static void
test_files_drop_damaged (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "notes.tenure", NULL);
  g_autoptr(GFile) file = NULL;
  TenureWindow *window;
  GValue *value;
  guint dialogs = 0;

  g_assert_true (g_file_set_contents (bad, "not a workspace\n", -1, NULL));
  file = g_file_new_for_path (bad);
  window = app_test_show_window (NULL);
  value = file_list_value (file, NULL);
  _tenure_window_drop (window, value);
  free_value (value);
  app_test_wait_loaded (window);
  tenure_test_iterate (300);
  g_assert_null (tenure_window_get_workspace (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          {
            g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (w)), "notes.tenure"));
            app_test_shot (GTK_WIDGET (w), "drop-error-dialog");
            dialogs++;
            gtk_window_destroy (w);
          }
      }
  }
  g_assert_cmpuint (dialogs, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/files/drop", test_files_drop);
  g_test_add_func ("/app/files/drop-damaged", test_files_drop_damaged);
  return g_test_run ();
}
