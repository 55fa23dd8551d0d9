/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-key-accounts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-key-accounts-view.h"

/* Key-account KPIs over the twelve months ending at the report date: NPS
 * and CSAT, referenceable share, interaction and its gaps, upsell,
 * cross-sell and renewal rates, organic growth and licence utilisation.
 * The chart and the figures come from the metrics engine; until a view has
 * them it shows its structure, and an empty state when the workspace lacks
 * the data it is made of. */

struct _TenureKeyAccountsView
{
  TenureChartPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TenureKeyAccountsView, tenure_key_accounts_view, TENURE_TYPE_CHART_PAGE)

static void
tenure_key_accounts_view_class_init (TenureKeyAccountsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "starred-symbolic";
  page_class->empty_title = N_("No Key-Account Activity Yet");
  page_class->empty_description = N_("Import touchpoints and survey answers to see NPS, interaction, renewals and licence utilisation");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM touchpoint) OR EXISTS (SELECT 1 FROM survey_response) OR EXISTS (SELECT 1 FROM subscription WHERE seats IS NOT NULL)";
}

static void
tenure_key_accounts_view_init (TenureKeyAccountsView *self)
{
}

GtkWidget *
tenure_key_accounts_view_new (void)
{
  return g_object_new (TENURE_TYPE_KEY_ACCOUNTS_VIEW, NULL);
}
