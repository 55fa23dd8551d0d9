/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tenure-analysis.h"
#include "tenure-charts.h"

G_BEGIN_DECLS

/* The charts of a workspace, built from one analysis: one place that turns
 * the metrics engine's results into each chart's input, shared by the
 * window, the report and `tenure-cli chart`. */

typedef enum
{
  TENURE_CHART_KIND_LIFECYCLE,
  TENURE_CHART_KIND_TRANSITIONS,
  TENURE_CHART_KIND_COHORTS,
  TENURE_CHART_KIND_RETENTION,
  TENURE_CHART_KIND_QUICK_RATIO,
  TENURE_CHART_KIND_MRR_BRIDGE,
  TENURE_CHART_KIND_SEGMENTS,
  TENURE_CHART_KIND_SCORECARDS,
  TENURE_CHART_KIND_VALUE,
  TENURE_CHART_N_KINDS,
} TenureChartKind;

typedef struct
{
  gboolean revenue;          /* cohorts and retention: revenue, not logos */
  guint    bridge_periods;   /* MRR bridge: the last N periods (0: 12) */
  guint    max_accounts;     /* scorecards: rows at most (0: 40) */
} TenureChartBuildOptions;

typedef struct _TenureChartBuilt TenureChartBuilt;

TenureChartBuilt *tenure_chart_build         (TenureChartKind                kind,
                                              TenureAnalysis                *analysis,
                                              const TenureChartBuildOptions *options);
void              tenure_chart_built_free    (TenureChartBuilt              *chart);
TenureChartKind   tenure_chart_built_kind    (TenureChartBuilt              *chart);
/* The chart's own input struct (TenureChartLifecycleData * …). */
gconstpointer     tenure_chart_built_data    (TenureChartBuilt              *chart);

void              tenure_chart_built_draw    (TenureChartBuilt              *chart,
                                              cairo_t                       *cr,
                                              double                         width,
                                              double                         height,
                                              const TenureChartTheme        *theme);
gboolean          tenure_chart_built_lookup  (TenureChartBuilt              *chart,
                                              double                         width,
                                              double                         height,
                                              double                         x,
                                              double                         y,
                                              TenureChartHit                *hit);
/* Writes the chart to a PNG, SVG or PDF file chosen by @path's extension. */
gboolean          tenure_chart_built_write   (TenureChartBuilt              *chart,
                                              const char                    *path,
                                              double                         width,
                                              double                         height,
                                              gboolean                       dark,
                                              GError                       **error);

const char       *tenure_chart_kind_to_string (TenureChartKind  kind);
gboolean          tenure_chart_kind_parse     (const char      *text,
                                               TenureChartKind *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartBuilt, tenure_chart_built_free)

G_END_DECLS
