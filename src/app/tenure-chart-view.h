/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tenure-chart-build.h"

G_BEGIN_DECLS

#define TENURE_TYPE_CHART_VIEW (tenure_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureChartView, tenure_chart_view, TENURE, CHART_VIEW, GtkWidget)

GtkWidget        *tenure_chart_view_new                 (void);
void              tenure_chart_view_set_chart           (TenureChartView  *self,
                                                         TenureChartBuilt *chart,
                                                         const char       *currency);
TenureChartBuilt *tenure_chart_view_get_chart           (TenureChartView  *self);
const char       *tenure_chart_view_get_currency        (TenureChartView  *self);
void              tenure_chart_view_set_accessible_text (TenureChartView  *self,
                                                         const char       *title,
                                                         const char       *summary);
gboolean          tenure_chart_view_lookup              (TenureChartView  *self,
                                                         double            x,
                                                         double            y,
                                                         TenureChartHit   *hit);
char             *tenure_chart_view_get_tooltip_markup  (TenureChartView  *self,
                                                         double            x,
                                                         double            y);
gboolean          tenure_chart_view_get_cursor          (TenureChartView  *self,
                                                         TenureChartHit   *hit);
char             *tenure_chart_view_dup_cursor_text     (TenureChartView  *self);
gboolean          tenure_chart_view_move_cursor         (TenureChartView  *self,
                                                         int               dx,
                                                         int               dy);

G_END_DECLS
