/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tenure-analysis.h"
#include "tenure-view-state.h"
#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_CHART_PAGE (tenure_chart_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (TenureChartPage, tenure_chart_page, TENURE, CHART_PAGE, AdwBin)

/**
 * TenureChartPageClass:
 * @empty_icon: icon of the empty state
 * @empty_title: title of the empty state (translatable, N_())
 * @empty_description: what to import to fill the page (N_())
 * @data_sql: a query returning one row whose first column is non-zero when
 *   the workspace has the data this page is made of
 * @refresh: called when the workspace changed or the view state did; the
 *   place where a view asks for its figures and hands them to its chart
 *
 * The common shape of the figure views: a scrolled page with a chart at the
 * top and a table of figures below, or an empty state saying what to import.
 */
struct _TenureChartPageClass
{
  AdwBinClass  parent_class;

  const char  *empty_icon;
  const char  *empty_title;
  const char  *empty_description;
  const char  *data_sql;

  void       (*refresh) (TenureChartPage *self);

  gpointer     padding[8];
};

void             tenure_chart_page_set_workspace  (TenureChartPage *self,
                                                   TenureWorkspace *workspace);
TenureWorkspace *tenure_chart_page_get_workspace  (TenureChartPage *self);
void             tenure_chart_page_set_view_state (TenureChartPage *self,
                                                   TenureViewState *state);
TenureViewState *tenure_chart_page_get_view_state (TenureChartPage *self);
/* Whether the workspace has the data of this page (the empty state shows
 * otherwise). */
gboolean         tenure_chart_page_has_data       (TenureChartPage *self);
/* The chart widget shown at the top of the page (NULL removes it). */
void             tenure_chart_page_set_chart      (TenureChartPage *self,
                                                   GtkWidget       *chart);
/* Widgets above the chart and below the table (NULL removes them). */
void             tenure_chart_page_set_header     (TenureChartPage *self,
                                                   GtkWidget       *header);
void             tenure_chart_page_set_footer     (TenureChartPage *self,
                                                   GtkWidget       *footer);
/* The table of figures below the chart; views add their columns to it. */
GtkColumnView   *tenure_chart_page_get_table      (TenureChartPage *self);
void             tenure_chart_page_refresh        (TenureChartPage *self);
/* The latest figures of the window the page is in (NULL until then). */
TenureAnalysis  *tenure_chart_page_get_analysis   (TenureChartPage *self);
GtkWidget       *tenure_chart_page_get_window     (TenureChartPage *self);

G_END_DECLS
