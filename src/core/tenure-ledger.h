/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "tenure-date.h"

G_BEGIN_DECLS

/* The ledger: every account of a workspace as compact, sorted, in-memory
 * timelines, loaded in one pass per table. Everything that computes figures
 * (metrics, cohorts, segments, key-account KPIs, scorecards, at-risk) reads
 * the ledger instead of the database.
 *
 * Days are TenureDay numbers; money is gint64 minor units. The ledger holds
 * everything in the workspace, whatever its date: callers clip to their report
 * date (nothing dated after it may be used). Lifecycles are causal — what they
 * say about a day never depends on data dated after it — so clipping a
 * lifecycle at a report date gives the lifecycle the report date would see.
 *
 * A ledger is immutable once loaded (except tenure_ledger_set_churn_rule(),
 * meant for tests and what-if views) and may be read from several threads. */

#define TENURE_LEDGER_ERROR (tenure_ledger_error_quark ())

typedef enum
{
  TENURE_LEDGER_ERROR_DATABASE,      /* SQLite failed */
  TENURE_LEDGER_ERROR_INVALID_DATA,  /* a row the ledger cannot read (bad date, orphan row) */
} TenureLedgerError;

GQuark tenure_ledger_error_quark (void);

/* "Never" for an end day: an open-ended subscription line or a spell still
 * running at the end of the data. Larger than every real day. */
#define TENURE_DAY_OPEN G_MAXINT32

/* Stage indexes in lifecycle transitions: 0 … n_stages-1 are the journey
 * stages in their order; TENURE_STAGE_OUTSIDE is "new" as a source (an
 * origination or reactivation) and "churned" as a target. */
#define TENURE_STAGE_OUTSIDE (-1)

typedef enum
{
  TENURE_CHURN_RULE_CONTRACT,
  TENURE_CHURN_RULE_INACTIVITY,
  TENURE_CHURN_RULE_EXPLICIT,
} TenureChurnRule;

typedef enum
{
  TENURE_STAGE_SOURCE_EVENTS,
  TENURE_STAGE_SOURCE_MRR_BANDS,
} TenureStageSource;

typedef enum
{
  TENURE_DEAL_WON,
  TENURE_DEAL_LOST,
  TENURE_DEAL_OPEN,
} TenureDealStatus;

typedef enum
{
  TENURE_DEAL_KIND_NEW,
  TENURE_DEAL_KIND_UPSELL,
  TENURE_DEAL_KIND_CROSS_SELL,
  TENURE_DEAL_KIND_RENEWAL,
  TENURE_DEAL_KIND_OTHER,
} TenureDealKind;

typedef enum
{
  TENURE_EVENT_ORIGINATED,
  TENURE_EVENT_UPGRADED,
  TENURE_EVENT_DOWNGRADED,
  TENURE_EVENT_CHURNED,
  TENURE_EVENT_REACTIVATED,
} TenureEventKind;

/* Account MRR is @mrr from @day until the next point's day (exclusive).
 * Before the first point it is 0. Consecutive points have different MRR. */
typedef struct
{
  TenureDay day;
  gint64    mrr;
} TenureMrrPoint;

/* One subscription (contract) line, active on starts_on <= d < ends_on. */
typedef struct
{
  gint64      id;
  TenureDay   starts_on;
  TenureDay   ends_on;         /* TENURE_DAY_OPEN when open-ended */
  gint64      mrr;
  gint64      seats;           /* -1 when unknown */
  gint64      seats_assigned;  /* -1 when unknown */
  const char *plan;            /* nullable, owned by the ledger */
} TenureSubscriptionLine;

typedef struct
{
  gint64            id;
  TenureDay         created_on;  /* TENURE_DAY_NONE when unknown */
  TenureDay         closed_on;   /* TENURE_DAY_NONE when not closed */
  gint64            amount;
  TenureDealStatus  status;
  TenureDealKind    kind;
  const char       *source;      /* nullable, e.g. "referral" */
} TenureDeal;

/* The won deals of one day, added together. */
typedef struct
{
  TenureDay day;
  gint64    amount;
} TenureWonDay;

typedef struct
{
  gint64          id;
  TenureDay       day;
  TenureEventKind kind;
  int             stage;  /* index into the stages, or -1 when the event names none */
} TenureEvent;

/* An active stretch under the churn rule: active on start <= d < end.
 * The first spell's start is the origination, later starts are
 * reactivations, every end other than TENURE_DAY_OPEN is a churn (dated on
 * its first inactive day). Under `explicit` a spell may be empty
 * (start == end: originated and churned on one day); it counts as an
 * origination and a churn but the account is active on no day of it. Under
 * `inactivity` every spell has a finite end, possibly after the report date:
 * treat an end after your report date as "still active". */
typedef struct
{
  TenureDay start;
  TenureDay end;
} TenureSpell;

/* A stage move on @day: from TENURE_STAGE_OUTSIDE ("new") on origination
 * and reactivation, to TENURE_STAGE_OUTSIDE ("churned") on churn. Sorted by
 * day; moves of one day are in the order they happened. The stage on day d
 * is the @to of the last transition dated on or before d. */
typedef struct
{
  TenureDay day;
  gint16    from;
  gint16    to;
} TenureTransition;

typedef struct
{
  gint64      id;        /* journey_stage.id */
  const char *name;
  gint64      min_mrr;   /* -1 when the stage has no bound */
} TenureStage;

/* One account. Arrays are sorted by day and owned by the ledger; the
 * lifecycle part (spells, transitions) follows the ledger's churn rule. */
typedef struct
{
  gint64      id;
  const char *key;
  const char *name;
  const char *segment;        /* nullable */
  const char *owner;          /* nullable */
  const char *region;         /* nullable */
  int         type;           /* 1–4, 0 when unset */
  gboolean    referenceable;
  TenureDay   end_date;       /* TENURE_DAY_NONE when unset */

  const TenureMrrPoint         *mrr_points;
  guint                         n_mrr_points;
  const TenureSubscriptionLine *subscriptions;   /* by starts_on */
  guint                         n_subscriptions;
  const TenureDeal             *deals;           /* all statuses, by closed_on, unclosed last */
  guint                         n_deals;
  const TenureWonDay           *won_days;
  guint                         n_won_days;
  const TenureEvent            *events;          /* by occurred_on */
  guint                         n_events;

  /* First won sale: the earliest day with a won deal and the sum of that
   * day's won amounts; TENURE_DAY_NONE / 0 when the account never won one. */
  TenureDay   first_sale_day;
  gint64      first_sale_amount;
  /* The first day with MRR > 0, TENURE_DAY_NONE when there is none. */
  TenureDay   first_paying_day;

  const TenureSpell            *spells;
  guint                         n_spells;
  const TenureTransition       *transitions;
  guint                         n_transitions;
} TenureLedgerAccount;

/* The workspace settings the computations use, read once at load. */
typedef struct
{
  const char        *currency;
  TenureChurnRule    churn_rule;          /* resolved: never "auto" */
  gboolean           churn_rule_auto;     /* the setting says auto */
  gint64             inactivity_days;
  int                fiscal_year_start;   /* 1–12 */
  double             gross_margin;
  double             discount_rate;
  gint64             value_horizon;
  double             quick_ratio_benchmark;
  gboolean           quick_ratio_reactivation;
  double             score_flag_threshold;
  double             utilisation_threshold;
  gint64             interaction_gap_days;
  TenureStageSource  stage_source;
} TenureLedgerSettings;

typedef struct _TenureLedger TenureLedger;

TenureLedger               *tenure_ledger_load              (sqlite3       *db,
                                                             GError       **error);
TenureLedger               *tenure_ledger_ref               (TenureLedger  *ledger);
void                        tenure_ledger_unref             (TenureLedger  *ledger);

const TenureLedgerSettings *tenure_ledger_settings          (TenureLedger  *ledger);
TenureChurnRule             tenure_ledger_churn_rule        (TenureLedger  *ledger);
/* Recomputes every lifecycle under @rule. Not thread-safe: no other thread
 * may read the ledger meanwhile. */
void                        tenure_ledger_set_churn_rule    (TenureLedger  *ledger,
                                                             TenureChurnRule rule);
gboolean                    tenure_ledger_has_subscriptions (TenureLedger  *ledger);

guint                       tenure_ledger_n_stages          (TenureLedger  *ledger);
const TenureStage          *tenure_ledger_stage             (TenureLedger  *ledger,
                                                             guint          index);

guint                       tenure_ledger_n_accounts        (TenureLedger  *ledger);
const TenureLedgerAccount  *tenure_ledger_account           (TenureLedger  *ledger,
                                                             guint          index);
const TenureLedgerAccount  *tenure_ledger_lookup_id         (TenureLedger  *ledger,
                                                             gint64         id);
const TenureLedgerAccount  *tenure_ledger_lookup_key        (TenureLedger  *ledger,
                                                             const char    *key);
/* Index of @account in the ledger (accounts are ordered by id). */
guint                       tenure_ledger_account_index     (TenureLedger  *ledger,
                                                             const TenureLedgerAccount *account);
guint                       tenure_ledger_index_of_id       (TenureLedger  *ledger,
                                                             gint64         id);
const guint                *tenure_ledger_key_order         (TenureLedger  *ledger);

/* The earliest subscription start, won deal or (under `explicit`)
 * origination: where the metric series begins. TENURE_DAY_NONE when the
 * workspace has none. */
TenureDay                   tenure_ledger_first_day         (TenureLedger  *ledger);
/* Workspace MRR on @day: the sum over accounts. */
gint64                      tenure_ledger_mrr_on            (TenureLedger  *ledger,
                                                             TenureDay      day);

/* Per-account queries; all O(log n) in the account's timeline. */
gint64      tenure_ledger_account_mrr_on         (const TenureLedgerAccount *account,
                                                  TenureDay                  day);
gboolean    tenure_ledger_account_active_on      (const TenureLedgerAccount *account,
                                                  TenureDay                  day);
/* Stage index on @day, TENURE_STAGE_OUTSIDE when not active. */
int         tenure_ledger_account_stage_on       (const TenureLedgerAccount *account,
                                                  TenureDay                  day);
/* Origination day (first spell start) if on or before @as_of, else
 * TENURE_DAY_NONE. */
TenureDay   tenure_ledger_account_originated_on  (const TenureLedgerAccount *account,
                                                  TenureDay                  as_of);
/* Latest churn day on or before @as_of, TENURE_DAY_NONE when none. */
TenureDay   tenure_ledger_account_churned_on     (const TenureLedgerAccount *account,
                                                  TenureDay                  as_of);
/* Day lists under the ledger's rule, clipped to @as_of (TENURE_DAY_OPEN for
 * everything): originations (0 or 1 day), reactivations, churns. Each
 * returns a new GArray of TenureDay, ascending. */
GArray     *tenure_ledger_account_origination_days  (const TenureLedgerAccount *account,
                                                     TenureDay                  as_of);
GArray     *tenure_ledger_account_reactivation_days (const TenureLedgerAccount *account,
                                                     TenureDay                  as_of);
GArray     *tenure_ledger_account_churn_days        (const TenureLedgerAccount *account,
                                                     TenureDay                  as_of);

/* The spells of @account under any @rule (the ledger's own ones are in
 * account->spells): a new GArray of TenureSpell. */
GArray     *tenure_ledger_account_spells_for_rule   (TenureLedger              *ledger,
                                                     const TenureLedgerAccount *account,
                                                     TenureChurnRule            rule);
gboolean    tenure_ledger_account_active_on_rule    (TenureLedger              *ledger,
                                                     const TenureLedgerAccount *account,
                                                     TenureChurnRule            rule,
                                                     TenureDay                  day);

const char *tenure_churn_rule_to_string (TenureChurnRule  rule);
gboolean    tenure_churn_rule_parse     (const char      *text,
                                         TenureChurnRule *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureLedger, tenure_ledger_unref)

G_END_DECLS
