/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TenureChartValueKind:
 * @TENURE_CHART_VALUE_NUMBER: any number
 * @TENURE_CHART_VALUE_COUNT: whole counts (accounts): ticks are integers
 * @TENURE_CHART_VALUE_MONEY: money in minor units
 * @TENURE_CHART_VALUE_PERCENT: a fraction shown as a percentage
 * @TENURE_CHART_VALUE_RATIO: a ratio shown with "×"
 *
 * What an axis measures: it decides the allowed steps and the label format.
 */
typedef enum
{
  TENURE_CHART_VALUE_NUMBER,
  TENURE_CHART_VALUE_COUNT,
  TENURE_CHART_VALUE_MONEY,
  TENURE_CHART_VALUE_PERCENT,
  TENURE_CHART_VALUE_RATIO,
} TenureChartValueKind;

#define TENURE_CHART_MAX_TICKS 32

/**
 * TenureChartTicks:
 * @kind: what the axis measures
 * @min: lower end of the axis (a tick, at or below the data)
 * @max: upper end of the axis (a tick, at or above the data)
 * @step: distance between ticks: 1, 2, 2.5 or 5 times a power of ten
 * @n_ticks: number of ticks, @min and @max included
 * @ticks: the tick values
 */
typedef struct
{
  TenureChartValueKind kind;
  double               min;
  double               max;
  double               step;
  guint                n_ticks;
  double               ticks[TENURE_CHART_MAX_TICKS];
} TenureChartTicks;

void      tenure_chart_ticks_compute   (TenureChartTicks       *ticks,
                                        TenureChartValueKind    kind,
                                        double                  data_min,
                                        double                  data_max,
                                        guint                   max_ticks);
char     *tenure_chart_ticks_format    (const TenureChartTicks *ticks,
                                        double                  value,
                                        const char             *currency);
double    tenure_chart_ticks_position  (const TenureChartTicks *ticks,
                                        double                  value,
                                        double                  start,
                                        double                  end);

guint     tenure_chart_period_stride   (guint                   n_periods,
                                        double                  slot_width,
                                        double                  label_width);
gboolean  tenure_chart_period_labelled (guint                   index,
                                        guint                   n_periods,
                                        guint                   stride);

G_END_DECLS
