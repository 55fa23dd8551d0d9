/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_SCORECARDS_VIEW (tenure_scorecards_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureScorecardsView, tenure_scorecards_view, TENURE, SCORECARDS_VIEW, TenureChartPage)

GtkWidget *tenure_scorecards_view_new (void);

G_END_DECLS
