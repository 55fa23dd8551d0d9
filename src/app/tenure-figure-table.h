/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The tables of the figure views: rows of already formatted cells in a
 * GtkColumnView, the first column a label, the others figures aligned to
 * the end so their digits line up. */

/* The period tables list the latest periods, newest first; the charts show
 * the whole series. Every row of a table is realized (the page scrolls, not
 * the table), so a table of every month since the start would cost each
 * layout of the window. */
#define TENURE_FIGURE_TABLE_PERIODS 24

#define TENURE_TYPE_FIGURE_ROW (tenure_figure_row_get_type ())

G_DECLARE_FINAL_TYPE (TenureFigureRow, tenure_figure_row, TENURE, FIGURE_ROW, GObject)

/* A row of @n cells (taken); @flagged rows show in the error colour. */
TenureFigureRow *tenure_figure_row_new        (char          **cells,
                                               guint           n,
                                               gboolean        flagged);
const char      *tenure_figure_row_get_cell   (TenureFigureRow *self,
                                               guint            column);
gboolean         tenure_figure_row_get_flagged (TenureFigureRow *self);

/* Gives @table the columns @titles (translated), replacing those it had
 * unless they are the same. */
void             tenure_figure_table_set_columns (GtkColumnView     *table,
                                                  const char *const *titles,
                                                  guint              n_titles);
/* Column @column holds words, not figures: aligned to the start. */
void             tenure_figure_table_set_text_column (GtkColumnView *table,
                                                      guint          column);
/* The rows of @table: a store of TenureFigureRow (a new reference is kept). */
void             tenure_figure_table_set_rows    (GtkColumnView     *table,
                                                  GListStore        *rows);
guint            tenure_figure_table_get_n_rows  (GtkColumnView     *table);
/* Appends a row of the @n strings that follow (each taken). */
void             tenure_figure_table_append      (GListStore        *rows,
                                                  gboolean           flagged,
                                                  guint              n,
                                                  ...);

/* A chart widget of the figure views, named for screen readers. */
GtkWidget       *tenure_figure_chart_new         (const char        *title,
                                                  const char        *summary);
/* Builds the chart @kind of @analysis into @chart (a TenureChartView). */
void             tenure_figure_chart_update      (GtkWidget         *chart,
                                                  int                kind,
                                                  gpointer           analysis,
                                                  gboolean           revenue);
/* The label of period @index of the analysis' series, readable. */
char            *tenure_figure_format_period     (gpointer           analysis,
                                                  guint              index);
/* Money, counts, percentages and ratios as the tables show them. */
char            *tenure_figure_money             (gpointer           analysis,
                                                  double             minor_units);
char            *tenure_figure_count             (double             value);
char            *tenure_figure_percent           (double             fraction);
char            *tenure_figure_ratio             (double             value);

G_END_DECLS
