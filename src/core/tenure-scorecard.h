/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "tenure-date.h"
#include "tenure-json.h"
#include "tenure-ledger.h"

G_BEGIN_DECLS

/* One account's progress scorecard at the report date. */
typedef struct
{
  gint64     account_id;
  const char *account;         /* key, borrowed from the ledger */
  const char *name;
  int        type;             /* 1–4, 0 when not set */
  const char *owner;           /* sales associate, nullable */
  TenureDay  end_date;         /* TENURE_DAY_NONE when not set */
  double    *areas;            /* one per area of TenureScorecards, NaN when unscored */
  guint      scored_metrics;   /* sub-metrics with a value on or before the report date */
  double     overall;          /* mean of the areas with a value, NaN when none */
  gboolean   flagged;          /* overall below the flag threshold */
  gboolean   active;           /* at the report date, under the churn rule */
  gboolean   listed;           /* active, scored or with a target: shown in the scorecards */
  gint64     arr_last_year;    /* minor units */
  gboolean   arr_last_year_imported;
  gboolean   has_target;       /* an imported ΔARR target for this fiscal year */
  gint64     arr_target_delta; /* minor units, 0 without a target */
  gint64     arr_now;          /* 12 × MRR at the report date */
  gint64     arr_ytd;          /* arr_now − arr_last_year */
  double     progress;         /* arr_ytd / arr_target_delta, NaN when undefined */
} TenureScorecard;

typedef struct
{
  TenureDay   as_of;
  int         fiscal_year;     /* named by the calendar year it ends in */
  TenureDay   fiscal_year_start;
  double      flag_threshold;
  guint       n_areas;
  char      **area_names;      /* n_areas, NULL-terminated, in position order */
  GPtrArray  *cards;           /* TenureScorecard *, every account, by key */

  /*< private >*/
  TenureLedger    *ledger;     /* a reference: the cards borrow its text */
  TenureScorecard *pool;       /* one card per ledger account, in ledger order */
  double          *area_pool;  /* n_areas per card */
} TenureScorecards;

TenureScorecards      *tenure_scorecards_compute     (sqlite3                *db,
                                                      TenureLedger           *ledger,
                                                      TenureDay               as_of,
                                                      GError                **error);
void                   tenure_scorecards_free        (TenureScorecards       *scorecards);
const TenureScorecard *tenure_scorecards_lookup      (const TenureScorecards *scorecards,
                                                      gint64                  account_id);
const TenureScorecard *tenure_scorecards_nth         (const TenureScorecards *scorecards,
                                                      guint                   index);
void                   tenure_scorecards_write_json  (const TenureScorecards *scorecards,
                                                      TenureJson             *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureScorecards, tenure_scorecards_free)

G_END_DECLS
