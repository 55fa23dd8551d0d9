/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-account-list.h"
#include "tenure-chart-page.h"
#include "tenure-cohorts-view.h"
#include "tenure-date.h"
#include "tenure-figures.h"
#include "tenure-key-accounts-view.h"
#include "tenure-lifecycle-view.h"
#include "tenure-overview-view.h"
#include "tenure-revenue-view.h"
#include "tenure-scorecards-view.h"
#include "tenure-segments-view.h"
#include "tenure-value-view.h"
#include "tenure-window-private.h"

G_DEFINE_FINAL_TYPE (TenureWindow, tenure_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_LOADING,
  N_PROPS
};

enum {
  IMPORT_FILES,
  ANALYSIS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Another program (tenure-cli import, say) may commit to the open file; a
 * cheap PRAGMA data_version every two seconds notices it. */
#define POLL_SECONDS 2

typedef struct
{
  const char *name;
  const char *title;
  const char *icon;
  GtkWidget *(*create) (void);
} ViewSpec;

static const ViewSpec views[] = {
  { "overview", N_("Overview"), "view-grid-symbolic", tenure_overview_view_new },
  { "accounts", N_("Accounts"), "system-users-symbolic", tenure_accounts_view_new },
  { "lifecycle", N_("Lifecycle"), "media-playlist-repeat-symbolic", tenure_lifecycle_view_new },
  { "cohorts", N_("Cohorts"), "x-office-spreadsheet-symbolic", tenure_cohorts_view_new },
  { "revenue", N_("Revenue"), "network-cellular-signal-excellent-symbolic", tenure_revenue_view_new },
  { "segments", N_("Segments"), "view-paged-symbolic", tenure_segments_view_new },
  { "key-accounts", N_("Key Accounts"), "starred-symbolic", tenure_key_accounts_view_new },
  { "scorecards", N_("Scorecards"), "emblem-ok-symbolic", tenure_scorecards_view_new },
  { "value", N_("Value"), "power-profile-performance-symbolic", tenure_value_view_new },
};

static TenureWindowImportFunc import_func;

static const ViewSpec *
find_view (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (views[i].name, name) == 0)
      return &views[i];
  return NULL;
}

static void
create_views (TenureWindow *self)
{
  self->chart_pages = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (_(views[i].title));
      GtkWidget *view = views[i].create ();

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (views[i].icon));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "view", (gpointer) views[i].name);
      gtk_list_box_append (self->sidebar, row);

      gtk_stack_add_titled (self->stack, view, views[i].name, _(views[i].title));
      if (TENURE_IS_ACCOUNTS_VIEW (view))
        self->accounts_view = TENURE_ACCOUNTS_VIEW (view);
      else
        {
          tenure_chart_page_set_view_state (TENURE_CHART_PAGE (view), self->view_state);
          g_ptr_array_add (self->chart_pages, view);
        }
    }
}

static GtkListBoxRow *
find_row (TenureWindow *self,
          const char   *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "view"), name) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

void
_tenure_window_update_title (TenureWindow *self)
{
  const ViewSpec *view = find_view (gtk_stack_get_visible_child_name (self->stack));
  g_autofree char *title = NULL;

  if (self->workspace == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Tenure"));
      return;
    }
  title = tenure_workspace_dup_title (self->workspace);
  adw_window_title_set_title (self->window_title, view ? _(view->title) : title);
  adw_window_title_set_subtitle (self->window_title, view ? title : NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* ---- the period picker ---- */

static gboolean
valid_period (TenurePeriodKind  kind,
              const char       *text)
{
  g_autoptr(GRegex) regex = NULL;
  static const char *patterns[] = {
    [TENURE_PERIOD_MONTH] = "^[0-9]{4}-(0[1-9]|1[0-2])$",
    [TENURE_PERIOD_QUARTER] = "^(FY)?[0-9]{4}-Q[1-4]$",
    [TENURE_PERIOD_YEAR] = "^(FY)?[0-9]{4}$",
  };

  if (text == NULL || *text == '\0')
    return TRUE;
  regex = g_regex_new (patterns[kind], 0, 0, NULL);
  return g_regex_match (regex, text, 0, NULL);
}

static void
update_range_label (TenureWindow *self)
{
  const char *from = tenure_view_state_get_from (self->view_state);
  const char *to = tenure_view_state_get_to (self->view_state);
  const char *as_of = tenure_view_state_get_as_of (self->view_state);
  g_autofree char *label = NULL;
  static const char *hints[] = {
    [TENURE_PERIOD_MONTH] = N_("Months as 2024-03; the report date as 2024-03-31"),
    [TENURE_PERIOD_QUARTER] = N_("Quarters as 2024-Q1 (FY2025-Q1 with a fiscal year); the report date as 2024-03-31"),
    [TENURE_PERIOD_YEAR] = N_("Years as 2024 (FY2025 with a fiscal year); the report date as 2024-12-31"),
  };

  if (from == NULL && to == NULL)
    label = g_strdup (_("All Periods"));
  else
    label = g_strdup_printf ("%s – %s", from ? from : _("Start"), to ? to : _("Latest"));
  if (as_of != NULL)
    {
      g_autofree char *with_date = g_strdup_printf (_("%s, as of %s"), label, as_of);

      g_free (label);
      label = g_steal_pointer (&with_date);
    }
  gtk_menu_button_set_label (self->range_button, label);
  gtk_label_set_text (self->range_hint, _(hints[tenure_view_state_get_period_kind (self->view_state)]));
}

static void
apply_entry (GtkEntry   *entry,
             gboolean    valid,
             void      (*set) (TenureViewState *, const char *),
             TenureViewState *state)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      set (state, text);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
range_changed_cb (TenureWindow *self)
{
  TenurePeriodKind kind = tenure_view_state_get_period_kind (self->view_state);
  const char *as_of = gtk_editable_get_text (GTK_EDITABLE (self->as_of_entry));
  TenureDay day;

  apply_entry (self->from_entry, valid_period (kind, gtk_editable_get_text (GTK_EDITABLE (self->from_entry))),
               tenure_view_state_set_from, self->view_state);
  apply_entry (self->to_entry, valid_period (kind, gtk_editable_get_text (GTK_EDITABLE (self->to_entry))),
               tenure_view_state_set_to, self->view_state);
  apply_entry (self->as_of_entry, *as_of == '\0' || tenure_day_parse_iso (as_of, &day),
               tenure_view_state_set_as_of, self->view_state);
  update_range_label (self);
}

static void
period_selected_cb (TenureWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (selected > TENURE_PERIOD_YEAR)
    return;
  tenure_view_state_set_period_kind (self->view_state, selected);
  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "last-period-kind", selected);
  /* Labels of the old grouping mean nothing in the new one. */
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  range_changed_cb (self);
}

/* ---- the figures ---- */

static void
figures_updated_cb (TenureWindow *self)
{
  /* The account list has its new figures: at-risk and stage filters may
   * match other accounts now. */
  tenure_accounts_view_refilter (self->accounts_view);
  _tenure_window_update_actions (self);
  g_signal_emit (self, signals[ANALYSIS_CHANGED], 0);
}

static void
sync_figures (TenureWindow *self)
{
  const char *as_of = tenure_view_state_get_as_of (self->view_state);
  TenureDay day = TENURE_DAY_NONE;

  if (self->figures == NULL)
    return;
  if (as_of != NULL)
    tenure_day_parse_iso (as_of, &day);
  tenure_figures_set_period (self->figures, tenure_view_state_get_period_kind (self->view_state));
  tenure_figures_set_as_of (self->figures, day);
}

static void
workspace_changed_cb (TenureWindow *self)
{
  _tenure_window_update_title (self);
}

static void
view_state_notify_cb (TenureWindow *self)
{
  sync_figures (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  TenureWindow *self = user_data;

  if (self->workspace != NULL)
    tenure_workspace_poll_external_change (self->workspace);
  return G_SOURCE_CONTINUE;
}

/* ---- sidebar and views ---- */

/* The sidebar is one stop of the Tab chain, on the selected view: a list
 * box in browse mode would otherwise stop at every row and, focusing it,
 * select its view. The arrow keys move between the views. */
static void
update_sidebar_focus (TenureWindow *self)
{
  GtkListBoxRow *selected;
  GtkWidget *focus;
  gboolean had_focus;

  /* Rows go while the window is disposed. */
  if (self->sidebar == NULL)
    return;
  selected = gtk_list_box_get_selected_row (self->sidebar);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      gtk_widget_set_focusable (child, selected == NULL || child == GTK_WIDGET (selected));
  if (had_focus && selected != NULL && focus != GTK_WIDGET (selected))
    gtk_widget_grab_focus (GTK_WIDGET (selected));
}

static void
sidebar_row_selected_cb (TenureWindow  *self,
                         GtkListBoxRow *row)
{
  const char *name;

  update_sidebar_focus (self);
  if (row == NULL)
    return;
  name = g_object_get_data (G_OBJECT (row), "view");
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
sidebar_row_activated_cb (TenureWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (TenureWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
view_changed_cb (TenureWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  GtkListBoxRow *row = find_row (self, name);

  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != row)
    gtk_list_box_select_row (self->sidebar, row);
  if (self->settings != NULL && name != NULL && self->workspace != NULL)
    g_settings_set_string (self->settings, "last-view", name);
  _tenure_window_update_title (self);
}

/* ---- window state ---- */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without the compiled schema, the window still
   * works; it only forgets its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new (APP_ID);
}

static gboolean
tenure_window_close_request (GtkWindow *window)
{
  TenureWindow *self = TENURE_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", MAX (width, 360));
          g_settings_set_int (self->settings, "window-height", MAX (height, 294));
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }
  return GTK_WINDOW_CLASS (tenure_window_parent_class)->close_request (window);
}

static void
restore_state (TenureWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_drop_down_set_selected (self->period_dropdown, g_settings_get_enum (self->settings, "last-period-kind"));
}

static void
tenure_window_dispose (GObject *object)
{
  TenureWindow *self = (TenureWindow *) object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loading_path, g_free);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->recent_changed_id != 0)
    g_clear_signal_handler (&self->recent_changed_id, gtk_recent_manager_get_default ());
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
  if (self->accounts_view != NULL)
    tenure_accounts_view_set_accounts (self->accounts_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TENURE_TYPE_WINDOW);
  self->accounts_view = NULL;
  g_clear_pointer (&self->chart_pages, g_ptr_array_unref);
  g_clear_object (&self->figures);
  g_clear_object (&self->accounts);
  g_clear_object (&self->workspace);
  g_clear_object (&self->view_state);
  g_clear_object (&self->settings);

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
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading_path != NULL);
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tenure_window_dispose;
  object_class->get_property = tenure_window_get_property;
  object_class->set_property = tenure_window_set_property;
  window_class->close_request = tenure_window_close_request;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TENURE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TenureWindow:loading:
   *
   * Whether a workspace file is being opened (tenure_window_load()).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TenureWindow::import-files:
   * @files: a #GListModel of #GFile, possibly empty
   *
   * The user asked to import @files (by the menu, or by dropping CSV files).
   */
  signals[IMPORT_FILES] = g_signal_new ("import-files", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_LIST_MODEL);
  /**
   * TenureWindow::analysis-changed:
   *
   * New figures were computed; tenure_window_get_analysis() has them.
   */
  signals[ANALYSIS_CHANGED] = g_signal_new ("analysis-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TENURE_TYPE_ACCOUNTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tenure/Tenure/ui/tenure-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, range_button);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, as_of_entry);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, range_hint);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, loading_title);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, TenureWindow, loading_spinner);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);

  _tenure_window_class_actions_init (klass);
}

static void
tenure_window_init (TenureWindow *self)
{
  self->view_state = tenure_view_state_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->view_state, "notify", G_CALLBACK (view_state_notify_cb), self,
                           G_CONNECT_SWAPPED);
  create_views (self);
  self->settings = create_settings ();
  restore_state (self);
  update_range_label (self);
  _tenure_window_actions_init (self);
  _tenure_window_dnd_init (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

/**
 * tenure_window_new:
 * @application: (nullable): the application
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

/* ---- opening ---- */

/* The page of what the window holds: the workspace, or the welcome. */
static void
show_main_page (TenureWindow *self)
{
  gtk_spinner_stop (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, self->workspace != NULL ? "workspace" : "welcome");
}

static void
cancel_load (TenureWindow *self)
{
  gboolean was_loading = self->loading_path != NULL;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loading_path, g_free);
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Shows @workspace, with @accounts when they were read already (by the
 * loader's thread), else reading them here. */
static void
show_workspace (TenureWindow      *self,
                TenureWorkspace   *workspace,
                TenureAccountList *accounts)
{

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
  tenure_accounts_view_set_accounts (self->accounts_view, NULL);
  for (guint i = 0; i < self->chart_pages->len; i++)
    tenure_chart_page_set_workspace (g_ptr_array_index (self->chart_pages, i), NULL);
  if (self->figures != NULL)
    g_signal_handlers_disconnect_by_func (self->figures, figures_updated_cb, self);
  g_clear_object (&self->figures);
  g_clear_object (&self->accounts);
  g_set_object (&self->workspace, workspace);

  if (workspace != NULL)
    {
      g_autofree char *last_view = NULL;

      self->accounts = accounts != NULL ? g_object_ref (accounts) : tenure_account_list_new (workspace);
      /* Computes the analysis off the main thread after every change and
       * hands the account figures to the list. */
      self->figures = tenure_figures_new (workspace, self->accounts);
      sync_figures (self);
      g_signal_connect_object (self->figures, "updated", G_CALLBACK (figures_updated_cb), self,
                               G_CONNECT_SWAPPED);
      tenure_accounts_view_set_accounts (self->accounts_view, self->accounts);
      for (guint i = 0; i < self->chart_pages->len; i++)
        tenure_chart_page_set_workspace (g_ptr_array_index (self->chart_pages, i), workspace);
      self->changed_id = g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb),
                                                  self, G_CONNECT_SWAPPED);
      self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);

      if (self->settings != NULL)
        last_view = g_settings_get_string (self->settings, "last-view");
      if (!tenure_window_show_view (self, last_view))
        tenure_window_show_view (self, "overview");
      gtk_stack_set_visible_child_name (self->main_stack, "workspace");

      if (tenure_workspace_is_read_only (workspace))
        {
          gtk_label_set_text (self->info_label, tenure_workspace_get_read_only_reason (workspace));
          gtk_info_bar_set_revealed (self->info_bar, TRUE);
        }
      else
        gtk_info_bar_set_revealed (self->info_bar, FALSE);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      gtk_info_bar_set_revealed (self->info_bar, FALSE);
    }
  _tenure_window_update_actions (self);
  _tenure_window_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

void
tenure_window_set_workspace (TenureWindow    *self,
                             TenureWorkspace *workspace)
{
  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (workspace == NULL || TENURE_IS_WORKSPACE (workspace));

  cancel_load (self);
  if (self->workspace == workspace)
    {
      show_main_page (self);
      return;
    }
  show_workspace (self, workspace, NULL);
}

typedef struct
{
  char              *path;
  TenureWorkspace   *workspace;
  TenureAccountList *accounts;
} Load;

static void
load_free (Load *load)
{
  g_free (load->path);
  g_clear_object (&load->accounts);
  g_clear_object (&load->workspace);
  g_free (load);
}

/* Opening checks the header, the schema and the ledger's invariants, and
 * the account list reads every account: seconds on a large workspace, in
 * a thread while the window shows that it is opening. Nothing else holds
 * the new connection until the window has it. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  load->workspace = tenure_workspace_open (load->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  if (load->workspace == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  load->accounts = tenure_account_list_new (load->workspace);
  g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TenureWindow *self = TENURE_WINDOW (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      cancel_load (self);
      show_main_page (self);
      tenure_window_show_error (GTK_WINDOW (self), _("Could Not Open the Workspace"), error);
      return;
    }
  g_clear_pointer (&self->loading_path, g_free);
  g_clear_object (&self->load_cancellable);
  gtk_spinner_stop (self->loading_spinner);
  {
    g_autofree char *uri = g_filename_to_uri (load->path, NULL, NULL);

    if (uri != NULL)
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  show_workspace (self, load->workspace, load->accounts);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * tenure_window_load:
 * @self: a #TenureWindow
 * @path: a workspace file
 *
 * Opens @path in this window without blocking it: the window says it is
 * opening the file until the workspace is read, then shows it (and adds it
 * to the recent files), or shows a dialog with the reason it could not be
 * opened and what it showed before.
 */
void
tenure_window_load (TenureWindow *self,
                    const char   *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  Load *load;

  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  cancel_load (self);
  self->loading_path = g_canonicalize_filename (path, NULL);
  self->load_cancellable = g_cancellable_new ();

  name = g_filename_display_basename (self->loading_path);
  /* Translators: the title of the window while a workspace file opens */
  title = g_strdup_printf (_("Opening “%s”…"), name);
  adw_status_page_set_title (self->loading_page, title);
  adw_window_title_set_title (self->loading_title, name);
  gtk_spinner_start (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  load = g_new0 (Load, 1);
  load->path = g_strdup (self->loading_path);
  task = g_task_new (self, self->load_cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, tenure_window_load);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * tenure_window_is_loading:
 * @self: a #TenureWindow
 *
 * Returns: whether a workspace file is being opened in the window
 */
gboolean
tenure_window_is_loading (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), FALSE);
  return self->loading_path != NULL;
}

/**
 * tenure_window_get_path:
 * @self: a #TenureWindow
 *
 * Returns: (nullable): the file of the workspace shown or being opened
 */
const char *
tenure_window_get_path (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  if (self->loading_path != NULL)
    return self->loading_path;
  return self->workspace != NULL ? tenure_workspace_get_path (self->workspace) : NULL;
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
 * Returns: (transfer none) (nullable): the accounts as listed
 */
GListModel *
tenure_window_get_accounts (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return tenure_accounts_view_get_model (self->accounts_view);
}

/**
 * tenure_window_get_accounts_view:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none): the accounts view
 */
GtkWidget *
tenure_window_get_accounts_view (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->accounts_view);
}

/**
 * tenure_window_get_view_state:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none): the period, range and report date of the views
 */
TenureViewState *
tenure_window_get_view_state (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return self->view_state;
}

/**
 * tenure_window_get_analysis:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none) (nullable): the latest TenureAnalysis
 */
gpointer
tenure_window_get_analysis (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return self->figures ? tenure_figures_get_analysis (self->figures) : NULL;
}

/**
 * tenure_window_get_figures:
 * @self: a #TenureWindow
 *
 * Returns: (transfer none) (nullable): the figures of the open workspace
 */
gpointer
tenure_window_get_figures (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return self->figures;
}

gboolean
tenure_window_show_view (TenureWindow *self,
                         const char   *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TENURE_IS_WINDOW (self), FALSE);

  row = name ? find_row (self, name) : NULL;
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->sidebar, row);
  gtk_stack_set_visible_child_name (self->stack, name);
  return TRUE;
}

const char *
tenure_window_get_view (TenureWindow *self)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * tenure_window_get_view_widget:
 * @self: a #TenureWindow
 * @name: a view name
 *
 * Returns: (transfer none) (nullable): the view
 */
GtkWidget *
tenure_window_get_view_widget (TenureWindow *self,
                               const char   *name)
{
  g_return_val_if_fail (TENURE_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}

void
tenure_window_set_import_func (TenureWindowImportFunc func)
{
  import_func = func;
}

void
tenure_window_import_files (TenureWindow  *self,
                            GFile        **files,
                            guint          n_files)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_FILE);

  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  for (guint i = 0; i < n_files; i++)
    g_list_store_append (store, files[i]);
  g_signal_emit (self, signals[IMPORT_FILES], 0, store);
  if (import_func != NULL)
    import_func (self, files, n_files);
}

gboolean
_tenure_window_has_import_func (void)
{
  return import_func != NULL;
}

void
_tenure_window_toast (TenureWindow *self,
                      const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * tenure_window_add_toast_full:
 * @self: a #TenureWindow
 * @toast: (transfer full): a toast, with a button and action if needed
 */
void
tenure_window_add_toast_full (TenureWindow *self,
                              AdwToast     *toast)
{
  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
tenure_window_add_toast (TenureWindow *self,
                         const char   *message)
{
  g_return_if_fail (TENURE_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  _tenure_window_toast (self, message);
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
