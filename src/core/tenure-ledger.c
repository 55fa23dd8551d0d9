/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-ledger"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tenure-ledger.h"
#include "tenure-settings.h"

G_DEFINE_QUARK (tenure-ledger-error-quark, tenure_ledger_error)

/* Where each account's slices start in the pools; pointers into the pools are
 * set only once a pool has stopped growing. */
typedef struct
{
  guint mrr;
  guint sub;
  guint deal;
  guint won;
  guint event;
  guint spell;
  guint transition;
} Offsets;

struct _TenureLedger
{
  gatomicrefcount       ref_count;
  GStringChunk         *strings;
  TenureLedgerSettings  settings;
  gboolean              has_subscriptions;

  GArray               *stages;         /* TenureStage */
  GArray               *accounts;       /* TenureLedgerAccount, by id */
  GArray               *offsets;        /* Offsets, parallel to accounts */
  GHashTable           *by_key;         /* key → index + 1 */
  guint                *key_order;      /* account indexes by key */

  GArray               *mrr_points;     /* TenureMrrPoint */
  GArray               *subscriptions;  /* TenureSubscriptionLine */
  GArray               *deals;          /* TenureDeal */
  GArray               *won_days;       /* TenureWonDay */
  GArray               *events;         /* TenureEvent */
  GArray               *spells;         /* TenureSpell */
  GArray               *transitions;    /* TenureTransition */
};

/* Loading */

static const char *
intern (TenureLedger *ledger,
        const char   *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert_const (ledger->strings, text);
}

/* A large pool is written once, page by page, as it is loaded; where the
 * kernel leaves transparent huge pages to madvise, asking for them saves
 * most of the page faults. Only a hint. */
static void
advise_huge_pages (GArray *pool,
                   guint   n_elements)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr data = (guintptr) pool->data;
  guintptr start = (data + huge - 1) & ~(huge - 1);
  guintptr end = (data + (guintptr) n_elements * g_array_get_element_size (pool)) & ~(huge - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

/* Text that is rarely repeated (keys, names): copied, not looked up. */
static const char *
copy_text (TenureLedger *ledger,
           const char   *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert (ledger->strings, text);
}

static gboolean
column_day (sqlite3_stmt  *stmt,
            int            column,
            const char    *table,
            TenureDay     *out,
            GError       **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    {
      *out = TENURE_DAY_NONE;
      return TRUE;
    }
  if (!tenure_day_parse_iso (text, out))
    {
      g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_INVALID_DATA,
                   "Table %s, row %" G_GINT64_FORMAT ": “%s” is not a date (YYYY-MM-DD)",
                   table, (gint64) sqlite3_column_int64 (stmt, 0), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_DATABASE,
                   "Cannot read the workspace: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish (sqlite3       *db,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_DATABASE,
                   "Cannot read the workspace: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Rows come ordered by account id, like the accounts: a cursor that only
 * moves forward finds each row's account. */
static gboolean
advance_to_account (TenureLedger  *ledger,
                    guint         *cursor,
                    gint64         account_id,
                    const char    *table,
                    gint64         row_id,
                    GError       **error)
{
  while (*cursor < ledger->accounts->len &&
         g_array_index (ledger->accounts, TenureLedgerAccount, *cursor).id < account_id)
    (*cursor)++;
  if (*cursor >= ledger->accounts->len ||
      g_array_index (ledger->accounts, TenureLedgerAccount, *cursor).id != account_id)
    {
      g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_INVALID_DATA,
                   "Table %s, row %" G_GINT64_FORMAT ": account %" G_GINT64_FORMAT " does not exist",
                   table, row_id, account_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_stages (TenureLedger  *ledger,
             sqlite3       *db,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db, "SELECT id, name, min_mrr FROM journey_stage ORDER BY position", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureStage stage;

      stage.id = sqlite3_column_int64 (stmt, 0);
      stage.name = intern (ledger, (const char *) sqlite3_column_text (stmt, 1));
      stage.min_mrr = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2);
      g_array_append_val (ledger->stages, stage);
    }
  if (!finish (db, stmt, rc, error))
    return FALSE;

  /* Every lifecycle needs a first stage to enter. */
  if (ledger->stages->len == 0)
    {
      g_autoptr(GArray) specs = tenure_settings_parse_stages (tenure_settings_default ("stages"), NULL);

      for (guint i = 0; specs != NULL && i < specs->len; i++)
        {
          TenureStage stage = { -1 - (gint64) i, NULL, -1 };

          stage.name = intern (ledger, g_array_index (specs, TenureStageSpec, i).name);
          g_array_append_val (ledger->stages, stage);
        }
    }
  return TRUE;
}

static gboolean
load_accounts (TenureLedger  *ledger,
               sqlite3       *db,
               GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db, "SELECT id, key, name, segment, owner, type, region, referenceable, end_date "
                    "FROM account ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureLedgerAccount account = { 0 };
      Offsets offsets = { 0 };

      account.id = sqlite3_column_int64 (stmt, 0);
      account.key = copy_text (ledger, (const char *) sqlite3_column_text (stmt, 1));
      account.name = copy_text (ledger, (const char *) sqlite3_column_text (stmt, 2));
      account.segment = intern (ledger, (const char *) sqlite3_column_text (stmt, 3));
      account.owner = intern (ledger, (const char *) sqlite3_column_text (stmt, 4));
      account.type = sqlite3_column_int (stmt, 5);
      account.region = intern (ledger, (const char *) sqlite3_column_text (stmt, 6));
      account.referenceable = sqlite3_column_int (stmt, 7) != 0;
      if (!column_day (stmt, 8, "account", &account.end_date, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      account.first_sale_day = TENURE_DAY_NONE;
      account.first_paying_day = TENURE_DAY_NONE;
      g_hash_table_insert (ledger->by_key, (gpointer) account.key,
                           GUINT_TO_POINTER (ledger->accounts->len + 1));
      g_array_append_val (ledger->accounts, account);
      g_array_append_val (ledger->offsets, offsets);
    }
  return finish (db, stmt, rc, error);
}

#define ACCOUNT(ledger, i) (&g_array_index ((ledger)->accounts, TenureLedgerAccount, (i)))
#define OFFSETS(ledger, i) (&g_array_index ((ledger)->offsets, Offsets, (i)))

static gboolean
load_subscriptions (TenureLedger  *ledger,
                    sqlite3       *db,
                    GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  guint cursor = 0;
  int rc;

  if (!prepare (db, "SELECT id, account_id, starts_on, ends_on, mrr, seats, seats_assigned, plan "
                    "FROM subscription ORDER BY account_id, starts_on, id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureSubscriptionLine line;
      TenureLedgerAccount *account;

      line.id = sqlite3_column_int64 (stmt, 0);
      if (!advance_to_account (ledger, &cursor, sqlite3_column_int64 (stmt, 1), "subscription",
                               line.id, error) ||
          !column_day (stmt, 2, "subscription", &line.starts_on, error) ||
          !column_day (stmt, 3, "subscription", &line.ends_on, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (line.starts_on == TENURE_DAY_NONE)
        {
          sqlite3_finalize (stmt);
          g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_INVALID_DATA,
                       "Table subscription, row %" G_GINT64_FORMAT ": no start date", line.id);
          return FALSE;
        }
      if (line.ends_on == TENURE_DAY_NONE)
        line.ends_on = TENURE_DAY_OPEN;
      line.mrr = sqlite3_column_int64 (stmt, 4);
      line.seats = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
      line.seats_assigned = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 6);
      line.plan = intern (ledger, (const char *) sqlite3_column_text (stmt, 7));

      account = ACCOUNT (ledger, cursor);
      if (account->n_subscriptions == 0)
        OFFSETS (ledger, cursor)->sub = ledger->subscriptions->len;
      account->n_subscriptions++;
      g_array_append_val (ledger->subscriptions, line);
      ledger->has_subscriptions = TRUE;
    }
  return finish (db, stmt, rc, error);
}

static TenureDealStatus
parse_status (const char *text)
{
  if (g_strcmp0 (text, "won") == 0)
    return TENURE_DEAL_WON;
  if (g_strcmp0 (text, "lost") == 0)
    return TENURE_DEAL_LOST;
  return TENURE_DEAL_OPEN;
}

static TenureDealKind
parse_deal_kind (const char *text)
{
  static const char *const names[] = { "new", "upsell", "cross_sell", "renewal", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return (TenureDealKind) i;
  return TENURE_DEAL_KIND_OTHER;
}

/* Deals in the order the ledger keeps them within an account: by closed_on,
 * unclosed last, then by id. */
static int
compare_deals (const void *a,
               const void *b)
{
  const TenureDeal *da = a, *db = b;
  guint ka = da->closed_on == TENURE_DAY_NONE, kb = db->closed_on == TENURE_DAY_NONE;

  if (ka != kb)
    return ka < kb ? -1 : 1;
  if (da->closed_on != db->closed_on)
    return da->closed_on < db->closed_on ? -1 : 1;
  return (da->id > db->id) - (da->id < db->id);
}

static void
sort_deals (TenureDeal *deals,
            guint       n)
{
  /* Rows arrive in id order, which is mostly closing order: insertion sort
   * is linear on them, and accounts rarely hold many deals. */
  if (n > 32)
    {
      qsort (deals, n, sizeof *deals, compare_deals);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      TenureDeal deal = deals[i];
      guint j = i;

      for (; j > 0 && compare_deals (&deals[j - 1], &deal) > 0; j--)
        deals[j] = deals[j - 1];
      deals[j] = deal;
    }
}

/* Where account @id is among the accounts (which are in id order), or
 * G_MAXUINT when there is none. */
static guint
find_account (TenureLedger *ledger,
              gint64        id)
{
  guint lo = 0, hi = ledger->accounts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = ACCOUNT (ledger, mid)->id;

      if (mid_id == id)
        return mid;
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return G_MAXUINT;
}

/* Deals are the largest table: rather than have SQLite sort them, one
 * index-only pass counts each account's deals, and one pass over the table
 * in storage order puts every deal straight into its account's slice, which
 * is then sorted by closing day. */
static gboolean
load_deals (TenureLedger  *ledger,
            sqlite3       *db,
            GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree guint *next = NULL;
  guint cursor = 0, total = 0, index = G_MAXUINT;
  const char *last_source = NULL;
  int rc;

  /* Each account's slice, from the index on (account_id, closed_on). */
  next = g_new0 (guint, ledger->accounts->len + 1);
  if (!prepare (db, "SELECT account_id, count(*) FROM deal GROUP BY account_id ORDER BY account_id",
                &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account_id = sqlite3_column_int64 (stmt, 0);
      guint count = (guint) sqlite3_column_int64 (stmt, 1);

      /* A deal of a missing account is named by the pass below. */
      while (cursor < ledger->accounts->len && ACCOUNT (ledger, cursor)->id < account_id)
        cursor++;
      if (cursor >= ledger->accounts->len || ACCOUNT (ledger, cursor)->id != account_id)
        continue;
      ACCOUNT (ledger, cursor)->n_deals = count;
      OFFSETS (ledger, cursor)->deal = total;
      next[cursor] = total;
      total += count;
    }
  if (!finish (db, stmt, rc, error))
    return FALSE;
  g_array_set_size (ledger->deals, total);
  advise_huge_pages (ledger->deals, total);

  if (!prepare (db, "SELECT id, account_id, created_on, closed_on, status, amount, kind, source "
                    "FROM deal", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureDeal deal;
      gint64 account_id;
      const char *source;

      deal.id = sqlite3_column_int64 (stmt, 0);
      account_id = sqlite3_column_int64 (stmt, 1);
      /* One account's deals are often stored together. */
      if (index >= ledger->accounts->len || ACCOUNT (ledger, index)->id != account_id)
        index = find_account (ledger, account_id);
      /* The counts above come from the same read transaction, so a slice
       * can only be full when the file lies about its own rows. */
      if (index == G_MAXUINT ||
          next[index] >= OFFSETS (ledger, index)->deal + ACCOUNT (ledger, index)->n_deals)
        {
          sqlite3_finalize (stmt);
          g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_INVALID_DATA,
                       "Table deal, row %" G_GINT64_FORMAT ": account %" G_GINT64_FORMAT " does not exist",
                       deal.id, account_id);
          return FALSE;
        }
      if (!column_day (stmt, 2, "deal", &deal.created_on, error) ||
          !column_day (stmt, 3, "deal", &deal.closed_on, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      deal.status = parse_status ((const char *) sqlite3_column_text (stmt, 4));
      deal.amount = sqlite3_column_int64 (stmt, 5);
      deal.kind = parse_deal_kind ((const char *) sqlite3_column_text (stmt, 6));
      source = (const char *) sqlite3_column_text (stmt, 7);
      /* Few sources, mostly repeated from one row to the next. */
      if (source == NULL)
        deal.source = NULL;
      else if (last_source == NULL || strcmp (source, last_source) != 0)
        deal.source = last_source = intern (ledger, source);
      else
        deal.source = last_source;
      /* A won deal without a date cannot be placed in time (the schema
       * forbids it; a hand-edited file might not). */
      if (deal.status == TENURE_DEAL_WON && deal.closed_on == TENURE_DAY_NONE)
        deal.status = TENURE_DEAL_OPEN;

      g_array_index (ledger->deals, TenureDeal, next[index]++) = deal;
    }
  if (!finish (db, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < ledger->accounts->len; i++)
    {
      const TenureLedgerAccount *account = ACCOUNT (ledger, i);

      if (account->n_deals == 0)
        continue;
      if (next[i] != OFFSETS (ledger, i)->deal + account->n_deals)
        {
          g_set_error (error, TENURE_LEDGER_ERROR, TENURE_LEDGER_ERROR_DATABASE,
                       "Cannot read the workspace: the deals of account %" G_GINT64_FORMAT
                       " changed while they were read", account->id);
          return FALSE;
        }
      sort_deals (&g_array_index (ledger->deals, TenureDeal, OFFSETS (ledger, i)->deal), account->n_deals);
    }
  return TRUE;
}

static TenureEventKind
parse_event_kind (const char *text)
{
  static const char *const names[] = { "originated", "upgraded", "downgraded", "churned", "reactivated" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return (TenureEventKind) i;
  return TENURE_EVENT_UPGRADED;
}

static int
stage_index_of_id (TenureLedger *ledger,
                   gint64        id)
{
  for (guint i = 0; i < ledger->stages->len; i++)
    if (g_array_index (ledger->stages, TenureStage, i).id == id)
      return (int) i;
  return -1;
}

static gboolean
load_events (TenureLedger  *ledger,
             sqlite3       *db,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  guint cursor = 0;
  int rc;

  if (!prepare (db, "SELECT id, account_id, occurred_on, kind, stage_id "
                    "FROM event ORDER BY account_id, occurred_on, id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureEvent event;
      TenureLedgerAccount *account;

      event.id = sqlite3_column_int64 (stmt, 0);
      if (!advance_to_account (ledger, &cursor, sqlite3_column_int64 (stmt, 1), "event", event.id, error) ||
          !column_day (stmt, 2, "event", &event.day, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      event.kind = parse_event_kind ((const char *) sqlite3_column_text (stmt, 3));
      event.stage = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                    ? -1 : stage_index_of_id (ledger, sqlite3_column_int64 (stmt, 4));

      account = ACCOUNT (ledger, cursor);
      if (account->n_events == 0)
        OFFSETS (ledger, cursor)->event = ledger->events->len;
      account->n_events++;
      g_array_append_val (ledger->events, event);
    }
  return finish (db, stmt, rc, error);
}

/* Timelines */

typedef struct
{
  TenureDay day;
  gint64    delta;
} Change;

static int
compare_changes (const void *a,
                 const void *b)
{
  const Change *ca = a, *cb = b;

  return (ca->day > cb->day) - (ca->day < cb->day);
}

static void
build_mrr_points (TenureLedger *ledger,
                  guint         index,
                  GArray       *scratch)
{
  TenureLedgerAccount *account = ACCOUNT (ledger, index);
  const TenureSubscriptionLine *lines;
  gint64 mrr = 0;

  OFFSETS (ledger, index)->mrr = ledger->mrr_points->len;
  if (account->n_subscriptions == 0)
    return;

  lines = &g_array_index (ledger->subscriptions, TenureSubscriptionLine, OFFSETS (ledger, index)->sub);
  g_array_set_size (scratch, 0);
  for (guint i = 0; i < account->n_subscriptions; i++)
    {
      Change start = { lines[i].starts_on, lines[i].mrr };
      Change end = { lines[i].ends_on, -lines[i].mrr };

      /* A line that ends the day it starts is active on no day. */
      if (lines[i].mrr == 0 || lines[i].ends_on <= lines[i].starts_on)
        continue;
      g_array_append_val (scratch, start);
      if (lines[i].ends_on != TENURE_DAY_OPEN)
        g_array_append_val (scratch, end);
    }
  /* qsort (NULL, 0, …) is undefined behaviour (UBSan): an empty array has
   * no data. */
  if (scratch->len > 1)
    qsort (scratch->data, scratch->len, sizeof (Change), compare_changes);

  for (guint i = 0; i < scratch->len;)
    {
      TenureDay day = g_array_index (scratch, Change, i).day;
      gint64 before = mrr;

      for (; i < scratch->len && g_array_index (scratch, Change, i).day == day; i++)
        mrr += g_array_index (scratch, Change, i).delta;
      if (mrr != before)
        {
          TenureMrrPoint point = { day, mrr };

          g_array_append_val (ledger->mrr_points, point);
          account->n_mrr_points++;
          if (mrr > 0 && account->first_paying_day == TENURE_DAY_NONE)
            account->first_paying_day = day;
        }
    }
}

static void
build_won_days (TenureLedger *ledger,
                guint         index)
{
  TenureLedgerAccount *account = ACCOUNT (ledger, index);
  const TenureDeal *deals = &g_array_index (ledger->deals, TenureDeal, OFFSETS (ledger, index)->deal);

  OFFSETS (ledger, index)->won = ledger->won_days->len;
  for (guint i = 0; i < account->n_deals; i++)
    {
      if (deals[i].status != TENURE_DEAL_WON)
        continue;
      /* Deals come sorted by closed_on, so one day's deals are adjacent. */
      if (account->n_won_days > 0 &&
          g_array_index (ledger->won_days, TenureWonDay, ledger->won_days->len - 1).day == deals[i].closed_on)
        g_array_index (ledger->won_days, TenureWonDay, ledger->won_days->len - 1).amount += deals[i].amount;
      else
        {
          TenureWonDay won = { deals[i].closed_on, deals[i].amount };

          g_array_append_val (ledger->won_days, won);
          account->n_won_days++;
        }
    }
  if (account->n_won_days > 0)
    {
      const TenureWonDay *first = &g_array_index (ledger->won_days, TenureWonDay, OFFSETS (ledger, index)->won);

      account->first_sale_day = first->day;
      account->first_sale_amount = first->amount;
    }
}

/* Lifecycles. The account's own arrays may still point into growing pools,
 * so these helpers take explicit slices. */

typedef struct
{
  const TenureMrrPoint         *points;
  guint                         n_points;
  const TenureSubscriptionLine *lines;
  guint                         n_lines;
  const TenureWonDay           *won;
  guint                         n_won;
  const TenureEvent            *events;
  guint                         n_events;
} Slices;

static void
account_slices (TenureLedger *ledger,
                guint         index,
                Slices       *s)
{
  const TenureLedgerAccount *account = ACCOUNT (ledger, index);
  const Offsets *o = OFFSETS (ledger, index);

  s->n_points = account->n_mrr_points;
  s->points = s->n_points ? &g_array_index (ledger->mrr_points, TenureMrrPoint, o->mrr) : NULL;
  s->n_lines = account->n_subscriptions;
  s->lines = s->n_lines ? &g_array_index (ledger->subscriptions, TenureSubscriptionLine, o->sub) : NULL;
  s->n_won = account->n_won_days;
  s->won = s->n_won ? &g_array_index (ledger->won_days, TenureWonDay, o->won) : NULL;
  s->n_events = account->n_events;
  s->events = s->n_events ? &g_array_index (ledger->events, TenureEvent, o->event) : NULL;
}

static void
push_spell (GArray    *spells,
            TenureDay  start,
            TenureDay  end)
{
  TenureSpell spell = { start, end };

  g_array_append_val (spells, spell);
}

/* contract: active while MRR > 0. */
static void
spells_contract (const Slices *s,
                 GArray       *spells)
{
  TenureDay start = TENURE_DAY_NONE;

  for (guint i = 0; i < s->n_points; i++)
    {
      if (s->points[i].mrr > 0 && start == TENURE_DAY_NONE)
        start = s->points[i].day;
      else if (s->points[i].mrr == 0 && start != TENURE_DAY_NONE)
        {
          push_spell (spells, start, s->points[i].day);
          start = TENURE_DAY_NONE;
        }
    }
  if (start != TENURE_DAY_NONE)
    push_spell (spells, start, TENURE_DAY_OPEN);
}

/* inactivity: each won deal keeps the account active on closed_on … closed_on
 * + N - 1; overlapping or touching stretches are one spell. */
static void
spells_inactivity (const Slices *s,
                   gint64        n_days,
                   GArray       *spells)
{
  TenureDay start = TENURE_DAY_NONE, end = TENURE_DAY_NONE;

  for (guint i = 0; i < s->n_won; i++)
    {
      TenureDay day = s->won[i].day;
      TenureDay until = (TenureDay) MIN ((gint64) day + n_days, (gint64) TENURE_DAY_OPEN - 1);

      if (start != TENURE_DAY_NONE && day <= end)
        end = MAX (end, until);
      else
        {
          if (start != TENURE_DAY_NONE)
            push_spell (spells, start, end);
          start = day;
          end = until;
        }
    }
  if (start != TENURE_DAY_NONE)
    push_spell (spells, start, end);
}

typedef enum
{
  /* Sorted in this order within a day: activity comes before a churn of the
   * same day, so a churn on the day of a deal or start is a churn after it,
   * and that activity does not reactivate (it is not strictly after). */
  TRIGGER_ACTIVITY,
  TRIGGER_ORIGINATED,
  TRIGGER_REACTIVATED,
  TRIGGER_CHURNED,
} TriggerKind;

typedef struct
{
  TenureDay   day;
  TriggerKind kind;
} Trigger;

static int
compare_triggers (const void *a,
                  const void *b)
{
  const Trigger *ta = a, *tb = b;

  if (ta->day != tb->day)
    return (ta->day > tb->day) - (ta->day < tb->day);
  return (int) ta->kind - (int) tb->kind;
}

static void
push_trigger (GArray      *triggers,
              TenureDay    day,
              TriggerKind  kind)
{
  Trigger t = { day, kind };

  g_array_append_val (triggers, t);
}

/* explicit: churned events end the active state; won deals, subscription
 * starts and originated events originate; reactivated events, won deals and
 * subscription starts strictly after the latest churn reactivate. */
static void
spells_explicit (const Slices *s,
                 GArray       *spells,
                 GArray       *triggers)
{
  enum { NEVER, ACTIVE, CHURNED } state = NEVER;
  TenureDay start = TENURE_DAY_NONE, churned = TENURE_DAY_NONE;

  g_array_set_size (triggers, 0);
  for (guint i = 0; i < s->n_won; i++)
    push_trigger (triggers, s->won[i].day, TRIGGER_ACTIVITY);
  for (guint i = 0; i < s->n_lines; i++)
    push_trigger (triggers, s->lines[i].starts_on, TRIGGER_ACTIVITY);
  for (guint i = 0; i < s->n_events; i++)
    {
      switch (s->events[i].kind)
        {
        case TENURE_EVENT_ORIGINATED:
          push_trigger (triggers, s->events[i].day, TRIGGER_ORIGINATED);
          break;
        case TENURE_EVENT_REACTIVATED:
          push_trigger (triggers, s->events[i].day, TRIGGER_REACTIVATED);
          break;
        case TENURE_EVENT_CHURNED:
          push_trigger (triggers, s->events[i].day, TRIGGER_CHURNED);
          break;
        case TENURE_EVENT_UPGRADED:
        case TENURE_EVENT_DOWNGRADED:
        default:
          break;
        }
    }
  if (triggers->len == 0)
    return;
  qsort (triggers->data, triggers->len, sizeof (Trigger), compare_triggers);

  for (guint i = 0; i < triggers->len; i++)
    {
      const Trigger *t = &g_array_index (triggers, Trigger, i);

      switch (t->kind)
        {
        case TRIGGER_ACTIVITY:
        case TRIGGER_ORIGINATED:
        case TRIGGER_REACTIVATED:
          /* A reactivated event cannot originate; an originated event
           * cannot reactivate (METRICS.md lists neither). */
          if (state == NEVER && t->kind != TRIGGER_REACTIVATED)
            {
              state = ACTIVE;
              start = t->day;
            }
          else if (state == CHURNED && t->kind != TRIGGER_ORIGINATED && t->day > churned)
            {
              state = ACTIVE;
              start = t->day;
            }
          break;
        case TRIGGER_CHURNED:
          /* A churned event while not active changes nothing. */
          if (state == ACTIVE)
            {
              push_spell (spells, start, t->day);
              state = CHURNED;
              churned = t->day;
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (state == ACTIVE)
    push_spell (spells, start, TENURE_DAY_OPEN);
}

static void
compute_spells (TenureLedger    *ledger,
                const Slices    *s,
                TenureChurnRule  rule,
                GArray          *spells,
                GArray          *scratch)
{
  switch (rule)
    {
    case TENURE_CHURN_RULE_CONTRACT:
      spells_contract (s, spells);
      break;
    case TENURE_CHURN_RULE_INACTIVITY:
      spells_inactivity (s, ledger->settings.inactivity_days, spells);
      break;
    case TENURE_CHURN_RULE_EXPLICIT:
      spells_explicit (s, spells, scratch);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gint64
slice_mrr_on (const TenureMrrPoint *points,
              guint                 n,
              TenureDay             day)
{
  guint lo = 0, hi = n;

  /* The last point dated on or before @day. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (points[mid].day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? 0 : points[lo - 1].mrr;
}

static int
band_stage (TenureLedger *ledger,
            gint64        mrr)
{
  int stage = 0;

  /* The highest stage whose bound the MRR reaches; stages without a bound
   * are never reached by MRR, and the first stage is the floor. */
  for (guint i = 0; i < ledger->stages->len; i++)
    {
      gint64 bound = g_array_index (ledger->stages, TenureStage, i).min_mrr;

      if (bound >= 0 && mrr >= bound)
        stage = (int) i;
    }
  return stage;
}

static void
push_transition (GArray    *transitions,
                 TenureDay  day,
                 int        from,
                 int        to)
{
  TenureTransition t = { day, (gint16) from, (gint16) to };

  g_array_append_val (transitions, t);
}

static void
compute_transitions (TenureLedger      *ledger,
                     const Slices      *s,
                     const TenureSpell *spells,
                     guint              n_spells,
                     GArray            *transitions)
{
  int n_stages = (int) ledger->stages->len;
  gboolean bands = ledger->settings.stage_source == TENURE_STAGE_SOURCE_MRR_BANDS;
  guint e = 0, p = 0;

  for (guint k = 0; k < n_spells; k++)
    {
      TenureDay start = spells[k].start, end = spells[k].end;
      int stage = bands ? band_stage (ledger, slice_mrr_on (s->points, s->n_points, start)) : 0;

      push_transition (transitions, start, TENURE_STAGE_OUTSIDE, stage);
      if (bands)
        {
          while (p < s->n_points && s->points[p].day <= start)
            p++;
          for (; p < s->n_points && s->points[p].day < end; p++)
            {
              int next = band_stage (ledger, s->points[p].mrr);

              if (next != stage)
                {
                  push_transition (transitions, s->points[p].day, stage, next);
                  stage = next;
                }
            }
        }
      else
        {
          /* Stage events count only while the account is active. */
          while (e < s->n_events && s->events[e].day < start)
            e++;
          for (; e < s->n_events && s->events[e].day < end; e++)
            {
              const TenureEvent *ev = &s->events[e];
              int next = stage;

              if (ev->kind == TENURE_EVENT_UPGRADED)
                next = ev->stage >= 0 ? ev->stage : MIN (stage + 1, n_stages - 1);
              else if (ev->kind == TENURE_EVENT_DOWNGRADED)
                next = ev->stage >= 0 ? ev->stage : MAX (stage - 1, 0);
              if (next != stage)
                {
                  push_transition (transitions, ev->day, stage, next);
                  stage = next;
                }
            }
        }
      if (end != TENURE_DAY_OPEN)
        push_transition (transitions, end, stage, TENURE_STAGE_OUTSIDE);
    }
}

static void
fix_pointers (TenureLedger *ledger)
{
  for (guint i = 0; i < ledger->accounts->len; i++)
    {
      TenureLedgerAccount *a = ACCOUNT (ledger, i);
      const Offsets *o = OFFSETS (ledger, i);

#define SLICE(field, n, pool, type, off) \
      a->field = a->n ? &g_array_index (ledger->pool, type, o->off) : NULL
      SLICE (mrr_points, n_mrr_points, mrr_points, TenureMrrPoint, mrr);
      SLICE (subscriptions, n_subscriptions, subscriptions, TenureSubscriptionLine, sub);
      SLICE (deals, n_deals, deals, TenureDeal, deal);
      SLICE (won_days, n_won_days, won_days, TenureWonDay, won);
      SLICE (events, n_events, events, TenureEvent, event);
      SLICE (spells, n_spells, spells, TenureSpell, spell);
      SLICE (transitions, n_transitions, transitions, TenureTransition, transition);
#undef SLICE
    }
}

static void
build_lifecycles (TenureLedger *ledger)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Trigger));

  g_array_set_size (ledger->spells, 0);
  g_array_set_size (ledger->transitions, 0);
  for (guint i = 0; i < ledger->accounts->len; i++)
    {
      TenureLedgerAccount *account = ACCOUNT (ledger, i);
      Offsets *o = OFFSETS (ledger, i);
      Slices s;

      account_slices (ledger, i, &s);
      o->spell = ledger->spells->len;
      compute_spells (ledger, &s, ledger->settings.churn_rule, ledger->spells, scratch);
      account->n_spells = ledger->spells->len - o->spell;

      o->transition = ledger->transitions->len;
      compute_transitions (ledger, &s,
                           account->n_spells ? &g_array_index (ledger->spells, TenureSpell, o->spell) : NULL,
                           account->n_spells, ledger->transitions);
      account->n_transitions = ledger->transitions->len - o->transition;
    }
  fix_pointers (ledger);
}

static void
read_settings (TenureLedger *ledger,
               sqlite3      *db)
{
  TenureLedgerSettings *s = &ledger->settings;
  g_autofree char *currency = tenure_settings_read (db, "currency");
  g_autofree char *rule = tenure_settings_read (db, "churn-rule");
  g_autofree char *source = tenure_settings_read (db, "stage-source");

  s->currency = intern (ledger, currency);
  s->churn_rule_auto = !tenure_churn_rule_parse (rule, &s->churn_rule);
  s->inactivity_days = tenure_settings_read_int (db, "inactivity-days");
  s->fiscal_year_start = (int) tenure_settings_read_int (db, "fiscal-year-start");
  s->gross_margin = tenure_settings_read_double (db, "gross-margin");
  s->discount_rate = tenure_settings_read_double (db, "discount-rate");
  s->value_horizon = tenure_settings_read_int (db, "value-horizon");
  s->quick_ratio_benchmark = tenure_settings_read_double (db, "quick-ratio-benchmark");
  s->quick_ratio_reactivation = tenure_settings_read_bool (db, "quick-ratio-reactivation");
  s->score_flag_threshold = tenure_settings_read_double (db, "score-flag-threshold");
  s->utilisation_threshold = tenure_settings_read_double (db, "utilisation-threshold");
  s->interaction_gap_days = tenure_settings_read_int (db, "interaction-gap-days");
  s->stage_source = g_strcmp0 (source, "mrr-bands") == 0
                    ? TENURE_STAGE_SOURCE_MRR_BANDS : TENURE_STAGE_SOURCE_EVENTS;
  if (s->inactivity_days < 1)
    s->inactivity_days = 365;
  if (s->fiscal_year_start < 1 || s->fiscal_year_start > 12)
    s->fiscal_year_start = 1;
}

/* How many accounts, subscription lines and events there are, from the
 * smallest index of each: the pools are allocated once. Only a hint; 0 when
 * it cannot be read (the load itself then reports why). */
static void
count_rows (sqlite3 *db,
            guint    counts[3])
{
  sqlite3_stmt *stmt = NULL;

  counts[0] = counts[1] = counts[2] = 0;
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM account), (SELECT count(*) FROM subscription), "
                          "(SELECT count(*) FROM event)", -1, &stmt, NULL) != SQLITE_OK)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 3; i++)
      counts[i] = (guint) CLAMP (sqlite3_column_int64 (stmt, i), 0, G_MAXUINT / 2);
  sqlite3_finalize (stmt);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  TenureLedger *ledger = user_data;

  return strcmp (ACCOUNT (ledger, *(const guint *) a)->key, ACCOUNT (ledger, *(const guint *) b)->key);
}

static void
sort_by_key (TenureLedger *ledger)
{
  ledger->key_order = g_new (guint, MAX (ledger->accounts->len, 1));
  for (guint i = 0; i < ledger->accounts->len; i++)
    ledger->key_order[i] = i;
  g_qsort_with_data (ledger->key_order, ledger->accounts->len, sizeof (guint), compare_keys, ledger);
}

/**
 * tenure_ledger_load:
 * @db: an open workspace connection
 * @error: return location for a #GError, or %NULL
 *
 * Reads the whole workspace into a ledger: one query per table, rows in
 * account order, so loading is linear in the size of the workspace. The
 * churn rule `auto` is resolved here: `contract` when the workspace has any
 * subscription, else `inactivity`.
 *
 * Returns: (transfer full) (nullable): the ledger, or %NULL with @error set
 */
TenureLedger *
tenure_ledger_load (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(GArray) scratch = NULL;
  guint counts[3];

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ledger = g_new0 (TenureLedger, 1);
  g_atomic_ref_count_init (&ledger->ref_count);
  ledger->strings = g_string_chunk_new (4096);
  count_rows (db, counts);
  ledger->stages = g_array_new (FALSE, TRUE, sizeof (TenureStage));
  ledger->accounts = g_array_sized_new (FALSE, TRUE, sizeof (TenureLedgerAccount), counts[0]);
  ledger->offsets = g_array_sized_new (FALSE, TRUE, sizeof (Offsets), counts[0]);
  ledger->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  ledger->mrr_points = g_array_new (FALSE, FALSE, sizeof (TenureMrrPoint));
  ledger->subscriptions = g_array_sized_new (FALSE, FALSE, sizeof (TenureSubscriptionLine), counts[1]);
  ledger->deals = g_array_new (FALSE, FALSE, sizeof (TenureDeal));
  ledger->won_days = g_array_new (FALSE, FALSE, sizeof (TenureWonDay));
  ledger->events = g_array_sized_new (FALSE, FALSE, sizeof (TenureEvent), counts[2]);
  advise_huge_pages (ledger->accounts, counts[0]);
  advise_huge_pages (ledger->subscriptions, counts[1]);
  ledger->spells = g_array_new (FALSE, FALSE, sizeof (TenureSpell));
  ledger->transitions = g_array_new (FALSE, FALSE, sizeof (TenureTransition));

  read_settings (ledger, db);
  if (!load_stages (ledger, db, error) ||
      !load_accounts (ledger, db, error) ||
      !load_subscriptions (ledger, db, error) ||
      !load_deals (ledger, db, error) ||
      !load_events (ledger, db, error))
    return NULL;

  if (ledger->settings.churn_rule_auto)
    ledger->settings.churn_rule = ledger->has_subscriptions
                                  ? TENURE_CHURN_RULE_CONTRACT : TENURE_CHURN_RULE_INACTIVITY;

  scratch = g_array_new (FALSE, FALSE, sizeof (Change));
  for (guint i = 0; i < ledger->accounts->len; i++)
    {
      build_mrr_points (ledger, i, scratch);
      build_won_days (ledger, i);
    }
  build_lifecycles (ledger);
  sort_by_key (ledger);
  return g_steal_pointer (&ledger);
}

/**
 * tenure_ledger_ref:
 * @ledger: a ledger
 *
 * Returns: (transfer full): @ledger with one more reference
 */
TenureLedger *
tenure_ledger_ref (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);

  g_atomic_ref_count_inc (&ledger->ref_count);
  return ledger;
}

/**
 * tenure_ledger_unref:
 * @ledger: (transfer full): a ledger
 *
 * Drops a reference; the last one frees the ledger.
 */
void
tenure_ledger_unref (TenureLedger *ledger)
{
  g_return_if_fail (ledger != NULL);

  if (!g_atomic_ref_count_dec (&ledger->ref_count))
    return;
  g_string_chunk_free (ledger->strings);
  g_array_unref (ledger->stages);
  g_array_unref (ledger->accounts);
  g_array_unref (ledger->offsets);
  g_hash_table_unref (ledger->by_key);
  g_free (ledger->key_order);
  g_array_unref (ledger->mrr_points);
  g_array_unref (ledger->subscriptions);
  g_array_unref (ledger->deals);
  g_array_unref (ledger->won_days);
  g_array_unref (ledger->events);
  g_array_unref (ledger->spells);
  g_array_unref (ledger->transitions);
  g_free (ledger);
}

/**
 * tenure_ledger_settings:
 * @ledger: a ledger
 *
 * Returns: (transfer none): the settings read at load, with the churn rule resolved
 */
const TenureLedgerSettings *
tenure_ledger_settings (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);

  return &ledger->settings;
}

/**
 * tenure_ledger_churn_rule:
 * @ledger: a ledger
 *
 * Returns: the churn rule the lifecycles follow (never `auto`)
 */
TenureChurnRule
tenure_ledger_churn_rule (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, TENURE_CHURN_RULE_CONTRACT);

  return ledger->settings.churn_rule;
}

/**
 * tenure_ledger_set_churn_rule:
 * @ledger: a ledger
 * @rule: the rule to follow
 *
 * Recomputes every account's spells and transitions under @rule. Pointers
 * to spells and transitions taken before are invalid afterwards.
 */
void
tenure_ledger_set_churn_rule (TenureLedger    *ledger,
                              TenureChurnRule  rule)
{
  g_return_if_fail (ledger != NULL);
  g_return_if_fail (rule <= TENURE_CHURN_RULE_EXPLICIT);

  ledger->settings.churn_rule = rule;
  ledger->settings.churn_rule_auto = FALSE;
  build_lifecycles (ledger);
}

/**
 * tenure_ledger_has_subscriptions:
 * @ledger: a ledger
 *
 * Returns: whether the workspace has any subscription line
 */
gboolean
tenure_ledger_has_subscriptions (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, FALSE);

  return ledger->has_subscriptions;
}

/**
 * tenure_ledger_n_stages:
 * @ledger: a ledger
 *
 * Returns: the number of journey stages (at least one)
 */
guint
tenure_ledger_n_stages (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, 0);

  return ledger->stages->len;
}

/**
 * tenure_ledger_stage:
 * @ledger: a ledger
 * @index: a stage index, below tenure_ledger_n_stages()
 *
 * Returns: (transfer none): the stage
 */
const TenureStage *
tenure_ledger_stage (TenureLedger *ledger,
                     guint         index)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (index < ledger->stages->len, NULL);

  return &g_array_index (ledger->stages, TenureStage, index);
}

/**
 * tenure_ledger_n_accounts:
 * @ledger: a ledger
 *
 * Returns: the number of accounts
 */
guint
tenure_ledger_n_accounts (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, 0);

  return ledger->accounts->len;
}

/**
 * tenure_ledger_account:
 * @ledger: a ledger
 * @index: below tenure_ledger_n_accounts()
 *
 * Returns: (transfer none): the account at @index (accounts are ordered by id)
 */
const TenureLedgerAccount *
tenure_ledger_account (TenureLedger *ledger,
                       guint         index)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (index < ledger->accounts->len, NULL);

  return ACCOUNT (ledger, index);
}

/**
 * tenure_ledger_lookup_id:
 * @ledger: a ledger
 * @id: an account.id
 *
 * Returns: (transfer none) (nullable): the account, or %NULL
 */
const TenureLedgerAccount *
tenure_ledger_lookup_id (TenureLedger *ledger,
                         gint64        id)
{
  guint index;

  g_return_val_if_fail (ledger != NULL, NULL);

  index = find_account (ledger, id);
  return index != G_MAXUINT ? ACCOUNT (ledger, index) : NULL;
}

/**
 * tenure_ledger_lookup_key:
 * @ledger: a ledger
 * @key: an account key
 *
 * Returns: (transfer none) (nullable): the account, or %NULL
 */
const TenureLedgerAccount *
tenure_ledger_lookup_key (TenureLedger *ledger,
                          const char   *key)
{
  guint index;

  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (ledger->by_key, key));
  return index == 0 ? NULL : ACCOUNT (ledger, index - 1);
}

/**
 * tenure_ledger_account_index:
 * @ledger: a ledger
 * @account: one of its accounts
 *
 * Returns: the index of @account
 */
guint
tenure_ledger_account_index (TenureLedger              *ledger,
                             const TenureLedgerAccount *account)
{
  g_return_val_if_fail (ledger != NULL, 0);
  g_return_val_if_fail (account >= ACCOUNT (ledger, 0) &&
                        account < ACCOUNT (ledger, 0) + ledger->accounts->len, 0);

  return (guint) (account - ACCOUNT (ledger, 0));
}

/**
 * tenure_ledger_index_of_id:
 * @ledger: a ledger
 * @id: an account's row id
 *
 * Where the account with @id is among tenure_ledger_account()'s indexes:
 * the index of its entry in figures kept in ledger order.
 *
 * Returns: the index, or %G_MAXUINT when there is no such account
 */
guint
tenure_ledger_index_of_id (TenureLedger *ledger,
                           gint64        id)
{
  g_return_val_if_fail (ledger != NULL, G_MAXUINT);

  return find_account (ledger, id);
}

/**
 * tenure_ledger_key_order:
 * @ledger: a ledger
 *
 * The accounts in the order of their keys (byte order, as strcmp()), the
 * order in which listings and JSON name them.
 *
 * Returns: (transfer none) (array): tenure_ledger_n_accounts() indexes
 */
const guint *
tenure_ledger_key_order (TenureLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);

  return ledger->key_order;
}

/**
 * tenure_ledger_first_day:
 * @ledger: a ledger
 *
 * Returns: the earliest subscription start, won deal or origination, or
 *   %TENURE_DAY_NONE
 */
TenureDay
tenure_ledger_first_day (TenureLedger *ledger)
{
  TenureDay first = TENURE_DAY_OPEN;

  g_return_val_if_fail (ledger != NULL, TENURE_DAY_NONE);

  for (guint i = 0; i < ledger->accounts->len; i++)
    {
      const TenureLedgerAccount *a = ACCOUNT (ledger, i);

      if (a->n_subscriptions > 0)
        first = MIN (first, a->subscriptions[0].starts_on);
      if (a->n_won_days > 0)
        first = MIN (first, a->won_days[0].day);
      if (a->n_spells > 0)
        first = MIN (first, a->spells[0].start);
    }
  return first == TENURE_DAY_OPEN ? TENURE_DAY_NONE : first;
}

/**
 * tenure_ledger_mrr_on:
 * @ledger: a ledger
 * @day: a day
 *
 * Returns: workspace MRR on @day, in minor units
 */
gint64
tenure_ledger_mrr_on (TenureLedger *ledger,
                      TenureDay     day)
{
  gint64 total = 0;

  g_return_val_if_fail (ledger != NULL, 0);

  for (guint i = 0; i < ledger->accounts->len; i++)
    total += tenure_ledger_account_mrr_on (ACCOUNT (ledger, i), day);
  return total;
}

/**
 * tenure_ledger_account_mrr_on:
 * @account: an account
 * @day: a day
 *
 * Returns: the account's MRR on @day (binary search)
 */
gint64
tenure_ledger_account_mrr_on (const TenureLedgerAccount *account,
                              TenureDay                  day)
{
  g_return_val_if_fail (account != NULL, 0);

  return slice_mrr_on (account->mrr_points, account->n_mrr_points, day);
}

/* The index of the last spell starting on or before @day, or -1. */
static int
spell_at (const TenureSpell *spells,
          guint              n,
          TenureDay          day)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spells[mid].start <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (int) lo - 1;
}

/**
 * tenure_ledger_account_active_on:
 * @account: an account
 * @day: a day
 *
 * Returns: whether the account is active on @day under the ledger's rule
 */
gboolean
tenure_ledger_account_active_on (const TenureLedgerAccount *account,
                                 TenureDay                  day)
{
  int k;

  g_return_val_if_fail (account != NULL, FALSE);

  k = spell_at (account->spells, account->n_spells, day);
  return k >= 0 && day < account->spells[k].end;
}

/**
 * tenure_ledger_account_stage_on:
 * @account: an account
 * @day: a day
 *
 * Returns: the stage index on @day, or %TENURE_STAGE_OUTSIDE when the account
 *   is not active
 */
int
tenure_ledger_account_stage_on (const TenureLedgerAccount *account,
                                TenureDay                  day)
{
  guint lo = 0, hi;

  g_return_val_if_fail (account != NULL, TENURE_STAGE_OUTSIDE);

  hi = account->n_transitions;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (account->transitions[mid].day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? TENURE_STAGE_OUTSIDE : account->transitions[lo - 1].to;
}

/**
 * tenure_ledger_account_originated_on:
 * @account: an account
 * @as_of: the report date
 *
 * Returns: the origination day, or %TENURE_DAY_NONE when the account had not
 *   originated by @as_of
 */
TenureDay
tenure_ledger_account_originated_on (const TenureLedgerAccount *account,
                                     TenureDay                  as_of)
{
  g_return_val_if_fail (account != NULL, TENURE_DAY_NONE);

  if (account->n_spells == 0 || account->spells[0].start > as_of)
    return TENURE_DAY_NONE;
  return account->spells[0].start;
}

/**
 * tenure_ledger_account_churned_on:
 * @account: an account
 * @as_of: the report date
 *
 * Returns: the latest churn day on or before @as_of, or %TENURE_DAY_NONE
 */
TenureDay
tenure_ledger_account_churned_on (const TenureLedgerAccount *account,
                                  TenureDay                  as_of)
{
  int k;

  g_return_val_if_fail (account != NULL, TENURE_DAY_NONE);

  /* Spells do not overlap and ends grow with starts. */
  for (k = spell_at (account->spells, account->n_spells, as_of); k >= 0; k--)
    if (account->spells[k].end <= as_of)
      return account->spells[k].end;
  return TENURE_DAY_NONE;
}

/**
 * tenure_ledger_account_origination_days:
 * @account: an account
 * @as_of: the last day to include (%TENURE_DAY_OPEN for all)
 *
 * Returns: (transfer full) (element-type TenureDay): the origination day, if any
 */
GArray *
tenure_ledger_account_origination_days (const TenureLedgerAccount *account,
                                        TenureDay                  as_of)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (TenureDay));

  g_return_val_if_fail (account != NULL, days);

  if (account->n_spells > 0 && account->spells[0].start <= as_of)
    g_array_append_val (days, account->spells[0].start);
  return days;
}

/**
 * tenure_ledger_account_reactivation_days:
 * @account: an account
 * @as_of: the last day to include (%TENURE_DAY_OPEN for all)
 *
 * Returns: (transfer full) (element-type TenureDay): the reactivation days
 */
GArray *
tenure_ledger_account_reactivation_days (const TenureLedgerAccount *account,
                                         TenureDay                  as_of)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (TenureDay));

  g_return_val_if_fail (account != NULL, days);

  for (guint k = 1; k < account->n_spells && account->spells[k].start <= as_of; k++)
    g_array_append_val (days, account->spells[k].start);
  return days;
}

/**
 * tenure_ledger_account_churn_days:
 * @account: an account
 * @as_of: the last day to include (%TENURE_DAY_OPEN for all)
 *
 * Returns: (transfer full) (element-type TenureDay): the churn days
 */
GArray *
tenure_ledger_account_churn_days (const TenureLedgerAccount *account,
                                  TenureDay                  as_of)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (TenureDay));

  g_return_val_if_fail (account != NULL, days);

  for (guint k = 0; k < account->n_spells; k++)
    if (account->spells[k].end != TENURE_DAY_OPEN && account->spells[k].end <= as_of)
      g_array_append_val (days, account->spells[k].end);
  return days;
}

/**
 * tenure_ledger_account_spells_for_rule:
 * @ledger: a ledger
 * @account: one of its accounts
 * @rule: a churn rule
 *
 * Computes the spells of @account under @rule, whatever the ledger's rule.
 *
 * Returns: (transfer full) (element-type TenureSpell): the spells
 */
GArray *
tenure_ledger_account_spells_for_rule (TenureLedger              *ledger,
                                       const TenureLedgerAccount *account,
                                       TenureChurnRule            rule)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Trigger));
  GArray *spells = g_array_new (FALSE, FALSE, sizeof (TenureSpell));
  Slices s;

  g_return_val_if_fail (ledger != NULL, spells);
  g_return_val_if_fail (account != NULL, spells);

  s.points = account->mrr_points;
  s.n_points = account->n_mrr_points;
  s.lines = account->subscriptions;
  s.n_lines = account->n_subscriptions;
  s.won = account->won_days;
  s.n_won = account->n_won_days;
  s.events = account->events;
  s.n_events = account->n_events;
  compute_spells (ledger, &s, rule, spells, scratch);
  return spells;
}

/**
 * tenure_ledger_account_active_on_rule:
 * @ledger: a ledger
 * @account: one of its accounts
 * @rule: a churn rule
 * @day: a day
 *
 * Returns: whether @account is active on @day under @rule
 */
gboolean
tenure_ledger_account_active_on_rule (TenureLedger              *ledger,
                                      const TenureLedgerAccount *account,
                                      TenureChurnRule            rule,
                                      TenureDay                  day)
{
  g_autoptr(GArray) spells = NULL;
  int k;

  g_return_val_if_fail (ledger != NULL, FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  spells = tenure_ledger_account_spells_for_rule (ledger, account, rule);
  k = spell_at ((const TenureSpell *) (void *) spells->data, spells->len, day);
  return k >= 0 && day < g_array_index (spells, TenureSpell, k).end;
}

/**
 * tenure_churn_rule_to_string:
 * @rule: a churn rule
 *
 * Returns: (transfer none): "contract", "inactivity" or "explicit"
 */
const char *
tenure_churn_rule_to_string (TenureChurnRule rule)
{
  switch (rule)
    {
    case TENURE_CHURN_RULE_CONTRACT:
      return "contract";
    case TENURE_CHURN_RULE_INACTIVITY:
      return "inactivity";
    case TENURE_CHURN_RULE_EXPLICIT:
      return "explicit";
    default:
      g_return_val_if_reached ("contract");
    }
}

/**
 * tenure_churn_rule_parse:
 * @text: a setting value
 * @out: (out): the rule
 *
 * Returns: %TRUE for "contract", "inactivity" or "explicit"; %FALSE
 *   (leaving @out alone) for anything else, including "auto"
 */
gboolean
tenure_churn_rule_parse (const char      *text,
                         TenureChurnRule *out)
{
  static const char *const names[] = { "contract", "inactivity", "explicit" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (TenureChurnRule) i;
        return TRUE;
      }
  return FALSE;
}
