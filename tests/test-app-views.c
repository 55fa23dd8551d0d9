/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"
#include "tenure-chart-page.h"
#include "tenure-chart-view.h"
#include "tenure-figure-table.h"
#include "tenure-sample.h"

static const char *view_names[] = {
  "overview", "accounts", "lifecycle", "cohorts", "revenue",
  "segments", "key-accounts", "scorecards", "value",
};

static GtkWidget *
find_sidebar (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sidebar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkListBoxRow *
sidebar_row (TenureWindow *window,
             guint         index)
{
  GtkListBox *sidebar = GTK_LIST_BOX (find_sidebar (GTK_WIDGET (window)));

  g_assert_nonnull (sidebar);
  return gtk_list_box_get_row_at_index (sidebar, index);
}

/* Every view of the sidebar, reached by selecting its row, in light and
 * dark; the figure views with data show their page, not the empty state. */
static void
test_views_visit_all (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Northwind Group.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tenure.Tenure");
  TenureWindow *window;

  g_assert_no_error (error);
  window = app_test_show_window (ws);
  for (int dark = 0; dark <= 1; dark++)
    {
      app_test_set_dark (dark);
      for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
        {
          GtkListBoxRow *row = sidebar_row (window, i);
          GtkWidget *view;
          g_autofree char *name = NULL;
          g_autofree char *last_view = NULL;

          g_assert_nonnull (row);
          gtk_widget_activate (GTK_WIDGET (row));
          gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
          tenure_test_iterate (50);
          g_assert_cmpstr (tenure_window_get_view (window), ==, view_names[i]);
          view = tenure_window_get_view_widget (window, view_names[i]);
          g_assert_true (gtk_widget_get_mapped (view));
          if (TENURE_IS_CHART_PAGE (view) && !g_str_equal (view_names[i], "scorecards"))
            g_assert_true (tenure_chart_page_has_data (TENURE_CHART_PAGE (view)));
          /* The window remembers the view it shows. */
          last_view = g_settings_get_string (settings, "last-view");
          g_assert_cmpstr (last_view, ==, view_names[i]);
          name = g_strdup_printf ("views-%s%s", view_names[i], dark ? "-dark" : "");
          app_test_shot (GTK_WIDGET (window), name);
        }
    }
  app_test_set_dark (FALSE);

  /* No score yet: the scorecards say how to get one. */
  g_assert_false (tenure_chart_page_has_data (TENURE_CHART_PAGE (tenure_window_get_view_widget (window, "scorecards"))));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

/* A workspace with accounts only: the figure views show what to import. */
static void
test_views_empty_states (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Fresh Start.tenure", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  TenureWindow *window;

  g_assert_no_error (error);
  window = app_test_show_window (ws);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      GtkWidget *view = tenure_window_get_view_widget (window, view_names[i]);

      if (TENURE_IS_CHART_PAGE (view))
        g_assert_false (tenure_chart_page_has_data (TENURE_CHART_PAGE (view)));
    }
  g_assert_true (tenure_window_show_view (window, "revenue"));
  tenure_test_iterate (100);
  {
    AdwStatusPage *page = ADW_STATUS_PAGE (tenure_test_find_widget (tenure_window_get_view_widget (window, "revenue"),
                                                                    ADW_TYPE_STATUS_PAGE));

    g_assert_cmpstr (adw_status_page_get_description (page), ==, "Import subscriptions to see MRR movements");
  }
  app_test_shot (GTK_WIDGET (window), "views-revenue-empty");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (window), "views-revenue-empty-dark");
  app_test_set_dark (FALSE);

  /* A subscription arrives (another program, say): the page fills. */
  g_assert_true (tenure_workspace_begin_write (ws, &error));
  tenure_test_exec (tenure_workspace_get_db (ws),
                    "INSERT INTO subscription (account_id, starts_on, mrr) VALUES (1, '2024-01-01', 9900)");
  g_assert_true (tenure_workspace_commit_write (ws, &error));
  g_assert_true (tenure_chart_page_has_data (TENURE_CHART_PAGE (tenure_window_get_view_widget (window, "revenue"))));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The welcome page without a workspace; the period picker's state. */
static void
test_views_welcome_and_period (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Periods.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tenure.Tenure");
  TenureWindow *window;
  TenureViewState *state;
  GtkDropDown *period;
  guint notified = 0;

  window = app_test_show_window (NULL);
  g_assert_false (gtk_widget_get_mapped (tenure_window_get_accounts_view (window)));
  app_test_shot (GTK_WIDGET (window), "welcome");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (window), "welcome-dark");
  app_test_set_dark (FALSE);

  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  tenure_window_set_workspace (window, ws);
  g_assert_true (tenure_test_wait_for (app_test_has_analysis, window, 10000));

  state = tenure_window_get_view_state (window);
  g_signal_connect_swapped (state, "notify::period-kind", G_CALLBACK (count_cb), &notified);
  period = GTK_DROP_DOWN (tenure_test_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (period, TENURE_PERIOD_QUARTER);
  g_assert_cmpint (tenure_view_state_get_period_kind (state), ==, TENURE_PERIOD_QUARTER);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "last-period-kind"), ==, TENURE_PERIOD_QUARTER);
  gtk_drop_down_set_selected (period, TENURE_PERIOD_MONTH);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

/* Size and maximized state are kept in GSettings when the window closes. */
static void
test_views_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tenure.Tenure");
  TenureWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  window = tenure_window_new (NULL, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tenure_test_wait_for (app_test_is_mapped, window, 5000));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 750);
  tenure_test_iterate (200);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 750);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* The shortcuts window GtkApplication shows for win.show-help-overlay. */
static void
test_views_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/tenure/Tenure/gtk/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_set_default_size (overlay, 900, 600);
  gtk_window_present (overlay);
  g_assert_true (tenure_test_wait_for (app_test_is_mapped, overlay, 5000));
  tenure_test_iterate (200);
  app_test_shot (GTK_WIDGET (overlay), "shortcuts");
  gtk_window_destroy (overlay);
}

/* The figure views whose chart and table are filled from the analysis. */
static const char *figure_views[] = {
  "overview", "revenue", "lifecycle", "cohorts", "segments", "scorecards", "value",
};

static guint
count_charts (GtkWidget *widget)
{
  guint n = 0;

  if (TENURE_IS_CHART_VIEW (widget) && gtk_widget_get_mapped (widget))
    {
      g_assert_nonnull (tenure_chart_view_get_chart (TENURE_CHART_VIEW (widget)));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_charts (child);
  return n;
}

static gboolean
analysis_changed (gpointer data)
{
  return *(guint *) data > 0;
}

static void
count_analysis_cb (guint *count)
{
  (*count)++;
}

/* The sample business: each figure view shows its charts and a table with
 * rows, in light and dark, and follows a new analysis. */
static void
test_views_figures (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Sample.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  TenureWindow *window;
  guint changed = 0;

  g_assert_true (tenure_sample_create (path, NULL, &error));
  g_assert_no_error (error);
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  window = app_test_show_window (ws);
  for (int dark = 0; dark <= 1; dark++)
    {
      app_test_set_dark (dark);
      for (guint i = 0; i < G_N_ELEMENTS (figure_views); i++)
        {
          GtkWidget *view = tenure_window_get_view_widget (window, figure_views[i]);
          g_autofree char *name = NULL;

          g_assert_true (tenure_window_show_view (window, figure_views[i]));
          tenure_test_iterate (150);
          g_assert_true (tenure_chart_page_has_data (TENURE_CHART_PAGE (view)));
          name = g_strdup_printf ("figures-%s%s", figure_views[i], dark ? "-dark" : "");
          app_test_shot (GTK_WIDGET (window), name);
          g_assert_cmpuint (count_charts (view), >, 0);
          g_assert_cmpuint (tenure_figure_table_get_n_rows (tenure_chart_page_get_table (TENURE_CHART_PAGE (view))), >, 0);
        }
    }
  app_test_set_dark (FALSE);

  /* The key-account KPIs are rows with their definitions. */
  g_assert_true (tenure_window_show_view (window, "key-accounts"));
  tenure_test_iterate (150);
  g_assert_nonnull (tenure_test_find_widget (tenure_window_get_view_widget (window, "key-accounts"),
                                             ADW_TYPE_ACTION_ROW));
  app_test_shot (GTK_WIDGET (window), "figures-key-accounts");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (window), "figures-key-accounts-dark");
  app_test_set_dark (FALSE);

  /* Another period kind: a new analysis, and the views follow it. */
  g_signal_connect_swapped (window, "analysis-changed", G_CALLBACK (count_analysis_cb), &changed);
  tenure_view_state_set_period_kind (tenure_window_get_view_state (window), TENURE_PERIOD_QUARTER);
  g_assert_true (tenure_test_wait_for (analysis_changed, &changed, 20000));
  tenure_test_iterate (100);
  for (guint i = 0; i < G_N_ELEMENTS (figure_views); i++)
    {
      GtkWidget *view = tenure_window_get_view_widget (window, figure_views[i]);

      g_assert_cmpuint (tenure_figure_table_get_n_rows (tenure_chart_page_get_table (TENURE_CHART_PAGE (view))), >, 0);
    }
  tenure_view_state_set_period_kind (tenure_window_get_view_state (window), TENURE_PERIOD_MONTH);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        return w;
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static GtkWidget *
find_mapped_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_popover (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tab from the focus, wrapping at the end as GTK does. */
static GtkWidget *
tab (TenureWindow *window)
{
  if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
    {
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }
  return gtk_window_get_focus (GTK_WINDOW (window));
}

static gboolean
focus_within (GtkWidget *focus,
              GType      type)
{
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
      return TRUE;
  return FALSE;
}

/* The window from the keyboard: Alt+number goes to a view; Tab reaches the
 * sidebar, the header's controls, the chart and the table; the arrow keys
 * and Enter on the cohort heat map list the accounts of a cell; F10 opens
 * the main menu. */
static void
test_views_keyboard (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Keys.tenure", NULL);
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sidebar = FALSE, dropdown = FALSE, table = FALSE;
  GtkWidget *heat_map = NULL, *focus;
  TenureChartHit hit;
  TenureWindow *window;
  GtkWindow *dialog;

  g_assert_true (tenure_sample_create (path, NULL, &error));
  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  window = app_test_show_window (ws);
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      g_assert_true (tenure_test_press_key (GTK_WIDGET (window), GDK_KEY_1 + i, GDK_ALT_MASK));
      g_assert_cmpstr (tenure_window_get_view (window), ==, view_names[i]);
      tenure_test_iterate (50);
    }
  g_assert_true (tenure_test_press_key (GTK_WIDGET (window), GDK_KEY_4, GDK_ALT_MASK));
  g_assert_cmpstr (tenure_window_get_view (window), ==, "cohorts");
  tenure_test_iterate (400);

  /* Tab goes round the window; the first chart it meets is the heat map. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 200; i++)
    {
      focus = tab (window);
      /* The sidebar is one stop: Tab does not walk (and select) its rows. */
      g_assert_cmpstr (tenure_window_get_view (window), ==, "cohorts");
      sidebar |= focus_within (focus, GTK_TYPE_LIST_BOX_ROW);
      dropdown |= focus_within (focus, GTK_TYPE_DROP_DOWN);
      table |= focus_within (focus, GTK_TYPE_COLUMN_VIEW);
      if (heat_map == NULL && TENURE_IS_CHART_VIEW (focus))
        heat_map = focus;
      if (sidebar && dropdown && table && heat_map != NULL)
        break;
    }
  g_assert_true (sidebar);
  g_assert_true (dropdown);
  g_assert_true (table);
  g_assert_nonnull (heat_map);
  g_assert_cmpint (tenure_chart_built_kind (tenure_chart_view_get_chart (TENURE_CHART_VIEW (heat_map))), ==,
                   TENURE_CHART_KIND_COHORTS);

  /* In the sidebar, Down goes to the next view and keeps the focus. */
  {
    GtkWidget *row = GTK_WIDGET (sidebar_row (window, 3));

    g_assert_true (gtk_widget_grab_focus (row));
    g_assert_true (tenure_test_press_key (row, GDK_KEY_Down, 0));
    g_assert_cmpstr (tenure_window_get_view (window), ==, "revenue");
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (sidebar_row (window, 4))));
    g_assert_false (gtk_widget_get_focusable (row));
    g_assert_true (tenure_test_press_key (GTK_WIDGET (sidebar_row (window, 4)), GDK_KEY_Up, 0));
    g_assert_cmpstr (tenure_window_get_view (window), ==, "cohorts");
    tenure_test_iterate (400);
  }
  gtk_widget_grab_focus (heat_map);

  /* Right puts the cursor on the first cell, the next Right on month 1. */
  g_assert_true (tenure_test_press_key (heat_map, GDK_KEY_Right, 0));
  g_assert_true (tenure_test_press_key (heat_map, GDK_KEY_Right, 0));
  g_assert_true (tenure_chart_view_get_cursor (TENURE_CHART_VIEW (heat_map), &hit));
  g_assert_cmpint (hit.row, ==, 0);
  g_assert_cmpint (hit.column, ==, 1);
  tenure_test_iterate (100);
  app_test_shot (GTK_WIDGET (window), "keyboard-cohort-cell");

  /* Enter lists its accounts. */
  g_assert_true (tenure_test_press_key (heat_map, GDK_KEY_Return, 0));
  g_assert_true (tenure_test_wait_for (has_message_dialog, NULL, 2000));
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "at Month 1"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "active account"));
  gtk_window_destroy (dialog);

  /* F10: the main menu of the header bar. */
  g_assert_null (find_mapped_popover (GTK_WIDGET (window)));
  g_assert_true (tenure_test_press_key (GTK_WIDGET (window), GDK_KEY_F10, 0));
  tenure_test_iterate (200);
  {
    GtkWidget *popover = find_mapped_popover (GTK_WIDGET (window));

    g_assert_nonnull (popover);
    g_assert_true (GTK_IS_POPOVER_MENU (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/views/visit-all", test_views_visit_all);
  g_test_add_func ("/app/views/figures", test_views_figures);
  g_test_add_func ("/app/views/empty-states", test_views_empty_states);
  g_test_add_func ("/app/views/welcome-and-period", test_views_welcome_and_period);
  g_test_add_func ("/app/views/window-state", test_views_window_state);
  g_test_add_func ("/app/views/shortcuts", test_views_shortcuts);
  g_test_add_func ("/app/views/keyboard", test_views_keyboard);
  return g_test_run ();
}
