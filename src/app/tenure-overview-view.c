/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-accounts-view.h"
#include "tenure-chart-format.h"
#include "tenure-chart-view.h"
#include "tenure-figure-table.h"
#include "tenure-format.h"
#include "tenure-kpi-tile.h"
#include "tenure-overview-view.h"
#include "tenure-window.h"

/* The first page of a workspace: the headline figures of the report date
 * as KPI tiles, the quick-ratio trend below them, and the accounts at risk
 * (activating one shows the accounts). */

/* The tiles, in reading order. */
static const TenureKpiId tile_kpis[] = {
  TENURE_KPI_ACTIVE_ACCOUNTS,
  TENURE_KPI_MRR,
  TENURE_KPI_ARR,
  TENURE_KPI_QUICK_RATIO,
  TENURE_KPI_LOGO_CHURN,
  TENURE_KPI_NRR,
  TENURE_KPI_NEW_ACCOUNT_AVERAGE_SALE,
  TENURE_KPI_LTV_CAC,
  TENURE_KPI_FUTURE_ACCOUNT_VALUE,
  TENURE_KPI_NPS,
};

struct _TenureOverviewView
{
  TenureChartPage  parent_instance;

  GtkWidget       *tiles;        /* GtkFlowBox */
  GtkWidget       *tile[G_N_ELEMENTS (tile_kpis)];
  GtkWidget       *chart;        /* TenureChartView */
  GPtrArray       *at_risk_keys; /* account keys of the table's rows */
  GtkWidget       *more;         /* below a shortened table: the rest */
  GtkWidget       *more_label;
};

/* Every row of a figure table is realized: the largest accounts at risk
 * here, all of them in the accounts view. */
#define MAX_AT_RISK_ROWS 25

G_DEFINE_FINAL_TYPE (TenureOverviewView, tenure_overview_view, TENURE_TYPE_CHART_PAGE)

static char *
format_reasons (TenureRiskReasons reasons)
{
  GString *out = g_string_new (NULL);

  for (guint bit = 0; bit < TENURE_RISK_N_REASONS; bit++)
    {
      const char *code = tenure_risk_reason_code (1u << bit);

      if (!(reasons & (1u << bit)) || code == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, tenure_format_risk_reason (code));
    }
  return g_string_free (out, FALSE);
}

static void
update_tiles (TenureOverviewView *self,
              TenureAnalysis     *analysis)
{
  const char *previous_label, *year_label = _("vs a year ago");

  switch (analysis->metrics->period)
    {
    case TENURE_PERIOD_QUARTER:
      previous_label = _("vs last quarter");
      break;
    case TENURE_PERIOD_YEAR:
      previous_label = _("vs last year");
      break;
    case TENURE_PERIOD_MONTH:
    default:
      previous_label = _("vs last month");
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tile_kpis); i++)
    {
      const TenureKpi *kpi = &analysis->kpis[tile_kpis[i]];

      tenure_kpi_tile_set_title (TENURE_KPI_TILE (self->tile[i]), _(kpi->name));
      gtk_widget_set_tooltip_text (self->tile[i], _(kpi->definition));
      tenure_kpi_tile_set_kpi (TENURE_KPI_TILE (self->tile[i]), kpi, analysis->metrics->currency,
                               previous_label, year_label);
    }
}

/* The most revenue at risk first. */
static int
compare_risk_mrr (gconstpointer a,
                  gconstpointer b)
{
  const TenureAccountRisk *x = *(const TenureAccountRisk **) a;
  const TenureAccountRisk *y = *(const TenureAccountRisk **) b;

  if (x->mrr != y->mrr)
    return x->mrr > y->mrr ? -1 : 1;
  return g_strcmp0 (x->account, y->account);
}

static void
update_at_risk (TenureOverviewView *self,
                TenureAnalysis     *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  g_autoptr(GPtrArray) risky = g_ptr_array_new ();
  const char *titles[] = { _("Account at Risk"), _("Reasons"), _("MRR") };

  g_ptr_array_set_size (self->at_risk_keys, 0);
  tenure_figure_table_set_columns (table, titles, G_N_ELEMENTS (titles));
  tenure_figure_table_set_text_column (table, 1);
  for (guint i = 0; analysis->at_risk != NULL && i < analysis->at_risk->accounts->len; i++)
    {
      const TenureAccountRisk *risk = g_ptr_array_index (analysis->at_risk->accounts, i);

      if (risk->reasons != TENURE_RISK_NONE)
        g_ptr_array_add (risky, (gpointer) risk);
    }
  g_ptr_array_sort (risky, compare_risk_mrr);
  for (guint i = 0; i < risky->len && i < MAX_AT_RISK_ROWS; i++)
    {
      const TenureAccountRisk *risk = g_ptr_array_index (risky, i);
      const TenureLedgerAccount *account;

      account = tenure_ledger_lookup_id (analysis->ledger, risk->account_id);
      tenure_figure_table_append (rows, FALSE, 3,
                                  g_strdup (account != NULL && account->name != NULL ? account->name : risk->account),
                                  format_reasons (risk->reasons),
                                  tenure_chart_format_money (risk->mrr, analysis->metrics->currency,
                                                             TENURE_CHART_MONEY_WHOLE));
      g_ptr_array_add (self->at_risk_keys, g_strdup (risk->account));
    }
  tenure_figure_table_set_rows (table, rows);

  if (risky->len > MAX_AT_RISK_ROWS)
    {
      g_autofree char *text = NULL;

      /* Translators: below the shortened table of accounts at risk */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u largest of %u account at risk",
                                           "The %u largest of %u accounts at risk", risky->len),
                              MAX_AT_RISK_ROWS, risky->len);
      gtk_label_set_text (GTK_LABEL (self->more_label), text);
      tenure_chart_page_set_footer (TENURE_CHART_PAGE (self), self->more);
    }
  else
    tenure_chart_page_set_footer (TENURE_CHART_PAGE (self), NULL);
}

static void
show_all_at_risk_cb (TenureOverviewView *self)
{
  GtkWidget *window = tenure_chart_page_get_window (TENURE_CHART_PAGE (self));
  GtkWidget *accounts;

  if (window == NULL)
    return;
  accounts = tenure_window_get_accounts_view (TENURE_WINDOW (window));
  tenure_accounts_view_show_at_risk (TENURE_ACCOUNTS_VIEW (accounts));
  tenure_window_show_view (TENURE_WINDOW (window), "accounts");
}

static void
tenure_overview_view_refresh (TenureChartPage *page)
{
  TenureOverviewView *self = TENURE_OVERVIEW_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);
  TenureChartBuildOptions options = { 0 };

  if (analysis == NULL || !tenure_chart_page_has_data (page))
    return;

  update_tiles (self, analysis);
  tenure_chart_view_set_chart (TENURE_CHART_VIEW (self->chart),
                               tenure_chart_build (TENURE_CHART_KIND_QUICK_RATIO, analysis, &options),
                               analysis->metrics->currency);
  update_at_risk (self, analysis);
  tenure_chart_page_set_header (page, self->tiles);
  tenure_chart_page_set_chart (page, self->chart);
}

static void
at_risk_activated_cb (TenureOverviewView *self,
                      guint               position)
{
  GtkWidget *window = tenure_chart_page_get_window (TENURE_CHART_PAGE (self));

  GtkWidget *accounts;

  if (window == NULL || position >= self->at_risk_keys->len)
    return;
  accounts = tenure_window_get_accounts_view (TENURE_WINDOW (window));
  tenure_window_show_view (TENURE_WINDOW (window), "accounts");
  tenure_accounts_view_reveal (TENURE_ACCOUNTS_VIEW (accounts), g_ptr_array_index (self->at_risk_keys, position));
}

static void
tenure_overview_view_dispose (GObject *object)
{
  TenureOverviewView *self = (TenureOverviewView *) object;

  g_clear_pointer (&self->at_risk_keys, g_ptr_array_unref);
  g_clear_object (&self->more);

  G_OBJECT_CLASS (tenure_overview_view_parent_class)->dispose (object);
}

static void
tenure_overview_view_class_init (TenureOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  object_class->dispose = tenure_overview_view_dispose;

  page_class->empty_icon = "view-grid-symbolic";
  page_class->empty_title = N_("No Figures Yet");
  page_class->empty_description = N_("Import subscriptions or won deals to see MRR, active accounts and the quick ratio at a glance");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
  page_class->refresh = tenure_overview_view_refresh;
}

static void
tenure_overview_view_init (TenureOverviewView *self)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));

  self->at_risk_keys = g_ptr_array_new_with_free_func (g_free);
  self->tiles = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->tiles), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->tiles), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->tiles), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->tiles), 5);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->tiles), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->tiles), 12);
  for (guint i = 0; i < G_N_ELEMENTS (tile_kpis); i++)
    {
      self->tile[i] = tenure_kpi_tile_new (NULL);
      gtk_flow_box_append (GTK_FLOW_BOX (self->tiles), self->tile[i]);
    }
  self->chart = tenure_figure_chart_new (_("Quick ratio"),
                                         _("New, expansion and reactivation MRR over contraction and churned MRR, per period"));
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show All in Accounts"));

    self->more = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
    self->more_label = gtk_label_new (NULL);
    gtk_label_set_xalign (GTK_LABEL (self->more_label), 0);
    gtk_label_set_wrap (GTK_LABEL (self->more_label), TRUE);
    gtk_widget_set_hexpand (self->more_label, TRUE);
    gtk_widget_add_css_class (self->more_label, "dim-label");
    gtk_box_append (GTK_BOX (self->more), self->more_label);
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    g_signal_connect_object (button, "clicked", G_CALLBACK (show_all_at_risk_cb), self, G_CONNECT_SWAPPED);
    gtk_box_append (GTK_BOX (self->more), button);
  }
  gtk_column_view_set_single_click_activate (table, TRUE);
  g_signal_connect_object (table, "activate", G_CALLBACK (at_risk_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tenure_overview_view_new (void)
{
  return g_object_new (TENURE_TYPE_OVERVIEW_VIEW, NULL);
}
