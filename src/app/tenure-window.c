/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tenure-account-list.h"
#include "tenure-window.h"

struct _TenureWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkStack             *stack;
  GtkColumnView        *accounts_view;

  /* Owned */
  TenureWorkspace      *workspace;
  TenureAccountList    *accounts;
  GtkSortListModel     *sorted;
  guint                 poll_id;
};

G_DEFINE_FINAL_TYPE (TenureWindow, tenure_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Another program (tenure-cli import, say) may commit to the open file; a
 * cheap PRAGMA data_version every two seconds notices it. */
#define POLL_SECONDS 2

typedef enum
{
  COLUMN_TEXT,
  COLUMN_MONEY,
  COLUMN_TYPE,
  COLUMN_SCORE,
} ColumnKind;

typedef struct
{
  const char *title;
  const char *property;
  ColumnKind  kind;
  gboolean    expand;
} ColumnSpec;

static const ColumnSpec columns[] = {
  { N_("Account"), "name", COLUMN_TEXT, TRUE },
  { N_("Segment"), "segment", COLUMN_TEXT, FALSE },
  { N_("Owner"), "owner", COLUMN_TEXT, FALSE },
  { N_("Type"), "account-type", COLUMN_TYPE, FALSE },
  { N_("Stage"), "stage", COLUMN_TEXT, FALSE },
  { N_("MRR"), "mrr", COLUMN_MONEY, FALSE },
  { N_("ARR"), "arr", COLUMN_MONEY, FALSE },
  { N_("Last Touch"), "last-touch", COLUMN_TEXT, FALSE },
};

static char *
format_money (gint64 minor)
{
  /* Whole currency units with the locale's grouping: the list is for
   * scanning; exact cents are in the account's detail and the exports. */
  return g_strdup_printf ("%'.0f", (double) minor / 100.0);
}

static void
update_cell (GtkListItem *item)
{
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (item), "spec");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  TenureAccount *account = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (account == NULL)
    return;
  switch (spec->kind)
    {
    case COLUMN_TEXT:
      g_object_get (account, spec->property, &text, NULL);
      break;
    case COLUMN_MONEY:
      {
        gint64 value;

        g_object_get (account, spec->property, &value, NULL);
        text = format_money (value);
        break;
      }
    case COLUMN_TYPE:
      {
        int type = tenure_account_get_account_type (account);

        text = type > 0 ? g_strdup_printf ("%d", type) : NULL;
        break;
      }
    case COLUMN_SCORE:
      {
        double score = tenure_account_get_overall_score (account);

        text = isnan (score) ? NULL : g_strdup_printf ("%.1f", score);
        break;
      }
    }
  gtk_label_set_text (label, text ? text : "—");
}

static void
account_notify_cb (TenureAccount *account,
                   GParamSpec    *pspec,
                   GtkListItem   *item)
{
  update_cell (item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (spec->kind == COLUMN_MONEY || spec->kind == COLUMN_SCORE || spec->kind == COLUMN_TYPE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "spec", (gpointer) spec);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnSpec         *spec)
{
  TenureAccount *account = gtk_list_item_get_item (item);
  g_autofree char *signal = g_strdup_printf ("notify::%s", spec->property);

  update_cell (item);
  g_signal_connect_object (account, signal, G_CALLBACK (account_notify_cb), item, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const ColumnSpec         *spec)
{
  TenureAccount *account = gtk_list_item_get_item (item);

  if (account != NULL)
    g_signal_handlers_disconnect_by_func (account, account_notify_cb, item);
}

static GtkSorter *
create_sorter (const ColumnSpec *spec)
{
  GtkExpression *expression;

  expression = gtk_property_expression_new (TENURE_TYPE_ACCOUNT, NULL, spec->property);
  if (spec->kind == COLUMN_TEXT)
    return GTK_SORTER (gtk_string_sorter_new (expression));
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static void
create_columns (TenureWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = create_sorter (&columns[i]);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->accounts_view, column);
      g_object_unref (column);
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  TenureWindow *self = user_data;

  if (self->workspace != NULL)
    tenure_workspace_poll_external_change (self->workspace);
  return G_SOURCE_CONTINUE;
}

static void
update_title (TenureWindow *self)
{
  if (self->workspace == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Tenure"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Tenure"));
      return;
    }
  {
    g_autofree char *title = tenure_workspace_dup_title (self->workspace);
    g_autofree char *dir = g_path_get_dirname (tenure_workspace_get_path (self->workspace));
    g_autofree char *display_dir = g_filename_display_name (dir);

    adw_window_title_set_title (self->window_title, title);
    adw_window_title_set_subtitle (self->window_title, display_dir);
    gtk_window_set_title (GTK_WINDOW (self), title);
  }
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TenureWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (path, ".tenure"))
        {
          char *with_suffix = g_strconcat (path, ".tenure", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (!tenure_workspace_save_as (self->workspace, path, &error))
        tenure_window_show_error (GTK_WINDOW (self), _("Could Not Save the Workspace"), error);
      else
        {
          update_title (self);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Workspace saved")));
        }
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
  g_autofree char *name = NULL;

  if (self->workspace == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save Workspace As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strconcat (tenure_workspace_dup_title (self->workspace), _(" (copy).tenure"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
tenure_window_dispose (GObject *object)
{
  TenureWindow *self = (TenureWindow *) object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->accounts_view != NULL)
    gtk_column_view_set_model (self->accounts_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TENURE_TYPE_WINDOW);
  g_clear_object (&self->sorted);
  g_clear_object (&self->accounts);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (tenure_window_parent_class)->dispose (object);
}

static void
tenure_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TenureWindow *self = TENURE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TenureWindow *self = TENURE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tenure_window_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_window_class_init (TenureWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tenure_window_dispose;
  object_class->get_property = tenure_window_get_property;
  object_class->set_property = tenure_window_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TENURE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tenure/Tenure/ui/tenure-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, accounts_view);

  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}

static void
tenure_window_init (TenureWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  create_columns (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
}

/**
 * tenure_window_new:
 * @application: the application
 * @workspace: (nullable): the workspace to show
 *
 * Returns: (transfer full): a new window
 */
TenureWindow *
tenure_window_new (GtkApplication  *application,
                   TenureWorkspace *workspace)
{
  return g_object_new (TENURE_TYPE_WINDOW, "application", application, "workspace", workspace, NULL);
}

void
tenure_window_set_workspace (TenureWindow    *self,
                             TenureWorkspace *workspace)
{
  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (workspace == NULL || TENURE_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_column_view_set_model (self->accounts_view, NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->accounts);

  if (workspace != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->accounts_view);
      GtkSelectionModel *selection;

      self->accounts = tenure_account_list_new (workspace);
      self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->accounts)),
                                              g_object_ref (sorter));
      selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted))));
      gtk_column_view_set_model (self->accounts_view, selection);
      g_object_unref (selection);
      gtk_stack_set_visible_child_name (self->stack, "accounts");
      self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);

      if (tenure_workspace_is_read_only (workspace))
        {
          gtk_label_set_text (self->info_label, tenure_workspace_get_read_only_reason (workspace));
          gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_WARNING);
          gtk_info_bar_set_revealed (self->info_bar, TRUE);
        }
      else
        gtk_info_bar_set_revealed (self->info_bar, FALSE);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      gtk_info_bar_set_revealed (self->info_bar, FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", workspace != NULL);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * tenure_window_get_workspace:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none) (nullable): the workspace shown
 */
TenureWorkspace *
tenure_window_get_workspace (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return self->workspace;
}

/**
 * tenure_window_get_accounts:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none) (nullable): the accounts model shown in the list
 */
GListModel *
tenure_window_get_accounts (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return self->sorted ? G_LIST_MODEL (self->sorted) : NULL;
}

void
tenure_window_show_error (GtkWindow    *parent,
                          const char   *heading,
                          const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, error->message);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (parent));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
