/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-chart-page.h"

G_BEGIN_DECLS

#define TENURE_TYPE_VALUE_VIEW (tenure_value_view_get_type ())

G_DECLARE_FINAL_TYPE (TenureValueView, tenure_value_view, TENURE, VALUE_VIEW, TenureChartPage)

GtkWidget *tenure_value_view_new (void);

G_END_DECLS
