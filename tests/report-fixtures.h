/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Report data built by hand, for the report tests and the benchmark: a small
 * business with every section filled, and a scorecard of any size. */

#include <math.h>

#include "tenure-report.h"

static const char * const fixture_stages[] = {
  "Onboarding", "Launched", "ROI Generated", "ROI Recognized", "Monetized", "Strategic Partner", NULL
};

static const char * const fixture_months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* The accounts of a scorecard, one in seventeen flagged. With @realistic,
 * types follow a key-account book (3% type 1, 9% type 2, 28% type 3, 60%
 * type 4); otherwise each type has a quarter of the accounts. */
static inline void
fixture_fill_progress (TenureReportData *data,
                       guint             n_accounts,
                       gboolean          realistic)
{
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autofree char *name = g_strdup_printf ("Account %05u", i + 1);
      g_autofree char *owner = g_strdup_printf ("Owner %02u", i % 37);
      TenureReportProgress *p = tenure_report_data_add_progress (data, name);

      p->associate = g_strdup (owner);
      p->end_date = g_strdup_printf ("%04u-%02u-28", 2027 + i % 3, 1 + i % 12);
      if (realistic)
        {
          guint r = (i * 37) % 100;

          p->type = r < 3 ? 1 : r < 12 ? 2 : r < 40 ? 3 : 4;
        }
      else
        p->type = 1 + i % 4;
      p->flagged = i % 17 == 0;
      for (guint a = 0; a < 5; a++)
        p->scores[a] = p->flagged ? 1.0 + (i + a) % 3 : 4.0 + (i * 7 + a * 3) % 60 / 10.0;
      if (i % 29 == 5)
        p->scores[4] = NAN;
      p->overall = 0;
      {
        guint n = 0;

        for (guint a = 0; a < 5; a++)
          if (!isnan (p->scores[a]))
            {
              p->overall += p->scores[a];
              n++;
            }
        p->overall /= n;
      }
      p->arr_last_year = (gint64) (20000 + (i * 7919) % 480000) * 100;
      p->arr_target_delta = p->arr_last_year / 5;
      p->arr_ytd = p->arr_target_delta * (int) (i % 11 - 2) / 8;
      p->progress = p->arr_target_delta ? (double) p->arr_ytd / p->arr_target_delta : NAN;
    }
}

static inline TenureReportData *
fixture_report_full (guint    n_accounts,
                     gboolean realistic)
{
  TenureReportData *data = tenure_report_data_new ();
  TenureReportKpi *k = data->kpis;
  guint n_stages = G_N_ELEMENTS (fixture_stages) - 1;

  g_free (data->workspace_name);
  data->workspace_name = g_strdup ("Northwind Analytics");
  g_free (data->period_label);
  data->period_label = g_strdup ("November 2026");
  data->prepared_on = g_strdup ("2026-11-23");

  k[TENURE_REPORT_KPI_ACTIVE_ACCOUNTS].value = 412;
  k[TENURE_REPORT_KPI_ACTIVE_ACCOUNTS].previous = 400;
  k[TENURE_REPORT_KPI_ACTIVE_ACCOUNTS].year_ago = 350;
  k[TENURE_REPORT_KPI_ARR].value = 123456700;
  k[TENURE_REPORT_KPI_ARR].previous = 120000000;
  k[TENURE_REPORT_KPI_ARR].year_ago = 98000000;
  k[TENURE_REPORT_KPI_NET_NEW_MRR].value = 2880000;
  k[TENURE_REPORT_KPI_NET_NEW_MRR].previous = 3100000;
  k[TENURE_REPORT_KPI_NET_NEW_MRR].year_ago = 1950000;
  k[TENURE_REPORT_KPI_QUICK_RATIO].value = 3.84;
  k[TENURE_REPORT_KPI_QUICK_RATIO].previous = 4.1;
  k[TENURE_REPORT_KPI_QUICK_RATIO].year_ago = 2.9;
  k[TENURE_REPORT_KPI_LOGO_CHURN].value = 0.0123;
  k[TENURE_REPORT_KPI_LOGO_CHURN].previous = 0.015;
  k[TENURE_REPORT_KPI_LOGO_CHURN].year_ago = 0.011;
  k[TENURE_REPORT_KPI_GRR].value = 0.912;
  k[TENURE_REPORT_KPI_GRR].previous = 0.905;
  k[TENURE_REPORT_KPI_GRR].year_ago = 0.88;
  k[TENURE_REPORT_KPI_NRR].value = 1.062;
  k[TENURE_REPORT_KPI_NRR].previous = 1.058;
  k[TENURE_REPORT_KPI_NRR].year_ago = 1.01;
  k[TENURE_REPORT_KPI_LTV_CAC].value = 4.6;
  k[TENURE_REPORT_KPI_LTV_CAC].previous = 4.6;
  k[TENURE_REPORT_KPI_LTV_CAC].year_ago = NAN;
  k[TENURE_REPORT_KPI_FUTURE_VALUE].value = 310500000;
  k[TENURE_REPORT_KPI_FUTURE_VALUE].previous = 301000000;
  k[TENURE_REPORT_KPI_FUTURE_VALUE].year_ago = 0;
  k[TENURE_REPORT_KPI_NPS].value = 42;
  k[TENURE_REPORT_KPI_NPS].previous = 39;
  k[TENURE_REPORT_KPI_NPS].year_ago = NAN;

  tenure_report_data_set_stages (data, fixture_stages);
  for (guint i = 0; i < 18; i++)
    {
      /* June 2025 to November 2026. */
      guint month = (5 + i) % 12;
      guint year = 2025 + (5 + i) / 12;
      g_autofree char *label = g_strdup_printf ("%s %u", fixture_months[month], year);
      TenureReportPeriod *p;

      p = tenure_report_data_add_period (data, label);
      p->new_mrr = 1800000 + (i * 131071) % 900000;
      p->expansion_mrr = 900000 + (i * 65537) % 500000;
      p->reactivation_mrr = 120000 + (i * 4099) % 80000;
      p->contraction_mrr = 250000 + (i * 8191) % 200000;
      p->churn_mrr = 420000 + (i * 16381) % 300000;
      p->quick_ratio = (double) (p->new_mrr + p->expansion_mrr) / (p->contraction_mrr + p->churn_mrr);
      p->new_accounts = 18 + i % 5;
      p->churned_accounts = 4 + i % 3;
      for (guint s = 0; s < n_stages; s++)
        p->stage_counts[s] = 30 + s * 12 + i * (6 - s);
    }

  data->has_bridge = TRUE;
  data->bridge.opening = 10000000;
  data->bridge.new_mrr = 2400000;
  data->bridge.expansion_mrr = 1200000;
  data->bridge.reactivation_mrr = 150000;
  data->bridge.contraction_mrr = 320000;
  data->bridge.churn_mrr = 550000;
  data->bridge.closing = 10000000 + 2400000 + 1200000 + 150000 - 320000 - 550000;

  data->transitions = g_new0 (double, (n_stages + 1) * (n_stages + 1));
  for (guint r = 0; r <= n_stages; r++)
    for (guint c = 0; c <= n_stages; c++)
      data->transitions[r * (n_stages + 1) + c] = (r == c + 1 || c == r) ? 3 + (r * 5 + c) % 9 : (c == n_stages ? 1 : 0);

  for (guint c = 0; c < 12; c++)
    {
      g_autofree char *label = g_strdup_printf ("%s %u", fixture_months[(c + 11) % 12], c == 0 ? 2025 : 2026);
      TenureReportCohort *cohort = tenure_report_data_add_cohort (data, label, 20 + c % 7, 12 - c);

      for (guint a = 0; a < cohort->n_ages; a++)
        cohort->retention[a] = pow (0.97, a) - (c % 3) * 0.01 * a / 4.0;
    }
  data->n_cohort_average = 12;
  data->cohort_average = g_new (double, 12);
  for (guint a = 0; a < 12; a++)
    data->cohort_average[a] = pow (0.968, a);

  {
    static const char *segments[] = { "Enterprise", "Mid-market", "SMB", "Public sector" };

    for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
      {
        TenureReportSegment *s = tenure_report_data_add_segment (data, segments[i]);

        s->new_accounts = 12 + i * 9;
        s->cac = 1800000.0 / (i + 1);
        s->acv = 4800000.0 / (i + 1.5);
        s->ltv = s->acv * (4 - i * 0.6);
        s->ltv_cac = s->ltv / s->cac;
        s->acv_cac = s->acv / s->cac;
        s->payback_months = 14 - i * 2.5;
      }
  }

  tenure_report_data_add_key_kpi (data, "NPS", TENURE_REPORT_VALUE_POINTS, 42,
                                  "% promoters minus % detractors, latest response per account, last 12 months.");
  tenure_report_data_add_key_kpi (data, "CSAT", TENURE_REPORT_VALUE_PERCENT, 0.87,
                                  "Share of satisfaction responses of 4 or 5.");
  tenure_report_data_add_key_kpi (data, "Referenceable accounts", TENURE_REPORT_VALUE_PERCENT, 0.31,
                                  "Share of active accounts willing to act as a reference.");
  tenure_report_data_add_key_kpi (data, "Renewal rate", TENURE_REPORT_VALUE_PERCENT, 0.934,
                                  "Accounts renewed over accounts with a contract line ending in the window.");
  tenure_report_data_add_key_kpi (data, "Touches to closure", TENURE_REPORT_VALUE_NUMBER, 7.25,
                                  "Average touchpoints per won deal.");
  tenure_report_data_add_key_kpi (data, "Licence utilisation", TENURE_REPORT_VALUE_PERCENT, NAN,
                                  "Assigned seats over seats on active subscriptions.");

  {
    static const char * const r1[] = { "low_score", "detractor", NULL };
    static const char * const r2[] = { "low_utilisation", NULL };
    static const char * const r3[] = { "interaction_gap", "contraction", "low_score", NULL };

    tenure_report_data_add_at_risk (data, "Globex Holdings", r1);
    tenure_report_data_add_at_risk (data, "Initech", r2);
    tenure_report_data_add_at_risk (data, "Umbrella Logistics", r3);
  }

  fixture_fill_progress (data, n_accounts, realistic);
  return data;
}

static inline TenureReportData *
fixture_report (guint n_accounts)
{
  return fixture_report_full (n_accounts, FALSE);
}
