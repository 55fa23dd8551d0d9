/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartLifecycleData:
 * @n_periods: number of periods, oldest first
 * @period_labels: (array length=n_periods): "Jan 2024", "2024-Q1"…; owned,
 *   %NULL-terminated, set each with g_strdup()
 * @n_stages: number of journey stages, first stage first
 * @stage_names: (array length=n_stages): stage names; owned, %NULL-terminated
 * @counts: active accounts at each period's snapshot per stage, whole
 *   numbers: `counts[stage * n_periods + period]`
 * @new_accounts: (array length=n_periods): originations and reactivations
 *   per period
 * @churned_accounts: (array length=n_periods): churn events per period
 *
 * Input of the lifecycle progression chart. tenure_chart_lifecycle_data_new()
 * allocates every array zeroed; tenure_chart_lifecycle_data_free() frees them.
 *
 * Hits: stacked bars give @series = stage index; the flow bars below give
 * @series = @n_stages for new and @n_stages + 1 for churned accounts.
 */
typedef struct
{
  guint    n_periods;
  char   **period_labels;
  guint    n_stages;
  char   **stage_names;
  double  *counts;
  double  *new_accounts;
  double  *churned_accounts;
} TenureChartLifecycleData;

TenureChartLifecycleData *tenure_chart_lifecycle_data_new  (guint                           n_periods,
                                                            guint                           n_stages);
void                      tenure_chart_lifecycle_data_free (TenureChartLifecycleData       *data);
void                      tenure_chart_lifecycle_draw      (const TenureChartLifecycleData *data,
                                                            cairo_t                        *cr,
                                                            double                          width,
                                                            double                          height,
                                                            const TenureChartTheme         *theme);
gboolean                  tenure_chart_lifecycle_lookup    (const TenureChartLifecycleData *data,
                                                            double                          width,
                                                            double                          height,
                                                            double                          x,
                                                            double                          y,
                                                            TenureChartHit                 *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartLifecycleData, tenure_chart_lifecycle_data_free)

G_END_DECLS
