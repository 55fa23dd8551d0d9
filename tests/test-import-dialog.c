/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tenure-import-dialog.h"
#include "tenure-test-display.h"
#include "tenure-test-util.h"

typedef struct
{
  char                *dir;
  char                *path;
  TenureWorkspace     *ws;
  TenureImportDialog  *dialog;
  guint                n_done;
  TenureImportReport   done_report;   /* counts copied from the last call */
  char                *done_name;
} Fixture;

static char *
fixture_csv (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static void
done_cb (const char               *file_name,
         const TenureImportReport *report,
         gpointer                  user_data)
{
  Fixture *f = user_data;

  f->n_done++;
  g_free (f->done_name);
  f->done_name = g_strdup (file_name);
  f->done_report.rows_new = report->rows_new;
  f->done_report.rows_rejected = report->rows_rejected;
  f->done_report.batch_id = report->batch_id;
  f->done_report.committed = report->committed;
}

static gboolean
is_idle (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || !tenure_import_dialog_is_busy (f->dialog);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tenure_test_tmpdir ();
  f->path = g_build_filename (f->dir, "Import.tenure", NULL);
  f->ws = tenure_workspace_create (f->path, "EUR", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_clear_weak_pointer (&f->dialog);
  tenure_test_iterate (50);
  g_clear_object (&f->ws);
  tenure_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->done_name);
}

static void
open_dialog_full (Fixture    *f,
                  const char *path,
                  gboolean    wait_idle)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  f->dialog = tenure_import_dialog_new (NULL, f->ws, file);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  tenure_import_dialog_set_done_func (f->dialog, done_cb, f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  g_assert_true (tenure_test_wait_for (is_mapped, f->dialog, 5000));
  if (wait_idle)
    g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
}

static void
open_dialog (Fixture    *f,
             const char *path)
{
  open_dialog_full (f, path, TRUE);
}

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->dialog),
                                                                TENURE_TYPE_IMPORT_DIALOG, name));

  g_assert_nonnull (child);
  return child;
}

static gboolean
report_has_field (const TenureImportReport *report,
                  const char               *field)
{
  for (guint i = 0; i < report->fields->len; i++)
    if (g_str_equal (g_ptr_array_index (report->fields, i), field))
      return TRUE;
  return FALSE;
}

static gboolean
strv_has (const GPtrArray *array,
          const char      *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return TRUE;
  return FALSE;
}

/* Counts labels of @widget's tree that carry the "error" style class and
 * whose tooltip names @reason. */
static guint
count_error_cells (GtkWidget  *widget,
                   const char *reason)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error")
      && g_strcmp0 (gtk_widget_get_tooltip_text (widget), reason) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_error_cells (child, reason);
  return n;
}

static void
test_detects_and_previews (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("german-export.csv");
  const TenureImportReport *report;
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  GListModel *preview;

  open_dialog (f, csv);
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 860, 900);
  tenure_test_iterate (200);

  report = tenure_import_dialog_get_report (f->dialog);
  g_assert_nonnull (report);
  g_assert_null (tenure_import_dialog_get_error (f->dialog));
  g_assert_cmpint (report->kind, ==, TENURE_IMPORT_KIND_DEALS);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpint (report->encoding, ==, TENURE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f, "delimiter_label"))), ==,
                   "Semicolon");
  g_assert_true (gtk_widget_get_visible (template_child (f, "encoding_warning_icon")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (template_child (f, "kind_row"))),
                    ==, 1);
  preview = tenure_import_dialog_get_preview (f->dialog);
  g_assert_cmpuint (g_list_model_get_n_items (preview), >, 0);
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "import_button")));

  light = tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  tenure_test_iterate (200);
  dark = tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_test_message ("screenshots: %s %s", light, dark);

  /* Ignoring a column re-parses: it is no longer mapped. */
  g_assert_nonnull (strstr (report->mapping_json, "status"));
  g_assert_false (strv_has (report->unknown_columns, "Status"));
  tenure_import_dialog_set_mapping (f->dialog, "Status", NULL);
  g_assert_true (tenure_import_dialog_is_busy (f->dialog));
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  report = tenure_import_dialog_get_report (f->dialog);
  g_assert_true (strv_has (report->unknown_columns, "Status"));

  /* Another kind re-parses with that kind's fields: accounts need a column
   * this German header does not name, until the user maps it. */
  tenure_import_dialog_set_kind (f->dialog, TENURE_IMPORT_KIND_ACCOUNTS);
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  g_assert_nonnull (tenure_import_dialog_get_error (f->dialog));
  g_assert_nonnull (strstr (tenure_import_dialog_get_error (f->dialog), "Kunde"));
  g_assert_null (strstr (tenure_import_dialog_get_error (f->dialog), "--map"));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "import_button")));
  g_free (tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-missing-column"));
  tenure_import_dialog_set_mapping (f->dialog, "Kunde", "account");
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  g_assert_cmpstr (tenure_import_dialog_get_error (f->dialog), ==, NULL);
  report = tenure_import_dialog_get_report (f->dialog);
  g_assert_cmpint (report->kind, ==, TENURE_IMPORT_KIND_ACCOUNTS);
  g_assert_true (report_has_field (report, "account"));
  g_assert_false (report_has_field (report, "amount"));
  g_assert_cmpuint (g_list_model_get_n_items (preview), >, 0);
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "import_button")));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_import_lands (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("deals-with-ids.csv");
  gint64 before = tenure_workspace_count_rows (f->ws, "deal");
  guint changed = 0;

  g_signal_connect_swapped (f->ws, "changed", G_CALLBACK (count_cb), &changed);
  open_dialog (f, csv);
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "import_button")));
  tenure_import_dialog_start_import (f->dialog);
  g_assert_true (tenure_test_wait_for (is_idle, f, 30000));

  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_cmpstr (f->done_name, ==, "deals-with-ids.csv");
  g_assert_true (f->done_report.committed);
  g_assert_cmpuint (f->done_report.rows_new, >, 0);
  g_assert_cmpuint (f->done_report.rows_rejected, ==, 0);
  g_assert_cmpint (f->done_report.batch_id, >, 0);
  g_assert_cmpint (tenure_workspace_count_rows (f->ws, "deal"), ==,
                   before + (gint64) f->done_report.rows_new);
  /* The views hear of it; nothing rejected: the dialog closed by itself. */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (f->dialog);

  /* The toast's Undo restores the workspace. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (tenure_import_dialog_undo (f->ws, f->done_report.batch_id, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tenure_workspace_count_rows (f->ws, "deal"), ==, before);
  }
}

static void
test_rejected_row (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("typo-one-row.csv");
  g_autofree char *rejects_path = g_build_filename (f->dir, "rejects.csv", NULL);
  g_autoptr(GFile) rejects_file = g_file_new_for_path (rejects_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *shot = NULL;
  GListModel *preview;
  const char *reason = NULL;
  guint n_rejected = 0;

  open_dialog (f, csv);
  tenure_test_iterate (200);
  preview = tenure_import_dialog_get_preview (f->dialog);
  g_assert_cmpuint (g_list_model_get_n_items (preview), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (preview); i++)
    {
      const TenureImportPreviewRow *row = tenure_import_dialog_get_preview_row (f->dialog, i);

      if (row->reason != NULL)
        {
          n_rejected++;
          reason = row->reason;
          g_assert_cmpuint (row->row, ==, 5);
        }
    }
  g_assert_cmpuint (n_rejected, ==, 1);
  g_assert_nonnull (strstr (reason, "4O0"));
  /* The rejected row's cells are red, with the reason as tooltip. */
  g_assert_cmpuint (count_error_cells (template_child (f, "preview_view"), reason), >=, 3);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                              template_child (f, "preview_group"))), "1 will be rejected"));
  /* Scrolled down to the preview, as the user would. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (template_child (f, "mapping_group"),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  shot = tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-rejected");
  g_test_message ("screenshot: %s", shot);

  /* The import keeps the good rows and shows the rejected one. */
  tenure_import_dialog_start_import (f->dialog);
  g_assert_true (tenure_test_wait_for (is_idle, f, 30000));
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_cmpuint (f->done_report.rows_new, ==, 4);
  g_assert_cmpuint (f->done_report.rows_rejected, ==, 1);
  g_assert_nonnull (f->dialog);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "stack"))), ==,
                   "result");
  g_clear_pointer (&shot, g_free);
  tenure_test_iterate (400);
  shot = tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-result");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (tenure_import_dialog_save_rejects (tenure_import_dialog_get_report (f->dialog),
                                                    rejects_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (rejects_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "row,column,value,reason\r\n5,Amount,4O0,"));

  /* Done closes it. */
  tenure_import_dialog_start_import (f->dialog);
  tenure_test_iterate (50);
  g_assert_null (f->dialog);
}

static void
test_date_order_undecidable (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("date-ambiguous.csv");
  AdwComboRow *order;

  open_dialog (f, csv);
  order = ADW_COMBO_ROW (template_child (f, "date_order_row"));
  g_assert_nonnull (tenure_import_dialog_get_error (f->dialog));
  g_assert_nonnull (strstr (tenure_import_dialog_get_error (f->dialog), "date-ambiguous.csv"));
  g_assert_cmpuint (adw_combo_row_get_selected (order), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "import_button")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (template_child (f, "message_revealer"))));
  tenure_test_iterate (300);
  g_free (tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-date-order"));

  tenure_import_dialog_set_date_order (f->dialog, TENURE_DATE_ORDER_DMY);
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  g_assert_null (tenure_import_dialog_get_error (f->dialog));
  g_assert_cmpuint (adw_combo_row_get_selected (order), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "import_button")));
}

static void
test_missing_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("missing-column.csv");

  open_dialog (f, csv);
  g_assert_nonnull (tenure_import_dialog_get_error (f->dialog));
  g_test_message ("%s", tenure_import_dialog_get_error (f->dialog));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "import_button")));
}

static void
test_unreadable_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("binary-garbage.csv");
  g_autofree char *missing = g_build_filename (f->dir, "gone.csv", NULL);

  open_dialog (f, csv);
  g_assert_nonnull (tenure_import_dialog_get_error (f->dialog));
  g_test_message ("%s", tenure_import_dialog_get_error (f->dialog));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "import_button")));
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_null (f->dialog);

  open_dialog (f, missing);
  g_assert_nonnull (tenure_import_dialog_get_error (f->dialog));
  g_assert_nonnull (strstr (tenure_import_dialog_get_error (f->dialog), "gone.csv"));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "import_button")));
}

static void
test_subscriptions_end (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("subscriptions-amount-term.csv");
  GtkWidget *inclusive;

  open_dialog (f, csv);
  g_assert_cmpint (tenure_import_dialog_get_report (f->dialog)->kind, ==,
                   TENURE_IMPORT_KIND_SUBSCRIPTIONS);
  g_assert_true (gtk_widget_get_visible (template_child (f, "inclusive_row")));
  g_assert_false (tenure_import_dialog_get_report (f->dialog)->inclusive_end);
  inclusive = template_child (f, "inclusive_switch");
  gtk_switch_set_active (GTK_SWITCH (inclusive), TRUE);
  g_assert_true (tenure_import_dialog_is_busy (f->dialog));
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  g_assert_true (tenure_import_dialog_get_report (f->dialog)->inclusive_end);

  /* Not a subscription file: no such switch. */
  tenure_import_dialog_set_kind (f->dialog, TENURE_IMPORT_KIND_ACCOUNTS);
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  g_assert_false (gtk_widget_get_visible (template_child (f, "inclusive_row")));
}

/* The preview is there (the count of a big file may still run: the
 * import does not wait for it). */
static gboolean
can_import (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->dialog),
                                                                 TENURE_TYPE_IMPORT_DIALOG,
                                                                 "import_button"));

  return gtk_widget_get_sensitive (button);
}

static gboolean
progress_started (gpointer data)
{
  Fixture *f = data;

  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (template_child (f, "progress_bar")))
         > 0.05;
}

static void
test_cancel_large_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "many-deals.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Deal ID,Account,Amount,Close Date\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;

  /* Large enough that the import is still running when the test cancels
   * it: about 2.5 s of work on the 2-core CI machine. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (text, "D%06u,Account %u,%u.%02u,2024-%02u-%02u\n", i, i % 5000,
                            100 + i % 9000, i % 100, 1 + i % 12, 1 + i % 28);
  g_assert_true (g_file_set_contents (csv, text->str, text->len, &error));
  g_assert_no_error (error);
  before = tenure_test_dump (tenure_workspace_get_db (f->ws));

  open_dialog_full (f, csv, FALSE);
  g_assert_true (tenure_test_wait_for (can_import, f, 60000));
  g_assert_null (tenure_import_dialog_get_error (f->dialog));
  tenure_import_dialog_start_import (f->dialog);
  g_assert_true (tenure_import_dialog_is_busy (f->dialog));
  g_assert_true (tenure_test_wait_for (progress_started, f, 120000));
  tenure_test_iterate (100);
  shot = tenure_test_screenshot (GTK_WIDGET (f->dialog), "import-dialog-progress");
  g_test_message ("screenshot: %s", shot);
  g_assert_true (tenure_import_dialog_is_busy (f->dialog));
  tenure_import_dialog_cancel (f->dialog);
  g_assert_true (tenure_test_wait_for (is_idle, f, 120000));

  g_assert_cmpuint (f->n_done, ==, 0);
  g_assert_nonnull (f->dialog);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "stack"))), ==,
                   "setup");
  after = tenure_test_dump (tenure_workspace_get_db (f->ws));
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv = fixture_csv ("deals-with-ids.csv");
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->ws);
  f->ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  open_dialog (f, csv);
  g_assert_nonnull (tenure_import_dialog_get_error (f->dialog));
  g_assert_nonnull (strstr (tenure_import_dialog_get_error (f->dialog), "read-only"));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "import_button")));
  gtk_window_destroy (GTK_WINDOW (f->dialog));

  /* Through the entry point: refused with the reason, no import dialog. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (csv);
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *refusal = NULL;

    tenure_import_dialog_run (NULL, f->ws, &file, 1, done_cb, f);
    tenure_test_iterate (100);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        g_assert_false (TENURE_IS_IMPORT_DIALOG (window));
        if (ADW_IS_MESSAGE_DIALOG (window))
          refusal = ADW_MESSAGE_DIALOG (window);
      }
    g_assert_nonnull (refusal);
    g_assert_cmpstr (adw_message_dialog_get_body (refusal), ==,
                     tenure_workspace_get_read_only_reason (f->ws));
    gtk_window_destroy (GTK_WINDOW (refusal));
  }
}

static TenureImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TENURE_IS_IMPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TENURE_IMPORT_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_for (gpointer data)
{
  TenureImportDialog *dialog = find_dialog ();

  return dialog != NULL && g_strcmp0 (gtk_window_get_title (GTK_WINDOW (dialog)), data) == 0;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static void
test_several_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first_path = fixture_csv ("deals-with-ids.csv");
  g_autofree char *second_path = fixture_csv ("typo-one-row.csv");
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  GFile *files[] = { first, second };
  GtkWidget *parent = gtk_window_new ();

  gtk_window_present (GTK_WINDOW (parent));
  tenure_import_dialog_run (GTK_WINDOW (parent), f->ws, files, 2, done_cb, f);
  /* One after the other: the second opens when the first is skipped. */
  g_assert_true (tenure_test_wait_for (dialog_for, "deals-with-ids.csv", 5000));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (find_dialog ())) == GTK_WINDOW (parent));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (find_dialog ())));
  tenure_import_dialog_cancel (find_dialog ());
  g_assert_true (tenure_test_wait_for (dialog_for, "typo-one-row.csv", 5000));
  f->dialog = find_dialog ();
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  tenure_import_dialog_start_import (f->dialog);
  g_assert_true (tenure_test_wait_for (is_idle, f, 20000));
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_cmpstr (f->done_name, ==, "typo-one-row.csv");
  tenure_import_dialog_start_import (f->dialog);   /* Done */
  g_assert_true (tenure_test_wait_for (no_dialog, NULL, 5000));
  g_assert_null (f->dialog);
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) g_test_add ("/import-dialog/" name, Fixture, NULL, fixture_setup, func, \
                                    fixture_teardown)
  ADD ("detects-and-previews", test_detects_and_previews);
  ADD ("import-lands", test_import_lands);
  ADD ("rejected-row", test_rejected_row);
  ADD ("date-order-undecidable", test_date_order_undecidable);
  ADD ("missing-column", test_missing_column);
  ADD ("unreadable-file", test_unreadable_file);
  ADD ("subscriptions-end", test_subscriptions_end);
  ADD ("cancel-large-import", test_cancel_large_import);
  ADD ("read-only", test_read_only);
  ADD ("several-files", test_several_files);
  return g_test_run ();
}
