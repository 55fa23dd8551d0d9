/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-report-build"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-format.h"
#include "tenure-report-build.h"

/* How many periods of trend the report shows before the report's own. */
#define TREND_PERIODS 13

static const struct
{
  TenureReportKpiId report;
  TenureKpiId       kpi;
} kpi_map[] = {
  { TENURE_REPORT_KPI_ACTIVE_ACCOUNTS, TENURE_KPI_ACTIVE_ACCOUNTS },
  { TENURE_REPORT_KPI_ARR, TENURE_KPI_ARR },
  { TENURE_REPORT_KPI_NET_NEW_MRR, TENURE_KPI_NET_NEW_MRR },
  { TENURE_REPORT_KPI_QUICK_RATIO, TENURE_KPI_QUICK_RATIO },
  { TENURE_REPORT_KPI_LOGO_CHURN, TENURE_KPI_LOGO_CHURN },
  { TENURE_REPORT_KPI_GRR, TENURE_KPI_GRR },
  { TENURE_REPORT_KPI_NRR, TENURE_KPI_NRR },
  { TENURE_REPORT_KPI_LTV_CAC, TENURE_KPI_LTV_CAC },
  { TENURE_REPORT_KPI_FUTURE_VALUE, TENURE_KPI_FUTURE_ACCOUNT_VALUE },
  { TENURE_REPORT_KPI_NPS, TENURE_KPI_NPS },
};

static char *
period_label (TenureMetrics             *m,
              const TenureMetricsPeriod *period,
              gboolean                   long_form)
{
  if (m->period != TENURE_PERIOD_MONTH)
    return g_strdup (period->label);
  if (long_form)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (tenure_month_year (period->first_month),
                                                     tenure_month_month (period->first_month), 1, 0, 0, 0);

      return g_date_time_format (dt, "%B %Y");
    }
  return tenure_chart_format_month (period->first_month);
}

static void
add_key_kpis (TenureReportData *data,
              const TenureKam  *kam)
{
  tenure_report_data_add_key_kpi (data, _("NPS"), TENURE_REPORT_VALUE_POINTS, kam->nps,
                                  /* xgettext:no-c-format */
                                  _("% promoters (9–10) − % detractors (0–6), latest answer per account"));
  tenure_report_data_add_key_kpi (data, _("CSAT"), TENURE_REPORT_VALUE_PERCENT, kam->csat,
                                  _("Share of answers of 4 or 5 on a 1–5 scale"));
  tenure_report_data_add_key_kpi (data, _("Referenceable accounts"), TENURE_REPORT_VALUE_PERCENT,
                                  kam->referenceable_share, _("Share of active accounts marked referenceable"));
  tenure_report_data_add_key_kpi (data, _("Touches per account and month"), TENURE_REPORT_VALUE_NUMBER,
                                  kam->touches_per_account_month, _("Touchpoints per active account per month"));
  tenure_report_data_add_key_kpi (data, _("Touches to closure"), TENURE_REPORT_VALUE_NUMBER,
                                  kam->touches_to_closure, _("Average touchpoints of a won deal"));
  tenure_report_data_add_key_kpi (data, _("Upsell rate"), TENURE_REPORT_VALUE_PERCENT, kam->upsell_rate,
                                  _("Accounts active at the start of the window that won an upsell"));
  tenure_report_data_add_key_kpi (data, _("Cross-sell rate"), TENURE_REPORT_VALUE_PERCENT, kam->cross_sell_rate,
                                  _("Accounts active at the start of the window that won a cross-sell"));
  tenure_report_data_add_key_kpi (data, _("Renewal rate"), TENURE_REPORT_VALUE_PERCENT, kam->renewal_rate,
                                  _("Accounts with a line ending in the window that kept paying"));
  tenure_report_data_add_key_kpi (data, _("Repeat bookings"), TENURE_REPORT_VALUE_PERCENT,
                                  kam->repeat_bookings_share, _("Share of bookings from existing accounts"));
  tenure_report_data_add_key_kpi (data, _("New to repeat bookings"), TENURE_REPORT_VALUE_RATIO,
                                  kam->new_to_repeat_ratio, _("New-account bookings over repeat bookings"));
  tenure_report_data_add_key_kpi (data, _("Referral share"), TENURE_REPORT_VALUE_PERCENT, kam->referral_share,
                                  _("Share of won deals with source referral"));
  tenure_report_data_add_key_kpi (data, _("Licence utilisation"), TENURE_REPORT_VALUE_PERCENT,
                                  kam->licence_utilisation, _("Assigned seats over seats on active lines"));
}

/**
 * tenure_report_data_from_analysis:
 * @analysis: an analysis computed with the report's period kind and its
 *   last day as the report date
 * @workspace_name: the name on the cover and in the footers
 *
 * Returns: (transfer full): the report's input
 */
TenureReportData *
tenure_report_data_from_analysis (TenureAnalysis *analysis,
                                  const char     *workspace_name)
{
  TenureMetrics *m;
  TenureReportData *data;
  const TenureLedgerSettings *settings;
  guint first;
  char day[16];

  g_return_val_if_fail (analysis != NULL, NULL);

  m = analysis->metrics;
  settings = tenure_ledger_settings (analysis->ledger);
  data = tenure_report_data_new ();
  g_free (data->workspace_name);
  data->workspace_name = g_strdup (workspace_name);
  g_free (data->currency);
  data->currency = g_strdup (m->currency);
  data->period_kind = m->period == TENURE_PERIOD_QUARTER ? TENURE_REPORT_PERIOD_QUARTER
                                                         : TENURE_REPORT_PERIOD_MONTH;
  g_free (data->prepared_on);
  data->prepared_on = g_strdup (tenure_day_format_iso (tenure_day_today (), day));
  g_free (data->churn_rule);
  data->churn_rule = g_strdup (tenure_churn_rule_to_string (m->churn_rule));
  data->inactivity_days = (guint) settings->inactivity_days;
  data->quick_ratio_benchmark = settings->quick_ratio_benchmark;
  data->quick_ratio_reactivation = m->quick_ratio_reactivation;

  for (guint i = 0; i < G_N_ELEMENTS (kpi_map); i++)
    {
      const TenureKpi *kpi = &analysis->kpis[kpi_map[i].kpi];
      TenureReportKpi *tile = &data->kpis[kpi_map[i].report];

      tile->value = kpi->value;
      tile->previous = kpi->previous;
      tile->year_ago = kpi->year_ago;
    }

  tenure_report_data_set_stages (data, (const char *const *) m->stage_names);
  if (m->n_periods > 0)
    {
      const TenureMetricsPeriod *last = &m->periods[m->n_periods - 1];
      guint side = m->n_stages + 1;

      g_free (data->period_label);
      data->period_label = period_label (m, last, TRUE);

      first = m->n_periods > TREND_PERIODS ? m->n_periods - TREND_PERIODS : 0;
      for (guint p = first; p < m->n_periods; p++)
        {
          const TenureMetricsPeriod *src = &m->periods[p];
          g_autofree char *label = period_label (m, src, FALSE);
          TenureReportPeriod *period = tenure_report_data_add_period (data, label);

          period->new_mrr = src->new_mrr;
          period->expansion_mrr = src->expansion_mrr;
          period->reactivation_mrr = src->reactivation_mrr;
          period->contraction_mrr = src->contraction_mrr;
          period->churn_mrr = src->churned_mrr;
          period->quick_ratio = src->quick_ratio;
          period->new_accounts = src->new_accounts + src->reactivated_accounts;
          period->churned_accounts = src->churned_accounts;
          for (guint s = 0; s < m->n_stages; s++)
            period->stage_counts[s] = src->stage_counts[s];
        }

      data->has_bridge = TRUE;
      data->bridge.opening = last->previous_mrr;
      data->bridge.new_mrr = last->new_mrr;
      data->bridge.expansion_mrr = last->expansion_mrr;
      data->bridge.reactivation_mrr = last->reactivation_mrr;
      data->bridge.contraction_mrr = last->contraction_mrr;
      data->bridge.churn_mrr = last->churned_mrr;
      data->bridge.closing = last->mrr;

      g_free (data->transitions);
      data->transitions = g_new0 (double, side * side);
      tenure_metrics_transition_matrix (m, last, data->transitions);
    }

  for (guint c = 0; c < m->n_cohorts; c++)
    {
      const TenureCohort *src = &m->cohorts[c];
      g_autofree char *label = tenure_chart_format_month (src->month);
      TenureReportCohort *cohort = tenure_report_data_add_cohort (data, label, src->size, src->n_ages);

      for (guint k = 0; k < src->n_ages; k++)
        cohort->retention[k] = src->logo_retention[k];
    }
  g_free (data->cohort_average);
  data->n_cohort_average = m->cohort_average.n_ages;
  data->cohort_average = g_new0 (double, MAX (1, m->cohort_average.n_ages));
  for (guint k = 0; k < m->cohort_average.n_ages; k++)
    data->cohort_average[k] = m->cohort_average.logo_retention[k];

  for (guint i = 0; i < analysis->segments->segments->len; i++)
    {
      const TenureSegment *src = g_ptr_array_index (analysis->segments->segments, i);
      TenureReportSegment *segment = tenure_report_data_add_segment (data, src->segment ? src->segment
                                                                                       : _("(no segment)"));

      segment->new_accounts = src->new_accounts;
      segment->cac = src->cac;
      segment->acv = src->acv;
      segment->ltv = src->ltv;
      segment->ltv_cac = src->ltv_cac;
      segment->acv_cac = src->acv_cac;
      segment->payback_months = src->cac_payback_months;
    }

  add_key_kpis (data, analysis->kam);

  g_strfreev (data->area_names);
  data->area_names = g_new0 (char *, MIN (analysis->scorecards->n_areas, TENURE_REPORT_MAX_AREAS) + 1);
  for (guint a = 0; a < analysis->scorecards->n_areas && a < TENURE_REPORT_MAX_AREAS; a++)
    data->area_names[a] = g_strdup (analysis->scorecards->area_names[a]);
  data->flag_threshold = analysis->scorecards->flag_threshold;
  for (guint i = 0; i < analysis->scorecards->cards->len; i++)
    {
      const TenureScorecard *card = g_ptr_array_index (analysis->scorecards->cards, i);
      TenureReportProgress *row;

      if (!card->listed)
        continue;
      row = tenure_report_data_add_progress (data, card->name ? card->name : card->account);
      row->associate = g_strdup (card->owner);
      row->end_date = card->end_date != TENURE_DAY_NONE ? tenure_day_to_iso (card->end_date) : NULL;
      row->type = (guint) MAX (card->type, 0);
      for (guint a = 0; a < analysis->scorecards->n_areas && a < TENURE_REPORT_MAX_AREAS; a++)
        row->scores[a] = card->areas[a];
      row->overall = card->overall;
      row->arr_last_year = card->arr_last_year;
      row->arr_target_delta = card->arr_target_delta;
      row->arr_ytd = card->arr_ytd;
      row->progress = card->progress;
      row->flagged = card->flagged;
    }

  for (guint i = 0; i < analysis->at_risk->accounts->len; i++)
    {
      const TenureAccountRisk *risk = g_ptr_array_index (analysis->at_risk->accounts, i);
      const TenureLedgerAccount *account;
      g_autoptr(GPtrArray) reasons = g_ptr_array_new ();

      if (risk->reasons == TENURE_RISK_NONE)
        continue;
      for (guint bit = 0; bit < 32; bit++)
        if ((risk->reasons & (1u << bit)) && tenure_risk_reason_code (1u << bit) != NULL)
          g_ptr_array_add (reasons, (gpointer) tenure_risk_reason_code (1u << bit));
      g_ptr_array_add (reasons, NULL);
      account = tenure_ledger_lookup_id (analysis->ledger, risk->account_id);
      tenure_report_data_add_at_risk (data, account && account->name ? account->name : risk->account,
                                      (const char *const *) reasons->pdata);
    }

  /* Say what the workspace lacks instead of printing empty pages. */
  if (!tenure_ledger_has_subscriptions (analysis->ledger))
    tenure_report_data_add_missing (data, _("No subscriptions imported: MRR, movements, the quick ratio "
                                            "and cohort revenue are empty. Import a subscriptions CSV."));
  if (m->n_periods == 0)
    tenure_report_data_add_missing (data, _("No subscriptions or won deals: there is no history to "
                                            "report on yet."));
  if (analysis->scorecards->cards->len == 0 || data->progress->len == 0)
    tenure_report_data_add_missing (data, _("No scorecard entries: import a scores CSV to see the account "
                                            "progress report."));
  if (isnan (analysis->kam->nps))
    tenure_report_data_add_missing (data, _("No NPS answers in the last 12 months: import a surveys CSV."));
  if (analysis->segments->total->funnel_rows == 0)
    tenure_report_data_add_missing (data, _("No funnel rows: CAC and LTV / CAC need marketing and sales "
                                            "spend per segment and month."));
  if (analysis->value != NULL && !analysis->value->converged)
    {
      g_autofree char *note = g_strdup_printf (_("No future account value: %s."), analysis->value->reason);

      tenure_report_data_add_missing (data, note);
    }
  return data;
}
