/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "tenure-account-list.h"
#include "tenure-at-risk.h"
#include "tenure-json.h"
#include "tenure-kam.h"
#include "tenure-kpis.h"
#include "tenure-ledger.h"
#include "tenure-metrics.h"
#include "tenure-scorecard.h"
#include "tenure-segments.h"
#include "tenure-value.h"

G_BEGIN_DECLS

/* Everything a workspace's figures are made of at one report date, computed
 * once from one ledger: the series and cohorts, the value model and its
 * history, and the key-account figures. The CLI's `metrics`, `accounts` and
 * `value`, the window's views and the report all read the same analysis. */

typedef struct
{
  TenurePeriodKind  period;
  TenureDay         as_of;          /* TENURE_DAY_NONE: today */
  const char       *from;           /* nullable period labels */
  const char       *to;
  gboolean          with_value;     /* fit the value model (and its history) */
} TenureAnalysisOptions;

typedef struct
{
  TenureLedger       *ledger;
  TenureMetrics      *metrics;
  TenureValueResult  *value;        /* NULL without with_value */
  TenureSegments     *segments;
  TenureKam          *kam;
  TenureScorecards   *scorecards;
  TenureAtRisk       *at_risk;
  GStringChunk       *strings;      /* text the account updates point to */
  TenureKpi           kpis[TENURE_N_KPIS];
  double              load_seconds;     /* reading the ledger */
  double              compute_seconds;  /* everything after */
  double              metrics_seconds;  /* of which the series and cohorts */
  double              accounts_seconds; /* segments, key accounts, scorecards, at-risk */
  double              kpis_seconds;     /* the KPIs' earlier values */
  double              value_seconds;    /* the value model and its history */
} TenureAnalysis;

TenureAnalysis *tenure_analysis_compute               (sqlite3                     *db,
                                                       const TenureAnalysisOptions *options,
                                                       GCancellable                *cancellable,
                                                       GError                     **error);
TenureAnalysis *tenure_analysis_ref                   (TenureAnalysis              *analysis);
void            tenure_analysis_unref                 (TenureAnalysis              *analysis);
/* The same as tenure_analysis_unref(). */
void            tenure_analysis_free                  (TenureAnalysis              *analysis);

/* The `metrics --json` document of CLI.md. */
void            tenure_analysis_write_metrics_json    (TenureAnalysis              *analysis,
                                                       TenureJson                  *json);
/* The `accounts --json` array of CLI.md. */
void            tenure_analysis_write_accounts_json   (TenureAnalysis              *analysis,
                                                       gboolean                     at_risk_only,
                                                       TenureJson                  *json);

/* Per-account figures for the account model: an array of
 * TenureAccountUpdate (see tenure-account-list.h) whose strings live as long
 * as @analysis. */
GArray         *tenure_analysis_account_updates       (TenureAnalysis              *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureAnalysis, tenure_analysis_free)

G_END_DECLS
