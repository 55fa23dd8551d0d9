/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-chart-axis.h"

G_BEGIN_DECLS

/**
 * TenureChartRect:
 *
 * A rectangle in the chart's logical coordinates (origin top left).
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} TenureChartRect;

/**
 * TenureChartHitKind:
 * @TENURE_CHART_HIT_NONE: nothing under the pointer
 * @TENURE_CHART_HIT_BAR: a bar or a segment of a stacked bar: @period and @series
 * @TENURE_CHART_HIT_POINT: a point of a line: @period (or age) and @series
 * @TENURE_CHART_HIT_CELL: a cell of a matrix: @row and @column
 * @TENURE_CHART_HIT_STEP: a step of the MRR bridge: @series is the step
 */
typedef enum
{
  TENURE_CHART_HIT_NONE,
  TENURE_CHART_HIT_BAR,
  TENURE_CHART_HIT_POINT,
  TENURE_CHART_HIT_CELL,
  TENURE_CHART_HIT_STEP,
} TenureChartHitKind;

/**
 * TenureChartHit:
 * @kind: what was hit
 * @period: period index (or cohort age on retention curves), -1 if none
 * @series: series index: journey stage, flow, movement, curve, segment or
 *   bridge step, -1 if none; each chart documents its numbering
 * @row: matrix row (cohort, source stage, account), -1 if none
 * @column: matrix column (age, target stage, area), -1 if none
 * @value: the datum; NaN when undefined
 * @value_kind: how to format @value
 * @label: (nullable): the period or row label, borrowed from the chart data
 * @series_name: (nullable): the series or column name, borrowed from the
 *   chart data or a static string
 * @area: where the datum is drawn, for placing a tooltip
 *
 * The datum under the pointer. Together, (@series, @period) or (@row,
 * @column) identify what the application lists when the user clicks: the
 * accounts of a stage in a period, of a cohort at an age, and so on.
 */
typedef struct
{
  TenureChartHitKind   kind;
  int                  period;
  int                  series;
  int                  row;
  int                  column;
  double               value;
  TenureChartValueKind value_kind;
  const char          *label;
  const char          *series_name;
  TenureChartRect      area;
} TenureChartHit;

void     tenure_chart_hit_init      (TenureChartHit        *hit);
char    *tenure_chart_hit_format    (const TenureChartHit  *hit,
                                     const char            *currency);
gboolean tenure_chart_rect_contains (const TenureChartRect *rect,
                                     double                 x,
                                     double                 y);

G_END_DECLS
