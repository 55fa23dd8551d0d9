/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tenure-test-display.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
tenure_test_wait_for (gboolean (*condition) (gpointer data),
                      gpointer   data,
                      guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

void
tenure_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

char *
tenure_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  /* Snapshot the widget tree as GTK draws it and render the nodes with
   * cairo: the same picture the window shows, without a screen grab. */
  GtkWidget *content = GTK_IS_WINDOW (widget) && gtk_window_get_child (GTK_WINDOW (widget))
                         ? gtk_window_get_child (GTK_WINDOW (widget)) : widget;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (content);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *dir = g_getenv ("TENURE_SCREENSHOT_DIR");
  char *path;
  int width = 0;
  int height = 0;

  /* A widget paintable records what the widget draws from the moment it
   * exists: have the window draw once more, then take the picture. */
  gtk_widget_queue_draw (widget);
  tenure_test_iterate (150);
  /* Under a sanitizer or valgrind, on a loaded machine, the first
   * allocation and the first frame can take much longer than 150 ms: wait
   * for them (up to ten seconds). The size is read each time: a window
   * just presented is mapped before it has one (0 × 0 draws nothing). */
  for (guint waited = 0; node == NULL && waited < 10000; waited += 50)
    {
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0)
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();

          gdk_paintable_snapshot (paintable, snapshot, width, height);
          node = gtk_snapshot_free_to_node (snapshot);
        }
      if (node == NULL)
        tenure_test_iterate (50);
    }
  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* The window's own background is drawn by the window, outside the
   * content: paint it first, or text on it lands on transparency. */
  {
    GdkRGBA background;

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    if (GTK_IS_WINDOW (widget) &&
        gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", &background))
      {
        gdk_cairo_set_source_rgba (cr, &background);
        cairo_paint (cr);
      }
    G_GNUC_END_IGNORE_DEPRECATIONS
  }
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR");
  if (dir == NULL)
    dir = ".";
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

GtkWidget *
tenure_test_find_widget (GtkWidget *widget,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = tenure_test_find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK has no way to synthesize key events: this finds the shortcut of
 * @keyval with @modifiers among the controllers of @widget and its
 * ancestors, the way a key press would, and runs its action there. */
gboolean
tenure_test_press_key (GtkWidget       *widget,
                       guint            keyval,
                       GdkModifierType  modifiers)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
                continue;
              if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                w, gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}
