/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartSegmentsData:
 * @n_segments: number of segments
 * @segment_names: (array length=n_segments): owned, %NULL-terminated
 * @ltv_cac: (array length=n_segments): LTV / CAC; NaN when undefined
 * @acv_cac: (array length=n_segments): ACV / CAC; NaN when undefined
 * @payback_months: (array length=n_segments): CAC payback in months; NaN
 *   when undefined
 * @reference: where the dashed reference line goes (default 3: the usual
 *   "LTV at least three times CAC")
 *
 * Input of the segment economics chart: grouped bars per segment. Hits:
 * @row is the segment, @series 0 for LTV/CAC, 1 for ACV/CAC and 2 for the
 * payback label under the bars.
 */
typedef struct
{
  guint    n_segments;
  char   **segment_names;
  double  *ltv_cac;
  double  *acv_cac;
  double  *payback_months;
  double   reference;
} TenureChartSegmentsData;

TenureChartSegmentsData *tenure_chart_segments_data_new  (guint                          n_segments);
void                     tenure_chart_segments_data_free (TenureChartSegmentsData       *data);
void                     tenure_chart_segments_draw      (const TenureChartSegmentsData *data,
                                                          cairo_t                       *cr,
                                                          double                         width,
                                                          double                         height,
                                                          const TenureChartTheme        *theme);
gboolean                 tenure_chart_segments_lookup    (const TenureChartSegmentsData *data,
                                                          double                         width,
                                                          double                         height,
                                                          double                         x,
                                                          double                         y,
                                                          TenureChartHit                *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartSegmentsData, tenure_chart_segments_data_free)

/**
 * TenureChartScorecardsData:
 * @n_accounts: number of accounts (rows), in the order to show
 * @account_names: (array length=n_accounts): owned, %NULL-terminated
 * @n_areas: number of scorecard areas (columns)
 * @area_names: (array length=n_areas): owned, %NULL-terminated
 * @scores: area scores 0–10, `scores[account * n_areas + area]`; NaN where
 *   the area has no score
 * @overall: (array length=n_accounts): overall score; NaN when none
 * @flagged: (array length=n_accounts): accounts whose overall score is
 *   below the threshold
 * @threshold: the flag threshold (setting, default 4), stated in the legend
 *
 * Input of the scorecard heat grid. Hits are cells: @row is the account,
 * @column the area, or @n_areas for the overall score.
 */
typedef struct
{
  guint     n_accounts;
  char    **account_names;
  guint     n_areas;
  char    **area_names;
  double   *scores;
  double   *overall;
  gboolean *flagged;
  double    threshold;
} TenureChartScorecardsData;

TenureChartScorecardsData *tenure_chart_scorecards_data_new  (guint                            n_accounts,
                                                              guint                            n_areas);
void                       tenure_chart_scorecards_data_free (TenureChartScorecardsData       *data);
void                       tenure_chart_scorecards_draw      (const TenureChartScorecardsData *data,
                                                              cairo_t                         *cr,
                                                              double                           width,
                                                              double                           height,
                                                              const TenureChartTheme          *theme);
gboolean                   tenure_chart_scorecards_lookup    (const TenureChartScorecardsData *data,
                                                              double                           width,
                                                              double                           height,
                                                              double                           x,
                                                              double                           y,
                                                              TenureChartHit                  *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartScorecardsData, tenure_chart_scorecards_data_free)

G_END_DECLS
