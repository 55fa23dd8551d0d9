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
