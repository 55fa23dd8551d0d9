/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-value-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-value-view.h"

/* Account value: realized and predicted lifetime value, the future value of
 * the active book from the fitted model (with its Kaplan–Meier check) and
 * its history.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureValueView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureValueView, tenure_value_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_value_view_class_init (TenureValueViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "power-profile-performance-symbolic";
  page_class->empty_title = N_("No Account Value Yet");
  page_class->empty_description = N_("Import subscriptions or won deals to see lifetime value and the future value of the active accounts");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
}

static void
tenure_value_view_init (TenureValueView *self)
{
}

GtkWidget *
tenure_value_view_new (void)
{
  return g_object_new (TENURE_TYPE_VALUE_VIEW, NULL);
}
