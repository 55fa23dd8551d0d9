/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tenure-analysis.h"
#include "tenure-report-data.h"

G_BEGIN_DECLS

/* Fills the board report's input from an analysis whose report date ends
 * the report's period (month or quarter): the same figures the window and
 * `tenure-cli metrics` show. */
TenureReportData *tenure_report_data_from_analysis (TenureAnalysis *analysis,
                                                    const char     *workspace_name);

G_END_DECLS
