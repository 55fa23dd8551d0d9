/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-segments-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-segments-view.h"

/* Segment economics over the trailing twelve months: leads, win rates,
 * bookings, CAC, ACV, LTV and LTV / CAC per segment, and the budget what-if.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureSegmentsView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureSegmentsView, tenure_segments_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_segments_view_class_init (TenureSegmentsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "view-paged-symbolic";
  page_class->empty_title = N_("No Segment Economics Yet");
  page_class->empty_description = N_("Import funnel figures (leads and spend per segment and month) and deals to see acquisition costs and LTV / CAC");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM funnel) OR EXISTS (SELECT 1 FROM deal)";
}

static void
tenure_segments_view_init (TenureSegmentsView *self)
{
}

GtkWidget *
tenure_segments_view_new (void)
{
  return g_object_new (TENURE_TYPE_SEGMENTS_VIEW, NULL);
}
