/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-figure-table"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-analysis.h"
#include "tenure-chart-format.h"
#include "tenure-chart-view.h"
#include "tenure-figure-table.h"

struct _TenureFigureRow
{
  GObject   parent_instance;

  char    **cells;
  guint     n_cells;
  gboolean  flagged;
};

G_DEFINE_FINAL_TYPE (TenureFigureRow, tenure_figure_row, G_TYPE_OBJECT)

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  gboolean text = column == 0 || g_object_get_data (G_OBJECT (factory), "text") != NULL;
  GtkWidget *label = gtk_label_new (NULL);

  /* Text starts where its column starts; figures end together. */
  gtk_label_set_xalign (GTK_LABEL (label), text ? 0.0 : 1.0);
  if (!text)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  TenureFigureRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), tenure_figure_row_get_cell (row, column));
  if (row->flagged)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
tenure_figure_row_finalize (GObject *object)
{
  TenureFigureRow *self = (TenureFigureRow *) object;

  for (guint i = 0; i < self->n_cells; i++)
    g_free (self->cells[i]);
  g_free (self->cells);

  G_OBJECT_CLASS (tenure_figure_row_parent_class)->finalize (object);
}

static void
tenure_figure_row_class_init (TenureFigureRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tenure_figure_row_finalize;
}

static void
tenure_figure_row_init (TenureFigureRow *self)
{
}

/**
 * tenure_figure_row_new:
 * @cells: (transfer full) (array length=n): the formatted cells
 * @n: how many
 * @flagged: whether the row is highlighted
 *
 * Returns: (transfer full): a new row
 */
TenureFigureRow *
tenure_figure_row_new (char     **cells,
                       guint      n,
                       gboolean   flagged)
{
  TenureFigureRow *self = g_object_new (TENURE_TYPE_FIGURE_ROW, NULL);

  self->cells = cells;
  self->n_cells = n;
  self->flagged = flagged;
  return self;
}

const char *
tenure_figure_row_get_cell (TenureFigureRow *self,
                            guint            column)
{
  g_return_val_if_fail (TENURE_IS_FIGURE_ROW (self), NULL);

  return column < self->n_cells && self->cells[column] != NULL ? self->cells[column] : "";
}

gboolean
tenure_figure_row_get_flagged (TenureFigureRow *self)
{
  g_return_val_if_fail (TENURE_IS_FIGURE_ROW (self), FALSE);

  return self->flagged;
}

/**
 * tenure_figure_table_set_columns:
 * @table: a #GtkColumnView
 * @titles: (array length=n_titles): column titles, already translated
 * @n_titles: how many
 */
void
tenure_figure_table_set_columns (GtkColumnView     *table,
                                 const char *const *titles,
                                 guint              n_titles)
{
  GListModel *columns;
  gboolean same;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (table));

  columns = gtk_column_view_get_columns (table);
  same = g_list_model_get_n_items (columns) == n_titles;
  for (guint i = 0; same && i < n_titles; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      same = g_strcmp0 (gtk_column_view_column_get_title (column), titles[i]) == 0;
    }
  if (same)
    return;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (table, column);
    }
  for (guint i = 0; i < n_titles; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (table, column);
    }
}

/**
 * tenure_figure_table_set_text_column:
 * @table: a #GtkColumnView with its columns
 * @column: the index of a column of words rather than figures
 *
 * Aligns the cells of @column to the start, as the first column's, rather
 * than to the end as figures. Call after tenure_figure_table_set_columns()
 * and before setting the rows.
 */
void
tenure_figure_table_set_text_column (GtkColumnView *table,
                                     guint          column)
{
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (table));

  col = g_list_model_get_item (gtk_column_view_get_columns (table), column);
  g_return_if_fail (col != NULL);
  g_object_set_data (G_OBJECT (gtk_column_view_column_get_factory (col)), "text", GINT_TO_POINTER (TRUE));
}

/**
 * tenure_figure_table_set_rows:
 * @table: a #GtkColumnView
 * @rows: (nullable): a store of #TenureFigureRow
 */
void
tenure_figure_table_set_rows (GtkColumnView *table,
                              GListStore    *rows)
{
  g_autoptr(GtkSelectionModel) model = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (table));
  g_return_if_fail (rows == NULL || G_IS_LIST_STORE (rows));

  if (rows != NULL)
    model = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (rows))));
  gtk_column_view_set_model (table, model);
}

guint
tenure_figure_table_get_n_rows (GtkColumnView *table)
{
  GtkSelectionModel *model;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (table), 0);

  model = gtk_column_view_get_model (table);
  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

void
tenure_figure_table_append (GListStore *rows,
                            gboolean    flagged,
                            guint       n,
                            ...)
{
  g_autoptr(TenureFigureRow) row = NULL;
  char **cells = g_new0 (char *, n + 1);
  va_list args;

  g_return_if_fail (G_IS_LIST_STORE (rows));

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    cells[i] = va_arg (args, char *);
  va_end (args);
  row = tenure_figure_row_new (cells, n, flagged);
  g_list_store_append (rows, row);
}

/**
 * tenure_figure_chart_new:
 * @title: the chart's name, translated
 * @summary: what it shows, translated
 *
 * Returns: (transfer full): a new #TenureChartView
 */
GtkWidget *
tenure_figure_chart_new (const char *title,
                         const char *summary)
{
  GtkWidget *chart = tenure_chart_view_new ();

  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_size_request (chart, -1, 320);
  tenure_chart_view_set_accessible_text (TENURE_CHART_VIEW (chart), title, summary);
  return chart;
}

void
tenure_figure_chart_update (GtkWidget *chart,
                            int        kind,
                            gpointer   analysis,
                            gboolean   revenue)
{
  TenureAnalysis *a = analysis;
  TenureChartBuildOptions options = { 0 };

  g_return_if_fail (TENURE_IS_CHART_VIEW (chart));
  g_return_if_fail (analysis != NULL);

  options.revenue = revenue;
  tenure_chart_view_set_chart (TENURE_CHART_VIEW (chart),
                               tenure_chart_build ((TenureChartKind) kind, a, &options),
                               a->metrics->currency);
}

char *
tenure_figure_format_period (gpointer analysis,
                             guint    index)
{
  TenureAnalysis *a = analysis;
  const TenureMetricsPeriod *period;

  g_return_val_if_fail (a != NULL && index < a->metrics->n_periods, NULL);

  period = &a->metrics->periods[index];
  if (a->metrics->period == TENURE_PERIOD_MONTH)
    return tenure_chart_format_month (period->first_month);
  return g_strdup (period->label);
}

char *
tenure_figure_money (gpointer analysis,
                     double   minor_units)
{
  TenureAnalysis *a = analysis;

  return tenure_chart_format_money_value (minor_units, a->metrics->currency, TENURE_CHART_MONEY_WHOLE);
}

char *
tenure_figure_count (double value)
{
  return tenure_chart_format_number (value, 0);
}

char *
tenure_figure_percent (double fraction)
{
  return tenure_chart_format_percent (fraction, 1);
}

char *
tenure_figure_ratio (double value)
{
  return tenure_chart_format_ratio (value, 1);
}
