/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tenure-chart.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/**
 * TenureChartTransitionsData:
 * @period_label: the period the moves happened in ("Mar 2024"); owned
 * @n_stages: number of journey stages
 * @stage_names: (array length=n_stages): stage names; owned, %NULL-terminated
 * @counts: moves during the period, a square matrix of side @n_stages + 1:
 *   `counts[from * (n_stages + 1) + to]`. Row 0 is `new` (originations and
 *   reactivations), row i + 1 is stage i; column j is stage j, column
 *   @n_stages is `churned`.
 *
 * Input of the stage transitions matrix. Hits are cells: @row and @column
 * index the matrix as above.
 */
typedef struct
{
  char    *period_label;
  guint    n_stages;
  char   **stage_names;
  double  *counts;
} TenureChartTransitionsData;

TenureChartTransitionsData *tenure_chart_transitions_data_new  (guint                             n_stages);
void                        tenure_chart_transitions_data_free (TenureChartTransitionsData       *data);
void                        tenure_chart_transitions_draw      (const TenureChartTransitionsData *data,
                                                                cairo_t                          *cr,
                                                                double                            width,
                                                                double                            height,
                                                                const TenureChartTheme           *theme);
gboolean                    tenure_chart_transitions_lookup    (const TenureChartTransitionsData *data,
                                                                double                            width,
                                                                double                            height,
                                                                double                            x,
                                                                double                            y,
                                                                TenureChartHit                   *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartTransitionsData, tenure_chart_transitions_data_free)

G_END_DECLS
