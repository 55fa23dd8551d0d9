/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Deterministic chart data shared by the chart tests, the gallery and the
 * benchmark: a small business that reads like a real one, and large
 * synthetic sets (60 periods, 60 × 60 cohorts, 200 scorecard rows). */

#include <math.h>

#include "tenure-charts.h"

static const char *fixture_stages[] = {
  "Onboarding", "Launched", "ROI Generated", "ROI Recognized", "Monetized", "Strategic Partner",
};

/* A small linear congruential generator: the same numbers everywhere. */
static inline double
fixture_random (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;
  return (*state >> 8) / (double) (1 << 24);
}

static inline char **
fixture_month_labels (char **labels,
                      guint  n,
                      int    year,
                      int    month)
{
  TenureMonth first = tenure_month_from_ym (year, month);

  for (guint i = 0; i < n; i++)
    labels[i] = tenure_chart_format_month (first + i);
  return labels;
}

static inline TenureChartLifecycleData *
fixture_lifecycle (guint n_periods)
{
  TenureChartLifecycleData *d = tenure_chart_lifecycle_data_new (n_periods, G_N_ELEMENTS (fixture_stages));
  guint32 seed = 7;

  fixture_month_labels (d->period_labels, n_periods, 2026 - (int) (n_periods + 10) / 12, 1 + (12 - (n_periods + 10) % 12) % 12);
  for (guint s = 0; s < d->n_stages; s++)
    d->stage_names[s] = g_strdup (fixture_stages[s]);
  for (guint p = 0; p < n_periods; p++)
    {
      for (guint s = 0; s < d->n_stages; s++)
        d->counts[s * n_periods + p] = floor ((8 + 1.6 * p) * (1.0 - 0.12 * s) * (0.3 + 0.7 * MIN (1.0, (p + 1.0) / (2.0 + 3 * s))) + 3 * fixture_random (&seed));
      d->new_accounts[p] = floor (4 + 0.3 * p + 6 * fixture_random (&seed));
      d->churned_accounts[p] = floor (1 + 0.1 * p + 3 * fixture_random (&seed));
    }
  return d;
}

static inline TenureChartTransitionsData *
fixture_transitions (void)
{
  TenureChartTransitionsData *d = tenure_chart_transitions_data_new (G_N_ELEMENTS (fixture_stages));
  guint n = d->n_stages + 1;
  static const double counts[7][7] = {
    /* to: Onb Lau ROIg ROIr Mon Str Churned */
    { 14, 0, 0, 0, 0, 0, 1 },  /* new */
    { 0, 9, 1, 0, 0, 0, 3 },   /* Onboarding */
    { 1, 0, 6, 0, 0, 0, 2 },   /* Launched */
    { 0, 2, 0, 4, 1, 0, 1 },   /* ROI Generated */
    { 0, 0, 1, 0, 3, 0, 0 },   /* ROI Recognized */
    { 0, 0, 0, 1, 0, 2, 1 },   /* Monetized */
    { 0, 0, 0, 0, 1, 0, 0 },   /* Strategic Partner */
  };

  d->period_label = g_strdup ("Jun 2025");
  for (guint s = 0; s < d->n_stages; s++)
    d->stage_names[s] = g_strdup (fixture_stages[s]);
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      d->counts[r * n + c] = (r > 0 && r - 1 == c) ? 0 : counts[r][c];
  return d;
}

static inline TenureChartCohortsData *
fixture_cohorts (guint n_cohorts)
{
  TenureChartCohortsData *d = tenure_chart_cohorts_data_new (n_cohorts, n_cohorts);
  guint32 seed = 11;
  g_autofree double *num = g_new0 (double, n_cohorts);
  g_autofree double *den = g_new0 (double, n_cohorts);

  fixture_month_labels (d->cohort_labels, n_cohorts, 2025 - (int) n_cohorts / 12, 1 + (12 - n_cohorts % 12) % 12);
  for (guint c = 0; c < n_cohorts; c++)
    {
      double size = floor (20 + 30 * fixture_random (&seed));
      double alive = size;

      d->cohort_sizes[c] = size;
      for (guint a = 0; a < n_cohorts - c; a++)
        {
          if (a > 0)
            alive = floor (alive * (1 - (0.12 / (1 + 0.25 * a)) * (0.6 + 0.8 * fixture_random (&seed))));
          d->retention[c * n_cohorts + a] = alive / size;
          num[a] += alive;
          den[a] += size;
        }
    }
  for (guint a = 0; a < n_cohorts; a++)
    d->average[a] = den[a] > 0 ? num[a] / den[a] : NAN;
  return d;
}

static inline TenureChartRetentionData *
fixture_retention (guint n)
{
  g_autoptr(TenureChartCohortsData) cohorts = fixture_cohorts (n);
  TenureChartRetentionData *d = tenure_chart_retention_data_new (n, n);
  /* sBG with α = 0.7, β = 3.1: S(k) = S(k − 1)(β + k − 1)/(α + β + k − 1). */
  double alpha = 0.7, beta = 3.1, s = 1;

  for (guint c = 0; c < n; c++)
    {
      d->curve_labels[c] = g_strdup (cohorts->cohort_labels[c]);
      for (guint a = 0; a < n; a++)
        d->curves[c * n + a] = cohorts->retention[c * n + a];
    }
  for (guint a = 0; a < n; a++)
    {
      if (a > 0)
        s *= (beta + a - 1) / (alpha + beta + a - 1);
      d->average[a] = cohorts->average[a];
      d->fitted[a] = s;
      d->kaplan_meier[a] = isfinite (cohorts->average[a]) ? cohorts->average[a] * (a % 3 == 0 ? 1.0 : 0.99) : NAN;
    }
  return d;
}

static inline TenureChartQuickRatioData *
fixture_quick_ratio (guint n_periods)
{
  TenureChartQuickRatioData *d = tenure_chart_quick_ratio_data_new (n_periods);
  guint32 seed = 5;

  fixture_month_labels (d->period_labels, n_periods, 2026 - (int) (n_periods + 10) / 12, 1 + (12 - (n_periods + 10) % 12) % 12);
  d->currency = g_strdup ("USD");
  for (guint p = 0; p < n_periods; p++)
    {
      double scale = 1 + 0.05 * p;

      d->new_mrr[p] = (gint64) (scale * (900000 + 500000 * fixture_random (&seed)));
      d->expansion_mrr[p] = (gint64) (scale * (300000 + 300000 * fixture_random (&seed)));
      d->reactivation_mrr[p] = p % 4 == 1 ? (gint64) (scale * 120000) : 0;
      d->contraction_mrr[p] = (gint64) (scale * (100000 + 150000 * fixture_random (&seed)));
      d->churn_mrr[p] = (gint64) (scale * (150000 + 300000 * fixture_random (&seed)));
      d->quick_ratio[p] = (double) (d->new_mrr[p] + d->expansion_mrr[p]) / (d->contraction_mrr[p] + d->churn_mrr[p]);
    }
  /* An undefined ratio (no churn, no contraction, no growth) makes a gap. */
  if (n_periods > 4)
    {
      d->new_mrr[3] = d->expansion_mrr[3] = d->reactivation_mrr[3] = 0;
      d->contraction_mrr[3] = d->churn_mrr[3] = 0;
      d->quick_ratio[3] = NAN;
    }
  return d;
}

static inline TenureChartBridgeData *
fixture_bridge (void)
{
  TenureChartBridgeData *d = tenure_chart_bridge_data_new ();

  d->period_label = g_strdup ("Jun 2025");
  d->currency = g_strdup ("USD");
  d->amounts[TENURE_CHART_BRIDGE_OPENING] = 12450000;
  d->amounts[TENURE_CHART_BRIDGE_NEW] = 1320000;
  d->amounts[TENURE_CHART_BRIDGE_EXPANSION] = 540000;
  d->amounts[TENURE_CHART_BRIDGE_REACTIVATION] = 110000;
  d->amounts[TENURE_CHART_BRIDGE_CONTRACTION] = 230000;
  d->amounts[TENURE_CHART_BRIDGE_CHURN] = 610000;
  d->amounts[TENURE_CHART_BRIDGE_CLOSING] = 12450000 + 1320000 + 540000 + 110000 - 230000 - 610000;
  return d;
}

static inline TenureChartSegmentsData *
fixture_segments (void)
{
  static const char *names[] = { "Enterprise", "Mid-market", "SMB", "Public sector" };
  static const double ltv[] = { 5.8, 3.4, 1.9, NAN };
  static const double acv[] = { 1.6, 1.1, 0.7, 0.9 };
  static const double payback[] = { 14.5, 11.2, 7.9, NAN };
  TenureChartSegmentsData *d = tenure_chart_segments_data_new (G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      d->segment_names[i] = g_strdup (names[i]);
      d->ltv_cac[i] = ltv[i];
      d->acv_cac[i] = acv[i];
      d->payback_months[i] = payback[i];
    }
  return d;
}

static const char *fixture_areas[] = {
  "Effectively Launched", "Generate ROI", "ROI Recognized", "Customer Monetizes", "Valued Strategic Partner",
};

static inline TenureChartScorecardsData *
fixture_scorecards (guint n_accounts)
{
  static const char *names[] = {
    "Acme Logistics", "Borealis Health", "Cobalt Retail Group", "Delta Fabrication", "Evergreen Schools",
    "Fjord Maritime", "Granite Insurance", "Helios Energy", "Iris Biotech", "Juniper Foods",
    "Kestrel Aviation", "Lumen Media",
  };
  TenureChartScorecardsData *d = tenure_chart_scorecards_data_new (n_accounts, G_N_ELEMENTS (fixture_areas));
  guint32 seed = 3;

  for (guint c = 0; c < d->n_areas; c++)
    d->area_names[c] = g_strdup (fixture_areas[c]);
  for (guint a = 0; a < n_accounts; a++)
    {
      double base = 2 + 7 * fixture_random (&seed), sum = 0;
      guint n = 0;

      d->account_names[a] = a < G_N_ELEMENTS (names) ? g_strdup (names[a]) : g_strdup_printf ("Account %03u", a + 1);
      for (guint c = 0; c < d->n_areas; c++)
        {
          double v = CLAMP (round ((base - 0.8 * c + 3 * (fixture_random (&seed) - 0.5)) * 2) / 2, 0, 10);

          if (a % 7 == 3 && c == d->n_areas - 1)
            continue; /* never scored */
          d->scores[a * d->n_areas + c] = v;
          sum += v;
          n++;
        }
      d->overall[a] = sum / n;
      d->flagged[a] = d->overall[a] < d->threshold;
    }
  return d;
}

static inline TenureChartFutureValueData *
fixture_future_value (guint n_periods)
{
  TenureChartFutureValueData *d = tenure_chart_future_value_data_new (n_periods);
  guint32 seed = 9;

  fixture_month_labels (d->period_labels, n_periods, 2026 - (int) (n_periods + 10) / 12, 1 + (12 - (n_periods + 10) % 12) % 12);
  d->currency = g_strdup ("EUR");
  d->model = g_strdup ("sBG survival model, 10% annual discount");
  /* The first months have too little history for a fit. */
  for (guint p = 6; p < n_periods; p++)
    d->value[p] = 4.0e8 * (1 + 0.06 * p) * (0.95 + 0.1 * fixture_random (&seed));
  return d;
}

static inline TenureChartSparklineData *
fixture_sparkline (guint n)
{
  TenureChartSparklineData *d = tenure_chart_sparkline_data_new (n);
  guint32 seed = 13;

  for (guint i = 0; i < n; i++)
    d->values[i] = 100 + 3 * i + 12 * fixture_random (&seed);
  return d;
}
