/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "tenure-date.h"
#include "tenure-json.h"
#include "tenure-ledger.h"

G_BEGIN_DECLS

/* What the key-account figures know about one account at the report date. */
typedef struct
{
  gint64     account_id;
  const char *account;           /* key, borrowed from the ledger */
  gboolean   active;             /* at the report date */
  TenureDay  last_touch;         /* latest touchpoint on or before the report date, or NONE */
  int        days_since_touch;   /* report date − last_touch, −1 without touchpoint */
  int        gap_days;           /* days without a touchpoint while a customer, −1 when unknown */
  gboolean   interaction_gap;    /* active and gap_days above interaction-gap-days */
  gint64     seats;              /* on subscription lines active at the report date */
  gint64     seats_assigned;
  double     utilisation;        /* seats_assigned / seats, NaN without seats */
  gboolean   low_utilisation;    /* utilisation below utilisation-threshold */
  int        latest_nps;         /* latest NPS response on or before the report date, −1 none */
  TenureDay  latest_nps_on;
  gboolean   start_active;       /* active the day before the window */
  const TenureLedgerAccount *ledger;  /* borrowed from the ledger */
} TenureKamAccount;

/* Key-account KPIs over the twelve months ending at the report date. Every
 * ratio keeps its parts so a reader (or a test) can check it; a ratio whose
 * denominator is zero is NaN. */
typedef struct
{
  TenureDay   as_of;
  TenureDay   window_start;          /* first day of the window */
  int         window_days;

  guint       nps_accounts;          /* accounts with an NPS response in the window */
  guint       promoters;             /* latest response 9–10 */
  guint       detractors;            /* latest response 0–6 */
  double      nps;                   /* points, −100 … 100 */

  guint       csat_responses;
  guint       csat_satisfied;        /* 4 or 5 */
  double      csat;

  guint       active_accounts;       /* at the report date */
  guint       referenceable_accounts;
  double      referenceable_share;

  gboolean    has_touchpoints;       /* the workspace has any touchpoint */
  guint       active_touches;        /* touchpoints in the window on a day the account was active */
  double      active_account_months; /* active account-days in the window, in months */
  double      touches_per_account_month;
  guint       gap_accounts;          /* active accounts past interaction-gap-days */
  int         gap_threshold_days;

  gboolean    deal_tagged;           /* touchpoints carry deal ids */
  guint       closure_deals;         /* won deals in the window counted */
  guint       closure_touches;
  double      touches_to_closure;

  guint       start_accounts;        /* active the day before the window */
  guint       upsell_accounts;
  guint       cross_sell_accounts;
  double      upsell_rate;
  double      cross_sell_rate;

  guint       renewals_due;
  guint       renewals_renewed;
  double      renewal_rate;

  guint       won_deals;             /* won deals closed in the window */
  guint       referral_deals;
  gint64      bookings;              /* minor units */
  gint64      repeat_bookings;
  gint64      new_bookings;
  double      repeat_bookings_share;
  double      new_to_repeat_ratio;
  double      referral_share;

  gint64      seats;                 /* on subscription lines active at the report date */
  gint64      seats_assigned;
  double      licence_utilisation;
  double      utilisation_threshold;
  guint       low_utilisation_accounts;

  TenureLedger *ledger;              /* a reference: accounts borrow from it */
  GPtrArray  *accounts;              /* TenureKamAccount *, every account, by key */

  /*< private >*/
  TenureKamAccount *pool;            /* one per ledger account, in ledger order */
} TenureKam;

TenureKam              *tenure_kam_compute     (sqlite3            *db,
                                                TenureLedger       *ledger,
                                                TenureDay           as_of,
                                                GError            **error);
double                  tenure_kam_nps         (sqlite3            *db,
                                                TenureDay           as_of,
                                                GError            **error);
void                    tenure_kam_free        (TenureKam          *kam);
const TenureKamAccount *tenure_kam_nth         (const TenureKam    *kam,
                                                guint               index);
const TenureKamAccount *tenure_kam_lookup      (const TenureKam    *kam,
                                                gint64              account_id);
void                    tenure_kam_write_json  (const TenureKam    *kam,
                                                TenureJson         *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureKam, tenure_kam_free)

G_END_DECLS
