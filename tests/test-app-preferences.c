/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"
#include "tenure-preferences-window.h"
#include "tenure-settings.h"

static char *
setting (TenureWorkspace *ws,
         const char      *key)
{
  return tenure_workspace_get_setting (ws, key);
}

static void
test_preferences_settings (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Settings.tenure", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  TenurePreferencesWindow *prefs;
  TenureWindow *window;
  GtkWidget *editor;
  char *value;

  g_assert_no_error (error);
  window = app_test_show_window (ws);
  prefs = TENURE_PREFERENCES_WINDOW (tenure_window_show_preferences (window));
  g_assert_nonnull (prefs);
  g_assert_true (tenure_test_wait_for (app_test_is_mapped, prefs, 5000));
  tenure_test_iterate (100);

  /* The churn rule from its combo row. */
  editor = tenure_preferences_window_get_editor (prefs, "churn-rule");
  g_assert_true (ADW_IS_COMBO_ROW (editor));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (editor)), ==, 0);   /* auto */
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor), 2);
  value = setting (ws, "churn-rule");
  g_assert_cmpstr (value, ==, "inactivity");
  g_free (value);

  /* Inactivity days from its spin button. */
  editor = tenure_preferences_window_get_editor (prefs, "inactivity-days");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 180);
  value = setting (ws, "inactivity-days");
  g_assert_cmpstr (value, ==, "180");
  g_free (value);

  /* An invalid gross margin: the reason under the row, nothing written. */
  editor = tenure_preferences_window_get_editor (prefs, "gross-margin");
  g_assert_true (GTK_IS_ENTRY (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor), "1.5");
  g_signal_emit_by_name (editor, "activate");
  g_assert_nonnull (tenure_preferences_window_get_error (prefs, "gross-margin"));
  g_assert_nonnull (strstr (tenure_preferences_window_get_error (prefs, "gross-margin"), "gross-margin"));
  g_assert_true (gtk_widget_has_css_class (editor, "error"));
  value = setting (ws, "gross-margin");
  g_assert_cmpstr (value, ==, "1");
  g_free (value);
  tenure_test_iterate (100);
  app_test_shot (GTK_WIDGET (prefs), "preferences-invalid");

  /* Corrected: written, and the error goes. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "0.8");
  g_signal_emit_by_name (editor, "activate");
  g_assert_null (tenure_preferences_window_get_error (prefs, "gross-margin"));
  g_assert_false (gtk_widget_has_css_class (editor, "error"));
  value = setting (ws, "gross-margin");
  g_assert_cmpstr (value, ==, "0.8");
  g_free (value);

  /* Fiscal year start from the month names; the reactivation switch. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tenure_preferences_window_get_editor (prefs, "fiscal-year-start")), 3);
  value = setting (ws, "fiscal-year-start");
  g_assert_cmpstr (value, ==, "4");
  g_free (value);
  gtk_switch_set_active (GTK_SWITCH (tenure_preferences_window_get_editor (prefs, "quick-ratio-reactivation")), TRUE);
  value = setting (ws, "quick-ratio-reactivation");
  g_assert_cmpstr (value, ==, "true");
  g_free (value);

  /* A currency the settings refuse. */
  editor = tenure_preferences_window_get_editor (prefs, "currency");
  gtk_editable_set_text (GTK_EDITABLE (editor), "dollars");
  g_signal_emit_by_name (editor, "activate");
  g_assert_nonnull (tenure_preferences_window_get_error (prefs, "currency"));
  value = setting (ws, "currency");
  g_assert_cmpstr (value, ==, "USD");
  g_free (value);
  gtk_editable_set_text (GTK_EDITABLE (editor), "EUR");
  g_signal_emit_by_name (editor, "activate");
  value = setting (ws, "currency");
  g_assert_cmpstr (value, ==, "EUR");
  g_free (value);

  tenure_test_iterate (100);
  app_test_shot (GTK_WIDGET (prefs), "preferences");
  app_test_set_dark (TRUE);
  app_test_shot (GTK_WIDGET (prefs), "preferences-dark");
  app_test_set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

static char *
stage_names (TenureWorkspace *ws)
{
  g_autofree char *json = tenure_workspace_get_setting (ws, "stages");
  g_autoptr(GArray) stages = tenure_settings_parse_stages (json, NULL);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < stages->len; i++)
    g_string_append_printf (names, "%s%s", i ? "," : "", g_array_index (stages, TenureStageSpec, i).name);
  return g_string_free (names, FALSE);
}

static void
test_preferences_stages_and_areas (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = app_test_make_workspace (dir, "Journey.tenure", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  TenurePreferencesWindow *prefs;
  char *names;

  g_assert_no_error (error);
  prefs = TENURE_PREFERENCES_WINDOW (tenure_preferences_window_new (ws));
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (tenure_test_wait_for (app_test_is_mapped, prefs, 5000));

  names = stage_names (ws);
  g_assert_cmpstr (names, ==, "Onboarding,Launched,ROI Generated,ROI Recognized,Monetized,Strategic Partner");
  g_free (names);

  g_assert_true (tenure_preferences_window_add_stage (prefs, "Advocate", &error));
  g_assert_true (tenure_preferences_window_rename_stage (prefs, 0, "Kick-off", &error));
  g_assert_true (tenure_preferences_window_move_stage (prefs, 6, -1, &error));
  g_assert_true (tenure_preferences_window_remove_stage (prefs, 1, &error));
  g_assert_no_error (error);
  names = stage_names (ws);
  g_assert_cmpstr (names, ==, "Kick-off,ROI Generated,ROI Recognized,Monetized,Advocate,Strategic Partner");
  g_free (names);
  /* Two stages of one name: refused, nothing changes. */
  g_assert_false (tenure_preferences_window_rename_stage (prefs, 1, "Kick-off", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Renaming a scorecard area through its entry row. */
  {
    GtkWidget *row = tenure_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_EXPANDER_ROW);
    AdwEntryRow *name_row;
    g_autofree char *area = NULL;

    g_assert_nonnull (row);
    name_row = ADW_ENTRY_ROW (tenure_test_find_widget (row, ADW_TYPE_ENTRY_ROW));
    gtk_editable_set_text (GTK_EDITABLE (name_row), "Live and Launched");
    g_signal_emit_by_name (name_row, "apply");
    area = app_test_query_text (tenure_workspace_get_db (ws), "SELECT name FROM score_area ORDER BY position LIMIT 1");
    g_assert_cmpstr (area, ==, "Live and Launched");
  }

  tenure_test_iterate (200);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), NULL);
  {
    GtkWidget *page = tenure_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE);
    GtkWidget *journey = gtk_widget_get_next_sibling (page);

    if (journey != NULL && ADW_IS_PREFERENCES_PAGE (journey))
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (journey));
  }
  tenure_test_iterate (200);
  app_test_shot (GTK_WIDGET (prefs), "preferences-stages");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_clear_object (&ws);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/preferences/settings", test_preferences_settings);
  g_test_add_func ("/app/preferences/stages-and-areas", test_preferences_stages_and_areas);
  return g_test_run ();
}
