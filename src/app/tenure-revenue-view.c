/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-revenue-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-revenue-view.h"

/* MRR movements: the bridge of new, expansion, reactivation, contraction
 * and churn per period, the quick ratio against its benchmark, churn rates,
 * GRR and NRR.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureRevenueView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureRevenueView, tenure_revenue_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_revenue_view_class_init (TenureRevenueViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "network-cellular-signal-excellent-symbolic";
  page_class->empty_title = N_("No Subscriptions Yet");
  page_class->empty_description = N_("Import subscriptions to see MRR movements");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription)";
}

static void
tenure_revenue_view_init (TenureRevenueView *self)
{
}

GtkWidget *
tenure_revenue_view_new (void)
{
  return g_object_new (TENURE_TYPE_REVENUE_VIEW, NULL);
}
