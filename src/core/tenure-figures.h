/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tenure-account-list.h"
#include "tenure-analysis.h"
#include "tenure-workspace.h"

G_BEGIN_DECLS

#define TENURE_TYPE_FIGURES (tenure_figures_get_type ())

G_DECLARE_FINAL_TYPE (TenureFigures, tenure_figures, TENURE, FIGURES, GObject)

/* The figures of an open workspace, kept up to date off the main thread:
 * after each change of the workspace (debounced) or of the period, a worker
 * with its own read-only SQLite connection computes a new analysis; the
 * main thread swaps it in, applies the account figures to the account list
 * and emits ::updated. Nothing waits on the computation. */

TenureFigures    *tenure_figures_new              (TenureWorkspace   *workspace,
                                                   TenureAccountList *accounts);
/* (transfer none) (nullable): the latest analysis; NULL until the first one
 * is ready. Take a reference to keep it across updates. */
TenureAnalysis   *tenure_figures_get_analysis     (TenureFigures     *self);
gboolean          tenure_figures_is_busy          (TenureFigures     *self);
const GError     *tenure_figures_get_error        (TenureFigures     *self);

TenurePeriodKind  tenure_figures_get_period       (TenureFigures     *self);
void              tenure_figures_set_period       (TenureFigures     *self,
                                                   TenurePeriodKind   period);
/* TENURE_DAY_NONE: today. */
TenureDay         tenure_figures_get_as_of        (TenureFigures     *self);
void              tenure_figures_set_as_of        (TenureFigures     *self,
                                                   TenureDay          as_of);
/* Starts a computation now (coalesced with one already running). */
void              tenure_figures_refresh          (TenureFigures     *self);

G_END_DECLS
