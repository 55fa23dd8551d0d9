/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-lifecycle-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-lifecycle-view.h"

/* Lifecycle progression: accounts per journey stage over the periods, and
 * the transitions between stages (new, upgrades, downgrades, churn).
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureLifecycleView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureLifecycleView, tenure_lifecycle_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_lifecycle_view_class_init (TenureLifecycleViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "media-playlist-repeat-symbolic";
  page_class->empty_title = N_("No Journeys Yet");
  page_class->empty_description = N_("Import subscriptions or won deals to see how accounts move through the journey stages");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
}

static void
tenure_lifecycle_view_init (TenureLifecycleView *self)
{
}

GtkWidget *
tenure_lifecycle_view_new (void)
{
  return g_object_new (TENURE_TYPE_LIFECYCLE_VIEW, NULL);
}
