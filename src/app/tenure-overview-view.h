/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_OVERVIEW_VIEW (tenure_overview_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureOverviewView, tenure_overview_view, TENURE, OVERVIEW_VIEW, TenureChartPage)

GtkWidget *tenure_overview_view_new (void);

G_END_DECLS
