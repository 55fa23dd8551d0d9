/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_WINDOW (tenure_window_get_type ())

G_DECLARE_FINAL_TYPE (TenureWindow, tenure_window, TENURE, WINDOW, AdwApplicationWindow)

TenureWindow    *tenure_window_new           (GtkApplication  *application,
                                              TenureWorkspace *workspace);
/* Shows @workspace in the window (NULL: the welcome page). */
void             tenure_window_set_workspace (TenureWindow    *self,
                                              TenureWorkspace *workspace);
TenureWorkspace *tenure_window_get_workspace (TenureWindow    *self);
/* The model behind the accounts list, for tests and the views. */
GListModel      *tenure_window_get_accounts  (TenureWindow    *self);
/* Shows a dialog with the reason a file could not be opened. */
void             tenure_window_show_error    (GtkWindow       *parent,
                                              const char      *heading,
                                              const GError    *error);

G_END_DECLS
