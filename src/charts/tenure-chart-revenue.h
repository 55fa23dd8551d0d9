/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartQuickRatioSeries:
 *
 * Series numbers in quick-ratio hits: the five MRR movements, then the
 * ratio line.
 */
typedef enum
{
  TENURE_CHART_QUICK_RATIO_NEW,
  TENURE_CHART_QUICK_RATIO_EXPANSION,
  TENURE_CHART_QUICK_RATIO_REACTIVATION,
  TENURE_CHART_QUICK_RATIO_CONTRACTION,
  TENURE_CHART_QUICK_RATIO_CHURN,
  TENURE_CHART_QUICK_RATIO_RATIO,
} TenureChartQuickRatioSeries;

/**
 * TenureChartQuickRatioData:
 * @n_periods: number of periods, oldest first
 * @period_labels: (array length=n_periods): owned, %NULL-terminated
 * @new_mrr: (array length=n_periods): new MRR, minor units, ≥ 0
 * @expansion_mrr: (array length=n_periods): expansion MRR, ≥ 0
 * @reactivation_mrr: (array length=n_periods): reactivation MRR, ≥ 0
 * @contraction_mrr: (array length=n_periods): contraction MRR, ≥ 0 (drawn
 *   below zero)
 * @churn_mrr: (array length=n_periods): churned MRR, ≥ 0 (drawn below zero)
 * @quick_ratio: (array length=n_periods): the ratio; NaN when undefined
 *   (drawn as a gap), +∞ when only the denominator is zero (a gap marked ∞)
 * @benchmark: where the dashed benchmark line goes (setting, default 4)
 * @reactivation_in_ratio: whether the ratio counts reactivation in its
 *   numerator (setting); the subtitle states the definition used
 * @currency: (nullable): ISO 4217 code; owned
 *
 * Input of the quick-ratio trend. Hits: bars and ratio points, @series from
 * #TenureChartQuickRatioSeries, @period the period.
 */
typedef struct
{
  guint    n_periods;
  char   **period_labels;
  gint64  *new_mrr;
  gint64  *expansion_mrr;
  gint64  *reactivation_mrr;
  gint64  *contraction_mrr;
  gint64  *churn_mrr;
  double  *quick_ratio;
  double   benchmark;
  gboolean reactivation_in_ratio;
  char    *currency;
} TenureChartQuickRatioData;

TenureChartQuickRatioData *tenure_chart_quick_ratio_data_new  (guint                            n_periods);
void                       tenure_chart_quick_ratio_data_free (TenureChartQuickRatioData       *data);
void                       tenure_chart_quick_ratio_draw      (const TenureChartQuickRatioData *data,
                                                               cairo_t                         *cr,
                                                               double                           width,
                                                               double                           height,
                                                               const TenureChartTheme          *theme);
gboolean                   tenure_chart_quick_ratio_lookup    (const TenureChartQuickRatioData *data,
                                                               double                           width,
                                                               double                           height,
                                                               double                           x,
                                                               double                           y,
                                                               TenureChartHit                  *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartQuickRatioData, tenure_chart_quick_ratio_data_free)

/**
 * TenureChartBridgeStep:
 *
 * The steps of the MRR bridge, left to right; hits carry one as @series.
 */
typedef enum
{
  TENURE_CHART_BRIDGE_OPENING,
  TENURE_CHART_BRIDGE_NEW,
  TENURE_CHART_BRIDGE_EXPANSION,
  TENURE_CHART_BRIDGE_REACTIVATION,
  TENURE_CHART_BRIDGE_CONTRACTION,
  TENURE_CHART_BRIDGE_CHURN,
  TENURE_CHART_BRIDGE_CLOSING,
  TENURE_CHART_BRIDGE_N_STEPS
} TenureChartBridgeStep;

/**
 * TenureChartBridgeData:
 * @period_label: (nullable): the period bridged ("Mar 2024"); owned
 * @amounts: minor units per #TenureChartBridgeStep: opening and closing MRR,
 *   and the movements as positive amounts (contraction and churn are
 *   subtracted)
 * @currency: (nullable): ISO 4217 code; owned
 *
 * Input of the MRR bridge (waterfall). Hits are steps: @series is the
 * step, @value the signed change (or the total for opening and closing).
 */
typedef struct
{
  char   *period_label;
  gint64  amounts[TENURE_CHART_BRIDGE_N_STEPS];
  char   *currency;
} TenureChartBridgeData;

TenureChartBridgeData *tenure_chart_bridge_data_new  (void);
void                   tenure_chart_bridge_data_free (TenureChartBridgeData       *data);
void                   tenure_chart_bridge_draw      (const TenureChartBridgeData *data,
                                                      cairo_t                     *cr,
                                                      double                       width,
                                                      double                       height,
                                                      const TenureChartTheme      *theme);
gboolean               tenure_chart_bridge_lookup    (const TenureChartBridgeData *data,
                                                      double                       width,
                                                      double                       height,
                                                      double                       x,
                                                      double                       y,
                                                      TenureChartHit              *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartBridgeData, tenure_chart_bridge_data_free)

G_END_DECLS
