/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_PREFERENCES_WINDOW (tenure_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TenurePreferencesWindow, tenure_preferences_window, TENURE, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget  *tenure_preferences_window_new        (TenureWorkspace         *workspace);
/* The widget editing setting @key (an AdwComboRow, GtkSpinButton, GtkEntry
 * or GtkSwitch), or NULL. */
GtkWidget  *tenure_preferences_window_get_editor (TenurePreferencesWindow *self,
                                                  const char              *key);
/* The error shown under the row of @key, or NULL when its value is valid. */
const char *tenure_preferences_window_get_error  (TenurePreferencesWindow *self,
                                                  const char              *key);
/* The journey stages editor: add, rename, move and remove by position. */
gboolean    tenure_preferences_window_add_stage    (TenurePreferencesWindow *self,
                                                    const char              *name,
                                                    GError                 **error);
gboolean    tenure_preferences_window_rename_stage (TenurePreferencesWindow *self,
                                                    guint                    position,
                                                    const char              *name,
                                                    GError                 **error);
gboolean    tenure_preferences_window_move_stage   (TenurePreferencesWindow *self,
                                                    guint                    position,
                                                    int                      delta,
                                                    GError                 **error);
gboolean    tenure_preferences_window_remove_stage (TenurePreferencesWindow *self,
                                                    guint                    position,
                                                    GError                 **error);

G_END_DECLS
