/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-ledger.h"
#include "tenure-metrics.h"
#include "tenure-test-util.h"

/* Random ledgers, seeded: the engine against invariants and against a
 * brute-force recomputation that walks every day of every account with
 * slow, obvious code written from METRICS.md. */

#define N_STAGES 6
#define OPEN TENURE_DAY_OPEN

enum { EV_ORIGINATED, EV_UPGRADED, EV_DOWNGRADED, EV_CHURNED, EV_REACTIVATED };
static const char *const event_kinds[] = { "originated", "upgraded", "downgraded", "churned", "reactivated" };
static const char *const stage_names[N_STAGES] = {
  "Onboarding", "Launched", "ROI Generated", "ROI Recognized", "Monetized", "Strategic Partner"
};

typedef struct { TenureDay start, end; gint64 mrr; } Line;
typedef struct { TenureDay day; gint64 amount; gboolean won; } Deal;
typedef struct { TenureDay day; int kind; int stage; } Event;

typedef struct
{
  GArray *lines, *deals, *events;
} Account;

typedef struct
{
  TenureChurnRule  rule;
  const char      *rule_setting;
  int              inactivity_days;
  int              fiscal_year_start;
  gboolean         qr_reactivation;
  gboolean         bands;
  gint64           bounds[N_STAGES];   /* -1: none */
  guint            n;
  Account         *accounts;
  TenureDay        as_of;
} World;

static TenureDay base_day;   /* before all data */

static TenureDay
random_day (GRand    *rand,
            TenureDay from,
            TenureDay to)
{
  /* Month ends and month starts are where bugs live: favour them. */
  TenureDay d = g_rand_int_range (rand, from, to + 1);
  int y, m, dd;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      tenure_day_to_ymd (d, &y, &m, &dd);
      return tenure_day_from_ymd (y, m, tenure_days_in_month (y, m));
    case 1:
      tenure_day_to_ymd (d, &y, &m, &dd);
      return tenure_day_from_ymd (y, m, 1);
    default:
      return d;
    }
}

static void
world_generate (World           *w,
                GRand           *rand,
                TenureChurnRule  rule)
{
  TenureDay lo = D ("2023-01-01"), hi = D ("2025-06-30");

  memset (w, 0, sizeof *w);
  w->rule = rule;
  w->rule_setting = tenure_churn_rule_to_string (rule);
  /* auto must resolve as documented. */
  if (rule == TENURE_CHURN_RULE_CONTRACT && g_rand_boolean (rand))
    w->rule_setting = "auto";
  w->inactivity_days = g_rand_int_range (rand, 1, 120);
  w->fiscal_year_start = g_rand_boolean (rand) ? 1 : g_rand_int_range (rand, 1, 13);
  w->qr_reactivation = g_rand_boolean (rand);
  w->bands = g_rand_int_range (rand, 0, 3) == 0;
  for (int s = 0; s < N_STAGES; s++)
    w->bounds[s] = g_rand_int_range (rand, 0, 3) == 0 ? -1 : s * 150;
  w->n = g_rand_int_range (rand, 1, 25);
  w->accounts = g_new0 (Account, w->n);
  w->as_of = g_rand_int_range (rand, 0, 8) == 0 ? random_day (rand, D ("2022-06-01"), D ("2023-03-01"))
                                                 : random_day (rand, D ("2023-02-01"), hi);

  for (guint i = 0; i < w->n; i++)
    {
      Account *a = &w->accounts[i];
      int n_lines = rule == TENURE_CHURN_RULE_INACTIVITY && g_rand_boolean (rand)
                    ? 0 : g_rand_int_range (rand, 0, 6);
      int n_deals = g_rand_int_range (rand, 0, 6);
      int n_events = rule == TENURE_CHURN_RULE_EXPLICIT || g_rand_boolean (rand)
                     ? g_rand_int_range (rand, 0, 10) : 0;
      TenureDay cursor = random_day (rand, lo, hi - 200);

      a->lines = g_array_new (FALSE, FALSE, sizeof (Line));
      a->deals = g_array_new (FALSE, FALSE, sizeof (Deal));
      a->events = g_array_new (FALSE, FALSE, sizeof (Event));
      for (int k = 0; k < n_lines; k++)
        {
          Line line;

          /* Sequential lines with gaps, overlaps and same-month pilots. */
          line.start = cursor + g_rand_int_range (rand, -20, 40);
          line.start = CLAMP (line.start, lo, hi);
          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:
              line.end = OPEN;
              break;
            case 1:
              line.end = line.start + g_rand_int_range (rand, 0, 20);
              break;
            default:
              line.end = line.start + g_rand_int_range (rand, 1, 300);
              break;
            }
          line.mrr = g_rand_int_range (rand, 0, 8) == 0 ? 0 : g_rand_int_range (rand, 1, 20) * 50;
          g_array_append_val (a->lines, line);
          cursor = line.end == OPEN ? line.start + 30 : line.end;
        }
      for (int k = 0; k < n_deals; k++)
        {
          Deal deal = { random_day (rand, lo, hi), g_rand_int_range (rand, 0, 5000), g_rand_int_range (rand, 0, 4) != 0 };

          g_array_append_val (a->deals, deal);
          /* Deals on the same day happen. */
          if (g_rand_int_range (rand, 0, 5) == 0)
            g_array_append_val (a->deals, deal);
        }
      for (int k = 0; k < n_events; k++)
        {
          Event ev;

          ev.day = g_rand_int_range (rand, 0, 3) == 0 && a->lines->len > 0
                   ? g_array_index (a->lines, Line, g_rand_int_range (rand, 0, a->lines->len)).start
                   : random_day (rand, lo, hi);
          ev.kind = g_rand_int_range (rand, 0, 5);
          ev.stage = g_rand_int_range (rand, 0, 3) == 0 ? -1 : g_rand_int_range (rand, 0, N_STAGES);
          g_array_append_val (a->events, ev);
        }
    }
}

static void
world_clear (World *w)
{
  for (guint i = 0; i < w->n; i++)
    {
      g_array_unref (w->accounts[i].lines);
      g_array_unref (w->accounts[i].deals);
      g_array_unref (w->accounts[i].events);
    }
  g_free (w->accounts);
}

static char *
iso (TenureDay day)
{
  return day == OPEN ? NULL : tenure_day_to_iso (day);
}

static sqlite3 *
world_to_db (World *w)
{
  sqlite3 *db = tt_db_new ();
  g_autofree char *days = g_strdup_printf ("%d", w->inactivity_days);
  g_autofree char *fy = g_strdup_printf ("%d", w->fiscal_year_start);

  tt_exec (db, "BEGIN");
  tt_set (db, "churn-rule", w->rule_setting);
  tt_set (db, "inactivity-days", days);
  tt_set (db, "fiscal-year-start", fy);
  tt_set (db, "quick-ratio-reactivation", w->qr_reactivation ? "true" : "false");
  tt_set (db, "stage-source", w->bands ? "mrr-bands" : "events");
  for (int s = 0; s < N_STAGES; s++)
    if (w->bounds[s] >= 0)
      tt_exec (db, "UPDATE journey_stage SET min_mrr = %lld WHERE name = %Q",
               (long long) w->bounds[s], stage_names[s]);
  for (guint i = 0; i < w->n; i++)
    {
      Account *a = &w->accounts[i];
      g_autofree char *key = g_strdup_printf ("K%03u", i);
      gint64 id = tt_account (db, key);

      for (guint k = 0; k < a->lines->len; k++)
        {
          const Line *l = &g_array_index (a->lines, Line, k);
          g_autofree char *s = iso (l->start);
          g_autofree char *e = iso (l->end);

          tt_sub (db, id, s, e, l->mrr);
        }
      for (guint k = 0; k < a->deals->len; k++)
        {
          const Deal *d = &g_array_index (a->deals, Deal, k);
          g_autofree char *s = iso (d->day);

          tt_exec (db, "INSERT INTO deal (account_id, closed_on, status, amount) VALUES (%lld, %Q, %Q, %lld)",
                   (long long) id, s, d->won ? "won" : "lost", (long long) d->amount);
        }
      for (guint k = 0; k < a->events->len; k++)
        {
          const Event *ev = &g_array_index (a->events, Event, k);
          g_autofree char *s = iso (ev->day);

          tt_event (db, id, s, event_kinds[ev->kind], ev->stage >= 0 ? stage_names[ev->stage] : NULL);
        }
    }
  tt_exec (db, "COMMIT");
  return db;
}

/* Brute force: one account, every day from base_day to as_of. */
typedef struct
{
  int       n_days;
  gint64   *mrr;
  gboolean *active;
  int      *starts;        /* 1 origination, 2 reactivation */
  int      *churns;
  int      *stage;         /* at the end of the day, -1 outside */
  gboolean *paid_by;       /* some day up to this one had MRR > 0 */
  GArray   *moves;         /* (day, from, to) as TenureTransition */
  TenureDay origination;
  TenureDay first_sale_day;
  gint64    first_sale;
} Brute;

static int
band (const World *w,
      gint64       mrr)
{
  int stage = 0;

  for (int s = 0; s < N_STAGES; s++)
    if (w->bounds[s] >= 0 && mrr >= w->bounds[s])
      stage = s;
  return stage;
}

static void
brute_account (const World   *w,
               const Account *a,
               Brute         *b)
{
  int n = w->as_of - base_day + 1;
  enum { NEVER, ACTIVE, CHURNED } state = NEVER;
  TenureDay churn_day = 0;
  int cur = -1;
  gboolean ever = FALSE;

  memset (b, 0, sizeof *b);
  b->n_days = n;
  b->mrr = g_new0 (gint64, n);
  b->active = g_new0 (gboolean, n);
  b->starts = g_new0 (int, n);
  b->churns = g_new0 (int, n);
  b->stage = g_new0 (int, n);
  b->paid_by = g_new0 (gboolean, n);
  b->moves = g_array_new (FALSE, FALSE, sizeof (TenureTransition));
  b->origination = TENURE_DAY_NONE;
  b->first_sale_day = TENURE_DAY_NONE;

  for (guint k = 0; k < a->deals->len; k++)
    {
      const Deal *d = &g_array_index (a->deals, Deal, k);

      if (d->won && (b->first_sale_day == TENURE_DAY_NONE || d->day < b->first_sale_day))
        b->first_sale_day = d->day;
    }
  for (guint k = 0; k < a->deals->len; k++)
    {
      const Deal *d = &g_array_index (a->deals, Deal, k);

      if (d->won && d->day == b->first_sale_day)
        b->first_sale += d->amount;
    }

  for (int i = 0; i < n; i++)
    {
      TenureDay d = base_day + i;
      gboolean was_active = i > 0 && b->active[i - 1];
      gboolean activity = FALSE, orig = FALSE, react = FALSE, churned = FALSE;

      for (guint k = 0; k < a->lines->len; k++)
        {
          const Line *l = &g_array_index (a->lines, Line, k);

          if (l->start <= d && d < l->end)
            b->mrr[i] += l->mrr;
          if (l->start == d)
            activity = TRUE;
        }
      for (guint k = 0; k < a->deals->len; k++)
        if (g_array_index (a->deals, Deal, k).won && g_array_index (a->deals, Deal, k).day == d)
          activity = TRUE;
      for (guint k = 0; k < a->events->len; k++)
        {
          const Event *ev = &g_array_index (a->events, Event, k);

          if (ev->day != d)
            continue;
          orig |= ev->kind == EV_ORIGINATED;
          react |= ev->kind == EV_REACTIVATED;
          churned |= ev->kind == EV_CHURNED;
        }

      switch (w->rule)
        {
        case TENURE_CHURN_RULE_CONTRACT:
          b->active[i] = b->mrr[i] > 0;
          break;
        case TENURE_CHURN_RULE_INACTIVITY:
          for (guint k = 0; k < a->deals->len; k++)
            {
              const Deal *deal = &g_array_index (a->deals, Deal, k);

              if (deal->won && d - w->inactivity_days < deal->day && deal->day <= d)
                b->active[i] = TRUE;
            }
          break;
        case TENURE_CHURN_RULE_EXPLICIT:
        default:
          if ((state == NEVER && (activity || orig)) ||
              (state == CHURNED && d > churn_day && (activity || react)))
            {
              b->starts[i] = state == NEVER ? 1 : 2;
              state = ACTIVE;
            }
          if (churned && state == ACTIVE)
            {
              b->churns[i] = 1;
              state = CHURNED;
              churn_day = d;
            }
          b->active[i] = state == ACTIVE;
          break;
        }
      if (w->rule != TENURE_CHURN_RULE_EXPLICIT)
        {
          if (b->active[i] && !was_active)
            b->starts[i] = ever ? 2 : 1;
          if (!b->active[i] && was_active)
            b->churns[i] = 1;
        }
      if (b->starts[i] == 1)
        {
          ever = TRUE;
          b->origination = d;
        }

      /* Stages. */
      if (b->starts[i])
        {
          TenureTransition t = { d, -1, 0 };

          cur = w->bands ? band (w, b->mrr[i]) : 0;
          t.to = cur;
          g_array_append_val (b->moves, t);
        }
      if (b->active[i])
        {
          if (w->bands)
            {
              if (!b->starts[i] && i > 0 && b->mrr[i] != b->mrr[i - 1] && band (w, b->mrr[i]) != cur)
                {
                  TenureTransition t = { d, cur, band (w, b->mrr[i]) };

                  cur = t.to;
                  g_array_append_val (b->moves, t);
                }
            }
          else
            for (guint k = 0; k < a->events->len; k++)
              {
                const Event *ev = &g_array_index (a->events, Event, k);
                int next = cur;

                if (ev->day != d)
                  continue;
                if (ev->kind == EV_UPGRADED)
                  next = ev->stage >= 0 ? ev->stage : MIN (cur + 1, N_STAGES - 1);
                else if (ev->kind == EV_DOWNGRADED)
                  next = ev->stage >= 0 ? ev->stage : MAX (cur - 1, 0);
                if (next != cur)
                  {
                    TenureTransition t = { d, cur, next };

                    cur = next;
                    g_array_append_val (b->moves, t);
                  }
              }
        }
      if (b->churns[i])
        {
          TenureTransition t = { d, cur, -1 };

          g_array_append_val (b->moves, t);
          cur = -1;
        }
      b->stage[i] = cur;
      b->paid_by[i] = b->mrr[i] > 0 || (i > 0 && b->paid_by[i - 1]);
    }
}

static void
brute_clear (Brute *b)
{
  g_free (b->mrr);
  g_free (b->active);
  g_free (b->starts);
  g_free (b->churns);
  g_free (b->stage);
  g_free (b->paid_by);
  g_array_unref (b->moves);
}

static gint64
at (const Brute *b,
    TenureDay    day,
    const gint64 *values)
{
  if (day < base_day)
    return 0;
  g_assert_cmpint (day - base_day, <, b->n_days);
  return values[day - base_day];
}

static gboolean
active_at (const Brute *b,
           TenureDay    day)
{
  return day >= base_day && b->active[day - base_day];
}

static void
assert_same_double (double      engine,
                    double      brute,
                    const char *what,
                    const char *label)
{
  if (isnan (brute) && isnan (engine))
    return;
  if (isnan (brute) || isnan (engine) || fabs (engine - brute) > 1e-9 * MAX (1.0, fabs (brute)))
    g_error ("%s %s: engine %.17g, brute force %.17g", label, what, engine, brute);
}

#define SAME_INT(e, b, what) \
  G_STMT_START { \
    if ((gint64) (e) != (gint64) (b)) \
      g_error ("%s %s: engine %" G_GINT64_FORMAT ", brute force %" G_GINT64_FORMAT, \
               p->label, what, (gint64) (e), (gint64) (b)); \
  } G_STMT_END

static double
div_or_nan (double n,
            double d)
{
  return d == 0 ? NAN : n / d;
}

/* Month-level brute figures on the engine's grid. */
typedef struct
{
  TenureDay snap, prev;
  gint64 mrr, active, paying, new_accounts, churned, reactivated, logo;
  gint64 mov[5];   /* new, reactivation, expansion, contraction, churn */
  gint64 bookings, sale_total, sale_accounts, base, gross, net;
  gint64 stages[N_STAGES];
  gint64 moves[(N_STAGES + 1) * (N_STAGES + 1)];
} BMonth;

static guint
move_slot (int from,
           int to)
{
  return (guint) (from + 1) * (N_STAGES + 1) + (to < 0 ? N_STAGES : (guint) to);
}

static void
check_world (World            *w,
             TenurePeriodKind  kind)
{
  sqlite3 *db = world_to_db (w);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, &error);
  g_autoptr(TenureMetrics) m = NULL;
  TenureMetricsOptions options = { kind, w->as_of, NULL, NULL };
  Brute *brutes;
  TenureDay first = OPEN;
  TenureMonth m0;
  guint n_months;
  BMonth *bm;
  double realized_total = 0;
  gint64 realized_n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (tenure_ledger_churn_rule (ledger), ==, w->rule);
  m = tenure_metrics_compute (ledger, &options, &error);
  g_assert_no_error (error);

  brutes = g_new0 (Brute, w->n);
  for (guint i = 0; i < w->n; i++)
    {
      const Account *a = &w->accounts[i];

      brute_account (w, a, &brutes[i]);
      for (guint k = 0; k < a->lines->len; k++)
        first = MIN (first, g_array_index (a->lines, Line, k).start);
      for (guint k = 0; k < a->deals->len; k++)
        if (g_array_index (a->deals, Deal, k).won)
          first = MIN (first, g_array_index (a->deals, Deal, k).day);
      if (brutes[i].origination != TENURE_DAY_NONE)
        first = MIN (first, brutes[i].origination);
    }

  if (first == OPEN || first > w->as_of)
    {
      g_assert_cmpuint (m->n_periods, ==, 0);
      g_assert_cmpuint (m->n_cohorts, ==, 0);
      goto out;
    }

  /* The grid: months from the first period of the kind to as_of's month. */
  m0 = tenure_period_first_month (kind, w->fiscal_year_start, tenure_month_of_day (first));
  n_months = tenure_month_of_day (w->as_of) - m0 + 1;
  bm = g_new0 (BMonth, n_months);
  for (guint j = 0; j < n_months; j++)
    {
      BMonth *x = &bm[j];

      x->snap = MIN (tenure_month_last_day (m0 + j), w->as_of);
      x->prev = j == 0 ? tenure_month_first_day (m0) - 1 : bm[j - 1].snap;
      for (guint i = 0; i < w->n; i++)
        {
          const Brute *b = &brutes[i];
          const Account *a = &w->accounts[i];
          gint64 m0v = at (b, x->prev, b->mrr), m1v = at (b, x->snap, b->mrr);
          gboolean ever = FALSE, churned_in = FALSE;
          TenureDay base_snap = tenure_month_last_day (m0 + j - 12);
          gint64 base = at (b, base_snap, b->mrr);

          x->mrr += m1v;
          x->paying += m1v > 0;
          if (active_at (b, x->snap))
            {
              x->active++;
              x->stages[b->stage[x->snap - base_day]]++;
            }
          for (TenureDay d = MAX (x->prev + 1, base_day); d <= x->snap; d++)
            {
              x->new_accounts += b->starts[d - base_day] == 1;
              x->reactivated += b->starts[d - base_day] == 2;
              x->churned += b->churns[d - base_day];
              churned_in |= b->churns[d - base_day] != 0;
            }
          if (active_at (b, x->prev) && churned_in)
            x->logo++;
          ever = x->prev >= base_day && b->paid_by[x->prev - base_day];
          if (m0v == 0 && m1v > 0)
            x->mov[ever ? 1 : 0] += m1v;
          else if (m1v > m0v && m0v > 0)
            x->mov[2] += m1v - m0v;
          else if (m1v < m0v && m1v > 0)
            x->mov[3] += m0v - m1v;
          else if (m0v > 0 && m1v == 0)
            x->mov[4] += m0v;
          for (guint k = 0; k < a->deals->len; k++)
            {
              const Deal *d = &g_array_index (a->deals, Deal, k);

              if (d->won && d->day > x->prev && d->day <= x->snap)
                x->bookings += d->amount;
            }
          if (b->origination != TENURE_DAY_NONE && b->origination > x->prev && b->origination <= x->snap &&
              b->first_sale_day != TENURE_DAY_NONE && b->first_sale_day <= w->as_of)
            {
              x->sale_total += b->first_sale;
              x->sale_accounts++;
            }
          if (base > 0)
            {
              x->base += base;
              x->gross += MIN (base, m1v);
              x->net += m1v;
            }
          for (guint t = 0; t < b->moves->len; t++)
            {
              const TenureTransition *tr = &g_array_index (b->moves, TenureTransition, t);

              if (tr->day > x->prev && tr->day <= x->snap)
                x->moves[move_slot (tr->from, tr->to)]++;
            }
        }
    }

  /* Periods: months grouped by label. */
  {
    guint k = 0;

    for (guint j = 0; j < n_months; k++)
      {
        const TenureMetricsPeriod *p = &m->periods[k];
        char label[16];
        guint j0 = j;
        BMonth sum = { 0 };
        TenureDay prev = bm[j0].prev, snap;
        gint64 logo = 0, prev_active = 0, prev_mrr = 0, qr_num;
        double pooled_n = 0, pooled_d = 0;

        g_assert_cmpuint (k, <, m->n_periods);
        tenure_period_format (kind, w->fiscal_year_start, m0 + j, label);
        g_assert_cmpstr (p->label, ==, label);
        for (; j < n_months; j++)
          {
            char other[16];

            if (!g_str_equal (tenure_period_format (kind, w->fiscal_year_start, m0 + j, other), label))
              break;
            sum.new_accounts += bm[j].new_accounts;
            sum.churned += bm[j].churned;
            sum.reactivated += bm[j].reactivated;
            sum.bookings += bm[j].bookings;
            sum.sale_total += bm[j].sale_total;
            sum.sale_accounts += bm[j].sale_accounts;
            for (int v = 0; v < 5; v++)
              sum.mov[v] += bm[j].mov[v];
            for (guint t = 0; t < G_N_ELEMENTS (sum.moves); t++)
              sum.moves[t] += bm[j].moves[t];
          }
        snap = bm[j - 1].snap;
        g_assert_cmpint (p->start, ==, tenure_month_first_day (m0 + j0));
        g_assert_cmpint (p->end, ==, snap);
        for (guint i = 0; i < w->n; i++)
          {
            const Brute *b = &brutes[i];
            gboolean churned_in = FALSE;

            for (TenureDay d = MAX (prev + 1, base_day); d <= snap; d++)
              churned_in |= b->churns[d - base_day] != 0;
            if (active_at (b, prev))
              {
                prev_active++;
                logo += churned_in;
              }
            prev_mrr += at (b, prev, b->mrr);
          }

        SAME_INT (p->mrr, bm[j - 1].mrr, "mrr");
        SAME_INT (p->arr, 12 * bm[j - 1].mrr, "arr");
        SAME_INT (p->active_accounts, bm[j - 1].active, "active");
        SAME_INT (p->paying_accounts, bm[j - 1].paying, "paying");
        SAME_INT (p->new_accounts, sum.new_accounts, "new accounts");
        SAME_INT (p->churned_accounts, sum.churned, "churned accounts");
        SAME_INT (p->reactivated_accounts, sum.reactivated, "reactivated accounts");
        SAME_INT (p->new_mrr, sum.mov[0], "new mrr");
        SAME_INT (p->reactivation_mrr, sum.mov[1], "reactivation mrr");
        SAME_INT (p->expansion_mrr, sum.mov[2], "expansion mrr");
        SAME_INT (p->contraction_mrr, sum.mov[3], "contraction mrr");
        SAME_INT (p->churned_mrr, sum.mov[4], "churned mrr");
        SAME_INT (p->bookings, sum.bookings, "bookings");
        SAME_INT (p->logo_churned_accounts, logo, "logo churned");
        SAME_INT (p->previous_active_accounts, prev_active, "previous active");
        SAME_INT (p->previous_mrr, prev_mrr, "previous mrr");
        for (int s = 0; s < N_STAGES; s++)
          SAME_INT (p->stage_counts[s], bm[j - 1].stages[s], "stage count");
        for (int from = -1; from < N_STAGES; from++)
          for (int to = -1; to < N_STAGES; to++)
            SAME_INT (tenure_metrics_transition_count (m, p, from, to), sum.moves[move_slot (from, to)], "moves");

        qr_num = sum.mov[0] + sum.mov[2] + (w->qr_reactivation ? sum.mov[1] : 0);
        assert_same_double (p->quick_ratio, div_or_nan (qr_num, sum.mov[3] + sum.mov[4]), "quick ratio", p->label);
        assert_same_double (p->logo_churn_rate, div_or_nan (logo, prev_active), "logo churn", p->label);
        assert_same_double (p->revenue_churn_rate, div_or_nan (sum.mov[3] + sum.mov[4], prev_mrr),
                            "revenue churn", p->label);
        assert_same_double (p->grr, div_or_nan (bm[j - 1].gross, bm[j - 1].base), "grr", p->label);
        assert_same_double (p->nrr, div_or_nan (bm[j - 1].net, bm[j - 1].base), "nrr", p->label);
        assert_same_double (p->arpa, div_or_nan (bm[j - 1].mrr, bm[j - 1].paying), "arpa", p->label);
        assert_same_double (p->new_account_average_sale, div_or_nan (sum.sale_total, sum.sale_accounts),
                            "average sale", p->label);
        assert_same_double (p->future_account_value, NAN, "future value", p->label);

        for (guint t = (j - 1 >= 11 ? j - 1 - 11 : 0); t <= j - 1; t++)
          {
            pooled_n += bm[t].logo;
            pooled_d += t == 0 ? 0 : bm[t - 1].active;
          }
        assert_same_double (p->predicted_ltv,
                            pooled_n == 0 ? NAN : div_or_nan (bm[j - 1].mrr, bm[j - 1].paying) / (pooled_n / pooled_d),
                            "predicted ltv", p->label);
      }
    g_assert_cmpuint (k, ==, m->n_periods);
  }

  /* Cohorts and realized value, from the brute force. */
  {
    guint c_index = 0;
    gint64 sizes = 0, news = 0;

    for (guint c = 0; c < n_months; c++)
      {
        gint64 size = 0;
        const TenureCohort *cohort;

        for (guint i = 0; i < w->n; i++)
          size += brutes[i].origination != TENURE_DAY_NONE &&
                  tenure_month_of_day (brutes[i].origination) == m0 + (TenureMonth) c;
        if (size == 0)
          continue;
        g_assert_cmpuint (c_index, <, m->n_cohorts);
        cohort = &m->cohorts[c_index++];
        g_assert_cmpint (cohort->month, ==, m0 + (TenureMonth) c);
        g_assert_cmpint (cohort->size, ==, size);
        g_assert_cmpuint (cohort->n_ages, ==, n_months - c);
        sizes += size;
        for (guint k = 0; k < cohort->n_ages; k++)
          {
            gint64 active = 0, mrr = 0;

            for (guint i = 0; i < w->n; i++)
              if (brutes[i].origination != TENURE_DAY_NONE &&
                  tenure_month_of_day (brutes[i].origination) == m0 + (TenureMonth) c)
                {
                  active += active_at (&brutes[i], bm[c + k].snap);
                  mrr += at (&brutes[i], bm[c + k].snap, brutes[i].mrr);
                }
            g_assert_cmpint (cohort->active[k], ==, active);
            g_assert_cmpint (cohort->mrr[k], ==, mrr);
            assert_same_double (cohort->logo_retention[k], (double) active / size, "logo retention", cohort->label);
            assert_same_double (cohort->revenue_retention[k], div_or_nan (mrr, cohort->mrr[0]),
                                "revenue retention", cohort->label);
          }
      }
    g_assert_cmpuint (c_index, ==, m->n_cohorts);
    /* Invariant: cohort sizes add up to the new accounts of the series. */
    for (guint k = 0; k < m->n_periods; k++)
      news += m->periods[k].new_accounts;
    g_assert_cmpint (sizes, ==, news);

    for (guint i = 0; i < w->n; i++)
      {
        const Brute *b = &brutes[i];
        const Account *a = &w->accounts[i];
        gboolean subs = FALSE;
        gint64 total = 0;

        if (b->origination == TENURE_DAY_NONE || active_at (b, w->as_of))
          continue;
        for (guint k = 0; k < a->lines->len; k++)
          subs |= g_array_index (a->lines, Line, k).start <= w->as_of;
        if (subs)
          for (guint j = 0; j < n_months; j++)
            total += at (b, bm[j].snap, b->mrr);
        else
          for (guint k = 0; k < a->deals->len; k++)
            if (g_array_index (a->deals, Deal, k).won && g_array_index (a->deals, Deal, k).day <= w->as_of)
              total += g_array_index (a->deals, Deal, k).amount;
        realized_total += total;
        realized_n++;
      }
    g_assert_cmpint (m->value.realized_accounts, ==, realized_n);
    assert_same_double (m->value.realized_ltv, div_or_nan (realized_total, realized_n), "realized ltv", "value");
  }

  /* Per-account figures. */
  for (guint i = 0; i < w->n; i++)
    {
      const TenureAccountFigures *f = &m->accounts[i];
      const Brute *b = &brutes[i];
      TenureDay churned = TENURE_DAY_NONE;

      g_assert_cmpint (f->active, ==, active_at (b, w->as_of));
      g_assert_cmpint (f->mrr, ==, at (b, w->as_of, b->mrr));
      g_assert_cmpint (f->stage, ==, b->stage[w->as_of - base_day]);
      g_assert_cmpint (f->originated_on, ==, b->origination);
      for (TenureDay d = base_day; d <= w->as_of && !f->active; d++)
        if (b->churns[d - base_day])
          churned = d;
      g_assert_cmpint (f->churned_on, ==, churned);
    }

  g_free (bm);
out:
  for (guint i = 0; i < w->n; i++)
    brute_clear (&brutes[i]);
  g_free (brutes);
  sqlite3_close (db);
}

/* Invariants that need no brute force, on the engine's own output. */
static void
check_invariants (TenureMetrics *m,
                  TenureMetrics *months)
{
  for (guint k = 0; k < m->n_periods; k++)
    {
      const TenureMetricsPeriod *p = &m->periods[k];
      const TenureMetricsPeriod *prev = k > 0 ? &m->periods[k - 1] : NULL;
      gint64 prev_active = prev ? prev->active_accounts : 0;
      gint64 prev_mrr = prev ? prev->mrr : 0;

      g_assert_cmpint (p->active_accounts, ==, prev_active + p->new_accounts + p->reactivated_accounts
                       - p->churned_accounts);
      g_assert_cmpint (p->net_new_mrr, ==, p->mrr - prev_mrr);
      for (guint s = 0; s < m->n_stages; s++)
        {
          gint64 in = 0, out = 0;

          for (int o = -1; o < (int) m->n_stages; o++)
            if (o != (int) s)
              {
                in += tenure_metrics_transition_count (m, p, o, (int) s);
                out += tenure_metrics_transition_count (m, p, (int) s, o);
              }
          g_assert_cmpint (p->stage_counts[s], ==, (prev ? prev->stage_counts[s] : 0) + in - out);
        }
      if (m->period != TENURE_PERIOD_MONTH)
        {
          gint64 sum[6] = { 0 };

          /* Quarter and year movements are the sums of their months. */
          for (guint j = 0; j < months->n_periods; j++)
            {
              const TenureMetricsPeriod *q = &months->periods[j];

              if (q->start < p->start || q->end > p->end)
                continue;
              sum[0] += q->new_mrr;
              sum[1] += q->expansion_mrr;
              sum[2] += q->contraction_mrr;
              sum[3] += q->churned_mrr;
              sum[4] += q->reactivation_mrr;
              sum[5] += q->bookings;
            }
          g_assert_cmpint (p->new_mrr, ==, sum[0]);
          g_assert_cmpint (p->expansion_mrr, ==, sum[1]);
          g_assert_cmpint (p->contraction_mrr, ==, sum[2]);
          g_assert_cmpint (p->churned_mrr, ==, sum[3]);
          g_assert_cmpint (p->reactivation_mrr, ==, sum[4]);
          g_assert_cmpint (p->bookings, ==, sum[5]);
        }
    }

  /* Σ over cohorts of accounts active at month p = active accounts(p). */
  if (m->period == TENURE_PERIOD_MONTH)
    for (guint k = 0; k < m->n_periods; k++)
      {
        gint64 total = 0;

        for (guint c = 0; c < m->n_cohorts; c++)
          {
            const TenureCohort *cohort = &m->cohorts[c];
            TenureMonth age = m->periods[k].first_month - cohort->month;

            if (age >= 0)
              total += cohort->active[age];
          }
        g_assert_cmpint (total, ==, m->periods[k].active_accounts);
      }
}

static void
run_random (TenureChurnRule rule,
            guint32         seed,
            guint           count)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint r = 0; r < count; r++)
    {
      World w;

      world_generate (&w, rand, rule);
      for (TenurePeriodKind kind = TENURE_PERIOD_MONTH; kind <= TENURE_PERIOD_YEAR; kind++)
        {
          sqlite3 *db = world_to_db (&w);
          g_autoptr(TenureLedger) ledger = tenure_ledger_load (db, NULL);
          TenureMetricsOptions options = { kind, w.as_of, NULL, NULL };
          TenureMetricsOptions month_options = { TENURE_PERIOD_MONTH, w.as_of, NULL, NULL };
          g_autoptr(TenureMetrics) m = tenure_metrics_compute (ledger, &options, NULL);
          g_autoptr(TenureMetrics) months = tenure_metrics_compute (ledger, &month_options, NULL);

          check_invariants (m, months);
          sqlite3_close (db);
          /* The brute force is slower: every ledger for months, every
           * fourth one for quarters and years. */
          if (kind == TENURE_PERIOD_MONTH || r % 4 == 0)
            check_world (&w, kind);
        }
      world_clear (&w);
    }
}

/* Ledgers per churn rule: 120, or 30 under a sanitizer (TENURE_TEST_SMALL),
 * where the 360 take some seven minutes. */
static guint
n_worlds (void)
{
  guint n = tenure_test_small () ? 30 : 120;

  g_test_message ("%u random ledgers%s", n, tenure_test_small () ? " (TENURE_TEST_SMALL)" : "");
  return n;
}

static void
test_random_contract (void)
{
  run_random (TENURE_CHURN_RULE_CONTRACT, 20241, n_worlds ());
}

static void
test_random_inactivity (void)
{
  run_random (TENURE_CHURN_RULE_INACTIVITY, 20242, n_worlds ());
}

static void
test_random_explicit (void)
{
  run_random (TENURE_CHURN_RULE_EXPLICIT, 20243, n_worlds ());
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  base_day = D ("2022-05-01");
  g_test_add_func ("/random/contract", test_random_contract);
  g_test_add_func ("/random/inactivity", test_random_inactivity);
  g_test_add_func ("/random/explicit", test_random_explicit);
  return g_test_run ();
}
