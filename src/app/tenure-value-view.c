/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-value-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-chart-build.h"
#include "tenure-chart-format.h"
#include "tenure-figure-table.h"
#include "tenure-value-view.h"

/* Account value: the future value of the active book over time, the
 * retention curves with the fitted sBG model and its Kaplan–Meier check,
 * and the model's figures: parameters, fit, and the assumptions behind
 * the value. */

struct _TenureValueView
{
  TenureChartPage  parent_instance;

  GtkWidget       *charts;     /* GtkBox */
  GtkWidget       *history;    /* TenureChartView */
  GtkWidget       *retention;  /* TenureChartView */
};

G_DEFINE_FINAL_TYPE (TenureValueView, tenure_value_view, TENURE_TYPE_CHART_PAGE)

static void
append (GListStore *rows,
        const char *name,
        char       *value)
{
  tenure_figure_table_append (rows, FALSE, 2, g_strdup (name), value);
}

static void
update_table (TenureValueView *self,
              TenureAnalysis  *analysis)
{
  GtkColumnView *table = tenure_chart_page_get_table (TENURE_CHART_PAGE (self));
  g_autoptr(GListStore) rows = g_list_store_new (TENURE_TYPE_FIGURE_ROW);
  const TenureValueResult *v = analysis->value;
  const char *titles[] = { _("Value Model"), _("Figure") };
  gboolean sbg;
  double log_likelihood;

  tenure_figure_table_set_columns (table, titles, G_N_ELEMENTS (titles));
  sbg = v->model == TENURE_VALUE_MODEL_SURVIVAL;
  append (rows, _("Model"), g_strdup (sbg ? _("Shifted beta-geometric (subscriptions)")
                                          : _("BG/NBD with Gamma-Gamma spend (deals)")));
  if (sbg)
    {
      append (rows, _("α"), tenure_chart_format_number (v->sbg.params.alpha, 3));
      append (rows, _("β"), tenure_chart_format_number (v->sbg.params.beta, 3));
      log_likelihood = v->sbg.log_likelihood;
    }
  else
    {
      append (rows, _("r"), tenure_chart_format_number (v->bgnbd.params.r, 3));
      append (rows, _("α"), tenure_chart_format_number (v->bgnbd.params.alpha, 3));
      append (rows, _("a"), tenure_chart_format_number (v->bgnbd.params.a, 3));
      append (rows, _("b"), tenure_chart_format_number (v->bgnbd.params.b, 3));
      log_likelihood = v->bgnbd.log_likelihood;
    }
  append (rows, _("Log-likelihood"), tenure_chart_format_number (log_likelihood, 2));
  append (rows, _("Fit"), g_strdup (v->converged ? _("Converged") : v->reason != NULL ? v->reason : _("Not converged")));
  append (rows, _("Accounts fitted"), tenure_figure_count (v->n_accounts));
  append (rows, _("Gross margin"), tenure_figure_percent (v->gross_margin));
  append (rows, _("Discount rate (annual)"), tenure_figure_percent (v->discount_rate));
  append (rows, _("Future account value"),
          v->converged ? tenure_figure_money (analysis, v->future_account_value) : g_strdup (TENURE_CHART_UNDEFINED));
  tenure_figure_table_set_rows (table, rows);
}

static void
tenure_value_view_refresh (TenureChartPage *page)
{
  TenureValueView *self = TENURE_VALUE_VIEW (page);
  TenureAnalysis *analysis = tenure_chart_page_get_analysis (page);

  if (analysis == NULL || analysis->value == NULL || !tenure_chart_page_has_data (page))
    return;

  tenure_figure_chart_update (self->history, TENURE_CHART_KIND_VALUE, analysis, FALSE);
  tenure_figure_chart_update (self->retention, TENURE_CHART_KIND_RETENTION, analysis, FALSE);
  update_table (self, analysis);
  tenure_chart_page_set_chart (page, self->charts);
}

static void
tenure_value_view_class_init (TenureValueViewClass *klass)
{
  TenureChartPageClass *page_class = TENURE_CHART_PAGE_CLASS (klass);

  page_class->empty_icon = "power-profile-performance-symbolic";
  page_class->empty_title = N_("No Account Value Yet");
  page_class->empty_description = N_("Import subscriptions or won deals to see lifetime value and the future value of the active accounts");
  page_class->data_sql = "SELECT EXISTS (SELECT 1 FROM subscription) OR EXISTS (SELECT 1 FROM deal WHERE status = 'won')";
  page_class->refresh = tenure_value_view_refresh;
}

static void
tenure_value_view_init (TenureValueView *self)
{
  self->charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->charts, TRUE);
  self->history = tenure_figure_chart_new (_("Future account value"),
                                           _("Expected remaining value of the active accounts at each period's end"));
  self->retention = tenure_figure_chart_new (_("Retention and the value model"),
                                             _("Retention curves with the fitted model and the Kaplan–Meier estimate"));
  gtk_box_append (GTK_BOX (self->charts), self->history);
  gtk_box_append (GTK_BOX (self->charts), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->charts), self->retention);
}

GtkWidget *
tenure_value_view_new (void)
{
  return g_object_new (TENURE_TYPE_VALUE_VIEW, NULL);
}
