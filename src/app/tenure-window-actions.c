/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-application.h"
#include "tenure-preferences-window.h"
#include "tenure-report-build.h"
#include "tenure-report-print.h"
#include "tenure-window-private.h"

/* The win. actions and the Open Recent menu. */

#define MAX_RECENT 10

/**
 * tenure_window_save_as:
 * @self: a #TenureWindow
 * @path: where to write the copy; ".tenure" is added when missing
 * @error: return location for an error
 *
 * Saves a copy of the workspace with tenure_workspace_save_as() (a
 * temporary file beside @path, renamed into place), which the window then
 * shows; the copy goes to the recent files.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_window_save_as (TenureWindow  *self,
                       const char    *path,
                       GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (TENURE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->workspace != NULL, FALSE);

  target = g_str_has_suffix (path, ".tenure") ? g_strdup (path) : g_strconcat (path, ".tenure", NULL);
  if (!tenure_workspace_save_as (self->workspace, target, error))
    return FALSE;
  uri = g_filename_to_uri (target, NULL, NULL);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  _tenure_window_update_title (self);
  return TRUE;
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TenureWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->workspace != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Workspaces can only be saved on this computer"));
      if (path == NULL || !tenure_window_save_as (self, path, &error))
        tenure_window_show_error (GTK_WINDOW (self), _("Could Not Save the Workspace"), error);
      else
        _tenure_window_toast (self, _("Workspace saved"));
    }
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TenureWindow *self = TENURE_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->workspace == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save Workspace As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  title = tenure_workspace_dup_title (self->workspace);
  /* Translators: the suggested name of a copy of the workspace @title. */
  name = g_strdup_printf (_("%s (copy).tenure"), title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tenure_window_import_files (TENURE_WINDOW (widget), NULL, 0);
}

/* The board report of the figures the window shows; NULL before the
 * first analysis (the actions are off until then). */
static TenureReportData *
dup_report_data (TenureWindow *self)
{
  TenureAnalysis *analysis = tenure_window_get_analysis (self);
  g_autofree char *title = NULL;

  if (analysis == NULL || self->workspace == NULL)
    return NULL;
  title = tenure_workspace_dup_title (self->workspace);
  return tenure_report_data_from_analysis (analysis, title);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TenureReportData *data = dup_report_data (TENURE_WINDOW (widget));

  if (data != NULL)
    tenure_report_print (GTK_WINDOW (widget), data);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TenureReportData *data = dup_report_data (TENURE_WINDOW (widget));

  if (data != NULL)
    tenure_report_export_pdf (GTK_WINDOW (widget), data);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tenure_window_show_preferences (TENURE_WINDOW (widget));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TenureWindow *self = TENURE_WINDOW (widget);

  tenure_window_show_view (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TenureWindow *self = TENURE_WINDOW (widget);

  tenure_window_show_view (self, "accounts");
  tenure_accounts_view_focus_search (self->accounts_view);
}

void
_tenure_window_class_actions_init (TenureWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *view_names[] = {
    "overview", "accounts", "lifecycle", "cohorts", "revenue",
    "segments", "key-accounts", "scorecards", "value",
  };

  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", view_names[i]);
}

void
_tenure_window_update_actions (TenureWindow *self)
{
  gboolean open = self->workspace != NULL;
  gboolean writable = open && !tenure_workspace_is_read_only (self->workspace);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", open);
  /* Import writes to the workspace, and needs the import dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable && _tenure_window_has_import_func ());
  /* The report is made of the figures: none before the first analysis. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", open && tenure_window_get_analysis (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", open && tenure_window_get_analysis (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", open);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

/* The Open Recent submenu: the workspaces the recent list knows, newest
 * first, those that still exist. */
void
_tenure_window_update_recent (TenureWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) workspaces = g_ptr_array_new ();
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if (g_str_has_suffix (uri, ".tenure") && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (workspaces, info);
    }
  g_ptr_array_sort (workspaces, compare_recent);
  for (guint i = 0; i < workspaces->len && n < MAX_RECENT; i++, n++)
    {
      GtkRecentInfo *info = g_ptr_array_index (workspaces, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *name = gtk_recent_info_get_display_name (info);

      label = g_str_has_suffix (name, ".tenure") ? g_strndup (name, strlen (name) - strlen (".tenure"))
                                                  : g_strdup (name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
    }
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Workspaces"), "app.open-recent-none");

      g_menu_append_item (self->recent_section, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
recent_changed_cb (TenureWindow *self)
{
  _tenure_window_update_recent (self);
}

void
_tenure_window_actions_init (TenureWindow *self)
{
  self->recent_changed_id = g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                                                     G_CALLBACK (recent_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
  _tenure_window_update_recent (self);
  _tenure_window_update_actions (self);
}

void
tenure_window_open_file (TenureWindow *self,
                         GFile        *file)
{
  GtkApplication *application;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application != NULL && TENURE_IS_APPLICATION (application))
    {
      tenure_application_open_file (TENURE_APPLICATION (application), file);
      return;
    }

  /* A window of its own (tests, embedding): open the file in place. */
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only workspaces on this computer can be opened"));
      tenure_window_show_error (GTK_WINDOW (self), _("Could Not Open the Workspace"), error);
      return;
    }
  tenure_window_load (self, path);
}

static void
preferences_destroyed_cb (TenureWindow *self)
{
  self->preferences = NULL;
}

/**
 * tenure_window_show_preferences:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none) (nullable): the preferences window, or NULL
 *   without a workspace
 */
GtkWindow *
tenure_window_show_preferences (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);

  if (self->workspace == NULL)
    return NULL;
  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (tenure_preferences_window_new (self->workspace));
      gtk_window_set_transient_for (self->preferences, GTK_WINDOW (self));
      g_signal_connect_object (self->preferences, "destroy", G_CALLBACK (preferences_destroyed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (self->preferences);
  return self->preferences;
}
