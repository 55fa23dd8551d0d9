/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-view-state.h"
#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_WINDOW (tenure_window_get_type ())

G_DECLARE_FINAL_TYPE (TenureWindow, tenure_window, TENURE, WINDOW, AdwApplicationWindow)

/* What File → Import, a dropped CSV file and the "import-files" signal lead
 * to: the import dialog, once it is there. @files may be empty (the dialog
 * then asks for them). */
typedef void (*TenureWindowImportFunc) (TenureWindow  *window,
                                        GFile        **files,
                                        guint          n_files);

TenureWindow    *tenure_window_new              (GtkApplication         *application,
                                                 TenureWorkspace        *workspace);
/* Shows @workspace in the window (NULL: the welcome page). */
void             tenure_window_set_workspace    (TenureWindow           *self,
                                                 TenureWorkspace        *workspace);
TenureWorkspace *tenure_window_get_workspace    (TenureWindow           *self);
/* Opens @path in the window off the main thread (a loading page meanwhile;
 * a dialog if it cannot be opened). */
void             tenure_window_load             (TenureWindow           *self,
                                                 const char             *path);
gboolean         tenure_window_is_loading       (TenureWindow           *self);
/* The file of the workspace shown or being opened. */
const char      *tenure_window_get_path         (TenureWindow           *self);
/* The accounts as the accounts view lists them (filtered, sorted). */
GListModel      *tenure_window_get_accounts     (TenureWindow           *self);
GtkWidget       *tenure_window_get_accounts_view (TenureWindow          *self);
TenureViewState *tenure_window_get_view_state   (TenureWindow           *self);
/* The latest TenureAnalysis of the workspace (NULL until the first one);
 * "analysis-changed" is emitted when a new one arrives. */
gpointer         tenure_window_get_analysis     (TenureWindow           *self);
/* The TenureFigures behind the views (NULL without a workspace). */
gpointer         tenure_window_get_figures      (TenureWindow           *self);
/* The views by name: overview, accounts, lifecycle, cohorts, revenue,
 * segments, key-accounts, scorecards, value. */
gboolean         tenure_window_show_view        (TenureWindow           *self,
                                                 const char             *name);
const char      *tenure_window_get_view         (TenureWindow           *self);
GtkWidget       *tenure_window_get_view_widget  (TenureWindow           *self,
                                                 const char             *name);
/* Opens a workspace file: through the application (one window per
 * workspace) when there is one, else in this window. */
void             tenure_window_open_file        (TenureWindow           *self,
                                                 GFile                  *file);
/* Save As: a copy of the workspace at @path, which the window then shows. */
gboolean         tenure_window_save_as          (TenureWindow           *self,
                                                 const char             *path,
                                                 GError                **error);
/* Starts the import of @files (CSV) into the open workspace: emits
 * "import-files" and calls the import function. */
void             tenure_window_import_files     (TenureWindow           *self,
                                                 GFile                 **files,
                                                 guint                   n_files);
void             tenure_window_set_import_func  (TenureWindowImportFunc  func);
/* Opens (or presents) the preferences of the workspace. */
GtkWindow       *tenure_window_show_preferences (TenureWindow           *self);
void             tenure_window_add_toast        (TenureWindow           *self,
                                                 const char             *message);
void             tenure_window_add_toast_full   (TenureWindow           *self,
                                                 AdwToast               *toast);
/* Shows a dialog with the reason a file could not be opened. */
void             tenure_window_show_error       (GtkWindow              *parent,
                                                 const char             *heading,
                                                 const GError           *error);

G_END_DECLS
