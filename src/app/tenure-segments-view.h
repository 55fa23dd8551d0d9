/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_SEGMENTS_VIEW (tenure_segments_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureSegmentsView, tenure_segments_view, TENURE, SEGMENTS_VIEW, TenureChartPage)

GtkWidget *tenure_segments_view_new (void);

G_END_DECLS
