/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tenure-metrics.h"

G_BEGIN_DECLS

#define TENURE_TYPE_VIEW_STATE (tenure_view_state_get_type ())

G_DECLARE_FINAL_TYPE (TenureViewState, tenure_view_state, TENURE, VIEW_STATE, GObject)

TenureViewState  *tenure_view_state_new             (void);
TenurePeriodKind  tenure_view_state_get_period_kind (TenureViewState  *self);
void              tenure_view_state_set_period_kind (TenureViewState  *self,
                                                     TenurePeriodKind  kind);
/* Period labels ("2024-03", "2024-Q1", "FY2025"); NULL: the whole series. */
const char       *tenure_view_state_get_from        (TenureViewState  *self);
void              tenure_view_state_set_from        (TenureViewState  *self,
                                                     const char       *from);
const char       *tenure_view_state_get_to          (TenureViewState  *self);
void              tenure_view_state_set_to          (TenureViewState  *self,
                                                     const char       *to);
/* The report date, "YYYY-MM-DD"; NULL: today. */
const char       *tenure_view_state_get_as_of       (TenureViewState  *self);
void              tenure_view_state_set_as_of       (TenureViewState  *self,
                                                     const char       *as_of);

G_END_DECLS
