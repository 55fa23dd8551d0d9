/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartFutureValueData:
 * @n_periods: number of periods, oldest first
 * @period_labels: (array length=n_periods): owned, %NULL-terminated
 * @value: (array length=n_periods): expected remaining value of the active
 *   book at each period's snapshot, in minor units (an expectation, not
 *   rounded); NaN where the model gave no number
 * @currency: (nullable): ISO 4217 code; owned
 * @model: (nullable): how the value was computed, shown in the subtitle
 *   ("sBG survival model, 10% annual discount"); owned
 *
 * Input of the future account value chart. Hits are points: @period.
 */
typedef struct
{
  guint    n_periods;
  char   **period_labels;
  double  *value;
  char    *currency;
  char    *model;
} TenureChartFutureValueData;

TenureChartFutureValueData *tenure_chart_future_value_data_new  (guint                             n_periods);
void                        tenure_chart_future_value_data_free (TenureChartFutureValueData       *data);
void                        tenure_chart_future_value_draw      (const TenureChartFutureValueData *data,
                                                                 cairo_t                          *cr,
                                                                 double                            width,
                                                                 double                            height,
                                                                 const TenureChartTheme           *theme);
gboolean                    tenure_chart_future_value_lookup    (const TenureChartFutureValueData *data,
                                                                 double                            width,
                                                                 double                            height,
                                                                 double                            x,
                                                                 double                            y,
                                                                 TenureChartHit                   *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartFutureValueData, tenure_chart_future_value_data_free)

/**
 * TenureChartSparklineData:
 * @n_values: number of values, oldest first
 * @values: (array length=n_values): the series; NaN leaves a gap
 *
 * Input of the KPI sparkline: a tiny line without axes for overview tiles.
 * Hits are points: @period is the index.
 */
typedef struct
{
  guint   n_values;
  double *values;
} TenureChartSparklineData;

TenureChartSparklineData *tenure_chart_sparkline_data_new  (guint                           n_values);
void                      tenure_chart_sparkline_data_free (TenureChartSparklineData       *data);
void                      tenure_chart_sparkline_draw      (const TenureChartSparklineData *data,
                                                            cairo_t                        *cr,
                                                            double                          width,
                                                            double                          height,
                                                            const TenureChartTheme         *theme);
gboolean                  tenure_chart_sparkline_lookup    (const TenureChartSparklineData *data,
                                                            double                          width,
                                                            double                          height,
                                                            double                          x,
                                                            double                          y,
                                                            TenureChartHit                 *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartSparklineData, tenure_chart_sparkline_data_free)

G_END_DECLS
