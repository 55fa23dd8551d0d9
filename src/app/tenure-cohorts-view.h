/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_COHORTS_VIEW (tenure_cohorts_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureCohortsView, tenure_cohorts_view, TENURE, COHORTS_VIEW, TenureChartPage)

GtkWidget *tenure_cohorts_view_new (void);

G_END_DECLS
