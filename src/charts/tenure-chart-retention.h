/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartRetentionData:
 * @n_ages: number of ages on the x axis: month 0 … @n_ages − 1
 * @n_curves: number of faint curves (cohorts or segments)
 * @curve_labels: (array length=n_curves): their names; owned, %NULL-terminated
 * @curves: retention fractions, `curves[curve * n_ages + age]`; NaN where
 *   the curve has no value (past the report date)
 * @average: (array length=n_ages): the weighted average, drawn bold; NaN
 *   where absent (all NaN: not drawn)
 * @fitted: (array length=n_ages): survival S(k) of the fitted sBG model;
 *   all NaN when there is no fit
 * @kaplan_meier: (array length=n_ages): the Kaplan–Meier estimate of the
 *   same data, drawn as steps; all NaN when not shown
 * @revenue: %TRUE for revenue retention, %FALSE for logo retention
 *
 * Input of the retention curves chart. tenure_chart_retention_data_new()
 * fills every value with NaN. Hits are points: @period is the age, @series
 * the curve, or @n_curves for the average, @n_curves + 1 for the sBG fit,
 * @n_curves + 2 for Kaplan–Meier.
 */
typedef struct
{
  guint    n_ages;
  guint    n_curves;
  char   **curve_labels;
  double  *curves;
  double  *average;
  double  *fitted;
  double  *kaplan_meier;
  gboolean revenue;
} TenureChartRetentionData;

TenureChartRetentionData *tenure_chart_retention_data_new  (guint                           n_ages,
                                                            guint                           n_curves);
void                      tenure_chart_retention_data_free (TenureChartRetentionData       *data);
void                      tenure_chart_retention_draw      (const TenureChartRetentionData *data,
                                                            cairo_t                        *cr,
                                                            double                          width,
                                                            double                          height,
                                                            const TenureChartTheme         *theme);
gboolean                  tenure_chart_retention_lookup    (const TenureChartRetentionData *data,
                                                            double                          width,
                                                            double                          height,
                                                            double                          x,
                                                            double                          y,
                                                            TenureChartHit                 *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartRetentionData, tenure_chart_retention_data_free)

G_END_DECLS
