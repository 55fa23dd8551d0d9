/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop until @condition holds or @timeout_ms passes. */
gboolean tenure_test_wait_for      (gboolean   (*condition) (gpointer data),
                                    gpointer     data,
                                    guint        timeout_ms);
void     tenure_test_iterate       (guint        ms);
/* Renders @widget (a mapped window) to a PNG in the test log directory
 * (TENURE_SCREENSHOT_DIR or the build's tests folder); returns its path. */
char    *tenure_test_screenshot    (GtkWidget   *widget,
                                    const char  *name);
/* The first descendant of @widget of @type, depth first. */
GtkWidget *tenure_test_find_widget (GtkWidget   *widget,
                                    GType        type);

/* Runs what pressing @keyval with @modifiers does to the focused @widget:
 * the first matching shortcut of it or an ancestor. */
gboolean   tenure_test_press_key   (GtkWidget       *widget,
                                    guint            keyval,
                                    GdkModifierType  modifiers);

G_END_DECLS
