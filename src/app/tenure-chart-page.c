/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-chart-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-chart-page.h"
#include "tenure-window.h"

typedef struct
{
  /* Template widgets */
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  AdwStatusPage   *pending_page;
  AdwStatusPage   *computing_page;
  GtkSpinner      *computing_spinner;
  GtkBox          *header_box;
  GtkBox          *chart_box;
  GtkBox          *footer_box;
  GtkWidget       *table_frame;
  GtkColumnView   *table;

  /* Owned */
  TenureWorkspace *workspace;
  TenureViewState *view_state;
  GtkWidget       *chart;    /* borrowed from chart_box */
  GtkWidget       *header;   /* borrowed from header_box */
  GtkWidget       *footer;   /* borrowed from footer_box */
  gulong           changed_id;
  gulong           state_id;
  GtkWidget       *window;   /* the root while rooted, for its analysis */
  gulong           analysis_id;
  gboolean         has_data;
  gboolean         stale;    /* new figures came while the page was hidden */
} TenureChartPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TenureChartPage, tenure_chart_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_VIEW_STATE,
  PROP_HAS_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
query_has_data (TenureChartPage *self)
{
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);
  TenureChartPageClass *klass = TENURE_CHART_PAGE_GET_CLASS (self);
  sqlite3_stmt *stmt = NULL;
  gboolean result = FALSE;
  sqlite3 *db;

  if (priv->workspace == NULL || (db = tenure_workspace_get_db (priv->workspace)) == NULL)
    return FALSE;
  if (klass->data_sql == NULL)
    return TRUE;
  if (sqlite3_prepare_v2 (db, klass->data_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("%s: %s", G_OBJECT_TYPE_NAME (self), sqlite3_errmsg (db));
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return result;
}

static void
update_table_visibility (TenureChartPage *self)
{
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  /* A table without columns is an empty frame: hide it until a view has
   * given it its columns. */
  gtk_widget_set_visible (priv->table_frame,
                          g_list_model_get_n_items (gtk_column_view_get_columns (priv->table)) > 0);
}

/* The figures once a view has a chart or a table to show; until then a
 * page that says so rather than an empty frame. */
static void
update_page (TenureChartPage *self,
             gboolean         has_data)
{
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);
  gboolean has_content = priv->chart != NULL || priv->header != NULL ||
                         g_list_model_get_n_items (gtk_column_view_get_columns (priv->table)) > 0;

  const char *page;

  /* Until the window's first figures, a spinner rather than a page
   * saying there are none. */
  if (!has_data)
    page = "empty";
  else if (has_content)
    page = "figures";
  else if (priv->window != NULL && tenure_window_get_analysis (TENURE_WINDOW (priv->window)) == NULL)
    page = "computing";
  else
    page = "pending";
  if (g_str_equal (page, "computing"))
    gtk_spinner_start (priv->computing_spinner);
  else
    gtk_spinner_stop (priv->computing_spinner);
  gtk_stack_set_visible_child_name (priv->stack, page);
}

static void
workspace_changed_cb (TenureChartPage *self)
{
  tenure_chart_page_refresh (self);
}

static void
view_state_notify_cb (TenureChartPage *self)
{
  tenure_chart_page_refresh (self);
}

static void
columns_changed_cb (TenureChartPage *self)
{
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  update_table_visibility (self);
  update_page (self, priv->has_data);
}

/* Building a page's charts and tables from a large workspace's figures
 * takes a while: pages out of sight wait until they are shown. */
static void
analysis_changed_cb (TenureChartPage *self)
{
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    tenure_chart_page_refresh (self);
  else
    priv->stale = TRUE;
}

static void
tenure_chart_page_map (GtkWidget *widget)
{
  TenureChartPage *self = (TenureChartPage *) widget;
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  if (priv->stale)
    tenure_chart_page_refresh (self);

  GTK_WIDGET_CLASS (tenure_chart_page_parent_class)->map (widget);
}

/* The figures come from the window: follow its analysis while in it. */
static void
tenure_chart_page_root (GtkWidget *widget)
{
  TenureChartPage *self = (TenureChartPage *) widget;
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);
  GtkRoot *root;

  GTK_WIDGET_CLASS (tenure_chart_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (TENURE_IS_WINDOW (root))
    {
      priv->window = GTK_WIDGET (root);
      priv->analysis_id = g_signal_connect_object (root, "analysis-changed",
                                                   G_CALLBACK (analysis_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
      if (tenure_window_get_analysis (TENURE_WINDOW (root)) != NULL)
        tenure_chart_page_refresh (self);
    }
}

static void
tenure_chart_page_unroot (GtkWidget *widget)
{
  TenureChartPage *self = (TenureChartPage *) widget;
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  if (priv->window != NULL)
    g_clear_signal_handler (&priv->analysis_id, priv->window);
  priv->window = NULL;

  GTK_WIDGET_CLASS (tenure_chart_page_parent_class)->unroot (widget);
}

static void
tenure_chart_page_dispose (GObject *object)
{
  TenureChartPage *self = (TenureChartPage *) object;
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  if (priv->workspace != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->workspace);
  if (priv->view_state != NULL)
    g_clear_signal_handler (&priv->state_id, priv->view_state);
  g_clear_object (&priv->workspace);
  g_clear_object (&priv->view_state);
  /* The columns go with the table: the page is not to follow them then. */
  if (priv->table != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_columns (priv->table),
                                          columns_changed_cb, self);
  /* No gtk_widget_dispose_template() here: under GTK 4.8 its template
   * check fails for the instances of this derivable type's subclasses.
   * AdwBin unparents the child, and the bound pointers die with us. */

  G_OBJECT_CLASS (tenure_chart_page_parent_class)->dispose (object);
}

static void
tenure_chart_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TenureChartPage *self = TENURE_CHART_PAGE (object);
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, priv->workspace);
      break;
    case PROP_VIEW_STATE:
      g_value_set_object (value, priv->view_state);
      break;
    case PROP_HAS_DATA:
      g_value_set_boolean (value, priv->has_data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_chart_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TenureChartPage *self = TENURE_CHART_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      tenure_chart_page_set_workspace (self, g_value_get_object (value));
      break;
    case PROP_VIEW_STATE:
      tenure_chart_page_set_view_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void tenure_chart_page_constructed (GObject *object);

static void
tenure_chart_page_class_init (TenureChartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tenure_chart_page_constructed;
  object_class->dispose = tenure_chart_page_dispose;
  object_class->get_property = tenure_chart_page_get_property;
  object_class->set_property = tenure_chart_page_set_property;
  widget_class->map = tenure_chart_page_map;
  widget_class->root = tenure_chart_page_root;
  widget_class->unroot = tenure_chart_page_unroot;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TENURE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, TENURE_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_DATA] =
    g_param_spec_boolean ("has-data", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tenure/Tenure/ui/tenure-chart-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, stack);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, pending_page);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, computing_page);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, computing_spinner);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, header_box);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, chart_box);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, footer_box);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, table_frame);
  gtk_widget_class_bind_template_child_private (widget_class, TenureChartPage, table);
}

static void
tenure_chart_page_init (TenureChartPage *self)
{
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_column_view_get_columns (priv->table), "items-changed",
                           G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
  update_table_visibility (self);
  gtk_stack_set_visible_child_name (priv->stack, "empty");
}

static void
tenure_chart_page_constructed (GObject *object)
{
  TenureChartPage *self = (TenureChartPage *) object;
  TenureChartPagePrivate *priv = tenure_chart_page_get_instance_private (self);
  /* Here rather than in init: while the parent's init runs, the instance
   * still has the parent's class, without the view's texts. */
  TenureChartPageClass *klass = TENURE_CHART_PAGE_GET_CLASS (self);

  G_OBJECT_CLASS (tenure_chart_page_parent_class)->constructed (object);

  adw_status_page_set_icon_name (priv->empty_page, klass->empty_icon);
  adw_status_page_set_icon_name (priv->pending_page, klass->empty_icon);
  adw_status_page_set_icon_name (priv->computing_page, klass->empty_icon);
  if (klass->empty_title != NULL)
    adw_status_page_set_title (priv->empty_page, _(klass->empty_title));
  if (klass->empty_description != NULL)
    adw_status_page_set_description (priv->empty_page, _(klass->empty_description));
}

/**
 * tenure_chart_page_set_workspace:
 * @self: a #TenureChartPage
 * @workspace: (nullable): the workspace whose figures the page shows
 */
void
tenure_chart_page_set_workspace (TenureChartPage *self,
                                 TenureWorkspace *workspace)
{
  TenureChartPagePrivate *priv;

  g_return_if_fail (TENURE_IS_CHART_PAGE (self));
  g_return_if_fail (workspace == NULL || TENURE_IS_WORKSPACE (workspace));

  priv = tenure_chart_page_get_instance_private (self);
  if (priv->workspace == workspace)
    return;
  if (priv->workspace != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->workspace);
  g_set_object (&priv->workspace, workspace);
  if (workspace != NULL)
    priv->changed_id = g_signal_connect_object (workspace, "changed",
                                                G_CALLBACK (workspace_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  tenure_chart_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * tenure_chart_page_get_workspace:
 * @self: a #TenureChartPage
 *
 * Returns: (transfer none) (nullable): the workspace
 */
TenureWorkspace *
tenure_chart_page_get_workspace (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;

  g_return_val_if_fail (TENURE_IS_CHART_PAGE (self), NULL);
  priv = tenure_chart_page_get_instance_private (self);
  return priv->workspace;
}

/**
 * tenure_chart_page_set_view_state:
 * @self: a #TenureChartPage
 * @state: (nullable): the period, range and report date of the window
 */
void
tenure_chart_page_set_view_state (TenureChartPage *self,
                                  TenureViewState *state)
{
  TenureChartPagePrivate *priv;

  g_return_if_fail (TENURE_IS_CHART_PAGE (self));
  g_return_if_fail (state == NULL || TENURE_IS_VIEW_STATE (state));

  priv = tenure_chart_page_get_instance_private (self);
  if (priv->view_state == state)
    return;
  if (priv->view_state != NULL)
    g_clear_signal_handler (&priv->state_id, priv->view_state);
  g_set_object (&priv->view_state, state);
  if (state != NULL)
    priv->state_id = g_signal_connect_object (state, "notify",
                                              G_CALLBACK (view_state_notify_cb), self,
                                              G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}

/**
 * tenure_chart_page_get_view_state:
 * @self: a #TenureChartPage
 *
 * Returns: (transfer none) (nullable): the view state
 */
TenureViewState *
tenure_chart_page_get_view_state (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;

  g_return_val_if_fail (TENURE_IS_CHART_PAGE (self), NULL);
  priv = tenure_chart_page_get_instance_private (self);
  return priv->view_state;
}

gboolean
tenure_chart_page_has_data (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;

  g_return_val_if_fail (TENURE_IS_CHART_PAGE (self), FALSE);
  priv = tenure_chart_page_get_instance_private (self);
  return priv->has_data;
}

/**
 * tenure_chart_page_set_chart:
 * @self: a #TenureChartPage
 * @chart: (nullable): the chart widget
 */
void
tenure_chart_page_set_chart (TenureChartPage *self,
                             GtkWidget       *chart)
{
  TenureChartPagePrivate *priv;

  g_return_if_fail (TENURE_IS_CHART_PAGE (self));
  g_return_if_fail (chart == NULL || GTK_IS_WIDGET (chart));

  priv = tenure_chart_page_get_instance_private (self);
  if (priv->chart == chart)
    return;
  if (priv->chart != NULL)
    gtk_box_remove (priv->chart_box, priv->chart);
  priv->chart = chart;
  if (chart != NULL)
    gtk_box_append (priv->chart_box, chart);
  gtk_widget_set_visible (GTK_WIDGET (priv->chart_box), chart != NULL);
  update_page (self, priv->has_data);
}

/**
 * tenure_chart_page_get_table:
 * @self: a #TenureChartPage
 *
 * Returns: (transfer none): the table of figures
 */
GtkColumnView *
tenure_chart_page_get_table (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;

  g_return_val_if_fail (TENURE_IS_CHART_PAGE (self), NULL);
  priv = tenure_chart_page_get_instance_private (self);
  return priv->table;
}

/**
 * tenure_chart_page_refresh:
 * @self: a #TenureChartPage
 *
 * Checks again whether the workspace has the page's data, switches between
 * the figures and the empty state, and lets the view update its figures.
 */
void
tenure_chart_page_refresh (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;
  TenureChartPageClass *klass;
  gboolean has_data;

  g_return_if_fail (TENURE_IS_CHART_PAGE (self));

  priv = tenure_chart_page_get_instance_private (self);
  klass = TENURE_CHART_PAGE_GET_CLASS (self);
  priv->stale = FALSE;
  has_data = query_has_data (self);
  update_page (self, has_data);
  if (has_data != priv->has_data)
    {
      priv->has_data = has_data;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DATA]);
    }
  if (klass->refresh != NULL)
    klass->refresh (self);
}

/**
 * tenure_chart_page_get_analysis:
 * @self: a #TenureChartPage
 *
 * The figures the page shows: the latest analysis of the window it is in.
 *
 * Returns: (transfer none) (nullable): a TenureAnalysis, NULL until the
 *   first one or outside a window
 */
TenureAnalysis *
tenure_chart_page_get_analysis (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;

  g_return_val_if_fail (TENURE_IS_CHART_PAGE (self), NULL);
  priv = tenure_chart_page_get_instance_private (self);
  if (priv->window == NULL || priv->workspace == NULL)
    return NULL;
  return tenure_window_get_analysis (TENURE_WINDOW (priv->window));
}

/**
 * tenure_chart_page_get_window:
 * @self: a #TenureChartPage
 *
 * Returns: (transfer none) (nullable): the window the page is in
 */
GtkWidget *
tenure_chart_page_get_window (TenureChartPage *self)
{
  TenureChartPagePrivate *priv;

  g_return_val_if_fail (TENURE_IS_CHART_PAGE (self), NULL);
  priv = tenure_chart_page_get_instance_private (self);
  return priv->window;
}

static void
replace_child (GtkBox     *box,
               GtkWidget **slot,
               GtkWidget  *child)
{
  if (*slot == child)
    return;
  if (*slot != NULL)
    gtk_box_remove (box, *slot);
  *slot = child;
  if (child != NULL)
    gtk_box_append (box, child);
  gtk_widget_set_visible (GTK_WIDGET (box), child != NULL);
}

/**
 * tenure_chart_page_set_header:
 * @self: a #TenureChartPage
 * @header: (nullable): a widget above the chart (headline figures, a switch)
 */
void
tenure_chart_page_set_header (TenureChartPage *self,
                              GtkWidget       *header)
{
  TenureChartPagePrivate *priv;

  g_return_if_fail (TENURE_IS_CHART_PAGE (self));
  g_return_if_fail (header == NULL || GTK_IS_WIDGET (header));

  priv = tenure_chart_page_get_instance_private (self);
  replace_child (priv->header_box, &priv->header, header);
  update_page (self, priv->has_data);
}

/**
 * tenure_chart_page_set_footer:
 * @self: a #TenureChartPage
 * @footer: (nullable): a widget below the table
 */
void
tenure_chart_page_set_footer (TenureChartPage *self,
                              GtkWidget       *footer)
{
  TenureChartPagePrivate *priv;

  g_return_if_fail (TENURE_IS_CHART_PAGE (self));
  g_return_if_fail (footer == NULL || GTK_IS_WIDGET (footer));

  priv = tenure_chart_page_get_instance_private (self);
  replace_child (priv->footer_box, &priv->footer, footer);
}
