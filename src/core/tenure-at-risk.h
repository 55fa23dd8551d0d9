/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"
#include "tenure-json.h"
#include "tenure-kam.h"
#include "tenure-ledger.h"
#include "tenure-scorecard.h"

G_BEGIN_DECLS

/* Why an active account is at risk; the codes are fixed (CLI.md). */
typedef enum
{
  TENURE_RISK_NONE            = 0,
  TENURE_RISK_LOW_SCORE       = 1 << 0,  /* low_score */
  TENURE_RISK_LOW_UTILISATION = 1 << 1,  /* low_utilisation */
  TENURE_RISK_INTERACTION_GAP = 1 << 2,  /* interaction_gap */
  TENURE_RISK_DETRACTOR       = 1 << 3,  /* detractor */
  TENURE_RISK_CONTRACTION     = 1 << 4,  /* contraction */
  TENURE_RISK_CHURN_DUE       = 1 << 5,  /* churn_due */
} TenureRiskReasons;

#define TENURE_RISK_N_REASONS 6

/* What the account model shows per account: overall score, last touch and
 * at-risk reasons, at the report date. */
typedef struct
{
  gint64             account_id;
  const char        *account;        /* key, borrowed from the ledger */
  gboolean           active;
  double             overall_score;  /* NaN when unscored */
  TenureDay          last_touch;     /* TENURE_DAY_NONE when never touched */
  gint64             mrr_previous;   /* at the snapshot of the previous month */
  gint64             mrr;            /* at the report date */
  TenureDay          churn_due_on;   /* under inactivity: last won deal + N days, else NONE */
  TenureRiskReasons  reasons;        /* TENURE_RISK_NONE unless active */
} TenureAccountRisk;

typedef struct
{
  TenureDay   as_of;
  guint       n_at_risk;
  GPtrArray  *accounts;    /* TenureAccountRisk *, every account, by key */

  /*< private >*/
  TenureLedger      *ledger;  /* a reference: the entries borrow its text */
  TenureAccountRisk *pool;    /* one per ledger account, in ledger order */
} TenureAtRisk;

/* The reason code of one flag ("low_score", …), NULL for anything else. */
const char              *tenure_risk_reason_code       (TenureRiskReasons       reason);
/* Writes the reason codes of @reasons as a JSON array, in the fixed order. */
void                     tenure_risk_reasons_write_json (TenureRiskReasons      reasons,
                                                         TenureJson            *json);

TenureAtRisk            *tenure_at_risk_compute        (TenureLedger           *ledger,
                                                        const TenureScorecards *scorecards,
                                                        const TenureKam        *kam,
                                                        TenureDay               as_of);
void                     tenure_at_risk_free           (TenureAtRisk           *at_risk);
const TenureAccountRisk *tenure_at_risk_lookup         (const TenureAtRisk     *at_risk,
                                                        gint64                  account_id);
void                     tenure_at_risk_write_json     (const TenureAtRisk     *at_risk,
                                                        TenureJson             *json);
/* Writes the members "overall_score", "last_touch" and "at_risk" of one
 * object of `accounts --json`. */
void                     tenure_account_risk_write_members (const TenureAccountRisk *risk,
                                                            TenureJson              *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureAtRisk, tenure_at_risk_free)

G_END_DECLS
