/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-revenue-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-chart-build.h"
#include "tenure-figure-table.h"
#include "tenure-revenue-view.h"

/* MRR movements: the quick ratio against its benchmark and the bridge of
 * new, expansion, reactivation, contraction and churn, over a table of
 * every period's movements, churn rates and NRR, newest first. */

struct _TenureRevenueView
{
  TenureChartPage  parent_instance;

  GtkWidget       *charts;       /* GtkBox */
  GtkWidget       *quick_ratio;  /* TenureChartView */
  GtkWidget       *bridge;       /* TenureChartView */
};

G_DEFINE_FINAL_TYPE (TenureRevenueView, tenure_revenue_view, TENURE_TYPE_CHART_PAGE)

static void
update_table (TenureRevenueView *self,
              TenureAnalysis    *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  const char *titles[] = {
    _("Period"), _("MRR"), _("New"), _("Expansion"), _("Reactivation"), _("Contraction"),
    _("Churn"), _("Net New"), _("Quick Ratio"), _("Logo Churn"), _("Revenue Churn"), _("NRR"),
  };

  tenure_figure_table_set_columns (table, titles, G_N_ELEMENTS (titles));
  for (guint i = analysis->metrics->n_periods;
       i-- > 0 && i + TENURE_FIGURE_TABLE_PERIODS >= analysis->metrics->n_periods;)
    {
      const TenureMetricsPeriod *p = &analysis->metrics->periods[i];

      tenure_figure_table_append (rows, FALSE, G_N_ELEMENTS (titles),
                                  tenure_figure_format_period (analysis, i),
                                  tenure_figure_money (analysis, p->mrr),
                                  tenure_figure_money (analysis, p->new_mrr),
                                  tenure_figure_money (analysis, p->expansion_mrr),
                                  tenure_figure_money (analysis, p->reactivation_mrr),
                                  tenure_figure_money (analysis, -(double) p->contraction_mrr),
                                  tenure_figure_money (analysis, -(double) p->churned_mrr),
                                  tenure_figure_money (analysis, p->net_new_mrr),
                                  tenure_figure_ratio (p->quick_ratio),
                                  tenure_figure_percent (p->logo_churn_rate),
                                  tenure_figure_percent (p->revenue_churn_rate),
                                  tenure_figure_percent (p->nrr));
    }
  tenure_figure_table_set_rows (table, rows);
}

static void
tenure_revenue_view_refresh (TenureChartPage *page)
{
  TenureRevenueView *self = TENURE_REVENUE_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);

  if (analysis == NULL || !tenure_chart_page_has_data (page))
    return;

  tenure_figure_chart_update (self->quick_ratio, TENURE_CHART_KIND_QUICK_RATIO, analysis, FALSE);
  tenure_figure_chart_update (self->bridge, TENURE_CHART_KIND_MRR_BRIDGE, analysis, FALSE);
  update_table (self, analysis);
  tenure_chart_page_set_chart (page, self->charts);
}

static void
tenure_revenue_view_class_init (TenureRevenueViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "network-cellular-signal-excellent-symbolic";
  page_class->empty_title = N_("No Subscriptions Yet");
  page_class->empty_description = N_("Import subscriptions to see MRR movements");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription)";
  page_class->refresh = tenure_revenue_view_refresh;
}

static void
tenure_revenue_view_init (TenureRevenueView *self)
{
  self->charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->charts, TRUE);
  self->quick_ratio = tenure_figure_chart_new (_("Quick ratio"),
                                               _("New, expansion and reactivation MRR over contraction and churned MRR, per period"));
  self->bridge = tenure_figure_chart_new (_("MRR bridge"),
                                          _("How MRR moved from one period to the next: new, expansion, reactivation, contraction and churn"));
  gtk_box_append (GTK_BOX (self->charts), self->quick_ratio);
  gtk_box_append (GTK_BOX (self->charts), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->charts), self->bridge);
}

GtkWidget *
tenure_revenue_view_new (void)
{
  return g_object_new (TENURE_TYPE_REVENUE_VIEW, NULL);
}
