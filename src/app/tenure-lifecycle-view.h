/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_LIFECYCLE_VIEW (tenure_lifecycle_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureLifecycleView, tenure_lifecycle_view, TENURE, LIFECYCLE_VIEW, TenureChartPage)

GtkWidget *tenure_lifecycle_view_new (void);

G_END_DECLS
