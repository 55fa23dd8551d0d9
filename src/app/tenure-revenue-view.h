/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_REVENUE_VIEW (tenure_revenue_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureRevenueView, tenure_revenue_view, TENURE, REVENUE_VIEW, TenureChartPage)

GtkWidget *tenure_revenue_view_new (void);

G_END_DECLS
