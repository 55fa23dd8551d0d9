/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-application"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "tenure-application.h"
#include "tenure-import-dialog.h"
#include "tenure-sample.h"
#include "tenure-window.h"

struct _TenureApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureApplication, tenure_application, ADW_TYPE_APPLICATION)

static gboolean
create_sample (const char  *path,
               GError     **error)
{
  return tenure_sample_create (path, NULL, error);
}

/* The sample business comes from core; New Sample is disabled when there
 * is no function to make it. */
static TenureSampleFunc sample_func = create_sample;

/* The window showing @path, or a window with nothing open to reuse. */
static TenureWindow *
find_window (TenureApplication *self,
             const char        *path,
             gboolean           allow_empty)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      const char *shown;

      if (!TENURE_IS_WINDOW (l->data))
        continue;
      shown = tenure_window_get_path (l->data);
      if (shown == NULL ? allow_empty : g_strcmp0 (shown, path) == 0)
        return l->data;
    }
  return NULL;
}

/**
 * tenure_application_open_file:
 * @self: a #TenureApplication
 * @file: a workspace file
 *
 * Opens @file in a window of its own, without waiting for it: the window
 * shows that it is opening the file and then the workspace. A file that is
 * already open (or opening) has its window presented instead of being
 * opened twice. A file that cannot be opened gets a dialog with the reason.
 */
void
tenure_application_open_file (TenureApplication *self,
                              GFile             *file)
{
  g_autofree char *path = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;
  TenureWindow *window;

  g_return_if_fail (TENURE_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only workspaces on this computer can be opened"));
      tenure_window_show_error (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                _("Could Not Open the Workspace"), error);
      return;
    }
  canonical = g_canonicalize_filename (path, NULL);

  window = find_window (self, canonical, FALSE);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* The window appears at once and opens the file in a thread; it adds
   * the file to the recent ones when it could open it. */
  window = find_window (self, NULL, TRUE);
  if (window == NULL)
    window = tenure_window_new (GTK_APPLICATION (self), NULL);
  tenure_window_load (window, canonical);
  gtk_window_present (GTK_WINDOW (window));
}

static void
tenure_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (tenure_window_new (GTK_APPLICATION (application), NULL));
  gtk_window_present (window);
}

static void
tenure_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    tenure_application_open_file (TENURE_APPLICATION (application), files[i]);
}

static void
open_response_cb (GtkNativeDialog   *dialog,
                  int                response,
                  TenureApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          tenure_application_open_file (self, file);
        }
    }
  g_object_unref (dialog);
}

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tenure Workspaces"));
  gtk_file_filter_add_mime_type (filter, "application/x-tenure-workspace");
  gtk_file_filter_add_pattern (filter, "*.tenure");
  return filter;
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TenureApplication *self = user_data;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = workspace_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Workspace"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_response_cb (GtkNativeDialog   *dialog,
                 int                response,
                 TenureApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(TenureWorkspace) workspace = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (path, ".tenure"))
        {
          char *with_suffix = g_strconcat (path, ".tenure", NULL);

          g_free (path);
          path = with_suffix;
        }
      workspace = tenure_workspace_create (path, NULL, &error);
      if (workspace == NULL)
        tenure_window_show_error (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                  _("Could Not Create the Workspace"), error);
      else
        {
          g_autoptr(GFile) created = g_file_new_for_path (path);

          g_clear_object (&workspace);
          tenure_application_open_file (self, created);
        }
    }
  g_object_unref (dialog);
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  TenureApplication *self = user_data;
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("New Workspace"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Accounts.tenure"));
  g_signal_connect (dialog, "response", G_CALLBACK (new_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
create_sample_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;

  if (sample_func (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
sample_created_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TenureApplication *self = TENURE_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  g_application_release (G_APPLICATION (self));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    tenure_window_show_error (gtk_application_get_active_window (GTK_APPLICATION (self)),
                              _("Could Not Create the Sample Workspace"), error);
  else
    {
      g_autoptr(GFile) created = g_file_new_for_path (g_task_get_task_data (G_TASK (result)));

      tenure_application_open_file (self, created);
    }
}

static void
new_sample_response_cb (GtkNativeDialog   *dialog,
                        int                response,
                        TenureApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT && sample_func != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GTask) task = NULL;
      char *path = g_file_get_path (file);
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (!g_str_has_suffix (path, ".tenure"))
        {
          char *with_suffix = g_strconcat (path, ".tenure", NULL);

          g_free (path);
          path = with_suffix;
        }
      /* Generating and importing the sample takes seconds: off the main
       * thread, with the application held until it is done. */
      if (TENURE_IS_WINDOW (window))
        tenure_window_add_toast (TENURE_WINDOW (window), _("Creating the sample business…"));
      g_application_hold (G_APPLICATION (self));
      task = g_task_new (self, NULL, sample_created_cb, NULL);
      g_task_set_source_tag (task, new_sample_response_cb);
      g_task_set_task_data (task, path, g_free);
      g_task_run_in_thread (task, create_sample_thread);
    }
  g_object_unref (dialog);
}

static void
new_sample_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TenureApplication *self = user_data;
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("New Sample Workspace"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Sample Business.tenure"));
  g_signal_connect (dialog, "response", G_CALLBACK (new_sample_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  tenure_application_open_file (TENURE_APPLICATION (user_data), file);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TenureApplication *self = user_data;
  static const char *developers[] = { "The Tenure developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Tenure"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Tenure developers"),
                         "developers", developers,
                         "comments", _("Account lifecycle analytics for recurring-revenue and key-account businesses"),
                         "website", "https://github.com/tenure/tenure",
                         "issue-url", "https://github.com/tenure/tenure/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Tenure developers",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "open", open_action },
  { "new", new_action },
  { "new-sample", new_sample_action },
  { "open-recent", open_recent_action, "s" },
  { "about", about_action },
  { "quit", quit_action },
};

/* Imports: the dialog for each file, then a toast with Undo in the window. */

static void
import_done_cb (const char               *file_name,
                const TenureImportReport *report,
                gpointer                  user_data)
{
  /* The window may have been closed while the import ran (the dialog holds
   * the workspace): find the one that shows it, if any. */
  TenureWorkspace *workspace = user_data;
  GApplication *app = g_application_get_default ();
  TenureWindow *window = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  for (GList *l = app ? gtk_application_get_windows (GTK_APPLICATION (app)) : NULL; l; l = l->next)
    if (TENURE_IS_WINDOW (l->data) && tenure_window_get_workspace (l->data) == workspace)
      window = l->data;
  if (window == NULL)
    return;

  if (report->rows_rejected > 0)
    /* Translators: a file name, the kind of rows, and counts. */
    title = g_strdup_printf (_("Imported %s: %" PRIu64 " new, %" PRIu64 " updated, %" PRIu64 " rejected"),
                             file_name, (uint64_t) report->rows_new, (uint64_t) report->rows_updated,
                             (uint64_t) report->rows_rejected);
  else
    title = g_strdup_printf (_("Imported %s: %" PRIu64 " new, %" PRIu64 " updated"),
                             file_name, (uint64_t) report->rows_new, (uint64_t) report->rows_updated);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  if (report->batch_id > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "app.undo-import");
      adw_toast_set_action_target_value (toast, g_variant_new ("(sx)", tenure_workspace_get_path (workspace),
                                                               report->batch_id));
    }
  tenure_window_add_toast_full (window, toast);
}

static void
import_files_cb (TenureWindow  *window,
                 GFile        **files,
                 guint          n_files)
{
  TenureWorkspace *workspace = tenure_window_get_workspace (window);

  if (workspace == NULL)
    return;
  tenure_import_dialog_run (GTK_WINDOW (window), workspace, files, n_files, import_done_cb, workspace);
}

static void
undo_import_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TenureApplication *self = user_data;
  const char *path = NULL;
  gint64 batch = 0;

  g_variant_get (parameter, "(&sx)", &path, &batch);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      TenureWorkspace *workspace;
      g_autoptr(GError) error = NULL;

      if (!TENURE_IS_WINDOW (l->data))
        continue;
      workspace = tenure_window_get_workspace (l->data);
      if (workspace == NULL || g_strcmp0 (tenure_workspace_get_path (workspace), path) != 0)
        continue;
      if (tenure_import_dialog_undo (workspace, batch, &error))
        tenure_window_add_toast (l->data, _("Import undone"));
      else
        tenure_window_show_error (GTK_WINDOW (l->data), _("Could Not Undo the Import"), error);
      return;
    }
}

static void
tenure_application_startup (GApplication *application)
{
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (tenure_application_parent_class)->startup (application);

  {
    static const GActionEntry import_actions[] = {
      { "undo-import", undo_import_action, "(sx)" },
    };

    g_action_map_add_action_entries (G_ACTION_MAP (application), import_actions,
                                     G_N_ELEMENTS (import_actions), application);
    tenure_window_set_import_func (import_files_cb);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (application),
                                                                           "new-sample")),
                               sample_func != NULL);
}

static void
tenure_application_class_init (TenureApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = tenure_application_activate;
  app_class->open = tenure_application_open;
  app_class->startup = tenure_application_startup;
}

static void
tenure_application_init (TenureApplication *self)
{
}

/**
 * tenure_application_new:
 *
 * Returns: (transfer full): the application
 */
TenureApplication *
tenure_application_new (void)
{
  return g_object_new (TENURE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/tenure/Tenure",
                       NULL);
}

/**
 * tenure_application_set_sample_func:
 * @func: (nullable): creates the sample workspace at a path
 *
 * Enables New Sample Workspace: the core's tenure_sample_create() is set
 * here once it exists. Call before the application starts.
 */
void
tenure_application_set_sample_func (TenureSampleFunc func)
{
  sample_func = func;
}
