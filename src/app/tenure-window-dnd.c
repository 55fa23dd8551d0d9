/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-window-private.h"

/* Files dropped on the window: a workspace opens, CSV exports go to the
 * import. While a drag is over the window a full-size overlay says so. */

static gboolean
is_workspace_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".tenure");
}

static gboolean
is_csv_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
                           g_str_has_suffix (lower, ".txt"));
}

gboolean
_tenure_window_drop (TenureWindow *self,
                     const GValue *value)
{
  g_autoptr(GPtrArray) csv = g_ptr_array_new ();
  GSList *files;
  gboolean accepted = FALSE;
  guint others = 0;

  g_assert (TENURE_IS_WINDOW (self));

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (is_workspace_file (l->data))
        {
          tenure_window_open_file (self, l->data);
          accepted = TRUE;
        }
      else if (is_csv_file (l->data))
        g_ptr_array_add (csv, l->data);
      else
        others++;
    }
  if (csv->len > 0)
    {
      if (self->workspace == NULL)
        _tenure_window_toast (self, _("Open or create a workspace to import into first"));
      else if (tenure_workspace_is_read_only (self->workspace))
        _tenure_window_toast (self, _("This workspace is read-only: nothing can be imported into it"));
      else
        {
          tenure_window_import_files (self, (GFile **) csv->pdata, csv->len);
          accepted = TRUE;
        }
    }
  if (others > 0)
    _tenure_window_toast (self, _("Only workspaces (.tenure) and CSV files can be dropped here"));
  g_slist_free (files);
  return accepted;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TenureWindow  *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
  return _tenure_window_drop (self, value);
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               TenureWindow  *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, TRUE);
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               TenureWindow  *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
}

void
_tenure_window_dnd_init (TenureWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
