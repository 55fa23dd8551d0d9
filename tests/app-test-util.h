/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers of the application's display tests: a workspace with accounts
 * and their records built with plain SQL, and a shown window. */

#include <adwaita.h>

#include "tenure-account-list.h"
#include "tenure-accounts-view.h"
#include "tenure-test-display.h"
#include "tenure-test-util.h"
#include "tenure-window.h"

#define APP_TEST_ACCOUNTS 12

/* Twelve accounts in two segments and three owners, each with a
 * subscription since 2020 (MRR id × 100.00), a won deal, a recent
 * touchpoint and an NPS answer, K003 and K007 excepted: their last
 * touchpoint is 200 days old, which puts them at risk (interaction gap). */
G_GNUC_UNUSED static char *
app_test_make_workspace (const char *dir,
                         const char *name,
                         gboolean    with_records)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO account (key, name, segment, owner, type, region) VALUES ");
  static const char *owners[] = { "Dana", "Lee", "Sam" };
  sqlite3 *db;

  g_assert_no_error (error);
  db = tenure_workspace_get_db (ws);
  for (guint i = 0; i < APP_TEST_ACCOUNTS; i++)
    g_string_append_printf (sql, "%s('K%03u', '%s %u', '%s', '%s', %u, 'EMEA')", i ? ", " : "", i,
                            i % 3 == 0 ? "Northwind" : i % 3 == 1 ? "Contoso" : "Fabrikam", i,
                            i % 2 ? "SMB" : "Enterprise", owners[i % 3], i % 4 + 1);
  tenure_test_exec (db, sql->str);
  if (!with_records)
    return path;
  tenure_test_exec (db,
                    "INSERT INTO subscription (account_id, plan, starts_on, mrr, seats, seats_assigned) "
                    "  SELECT id, 'Team', '2020-01-01', id * 10000, 10, 9 FROM account;"
                    "INSERT INTO subscription (account_id, plan, starts_on, ends_on, mrr) "
                    "  SELECT id, 'Pilot', '2019-10-01', '2020-01-01', 5000 FROM account WHERE id % 2 = 0;"
                    "INSERT INTO deal (account_id, created_on, closed_on, status, amount, kind, source) "
                    "  SELECT id, '2019-11-01', '2019-12-15', 'won', id * 120000, 'new', 'referral' FROM account;"
                    "INSERT INTO touchpoint (account_id, occurred_on, channel, direction) "
                    "  SELECT id, date('now', '-3 days'), 'meeting', 'outbound' FROM account "
                    "  WHERE key NOT IN ('K003', 'K007');"
                    "INSERT INTO touchpoint (account_id, occurred_on, channel, direction) "
                    "  SELECT id, date('now', '-200 days'), 'email', 'inbound' FROM account;"
                    "INSERT INTO survey_response (account_id, answered_on, kind, score) "
                    "  SELECT id, date('now', '-20 days'), 'nps', 9 FROM account;"
                    "INSERT INTO event (account_id, occurred_on, kind) "
                    "  SELECT id, '2020-01-01', 'originated' FROM account;");
  return path;
}

G_GNUC_UNUSED static gboolean
app_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

G_GNUC_UNUSED static gboolean
app_test_is_loaded (gpointer data)
{
  return !tenure_window_is_loading (data);
}

/* Workspaces open in a thread: waits until @window has opened its file
 * (or given up on it). */
G_GNUC_UNUSED static void
app_test_wait_loaded (TenureWindow *window)
{
  g_assert_true (tenure_test_wait_for (app_test_is_loaded, window, 20000));
}

/* …every window of @app. */
G_GNUC_UNUSED static void
app_test_wait_all_loaded (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TENURE_IS_WINDOW (l->data))
      app_test_wait_loaded (l->data);
}

G_GNUC_UNUSED static gboolean
app_test_has_analysis (gpointer data)
{
  return tenure_window_get_analysis (data) != NULL;
}

/* What AdwApplication does for the real program (the tests make windows
 * without one): the stylesheet and icons of the resource base path, so the
 * screenshots show what users see. */
G_GNUC_UNUSED static void
app_test_load_style (void)
{
  static gboolean done;
  GtkCssProvider *provider;

  if (done)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/tenure/Tenure/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/tenure/Tenure/icons");
}

/* A window of 1200 × 800 showing @ws, mapped, with its first figures. */
G_GNUC_UNUSED static TenureWindow *
app_test_show_window (TenureWorkspace *ws)
{
  TenureWindow *window;

  app_test_load_style ();
  window = tenure_window_new (NULL, ws);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tenure_test_wait_for (app_test_is_mapped, window, 5000));
  if (ws != NULL)
    g_assert_true (tenure_test_wait_for (app_test_has_analysis, window, 10000));
  tenure_test_iterate (100);
  return window;
}

G_GNUC_UNUSED static void
app_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
  tenure_test_iterate (100);
}

G_GNUC_UNUSED static void
app_test_shot (GtkWidget  *widget,
               const char *name)
{
  g_autofree char *shot = tenure_test_screenshot (widget, name);

  g_test_message ("screenshot: %s", shot);
}

G_GNUC_UNUSED static gint64
app_test_query_int (sqlite3    *db,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

G_GNUC_UNUSED static char *
app_test_query_text (sqlite3    *db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}
