/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-key-accounts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-chart-format.h"
#include "tenure-figure-table.h"
#include "tenure-key-accounts-view.h"

/* Key-account KPIs over the twelve months ending at the report date: NPS
 * and CSAT, referenceable share, interaction, upsell, cross-sell and
 * renewal rates, organic growth and licence utilisation, each a row with
 * its value and what it means. */

struct _TenureKeyAccountsView
{
  TenureChartPage  parent_instance;

  GtkWidget       *group;   /* AdwPreferencesGroup, rebuilt per analysis */
};

G_DEFINE_FINAL_TYPE (TenureKeyAccountsView, tenure_key_accounts_view, TENURE_TYPE_CHART_PAGE)

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *definition,
         char       *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), definition);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "title-4");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_free (value);
}

static void
tenure_key_accounts_view_refresh (TenureChartPage *page)
{
  TenureKeyAccountsView *self = TENURE_KEY_ACCOUNTS_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);
  const TenureKam *k;
  GtkWidget *group;

  if (analysis == NULL || analysis->kam == NULL || !tenure_chart_page_has_data (page))
    return;

  k = analysis->kam;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Key-Account KPIs"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Over the twelve months ending at the report date"));
  add_row (group, _("NPS"), _("Promoters minus detractors among the latest answers, in points"),
           tenure_chart_format_number (k->nps, 0));
  add_row (group, _("CSAT"), _("Share of satisfaction answers of 4 or 5"),
           tenure_figure_percent (k->csat));
  add_row (group, _("Referenceable accounts"), _("Share of active accounts willing to be a reference"),
           tenure_figure_percent (k->referenceable_share));
  add_row (group, _("Touches per account-month"), _("Touchpoints with active accounts per month of activity"),
           tenure_chart_format_number (k->touches_per_account_month, 1));
  add_row (group, _("Touches to closure"), _("Touchpoints per won deal they were tagged with"),
           tenure_chart_format_number (k->touches_to_closure, 1));
  add_row (group, _("Upsell rate"), _("Accounts active at the start that bought more of a product they had"),
           tenure_figure_percent (k->upsell_rate));
  add_row (group, _("Cross-sell rate"), _("Accounts active at the start that bought another product"),
           tenure_figure_percent (k->cross_sell_rate));
  add_row (group, _("Renewal rate"), _("Renewals due in the window that were renewed"),
           tenure_figure_percent (k->renewal_rate));
  add_row (group, _("Repeat bookings"), _("Share of bookings from existing accounts"),
           tenure_figure_percent (k->repeat_bookings_share));
  add_row (group, _("New to repeat"), _("Bookings from new accounts for each unit from existing ones"),
           tenure_figure_ratio (k->new_to_repeat_ratio));
  add_row (group, _("Referral share"), _("Share of won deals that came from a referral"),
           tenure_figure_percent (k->referral_share));
  add_row (group, _("Licence utilisation"), _("Assigned seats over seats on active subscriptions"),
           tenure_figure_percent (k->licence_utilisation));
  self->group = group;
  tenure_chart_page_set_header (page, group);
}

static void
tenure_key_accounts_view_class_init (TenureKeyAccountsViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "starred-symbolic";
  page_class->empty_title = N_("No Key-Account Activity Yet");
  page_class->empty_description = N_("Import touchpoints and survey answers to see NPS, interaction, renewals and licence utilisation");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM touchpoint) OR EXISTS (SELECT 1 FROM survey_response) OR EXISTS (SELECT 1 FROM subscription WHERE seats IS NOT NULL)";
  page_class->refresh = tenure_key_accounts_view_refresh;
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
