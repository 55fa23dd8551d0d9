/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-overview-view.h"

/* The first page of a workspace: the headline figures of the report date
 * (MRR, ARR, active accounts, quick ratio, NRR) over the MRR trend.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureOverviewView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureOverviewView, tenure_overview_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_overview_view_class_init (TenureOverviewViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "view-grid-symbolic";
  page_class->empty_title = N_("No Figures Yet");
  page_class->empty_description = N_("Import subscriptions or won deals to see MRR, active accounts and the quick ratio at a glance");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
}

static void
tenure_overview_view_init (TenureOverviewView *self)
{
}

GtkWidget *
tenure_overview_view_new (void)
{
  return g_object_new (TENURE_TYPE_OVERVIEW_VIEW, NULL);
}
