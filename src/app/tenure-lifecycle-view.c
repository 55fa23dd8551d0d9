/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-lifecycle-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tenure-chart-build.h"
#include "tenure-figure-table.h"
#include "tenure-lifecycle-view.h"

/* Lifecycle progression: accounts per journey stage over the periods, the
 * transitions between stages in the latest period (new, upgrades,
 * downgrades, churn), and a table of each period's accounts per stage. */

struct _TenureLifecycleView
{
  TenureChartPage  parent_instance;

  GtkWidget       *charts;       /* GtkBox */
  GtkWidget       *progression;  /* TenureChartView */
  GtkWidget       *transitions;  /* TenureChartView */
};

G_DEFINE_FINAL_TYPE (TenureLifecycleView, tenure_lifecycle_view, TENURE_TYPE_CHART_PAGE)

static void
update_table (TenureLifecycleView *self,
              TenureAnalysis      *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  const TenureMetrics *metrics = analysis->metrics;
  guint n_columns = 5 + metrics->n_stages;
  g_autofree const char **titles = g_new0 (const char *, n_columns);

  titles[0] = _("Period");
  titles[1] = _("Active Accounts");
  titles[2] = _("New");
  titles[3] = _("Churned");
  titles[4] = _("Reactivated");
  /* The stages are the workspace's own names. */
  for (guint s = 0; s < metrics->n_stages; s++)
    titles[5 + s] = metrics->stage_names[s];
  tenure_figure_table_set_columns (table, titles, n_columns);

  for (guint i = metrics->n_periods; i-- > 0 && i + TENURE_FIGURE_TABLE_PERIODS >= metrics->n_periods;)
    {
      const TenureMetricsPeriod *p = &metrics->periods[i];
      char **cells = g_new0 (char *, n_columns + 1);

      cells[0] = tenure_figure_format_period (analysis, i);
      cells[1] = tenure_figure_count (p->active_accounts);
      cells[2] = tenure_figure_count (p->new_accounts);
      cells[3] = tenure_figure_count (p->churned_accounts);
      cells[4] = tenure_figure_count (p->reactivated_accounts);
      for (guint s = 0; s < metrics->n_stages; s++)
        cells[5 + s] = tenure_figure_count (p->stage_counts != NULL ? p->stage_counts[s] : NAN);
      {
        g_autoptr(TenureFigureRow) row = tenure_figure_row_new (cells, n_columns, FALSE);

        g_list_store_append (rows, row);
      }
    }
  tenure_figure_table_set_rows (table, rows);
}

static void
tenure_lifecycle_view_refresh (TenureChartPage *page)
{
  TenureLifecycleView *self = TENURE_LIFECYCLE_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);

  if (analysis == NULL || !tenure_chart_page_has_data (page))
    return;

  tenure_figure_chart_update (self->progression, TENURE_CHART_KIND_LIFECYCLE, analysis, FALSE);
  tenure_figure_chart_update (self->transitions, TENURE_CHART_KIND_TRANSITIONS, analysis, FALSE);
  update_table (self, analysis);
  tenure_chart_page_set_chart (page, self->charts);
}

static void
tenure_lifecycle_view_class_init (TenureLifecycleViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "media-playlist-repeat-symbolic";
  page_class->empty_title = N_("No Journeys Yet");
  page_class->empty_description = N_("Import subscriptions or won deals to see how accounts move through the journey stages");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
  page_class->refresh = tenure_lifecycle_view_refresh;
}

static void
tenure_lifecycle_view_init (TenureLifecycleView *self)
{
  self->charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->charts, TRUE);
  self->progression = tenure_figure_chart_new (_("Lifecycle progression"),
                                               _("Active accounts per journey stage, per period"));
  self->transitions = tenure_figure_chart_new (_("Stage transitions"),
                                               _("Accounts moving between journey stages in the latest period"));
  gtk_box_append (GTK_BOX (self->charts), self->progression);
  gtk_box_append (GTK_BOX (self->charts), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->charts), self->transitions);
}

GtkWidget *
tenure_lifecycle_view_new (void)
{
  return g_object_new (TENURE_TYPE_LIFECYCLE_VIEW, NULL);
}
