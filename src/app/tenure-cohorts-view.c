/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cohorts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-cohorts-view.h"

/* Cohort retention: the logo and revenue retention of each origination
 * month by age, with the weighted average.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureCohortsView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureCohortsView, tenure_cohorts_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_cohorts_view_class_init (TenureCohortsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "x-office-spreadsheet-symbolic";
  page_class->empty_title = N_("No Cohorts Yet");
  page_class->empty_description = N_("Import subscriptions to see how the accounts won each month are retained");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
}

static void
tenure_cohorts_view_init (TenureCohortsView *self)
{
}

GtkWidget *
tenure_cohorts_view_new (void)
{
  return g_object_new (TENURE_TYPE_COHORTS_VIEW, NULL);
}
