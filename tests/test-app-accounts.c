/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "app-test-util.h"
#include "tenure-chart-page.h"
#include "tenure-figure-table.h"
#include "tenure-account-detail.h"
#include "tenure-preferences-window.h"

static TenureAccountsView *
accounts_view (TenureWindow *window)
{
  return TENURE_ACCOUNTS_VIEW (tenure_window_get_accounts_view (window));
}

static GtkColumnViewColumn *
column (TenureWindow *window,
        const char   *title)
{
  GListModel *columns = gtk_column_view_get_columns (tenure_accounts_view_get_column_view (accounts_view (window)));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (c), title))
        return c;
    }
  g_assert_not_reached ();
}

static const char *
key_at (GListModel *model,
        guint       position)
{
  g_autoptr(TenureAccount) account = g_list_model_get_item (model, position);

  return g_intern_string (tenure_account_get_key (account));
}

static const char *
count_label_text (TenureWindow *window)
{
  GtkWidget *view = tenure_window_get_accounts_view (window);

  /* The count label is the view's last label: the one with "accounts". */
  for (GtkWidget *w = view; w != NULL;)
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (GTK_IS_LABEL (w) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (w)), " accounts") &&
          strstr (gtk_label_get_text (GTK_LABEL (w)), " of ") != NULL)
        return gtk_label_get_text (GTK_LABEL (w));
      while (next == NULL && w != view)
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      if (next == NULL)
        break;
      w = next;
    }
  return NULL;
}

static void
test_accounts_sort_and_filter (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Northwind Group.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  TenureWindow *window;
  TenureAccountsView *view;
  GtkColumnView *column_view;
  GListModel *model;

  g_assert_no_error (error);
  window = app_test_show_window (ws);
  g_assert_true (tenure_window_show_view (window, "accounts"));
  view = accounts_view (window);
  column_view = tenure_accounts_view_get_column_view (view);
  model = tenure_accounts_view_get_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, APP_TEST_ACCOUNTS);
  g_assert_cmpstr (count_label_text (window), ==, "12 of 12 accounts");

  /* Every column sorts. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (column_view)), ==, 11);
  for (guint i = 0; i < 11; i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (gtk_column_view_get_columns (column_view), i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (c));
    }
  gtk_column_view_sort_by_column (column_view, column (window, "MRR"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (key_at (model, 0), ==, "K011");
  gtk_column_view_sort_by_column (column_view, column (window, "ARR"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (key_at (model, 0), ==, "K000");
  gtk_column_view_sort_by_column (column_view, column (window, "Account"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (key_at (model, 0), ==, "K001");   /* Contoso 1 */
  gtk_column_view_sort_by_column (column_view, column (window, "At Risk"), GTK_SORT_DESCENDING);
  {
    g_autoptr(TenureAccount) first = g_list_model_get_item (model, 0);

    g_assert_true (tenure_account_get_at_risk (first));
  }

  /* Search by name, case-insensitive. */
  tenure_accounts_view_set_search (view, "contoso");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpstr (count_label_text (window), ==, "4 of 12 accounts");
  tenure_accounts_view_set_search (view, "K011");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  tenure_accounts_view_set_search (view, "no such account");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  tenure_test_iterate (50);
  app_test_shot (GTK_WIDGET (window), "accounts-no-match");
  tenure_accounts_view_set_search (view, NULL);

  /* Segment: the drop-down offers the distinct values. */
  g_assert_false (tenure_accounts_view_set_filter (view, "segment", "Mid-market"));
  g_assert_true (tenure_accounts_view_set_filter (view, "segment", "SMB"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_true (tenure_accounts_view_set_filter (view, "owner", "Dana"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);   /* K003, K009 */
  g_assert_true (tenure_accounts_view_set_filter (view, "owner", NULL));
  g_assert_true (tenure_accounts_view_set_filter (view, "account-type", "2"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);   /* K001, K005, K009 */
  g_assert_true (tenure_accounts_view_set_filter (view, "account-type", NULL));

  /* At risk: the two accounts without a recent touchpoint. */
  tenure_accounts_view_set_at_risk_only (view, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);   /* SMB: K003, K007 */
  tenure_accounts_view_set_filter (view, "segment", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (count_label_text (window), ==, "2 of 12 accounts");
  tenure_test_iterate (50);
  app_test_shot (GTK_WIDGET (window), "accounts-at-risk");
  tenure_accounts_view_set_at_risk_only (view, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, APP_TEST_ACCOUNTS);
  gtk_column_view_sort_by_column (column_view, column (window, "MRR"), GTK_SORT_DESCENDING);
  tenure_test_iterate (50);
  app_test_shot (GTK_WIDGET (window), "accounts");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (window), "accounts-dark");
  app_test_set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static gboolean
analysis_replaced (gpointer data)
{
  gpointer *pair = data;

  return tenure_window_get_analysis (pair[0]) != NULL && tenure_window_get_analysis (pair[0]) != pair[1];
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *pair = data;

  return find_label (pair[0], pair[1]) != NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_accounts_detail_edits (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Northwind Group.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_autofree char *metric = NULL;
  g_autofree char *owner = NULL;
  TenureWindow *window;
  TenureAccountsView *view;
  TenureAccountDetail *detail;
  GtkSpinButton *spin;
  TenureAccount *account;
  gpointer analysis;
  sqlite3 *db;

  g_assert_no_error (error);
  db = tenure_workspace_get_db (ws);
  window = app_test_show_window (ws);
  g_assert_true (tenure_window_show_view (window, "accounts"));
  view = accounts_view (window);
  detail = tenure_accounts_view_get_detail (view);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (detail)));

  g_assert_true (tenure_accounts_view_select (view, "K005"));
  /* The pane opens after the redraws, which take longer under ASan. */
  g_assert_true (tenure_test_wait_for (widget_mapped, detail, 10000));
  account = tenure_account_detail_get_account (detail);
  g_assert_nonnull (account);
  g_assert_cmpstr (tenure_account_get_key (account), ==, "K005");
  g_assert_true (isnan (tenure_account_get_overall_score (account)));

  /* A sub-metric scored through its spin button: a score_entry dated
   * today, and the account's overall score recomputed. */
  metric = app_test_query_text (db, "SELECT name FROM score_metric ORDER BY area_id, position LIMIT 1");
  spin = tenure_account_detail_get_score_spin (detail, metric);
  g_assert_nonnull (spin);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (spin)));
  analysis = tenure_window_get_analysis (window);
  gtk_spin_button_set_value (spin, 7);
  g_assert_cmpint (app_test_query_int (db,
                                       "SELECT count(*) FROM score_entry e JOIN account a ON a.id = e.account_id "
                                       "WHERE a.key = 'K005' AND e.value = 7 AND e.scored_on = date('now')"), ==, 1);
  /* The write's ::changed recomputes the figures the list shows. */
  g_assert_true (tenure_test_wait_for (analysis_replaced, &(gpointer[2]) { window, analysis }, 10000));
  g_assert_cmpfloat_with_epsilon (tenure_account_get_overall_score (account), 7.0, 1e-9);
  /* The detail reloads in an idle, after the redraws (slow under a
   * sanitizer). */
  g_assert_true (tenure_test_wait_for (label_shown, &(gpointer[2]) { detail, "7.0" }, 10000));

  /* A second change the same day corrects the entry. */
  spin = tenure_account_detail_get_score_spin (detail, metric);
  gtk_spin_button_set_value (spin, 3);
  g_assert_cmpint (app_test_query_int (db, "SELECT count(*) FROM score_entry"), ==, 1);
  g_assert_cmpint (app_test_query_int (db, "SELECT value FROM score_entry"), ==, 3);
  analysis = tenure_window_get_analysis (window);
  g_assert_true (tenure_test_wait_for (analysis_replaced, &(gpointer[2]) { window, analysis }, 10000));
  g_assert_cmpfloat_with_epsilon (tenure_account_get_overall_score (account), 3.0, 1e-9);
  /* Below the flag threshold (4): at risk for its score now. */
  g_assert_nonnull (strstr (tenure_account_get_at_risk_reasons (account), "low_score"));
  /* The detail reloads in an idle, after the redraws (slow under a
   * sanitizer). */
  g_assert_true (tenure_test_wait_for (label_shown, &(gpointer[2]) { detail, "3.0" }, 10000));

  /* Owner and type, through the workspace. */
  {
    AdwEntryRow *owner_row = NULL;
    AdwComboRow *type_row = ADW_COMBO_ROW (tenure_test_find_widget (GTK_WIDGET (detail), ADW_TYPE_COMBO_ROW));

    for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (type_row)); owner_row == NULL && w;)
      {
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          if (ADW_IS_ENTRY_ROW (c) && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), "Owner"))
            owner_row = ADW_ENTRY_ROW (c);
        break;
      }
    g_assert_nonnull (owner_row);
    gtk_editable_set_text (GTK_EDITABLE (owner_row), "Robin");
    g_signal_emit_by_name (owner_row, "apply");
    owner = app_test_query_text (db, "SELECT owner FROM account WHERE key = 'K005'");
    g_assert_cmpstr (owner, ==, "Robin");
    g_assert_cmpstr (tenure_account_get_owner (account), ==, "Robin");

    adw_combo_row_set_selected (type_row, 0);
    g_assert_cmpint (app_test_query_int (db, "SELECT type FROM account WHERE key = 'K005'"), ==, 1);
    g_assert_cmpint (tenure_account_get_account_type (account), ==, 1);
  }
  tenure_test_iterate (300);
  app_test_shot (GTK_WIDGET (window), "accounts-detail");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (window), "accounts-detail-dark");
  app_test_set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static void
import_files_cb (TenureWindow *window,
                 GListModel   *files,
                 guint        *imports)
{
  (*imports)++;
}

/* A read-only workspace: the bar says why, and nothing can be edited. */
static void
test_accounts_read_only (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Archive 2024.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  TenureWindow *window;
  TenureAccountDetail *detail;
  GtkWidget *prefs;
  GtkInfoBar *bar;
  guint imports = 0;

  g_assert_no_error (error);
  window = app_test_show_window (ws);
  bar = GTK_INFO_BAR (tenure_test_find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR));
  g_assert_true (gtk_info_bar_get_revealed (bar));
  /* Import writes: its action is off. */
  g_signal_connect (window, "import-files", G_CALLBACK (import_files_cb), &imports);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  g_assert_cmpuint (imports, ==, 0);

  g_assert_true (tenure_window_show_view (window, "accounts"));
  g_assert_true (tenure_accounts_view_select (accounts_view (window), "K001"));
  tenure_test_iterate (400);
  detail = tenure_accounts_view_get_detail (accounts_view (window));
  {
    g_autofree char *metric = app_test_query_text (tenure_workspace_get_db (ws),
                                                   "SELECT name FROM score_metric LIMIT 1");
    GtkSpinButton *spin = tenure_account_detail_get_score_spin (detail, metric);

    g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (spin)));
    g_assert_false (gtk_widget_is_sensitive (tenure_test_find_widget (GTK_WIDGET (detail), ADW_TYPE_COMBO_ROW)));
    g_assert_false (gtk_widget_is_sensitive (tenure_test_find_widget (GTK_WIDGET (detail), ADW_TYPE_ENTRY_ROW)));
  }
  app_test_shot (GTK_WIDGET (window), "accounts-read-only");

  prefs = GTK_WIDGET (tenure_window_show_preferences (window));
  g_assert_nonnull (prefs);
  g_assert_false (gtk_widget_is_sensitive (tenure_preferences_window_get_editor (TENURE_PREFERENCES_WINDOW (prefs),
                                                                                "gross-margin")));
  g_assert_false (gtk_widget_is_sensitive (tenure_preferences_window_get_editor (TENURE_PREFERENCES_WINDOW (prefs),
                                                                                "churn-rule")));
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static gboolean
is_accounts_view (gpointer data)
{
  return g_strcmp0 (tenure_window_get_view (data), "accounts") == 0;
}

/* Activating an account in the overview's at-risk table shows it in the
 * accounts view, selected, even when the search and filters there hid it;
 * Ctrl+F searches the accounts from anywhere. */
static void
test_accounts_at_risk_click_through (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Click Through.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  GtkWidget *overview, *search, *focus;
  GtkColumnView *table;
  GtkSingleSelection *selection;
  TenureAccountsView *view;
  TenureWindow *window;
  GListModel *model;
  TenureAccount *selected;

  g_assert_no_error (error);
  window = app_test_show_window (ws);
  view = accounts_view (window);
  model = tenure_accounts_view_get_model (view);

  /* K003 (Northwind 3, SMB) is hidden by a search and a filter. */
  tenure_accounts_view_set_search (view, "contoso");
  g_assert_true (tenure_accounts_view_set_filter (view, "segment", "Enterprise"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* The at-risk table lists the most MRR first: K007, then K003. */
  g_assert_true (tenure_window_show_view (window, "overview"));
  tenure_test_iterate (100);
  overview = tenure_window_get_view_widget (window, "overview");
  table = tenure_chart_page_get_table (TENURE_CHART_PAGE (overview));
  g_assert_cmpuint (tenure_figure_table_get_n_rows (table), ==, 2);
  {
    g_autoptr(TenureFigureRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (table)), 1);

    g_assert_cmpstr (tenure_figure_row_get_cell (row, 0), ==, "Northwind 3");
  }
  g_signal_emit_by_name (table, "activate", 1);
  g_assert_true (tenure_test_wait_for (is_accounts_view, window, 1000));

  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (tenure_accounts_view_get_column_view (view)));
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (tenure_account_get_key (selected), ==, "K003");
  /* The search and the segment filter are off; it is listed. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, APP_TEST_ACCOUNTS);
  search = tenure_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  tenure_test_iterate (400);
  app_test_shot (GTK_WIDGET (window), "accounts-at-risk-click-through");

  /* Another filter that keeps it stays on: the at-risk toggle. */
  tenure_accounts_view_set_at_risk_only (view, TRUE);
  g_assert_true (tenure_accounts_view_reveal (view, "K007"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_false (tenure_accounts_view_reveal (view, "no such key"));
  tenure_accounts_view_set_at_risk_only (view, FALSE);

  /* Ctrl+F from another view: the accounts, the search focused. */
  g_assert_true (tenure_window_show_view (window, "revenue"));
  g_assert_true (tenure_test_press_key (GTK_WIDGET (window), GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_cmpstr (tenure_window_get_view (window), ==, "accounts");
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));

  gtk_window_destroy (GTK_WINDOW (window));
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/accounts/sort-and-filter", test_accounts_sort_and_filter);
  g_test_add_func ("/app/accounts/detail-edits", test_accounts_detail_edits);
  g_test_add_func ("/app/accounts/read-only", test_accounts_read_only);
  g_test_add_func ("/app/accounts/at-risk-click-through", test_accounts_at_risk_click_through);
  return g_test_run ();
}
