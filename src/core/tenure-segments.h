/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "tenure-date.h"
#include "tenure-json.h"
#include "tenure-ledger.h"

G_BEGIN_DECLS

#define TENURE_SEGMENT_MONTHS 12

/* Acquisition economics of one segment (or of the whole workspace) over the
 * window of months p − 11 … p. Money is in minor units; averages of money
 * are doubles, not rounded. Undefined values are NaN. */
typedef struct
{
  char     *segment;             /* NULL for accounts without a segment and for the total */
  gboolean  is_total;

  /* Imported funnel, summed over the window's months. */
  guint     funnel_rows;         /* funnel rows in the window: without any, spend is unknown */
  gint64    leads;
  gint64    opportunities;
  gint64    marketing_spend;
  gint64    sales_spend;

  /* Deals of the segment's accounts closed in the window. */
  guint     won_deals;
  guint     lost_deals;
  gint64    bookings;

  guint     new_accounts;        /* originations in the window */
  guint     acv_accounts;        /* new accounts with a first-year value */
  double    acv_sum;

  /* Logo churn per month of the window: the segment's accounts active at
   * the previous month's snapshot, and those of them that churned. */
  guint     churn_base[TENURE_SEGMENT_MONTHS];
  guint     churned[TENURE_SEGMENT_MONTHS];
  double    monthly_logo_churn[TENURE_SEGMENT_MONTHS];

  gint64    mrr;                 /* at the report date */
  guint     paying_accounts;     /* with MRR > 0 at the report date */

  double    lead_to_opportunity_rate;
  double    win_rate;
  double    asp;
  double    cost_per_lead;
  double    cac;
  double    acv;
  double    annual_churn;
  double    arpa;
  double    ltv;
  double    ltv_cac;
  double    acv_cac;
  double    cac_payback_months;
} TenureSegment;

typedef struct
{
  TenureDay      as_of;
  TenureDay      window_start;   /* first day of month p − 11 */
  TenureMonth    first_month;
  TenureMonth    last_month;     /* p, the month of as_of */
  double         gross_margin;
  GPtrArray     *segments;       /* TenureSegment *, by name, the unnamed one last */
  TenureSegment *total;          /* all accounts and all funnel rows */
} TenureSegments;

TenureSegments      *tenure_segments_compute     (sqlite3              *db,
                                                  TenureLedger         *ledger,
                                                  TenureDay             as_of,
                                                  GError              **error);
void                 tenure_segments_free        (TenureSegments       *segments);
/* @name NULL finds the segment of accounts without one. */
const TenureSegment *tenure_segments_lookup      (const TenureSegments *segments,
                                                  const char           *name);
void                 tenure_segment_write_json   (const TenureSegment  *segment,
                                                  TenureJson           *json);
void                 tenure_segments_write_json  (const TenureSegments *segments,
                                                  TenureJson           *json);

/* Budget what-if: a budget put into a segment buys leads at the segment's
 * current cost per lead; new accounts, bookings and lifetime value follow
 * at its current per-lead rates. */
typedef struct
{
  const char *segment;           /* in: NULL for accounts without a segment */
  gint64      budget;            /* in: minor units */
  double      leads;             /* out */
  double      new_accounts;      /* out */
  double      bookings;          /* out: minor units */
  double      ltv;               /* out: minor units, lifetime value of the new accounts */
} TenureBudgetLine;

void                 tenure_segments_what_if     (const TenureSegments *segments,
                                                  TenureBudgetLine     *lines,
                                                  guint                 n_lines,
                                                  TenureBudgetLine     *total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureSegments, tenure_segments_free)

G_END_DECLS
