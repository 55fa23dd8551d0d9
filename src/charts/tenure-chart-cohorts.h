/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartCohortsData:
 * @n_cohorts: number of cohorts (rows), oldest first
 * @cohort_labels: (array length=n_cohorts): "Jan 2024"…; owned, %NULL-terminated
 * @cohort_sizes: (array length=n_cohorts): accounts at origination (logo
 *   retention) or MRR at month 0 in minor units (revenue retention)
 * @n_ages: number of age columns: month 0 … @n_ages − 1
 * @retention: retention as fractions, `retention[cohort * n_ages + age]`;
 *   NaN where the cell is past the report date (absent, not zero)
 * @average: (array length=n_ages): the weighted average row (Σ numerators /
 *   Σ denominators over the cohorts that reached the age); NaN when absent
 * @revenue: %TRUE for revenue retention (sizes are money), %FALSE for logos
 * @currency: (nullable): ISO 4217 code for revenue sizes; owned
 *
 * Input of the cohort heat map. Hits are cells: @row is the cohort index
 * (@n_cohorts for the average row) and @column the age in months.
 */
typedef struct
{
  guint    n_cohorts;
  char   **cohort_labels;
  double  *cohort_sizes;
  guint    n_ages;
  double  *retention;
  double  *average;
  gboolean revenue;
  char    *currency;
} TenureChartCohortsData;

TenureChartCohortsData *tenure_chart_cohorts_data_new  (guint                         n_cohorts,
                                                        guint                         n_ages);
void                    tenure_chart_cohorts_data_free (TenureChartCohortsData       *data);
void                    tenure_chart_cohorts_draw      (const TenureChartCohortsData *data,
                                                        cairo_t                      *cr,
                                                        double                        width,
                                                        double                        height,
                                                        const TenureChartTheme       *theme);
gboolean                tenure_chart_cohorts_lookup    (const TenureChartCohortsData *data,
                                                        double                        width,
                                                        double                        height,
                                                        double                        x,
                                                        double                        y,
                                                        TenureChartHit               *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartCohortsData, tenure_chart_cohorts_data_free)

G_END_DECLS
