/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-generator"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tenure-generator.h"
#include "tenure-schema.h"

/* How the business works, in short: accounts are originated month by month
 * with growth, each in one of five segments whose deal sizes, churn, sales
 * cycles and acquisition costs differ. Every account is simulated on its own,
 * month by month, from its own random stream (so one account's draws never
 * shift another's), and its rows are written to every file before the next
 * account is simulated: memory stays at one account's state whatever the size.
 * Only the funnel, a small table per segment and month, is written at the end.
 *
 * Floating point is used only with +, -, *, / and sqrt, which IEEE 754 rounds
 * the same everywhere, so no libm version can change a byte of the output. */

/* ---- Random numbers: xoshiro256** seeded through splitmix64 ---- */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 x = seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  /* splitmix64 never yields four zero words, the one state xoshiro forbids. */
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi]; the modulo bias is below 1e-9 for our ranges. */
static int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (int) ((rng_next (rng) >> 32) % (guint64) (hi - lo + 1));
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

/* Roughly standard normal (Irwin–Hall of four uniforms): bounded at ±3.46,
 * which suits scores and noise, and needs no libm. */
static double
rng_normal (Rng *rng)
{
  double sum = rng_double (rng) + rng_double (rng) + rng_double (rng) + rng_double (rng);

  return (sum - 2.0) * 1.7320508075688772;
}

static int
rng_pick (Rng          *rng,
          const double *weights,
          int           n)
{
  double total = 0, x;

  for (int i = 0; i < n; i++)
    total += weights[i];
  x = rng_double (rng) * total;
  for (int i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

/* Binomial count with mean @mean (at most 16): a Poisson stand-in without exp(). */
static int
rng_count (Rng    *rng,
           double  mean)
{
  int n = 0;

  if (mean <= 0)
    return 0;
  for (int i = 0; i < 16; i++)
    n += rng_chance (rng, mean / 16.0);
  return n;
}

static int
clamp_round (double x,
             int    lo,
             int    hi)
{
  if (x < lo)
    return lo;
  if (x > hi)
    return hi;
  return (int) (x + 0.5);
}

/* ---- The business ---- */

enum { SEG_ENTERPRISE, SEG_MID_MARKET, SEG_SMB, SEG_PUBLIC, SEG_STARTUPS, N_SEGMENTS };

typedef struct
{
  const char *name;
  double      share;           /* of accounts */
  int         plan;            /* base plan of a new contract */
  int         seats_lo, seats_hi;
  double      churn;           /* monthly hazard for an average account */
  double      opportunity;     /* monthly chance of an upsell / cross-sell opportunity */
  double      contraction;     /* monthly chance of a contraction */
  double      services;        /* monthly chance of a services deal */
  gint64      services_lo, services_hi;  /* whole currency units */
  int         cycle_lo, cycle_hi;        /* sales cycle in days */
  double      lost_attempts;   /* mean lost opportunities before a customer's first win */
  double      pilot;           /* chance a customer starts with a pilot */
  double      touches;         /* touchpoints per active month */
  double      lead_to_opportunity;
  gint64      cac;             /* acquisition cost per new account, whole units */
  double      marketing_share; /* of acquisition cost */
  double      type_weights[4]; /* account types 1–4 */
  double      region_weights[4];
  int         owners[3];       /* indexes into owner_names */
} Segment;

/* Per row: name, share, plan, seats (lo, hi), churn, opportunity,
 * contraction, services (chance, lo, hi), cycle (lo, hi), lost attempts,
 * pilot, touches, lead to opportunity, CAC, marketing share, type weights,
 * region weights, owners. Enterprise and the public sector buy big, churn
 * little and cost most to win; startups the reverse. */
static const Segment segments[N_SEGMENTS] = {
  { "Enterprise",    0.10, 4, 60, 400, 0.009, 0.50, 0.030, 0.20, 5000, 40000, 60, 150, 1.20, 0.00,
    3.5, 0.15, 60000, 0.30, { 10, 15, 40, 35 }, { 45, 35, 15, 5 }, { 0, 1, 2 } },
  { "Mid-Market",    0.25, 3, 15, 120, 0.015, 0.40, 0.030, 0.10, 2000, 12000, 30, 75, 0.90, 0.03,
    2.2, 0.20, 15000, 0.45, { 1, 5, 25, 69 }, { 45, 35, 15, 5 }, { 2, 3, 4 } },
  { "SMB",           0.40, 2, 3, 40, 0.025, 0.22, 0.025, 0.03, 300, 1500, 7, 35, 0.50, 0.05,
    0.9, 0.25, 3500, 0.70, { 0, 0, 5, 95 }, { 45, 35, 15, 5 }, { 4, 5, 6 } },
  { "Public Sector", 0.07, 5, 40, 250, 0.007, 0.36, 0.020, 0.18, 5000, 30000, 90, 240, 1.40, 0.00,
    2.8, 0.10, 40000, 0.35, { 8, 12, 40, 40 }, { 55, 45, 0, 0 }, { 0, 7, 1 } },
  { "Startups",      0.18, 1, 3, 35, 0.040, 0.18, 0.030, 0.03, 500, 2000, 5, 25, 0.40, 0.06,
    0.7, 0.30, 1500, 0.75, { 0, 0, 5, 95 }, { 50, 30, 15, 5 }, { 5, 6, 3 } },
};

static const char *const owner_names[] = {
  "Maria Keller", "James Okafor", "Priya Raman", "Lukas Brandt",
  "Sofia Marino", "Daniel Cho", "Emma Lindqvist", "Rafael Duarte",
};

static const char *const region_names[] = { "North America", "EMEA", "APAC", "LATAM" };

enum { PLAN_PILOT, PLAN_STARTER, PLAN_TEAM, PLAN_BUSINESS, PLAN_ENTERPRISE, PLAN_GOVERNMENT,
       PLAN_ANALYTICS, PLAN_SUPPORT, N_PLANS };

static const struct
{
  const char *name;
  gint64      seat_price;  /* cents per seat and month; 0 = flat price */
} plans[N_PLANS] = {
  { "Pilot", 0 },
  { "Starter", 1900 },
  { "Team", 3900 },
  { "Business", 6900 },
  { "Enterprise", 9900 },
  { "Government", 8500 },
  { "Analytics add-on", 1500 },
  { "Premium Support", 0 },
};

static const char *const stage_names[] = {
  "Onboarding", "Launched", "ROI Generated", "ROI Recognized", "Monetized", "Strategic Partner",
};
#define N_STAGES 6

/* The scorecard is the workspace's default one (tenure-schema.c), so the
 * sample's scores land on the areas and sub-metrics a new workspace has. */
#define area_names tenure_default_score_areas
#define metric_names tenure_default_score_metrics

static const char *const name_heads[] = {
  "Alder", "Brightway", "Cobalt", "Driftwood", "Ember", "Fjord", "Granite", "Harbor",
  "Ironleaf", "Juniper", "Kestrel", "Lumen", "Meridian", "Northwind", "Oakridge", "Pinecrest",
  "Quartz", "Redwood", "Silverline", "Tidewater", "Umbra", "Vantage", "Westfield", "Yarrow",
  "Zenith", "Bluepeak", "Copperfield", "Evergreen", "Foxglove", "Highland", "Larkspur", "Stonebridge",
};

static const char *const name_tails[] = {
  "Analytics", "Logistics", "Health", "Foods", "Robotics", "Energy", "Media", "Capital",
  "Labs", "Systems", "Retail", "Engineering", "Bio", "Software", "Freight", "Studios",
  "Insurance", "Networks", "Materials", "Travel",
};

/* A few names carry a comma so that the files exercise RFC 4180 quoting. */
static const char *const name_suffixes[] = {
  "Inc.", "Ltd", "GmbH", "LLC", "Group", "AG", "S.A.", "Holdings, Inc.", "Co., Ltd", "",
};

enum { DEAL_NEW, DEAL_UPSELL, DEAL_CROSS_SELL, DEAL_RENEWAL, DEAL_OTHER };
static const char *const deal_kinds[] = { "new", "upsell", "cross_sell", "renewal", "other" };
enum { STATUS_WON, STATUS_LOST, STATUS_OPEN };
static const char *const deal_statuses[] = { "won", "lost", "open" };
enum { SOURCE_REFERRAL, SOURCE_INBOUND, SOURCE_OUTBOUND, SOURCE_PARTNER, SOURCE_EVENT, N_SOURCES };
static const char *const deal_sources[] = { "referral", "inbound", "outbound", "partner", "event" };
static const double new_source_weights[N_SOURCES] = { 15, 35, 30, 12, 8 };
static const double repeat_source_weights[N_SOURCES] = { 5, 30, 60, 5, 0 };

enum { EVENT_ORIGINATED, EVENT_UPGRADED, EVENT_DOWNGRADED, EVENT_CHURNED, EVENT_REACTIVATED };
static const char *const event_kinds[] = { "originated", "upgraded", "downgraded", "churned", "reactivated" };

static const char *const channels[] = { "email", "call", "meeting", "video" };
static const double channel_weights[] = { 45, 25, 15, 15 };

static const char *const headers[TENURE_GENERATOR_N_KINDS] = {
  "account,name,segment,owner,type,region,referenceable,end_date",
  "subscription_id,account,plan,starts_on,ends_on,mrr,seats,seats_assigned",
  "deal_id,account,created_on,closed_on,status,amount,kind,source",
  "account,date,kind,stage,note",
  "account,date,channel,direction,deal_id",
  "account,date,kind,score",
  "segment,month,marketing_spend,sales_spend,leads,opportunities",
  "account,date,area,metric,value",
  "account,fiscal_year,arr_last_year,arr_target_delta",
};

static const char *const kind_names[TENURE_GENERATOR_N_KINDS] = {
  "accounts", "subscriptions", "deals", "events", "touchpoints", "surveys", "funnel",
  "scores", "targets",
};

/* ---- One account's state ---- */

typedef struct
{
  guint32   id;
  int       plan;
  TenureDay start;
  TenureDay end;          /* exclusive; TENURE_DAY_NONE while open */
  gint64    mrr;          /* cents */
  int       seats;        /* -1 for flat-priced lines */
  int       assigned;
} Line;

typedef struct
{
  guint32   id;
  TenureDay created;
  TenureDay closed;       /* TENURE_DAY_NONE while open */
  int       status;
  int       kind;
  int       source;
  gint64    amount;       /* cents */
} Deal;

typedef struct
{
  TenureDay day;
  int       kind;
  int       stage;        /* -1: none */
  char      note[48];
} Event;

typedef struct
{
  TenureDay day;
  int       seq;          /* makes the sort key unique, hence the order deterministic */
  int       channel;
  gboolean  inbound;
  int       deal;         /* index into deals, -1 when untagged */
} Touch;

typedef struct
{
  Rng       rng;
  char      key[16];
  int       segment;
  int       type;
  double    health;       /* 0–1: drives churn, scores, surveys, utilisation */
  double    utilisation;
  gboolean  prospect;
  int       stage;
  TenureDay final_churn;  /* churned and not back by the end, else NONE */
  GArray   *lines;
  GArray   *deals;
  GArray   *events;
  GArray   *touches;
} Account;

typedef struct
{
  FILE    *fp;
  char    *path;
  guint64  rows;
  guint    field;     /* fields written in the current row */
  guint    n_fields;
} Out;

typedef struct
{
  const TenureGeneratorOptions *options;
  TenureMonth first_month;
  TenureMonth end_month;
  int         n_months;
  TenureDay   first_day;
  TenureDay   end_day;
  guint32     next_line_id;
  guint32     next_deal_id;
  Out         out[TENURE_GENERATOR_N_KINDS];
  /* per segment and history month, for the funnel */
  guint      *new_accounts;
  guint      *opportunities;
} Generator;

/* ---- Writing ---- */

/* putc_unlocked is POSIX, fputs_unlocked is not: the files are ours alone. */
static void
out_raw (Out        *out,
         const char *s)
{
  for (const char *p = s; *p; p++)
    putc_unlocked (*p, out->fp);
}

/* Every value starts a field: the separators follow from the count, which
 * out_end() checks against the header. */
static inline void
out_next (Out *out)
{
  if (out->field++ > 0)
    putc_unlocked (',', out->fp);
}

static void
out_str (Out        *out,
         const char *s)
{
  out_next (out);
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      out_raw (out, s);
      return;
    }
  putc_unlocked ('"', out->fp);
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        putc_unlocked ('"', out->fp);
      putc_unlocked (*p, out->fp);
    }
  putc_unlocked ('"', out->fp);
}

static void
out_end (Out *out)
{
  g_assert (out->field == out->n_fields);
  putc_unlocked ('\n', out->fp);
  out->field = 0;
  out->rows++;
}

static void
out_empty (Out *out)
{
  out_next (out);
}

static void
out_day (Out       *out,
         TenureDay  day)
{
  char buf[16];

  out_next (out);
  if (day != TENURE_DAY_NONE)
    out_raw (out, tenure_day_format_iso (day, buf));
}

static void
out_digits (Out     *out,
            guint64  v)
{
  char buf[24];
  char *p = buf + sizeof buf;

  *--p = '\0';
  do
    {
      *--p = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v);
  out_raw (out, p);
}

/* Every number in the files is a count, a year or money: never negative. */
static void
out_int (Out    *out,
         gint64  value)
{
  g_assert (value >= 0);
  out_next (out);
  out_digits (out, (guint64) value);
}

/* Money as decimal text with two decimals: 123450 cents -> "1234.50". */
static void
out_money (Out    *out,
           gint64  cents)
{
  g_assert (cents >= 0);
  out_next (out);
  out_digits (out, (guint64) cents / 100);
  putc_unlocked ('.', out->fp);
  putc_unlocked ((char) ('0' + cents % 100 / 10), out->fp);
  putc_unlocked ((char) ('0' + cents % 10), out->fp);
}

/* ---- Calendar helpers ---- */

static TenureDay
random_day_in_month (Rng         *rng,
                     TenureMonth  month,
                     TenureDay    lo)
{
  TenureDay first = MAX (tenure_month_first_day (month), lo);
  TenureDay last = tenure_month_last_day (month);

  if (first > last)
    return TENURE_DAY_NONE;
  return rng_range (rng, first, last);
}

/* ---- Subscription lines ---- */

static gint64
account_mrr_on (Account   *account,
                TenureDay  day)
{
  gint64 mrr = 0;

  for (guint i = 0; i < account->lines->len; i++)
    {
      Line *l = &g_array_index (account->lines, Line, i);

      if (l->start <= day && (l->end == TENURE_DAY_NONE || day < l->end))
        mrr += l->mrr;
    }
  return mrr;
}

static gint64
account_open_mrr (Account *account)
{
  gint64 mrr = 0;

  for (guint i = 0; i < account->lines->len; i++)
    {
      Line *l = &g_array_index (account->lines, Line, i);

      if (l->end == TENURE_DAY_NONE)
        mrr += l->mrr;
    }
  return mrr;
}

/* The open line of @plan, or of any base plan when @plan is -1; -1 if none. */
static int
find_open_line (Account *account,
                int      plan)
{
  for (guint i = 0; i < account->lines->len; i++)
    {
      Line *l = &g_array_index (account->lines, Line, i);

      if (l->end != TENURE_DAY_NONE)
        continue;
      if (plan >= 0 ? l->plan == plan : (l->plan >= PLAN_STARTER && l->plan <= PLAN_GOVERNMENT))
        return (int) i;
    }
  return -1;
}

static int
assigned_seats (Account *account,
                int      seats)
{
  /* Most lines are well used; over-assignment happens in billing exports too. */
  if (rng_chance (&account->rng, 0.015))
    return seats + rng_range (&account->rng, 1, 3);
  return clamp_round (seats * (account->utilisation + 0.05 * rng_normal (&account->rng)), 1, seats);
}

static void
add_line (Generator *gen,
          Account   *account,
          int        plan,
          TenureDay  start,
          int        seats,
          gint64     flat_mrr)
{
  Line line = { 0 };

  line.id = gen->next_line_id++;
  line.plan = plan;
  line.start = start;
  line.end = TENURE_DAY_NONE;
  if (plans[plan].seat_price > 0)
    {
      line.seats = seats;
      line.mrr = seats * plans[plan].seat_price;
      line.assigned = assigned_seats (account, seats);
    }
  else
    {
      line.seats = -1;
      line.mrr = flat_mrr;
    }
  g_array_append_val (account->lines, line);
}

static void
end_line (Account   *account,
          int        i,
          TenureDay  day)
{
  Line *l = &g_array_index (account->lines, Line, i);

  g_assert (day >= l->start);
  l->end = day;
}

static int
initial_seats (Account *account,
               double   scale)
{
  const Segment *seg = &segments[account->segment];
  double u = rng_double (&account->rng);

  /* Skewed toward the small end, as real contract sizes are. */
  return MAX (1, clamp_round ((seg->seats_lo + (seg->seats_hi - seg->seats_lo) * u * u) * scale, 1, 100000));
}

/* ---- Deals and events ---- */

static Deal *
add_deal (Generator *gen,
          Account   *account,
          int        kind,
          int        status,
          TenureDay  created,
          TenureDay  closed,
          gint64     amount)
{
  Deal deal = { 0 };

  deal.id = gen->next_deal_id++;
  deal.kind = kind;
  /* Only closing dates start the history; a sale may have begun before it. */
  deal.created = created;
  deal.closed = closed;
  /* A deal that would close after the end of the history is still open. */
  if (closed == TENURE_DAY_NONE || closed > gen->end_day)
    {
      deal.status = STATUS_OPEN;
      deal.closed = TENURE_DAY_NONE;
    }
  else
    {
      deal.status = status;
      deal.closed = MAX (closed, deal.created);
    }
  deal.created = MIN (deal.created, gen->end_day);
  deal.source = rng_pick (&account->rng, kind == DEAL_NEW ? new_source_weights : repeat_source_weights, N_SOURCES);
  deal.amount = MAX (amount, 0);
  g_array_append_val (account->deals, deal);
  if (kind == DEAL_NEW)
    {
      TenureMonth m = tenure_month_of_day (deal.created);

      if (m >= gen->first_month)
        gen->opportunities[account->segment * gen->n_months + (m - gen->first_month)]++;
    }
  return &g_array_index (account->deals, Deal, account->deals->len - 1);
}

static void
add_event (Account    *account,
           int         kind,
           TenureDay   day,
           int         stage,
           const char *note)
{
  Event event = { 0 };

  event.day = day;
  event.kind = kind;
  event.stage = stage;
  g_strlcpy (event.note, note ? note : "", sizeof event.note);
  g_array_append_val (account->events, event);
}

static int
sales_cycle (Account *account)
{
  const Segment *seg = &segments[account->segment];

  return rng_range (&account->rng, seg->cycle_lo, seg->cycle_hi);
}

/* The won deal of a new contract starting on @start: it usually closes in the
 * days before the start, often in the month before. */
static void
add_new_business (Generator *gen,
                  Account   *account,
                  TenureDay  start,
                  gint64     amount)
{
  TenureDay closed = start - rng_range (&account->rng, 0, 28);

  /* MAX evaluates its arguments twice: never hand it a random draw. */
  closed = MAX (closed, gen->first_day);

  add_deal (gen, account, DEAL_NEW, STATUS_WON, closed - sales_cycle (account), closed, amount);
}

/* ---- The simulation of one account ---- */

static void
start_contract (Generator *gen,
                Account   *account,
                TenureDay  start,
                double     scale)
{
  const Segment *seg = &segments[account->segment];
  int seats = initial_seats (account, scale);
  gint64 mrr;

  add_line (gen, account, seg->plan, start, seats, 0);
  mrr = account_open_mrr (account);
  /* Enterprise and public contracts are sold with premium support. */
  if ((account->segment == SEG_ENTERPRISE || account->segment == SEG_PUBLIC) && rng_chance (&account->rng, 0.3))
    add_line (gen, account, PLAN_SUPPORT, start, 0, MAX (25000, mrr / 10 / 5000 * 5000));
  /* First-year contract value, with an onboarding fee for some. */
  add_new_business (gen, account, start,
                    12 * account_open_mrr (account) + (rng_chance (&account->rng, 0.3) ? mrr : 0));
}

static gboolean
expand (Generator  *gen,
        Account    *account,
        TenureDay   day,
        int         kind,
        char       *note,
        gsize       note_size)
{
  int base = find_open_line (account, -1);
  Line old;

  if (base < 0)
    return FALSE;
  old = g_array_index (account->lines, Line, base);
  if (kind == DEAL_CROSS_SELL)
    {
      if (find_open_line (account, PLAN_ANALYTICS) < 0 && old.seats > 0)
        {
          int seats = clamp_round (old.seats * (0.3 + 0.5 * rng_double (&account->rng)), 1, old.seats);

          add_line (gen, account, PLAN_ANALYTICS, day, seats, 0);
          g_snprintf (note, note_size, "Cross-sell: %s", plans[PLAN_ANALYTICS].name);
          return TRUE;
        }
      if (find_open_line (account, PLAN_SUPPORT) < 0)
        {
          add_line (gen, account, PLAN_SUPPORT, day, 0, MAX (25000, old.mrr / 10 / 5000 * 5000));
          g_snprintf (note, note_size, "Cross-sell: %s", plans[PLAN_SUPPORT].name);
          return TRUE;
        }
    }
  /* An upsell replaces the base line: a higher plan, or more seats. */
  end_line (account, base, day);
  if (old.plan < PLAN_ENTERPRISE && rng_chance (&account->rng, 0.3))
    {
      add_line (gen, account, old.plan + 1, day, old.seats, 0);
      g_snprintf (note, note_size, "Upgrade: %s to %s", plans[old.plan].name, plans[old.plan + 1].name);
    }
  else
    {
      int more = clamp_round (old.seats * (0.05 + 0.25 * rng_double (&account->rng)), 1, 100000);

      add_line (gen, account, old.plan, day, old.seats + more, 0);
      g_snprintf (note, note_size, "Upsell: +%d seats", more);
    }
  return TRUE;
}

static gboolean
contract (Generator *gen,
          Account   *account,
          TenureDay  day,
          char      *note,
          gsize      note_size)
{
  int base = find_open_line (account, -1);
  int addon = find_open_line (account, rng_chance (&account->rng, 0.5) ? PLAN_ANALYTICS : PLAN_SUPPORT);
  Line old;
  int fewer;

  if (addon >= 0)
    {
      g_snprintf (note, note_size, "Cancelled %s", plans[g_array_index (account->lines, Line, addon).plan].name);
      end_line (account, addon, day);
      return TRUE;
    }
  if (base < 0)
    return FALSE;
  old = g_array_index (account->lines, Line, base);
  fewer = clamp_round (old.seats * (0.1 + 0.3 * rng_double (&account->rng)), 1, old.seats - 1);
  if (old.seats < 2 || fewer < 1)
    return FALSE;
  end_line (account, base, day);
  add_line (gen, account, old.plan, day, old.seats - fewer, 0);
  g_snprintf (note, note_size, "Contraction: -%d seats", fewer);
  return TRUE;
}

static void
churn_all (Account   *account,
           TenureDay  day)
{
  for (guint i = 0; i < account->lines->len; i++)
    if (g_array_index (account->lines, Line, i).end == TENURE_DAY_NONE)
      end_line (account, (int) i, day);
}

static TenureDay
latest_start (Account *account)
{
  TenureDay latest = TENURE_DAY_NONE;

  for (guint i = 0; i < account->lines->len; i++)
    latest = MAX (latest, g_array_index (account->lines, Line, i).start);
  return latest;
}

/* A pilot: a short paid trial that starts and ends within one month. Returns
 * the day it ended. */
static TenureDay
run_pilot (Generator   *gen,
           Account     *account,
           TenureMonth  month)
{
  int days = tenure_days_in_month (tenure_month_year (month), tenure_month_month (month));
  TenureDay first = tenure_month_first_day (month);
  TenureDay start = first + rng_range (&account->rng, 0, days - 12);
  TenureDay end = start + rng_range (&account->rng, 7, MIN (21, first + days - 1 - start));
  /* About half a month of the contract it tries out, in round fifties. */
  gint64 fee = initial_seats (account, 0.5) * plans[segments[account->segment].plan].seat_price;

  fee = MAX (10000, (fee + 2500) / 5000 * 5000);

  add_line (gen, account, PLAN_PILOT, start, 0, fee);
  add_new_business (gen, account, start, fee);
  add_event (account, EVENT_ORIGINATED, start, -1, "Pilot");
  end_line (account, 0, end);
  add_event (account, EVENT_CHURNED, end, -1, "Pilot ended");
  return end;
}

static void
simulate_prospect (Generator   *gen,
                   Account     *account,
                   TenureMonth  month)
{
  int n = rng_range (&account->rng, 3, 7);
  TenureDay day = random_day_in_month (&account->rng, month, TENURE_DAY_NONE);
  gint64 size = 12 * initial_seats (account, 1.0) * plans[segments[account->segment].plan].seat_price;

  for (int i = 0; i < n && day <= gen->end_day; i++)
    {
      int cycle = sales_cycle (account);

      add_deal (gen, account, DEAL_NEW, STATUS_LOST, day, day + cycle, size);
      day += cycle + rng_range (&account->rng, 60, 300);
    }
}

static void
simulate_customer (Generator   *gen,
                   Account     *account,
                   TenureMonth  origin)
{
  const Segment *seg = &segments[account->segment];
  Rng *rng = &account->rng;
  TenureMonth stretch_month;   /* month the current active stretch began */
  TenureMonth comeback = -1;   /* month of a planned reactivation */
  TenureMonth month = origin;
  gboolean active = TRUE;
  gboolean after_pilot = FALSE;
  double risk = 0.3 + 1.7 * (1.0 - account->health);
  char note[48];

  /* Earlier opportunities that were lost (to a competitor, or no decision):
   * they put the new-business win rate near what B2B sales see. */
  for (int n = rng_count (rng, seg->lost_attempts); n > 0; n--)
    {
      TenureDay lost = tenure_month_first_day (origin) - rng_range (rng, 30, 240);

      if (lost >= gen->first_day)
        add_deal (gen, account, DEAL_NEW, STATUS_LOST, lost - sales_cycle (account), lost,
                  12 * initial_seats (account, 1.0) * plans[seg->plan].seat_price);
    }

  if (rng_chance (rng, seg->pilot))
    {
      TenureDay ended = run_pilot (gen, account, origin);

      active = FALSE;
      account->final_churn = ended;
      /* Most pilots convert within a few months. */
      if (rng_chance (rng, 0.6))
        {
          comeback = origin + rng_range (rng, 1, 3);
          after_pilot = TRUE;
        }
    }
  else
    {
      TenureDay start = rng_chance (rng, 0.4) ? tenure_month_first_day (origin)
                                              : random_day_in_month (rng, origin, TENURE_DAY_NONE);

      start_contract (gen, account, start, 1.0);
      add_event (account, EVENT_ORIGINATED, start, -1, NULL);
    }
  stretch_month = origin;

  for (month = origin + 1; month <= gen->end_month; month++)
    {
      int age = month - stretch_month;
      gboolean anniversary = age % 12 == 0;
      double p_churn = seg->churn * risk * (anniversary ? 4.0 : 1.0) * (age <= 3 ? 1.5 : 1.0);
      TenureDay day;

      if (!active)
        {
          if (month != comeback)
            continue;
          day = rng_chance (rng, 0.4) ? tenure_month_first_day (month)
                                      : random_day_in_month (rng, month, TENURE_DAY_NONE);
          /* A converted pilot buys the full contract; a returning customer
           * usually comes back smaller. */
          start_contract (gen, account, day, after_pilot ? 1.0 : 0.8);
          after_pilot = FALSE;
          add_event (account, EVENT_REACTIVATED, day, -1, NULL);
          account->stage = 0;
          account->final_churn = TENURE_DAY_NONE;
          active = TRUE;
          stretch_month = month;
          continue;
        }

      /* At most one change of the lines a month, never before the latest
       * line start, so that every line ends on or after it starts. */
      day = random_day_in_month (rng, month, latest_start (account) + 1);
      if (day == TENURE_DAY_NONE)
        continue;

      if (rng_chance (rng, p_churn))
        {
          if (anniversary)
            add_deal (gen, account, DEAL_RENEWAL, STATUS_LOST, day - rng_range (rng, 30, 60),
                      day - rng_range (rng, 0, 10), 12 * account_open_mrr (account));
          churn_all (account, day);
          add_event (account, EVENT_CHURNED, day, -1, anniversary ? "Did not renew" : "Cancelled");
          account->final_churn = day;
          active = FALSE;
          comeback = rng_chance (rng, 0.2) ? month + rng_range (rng, 2, 18) : -1;
          continue;
        }

      /* One renewal opportunity per contract line, as CRMs track them. */
      if (anniversary)
        for (guint i = 0; i < account->lines->len; i++)
          {
            Line *l = &g_array_index (account->lines, Line, i);
            TenureDay created = day - rng_range (rng, 20, 60);

            if (l->end == TENURE_DAY_NONE)
              add_deal (gen, account, DEAL_RENEWAL, STATUS_WON, created, day, 12 * l->mrr);
          }

      if (rng_chance (rng, seg->opportunity))
        {
          int kind = rng_chance (rng, 0.6) ? DEAL_UPSELL : DEAL_CROSS_SELL;
          gint64 before = account_open_mrr (account);
          TenureDay created = day - sales_cycle (account) / 2;

          created = MAX (created, tenure_month_first_day (stretch_month));

          if (day <= gen->end_day && rng_chance (rng, 0.10 + 0.26 * account->health) &&
              expand (gen, account, day, kind, note, sizeof note))
            {
              account->stage = MIN (account->stage + 1, N_STAGES - 1);
              add_event (account, EVENT_UPGRADED, day, account->stage, note);
              add_deal (gen, account, kind, STATUS_WON, created, day,
                        12 * (account_open_mrr (account) - before));
            }
          else
            {
              /* Lost, or still open when it would close in the last weeks. */
              gboolean open = month == gen->end_month && rng_chance (rng, 0.5);

              add_deal (gen, account, kind, STATUS_LOST, created,
                        open ? TENURE_DAY_NONE : day, 12 * before / 4);
            }
        }
      else if (rng_chance (rng, seg->contraction * risk) && contract (gen, account, day, note, sizeof note))
        {
          account->stage = MAX (account->stage - 1, 0);
          add_event (account, EVENT_DOWNGRADED, day, account->stage, note);
        }
      else if (account->stage < N_STAGES - 1 && age >= 2 &&
               rng_chance (rng, 0.12 * account->health))
        {
          /* The journey moves on without a change of contract. */
          account->stage++;
          g_snprintf (note, sizeof note, "Reached %s", stage_names[account->stage]);
          add_event (account, EVENT_UPGRADED, day, account->stage, note);
        }

      if (rng_chance (rng, seg->services))
        {
          TenureDay closed = random_day_in_month (rng, month, TENURE_DAY_NONE);

          add_deal (gen, account, DEAL_OTHER, STATUS_WON, closed - rng_range (rng, 7, 30), closed,
                    100 * rng_range (rng, (int) seg->services_lo / 100, (int) seg->services_hi / 100) * 100);
        }
    }
}

/* ---- Rows derived from the simulated timeline ---- */

static gboolean
active_on (Account   *account,
           TenureDay  day)
{
  return account_mrr_on (account, day) > 0;
}

static int
compare_touches (gconstpointer a,
                 gconstpointer b)
{
  const Touch *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
add_touch (Account   *account,
           TenureDay  day,
           int        deal)
{
  Touch touch = { 0 };

  touch.day = day;
  touch.seq = (int) account->touches->len;
  touch.channel = rng_pick (&account->rng, channel_weights, G_N_ELEMENTS (channel_weights));
  if (account->segment == SEG_ENTERPRISE && touch.channel == 0 && rng_chance (&account->rng, 0.3))
    touch.channel = 2;
  touch.inbound = rng_chance (&account->rng, 0.35);
  touch.deal = deal;
  g_array_append_val (account->touches, touch);
}

static void
build_touches (Generator   *gen,
               Account     *account,
               TenureMonth  origin)
{
  const Segment *seg = &segments[account->segment];
  Rng *rng = &account->rng;
  TenureDay gap_from = G_MAXINT32;
  double per_month = seg->touches;

  g_array_set_size (account->touches, 0);

  /* Some small accounts are never touched; a few others went quiet lately. */
  if ((account->segment == SEG_SMB || account->segment == SEG_STARTUPS) && rng_chance (rng, 0.12))
    per_month = 0;
  if (rng_chance (rng, 0.06))
    gap_from = gen->end_day - rng_range (rng, 45, 150);

  for (guint i = 0; i < account->deals->len; i++)
    {
      Deal *deal = &g_array_index (account->deals, Deal, i);
      TenureDay until = deal->closed != TENURE_DAY_NONE ? deal->closed : gen->end_day;
      int n = rng_range (rng, 1, account->segment == SEG_ENTERPRISE ? 6 : 4);

      for (int k = 0; k < n; k++)
        add_touch (account, rng_range (rng, deal->created, until), rng_chance (rng, 0.85) ? (int) i : -1);
    }

  if (!account->prospect)
    for (TenureMonth m = origin; m <= gen->end_month; m++)
      {
        int n = rng_count (rng, per_month);

        for (int k = 0; k < n; k++)
          {
            TenureDay day = random_day_in_month (rng, m, TENURE_DAY_NONE);

            if (active_on (account, day))
              add_touch (account, day, -1);
          }
      }

  g_array_sort (account->touches, compare_touches);
  /* Drop what falls in the gap (after sorting, a truncation). */
  for (guint i = 0; i < account->touches->len; i++)
    if (g_array_index (account->touches, Touch, i).day > gap_from)
      {
        g_array_set_size (account->touches, i);
        break;
      }
}

/* The journey stage at the end of @day, from the events. */
static int
stage_on (Account   *account,
          TenureDay  day)
{
  int stage = 0;

  for (guint i = 0; i < account->events->len; i++)
    {
      Event *e = &g_array_index (account->events, Event, i);

      if (e->day > day)
        break;
      if (e->kind == EVENT_ORIGINATED || e->kind == EVENT_REACTIVATED)
        stage = 0;
      else if (e->stage >= 0)
        stage = e->stage;
    }
  return stage;
}

static void
write_account (Generator   *gen,
               Account     *account,
               TenureMonth  origin)
{
  const Segment *seg = &segments[account->segment];
  Rng *rng = &account->rng;
  Out *o;
  char name[96];
  int owner = seg->owners[rng_range (rng, 0, 2)];
  int region = rng_pick (rng, seg->region_weights, 4);
  gboolean referenceable;

  referenceable = !account->prospect && account->final_churn == TENURE_DAY_NONE &&
                  account->health > 0.6 && rng_chance (rng, account->type <= 2 ? 0.6 : 0.25);

  {
    const char *suffix = name_suffixes[rng_range (rng, 0, G_N_ELEMENTS (name_suffixes) - 1)];

    g_snprintf (name, sizeof name, "%s %s%s%s",
                name_heads[rng_range (rng, 0, G_N_ELEMENTS (name_heads) - 1)],
                name_tails[rng_range (rng, 0, G_N_ELEMENTS (name_tails) - 1)],
                *suffix ? " " : "", suffix);
  }

  o = &gen->out[TENURE_GENERATOR_KIND_ACCOUNTS];
  if (o->fp)
    {
      out_str (o, account->key);
      out_str (o, name);
      out_str (o, seg->name);
      out_str (o, owner_names[owner]);
      out_int (o, account->type);
      out_str (o, region_names[region]);
      out_str (o, referenceable ? "yes" : "no");
      out_day (o, account->final_churn);
      out_end (o);
    }

  o = &gen->out[TENURE_GENERATOR_KIND_SUBSCRIPTIONS];
  if (o->fp)
    for (guint i = 0; i < account->lines->len; i++)
      {
        Line *l = &g_array_index (account->lines, Line, i);
        char id[24];

        g_snprintf (id, sizeof id, "SUB-%07u", l->id);
        out_str (o, id);
        out_str (o, account->key);
        out_str (o, plans[l->plan].name);
        out_day (o, l->start);
        out_day (o, l->end);
        out_money (o, l->mrr);
        if (l->seats >= 0)
          {
            out_int (o, l->seats);
            out_int (o, l->assigned);
          }
        else
          {
            out_empty (o);
            out_empty (o);
          }
        out_end (o);
      }

  o = &gen->out[TENURE_GENERATOR_KIND_DEALS];
  if (o->fp)
    for (guint i = 0; i < account->deals->len; i++)
      {
        Deal *d = &g_array_index (account->deals, Deal, i);
        char id[24];

        g_snprintf (id, sizeof id, "DEAL-%07u", d->id);
        out_str (o, id);
        out_str (o, account->key);
        out_day (o, d->created);
        out_day (o, d->closed);
        out_str (o, deal_statuses[d->status]);
        out_money (o, d->amount);
        out_str (o, deal_kinds[d->kind]);
        out_str (o, deal_sources[d->source]);
        out_end (o);
      }

  o = &gen->out[TENURE_GENERATOR_KIND_EVENTS];
  if (o->fp)
    for (guint i = 0; i < account->events->len; i++)
      {
        Event *e = &g_array_index (account->events, Event, i);

        out_str (o, account->key);
        out_day (o, e->day);
        out_str (o, event_kinds[e->kind]);
        out_str (o, e->stage >= 0 ? stage_names[e->stage] : "");
        out_str (o, e->note);
        out_end (o);
      }

  build_touches (gen, account, origin);
  o = &gen->out[TENURE_GENERATOR_KIND_TOUCHPOINTS];
  if (o->fp)
    for (guint i = 0; i < account->touches->len; i++)
      {
        Touch *t = &g_array_index (account->touches, Touch, i);

        out_str (o, account->key);
        out_day (o, t->day);
        out_str (o, channels[t->channel]);
        out_str (o, t->inbound ? "inbound" : "outbound");
        if (t->deal >= 0)
          {
            char id[24];

            g_snprintf (id, sizeof id, "DEAL-%07u", g_array_index (account->deals, Deal, t->deal).id);
            out_str (o, id);
          }
        else
          out_empty (o);
        out_end (o);
      }

  if (account->prospect)
    return;

  /* Surveys: an NPS round each quarter, CSAT after some support contacts. */
  o = &gen->out[TENURE_GENERATOR_KIND_SURVEYS];
  for (TenureMonth m = origin; m <= gen->end_month; m++)
    {
      TenureDay day = random_day_in_month (rng, m, TENURE_DAY_NONE);
      gboolean nps = tenure_month_month (m) % 3 == 2 && rng_chance (rng, 0.45);
      gboolean csat = rng_chance (rng, 0.1);
      int nps_score = clamp_round (1.5 + 8.5 * account->health + 1.5 * rng_normal (rng), 0, 10);
      int csat_score = clamp_round (1.2 + 3.8 * account->health + 0.7 * rng_normal (rng), 1, 5);

      if (!o->fp || !active_on (account, day))
        continue;
      if (nps)
        {
          out_str (o, account->key);
          out_day (o, day);
          out_str (o, "nps");
          out_int (o, nps_score);
          out_end (o);
        }
      if (csat)
        {
          out_str (o, account->key);
          out_day (o, day);
          out_str (o, "csat");
          out_int (o, csat_score);
          out_end (o);
        }
    }

  if (account->type > 3)
    return;

  /* Scorecards of the key accounts: quarterly over the last two years, the
   * areas the account has reached (and the next one). */
  o = &gen->out[TENURE_GENERATOR_KIND_SCORES];
  for (TenureMonth m = gen->end_month - 23; m <= gen->end_month; m++)
    {
      TenureDay day;
      double health;
      int stage;

      if (tenure_month_month (m) % 3 != 0 || m < origin)
        continue;
      day = tenure_month_first_day (m) + rng_range (rng, 9, 24);
      health = account->health + 0.08 * rng_normal (rng);
      if (day > gen->end_day || !active_on (account, day))
        continue;
      stage = stage_on (account, day);
      for (int a = 0; a < 5; a++)
        {
          if (a > stage + 1)
            break;
          for (int k = 0; k < 3; k++)
            {
              int value = clamp_round (1.0 + 8.5 * health - (a > stage ? 1.5 : 0.0) + 0.9 * rng_normal (rng), 0, 10);

              if (!o->fp)
                continue;
              out_str (o, account->key);
              out_day (o, day);
              out_str (o, area_names[a]);
              out_str (o, metric_names[a][k]);
              out_int (o, value);
              out_end (o);
            }
        }
    }

  /* Targets for the current and the previous fiscal year (January start: a
   * fiscal year is the calendar year). */
  o = &gen->out[TENURE_GENERATOR_KIND_TARGETS];
  for (int fy = tenure_month_year (gen->end_month) - 1; fy <= tenure_month_year (gen->end_month); fy++)
    {
      gint64 arr_last = 12 * account_mrr_on (account, tenure_day_from_ymd (fy - 1, 12, 31));
      TenureDay fy_first = tenure_day_from_ymd (fy, 1, 1);
      TenureDay fy_last = MIN (tenure_day_from_ymd (fy, 12, 31), gen->end_day);
      TenureDay first_start = g_array_index (account->lines, Line, 0).start;
      gint64 delta;

      if (arr_last > 0)
        delta = arr_last * rng_range (rng, 50, 350) / 1000;
      else if (first_start >= fy_first && first_start <= fy_last)
        delta = 12 * g_array_index (account->lines, Line, 0).mrr * rng_range (rng, 100, 500) / 1000;
      else
        continue;
      /* Targets are set in round hundreds. */
      delta = (delta + 5000) / 10000 * 10000;
      if (!o->fp)
        continue;
      out_str (o, account->key);
      out_int (o, fy);
      out_money (o, arr_last);
      out_money (o, delta);
      out_end (o);
    }
}

static void
generate_account (Generator   *gen,
                  Account     *account,
                  guint        index,
                  TenureMonth  origin)
{
  const Segment *seg;
  double segment_shares[N_SEGMENTS];
  double u;

  rng_init (&account->rng, gen->options->seed, index + 1);
  g_snprintf (account->key, sizeof account->key, "ACC-%06u", index + 1);
  for (int i = 0; i < N_SEGMENTS; i++)
    segment_shares[i] = segments[i].share;
  account->segment = rng_pick (&account->rng, segment_shares, N_SEGMENTS);
  seg = &segments[account->segment];
  /* Prospects (lost or open deals only) in every segment; key accounts are
   * customers by definition. */
  account->prospect = rng_chance (&account->rng, 0.28);
  account->type = account->prospect ? 4 : 1 + rng_pick (&account->rng, seg->type_weights, 4);
  u = rng_double (&account->rng);
  /* Skewed toward healthy; one account in ten or so is in trouble. */
  account->health = 0.1 + 0.9 * (1.0 - u * u);
  account->utilisation = account->health < 0.4 ? 0.4 + 0.25 * rng_double (&account->rng)
                                                : 0.75 + 0.25 * rng_double (&account->rng);
  account->stage = 0;
  account->final_churn = TENURE_DAY_NONE;
  g_array_set_size (account->lines, 0);
  g_array_set_size (account->deals, 0);
  g_array_set_size (account->events, 0);

  if (account->prospect)
    simulate_prospect (gen, account, origin);
  else
    {
      simulate_customer (gen, account, origin);
      gen->new_accounts[account->segment * gen->n_months + (origin - gen->first_month)]++;
    }
  write_account (gen, account, origin);
}

static void
write_funnel (Generator *gen)
{
  Out *o = &gen->out[TENURE_GENERATOR_KIND_FUNNEL];
  Rng rng;

  if (!o->fp)
    return;
  rng_init (&rng, gen->options->seed, 0);
  for (int i = 0; i < gen->n_months; i++)
    for (int s = 0; s < N_SEGMENTS; s++)
      {
        const Segment *seg = &segments[s];
        guint new_accounts = gen->new_accounts[s * gen->n_months + i];
        guint opportunities = gen->opportunities[s * gen->n_months + i];
        guint leads = (guint) clamp_round (opportunities / seg->lead_to_opportunity * (0.8 + 0.4 * rng_double (&rng)),
                                           0, G_MAXINT);
        /* Spend follows the month's new accounts at the segment's cost per
         * account, on top of a base that keeps the lights on. */
        gint64 spend = (gint64) ((double) seg->cac * 100 * (new_accounts + 0.5) * (0.8 + 0.4 * rng_double (&rng)));
        gint64 marketing = (gint64) (spend * seg->marketing_share);
        char month[8];

        spend = spend / 100 * 100;
        marketing = marketing / 100 * 100;
        out_str (o, seg->name);
        out_str (o, tenure_month_format (gen->first_month + i, month));
        out_money (o, marketing);
        out_money (o, spend - marketing);
        out_int (o, MAX (leads, opportunities));
        out_int (o, opportunities);
        out_end (o);
      }
}

/* ---- Public API ---- */

/**
 * tenure_generator_size_to_string:
 * @size: a size
 *
 * Returns: (transfer none): "S", "M" or "L"
 */
const char *
tenure_generator_size_to_string (TenureGeneratorSize size)
{
  static const char *const names[] = { "S", "M", "L" };

  g_return_val_if_fail (size <= TENURE_GENERATOR_SIZE_L, NULL);
  return names[size];
}

/**
 * tenure_generator_size_from_string:
 * @text: "S", "M" or "L" (any case)
 * @out: (out): the size
 *
 * Returns: %TRUE when @text names a size
 */
gboolean
tenure_generator_size_from_string (const char          *text,
                                   TenureGeneratorSize *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (TenureGeneratorSize s = TENURE_GENERATOR_SIZE_S; s <= TENURE_GENERATOR_SIZE_L; s++)
    if (g_ascii_strcasecmp (text, tenure_generator_size_to_string (s)) == 0)
      {
        *out = s;
        return TRUE;
      }
  return FALSE;
}

/**
 * tenure_generator_size_accounts:
 * @size: a size
 *
 * Returns: the number of accounts (customers and prospects) of @size
 */
guint
tenure_generator_size_accounts (TenureGeneratorSize size)
{
  static const guint accounts[] = { 300, 10000, 100000 };

  g_return_val_if_fail (size <= TENURE_GENERATOR_SIZE_L, 0);
  return accounts[size];
}

/**
 * tenure_generator_size_months:
 * @size: a size
 *
 * Returns: the number of months of history of @size, the end month included
 */
guint
tenure_generator_size_months (TenureGeneratorSize size)
{
  g_return_val_if_fail (size <= TENURE_GENERATOR_SIZE_L, 0);
  return size == TENURE_GENERATOR_SIZE_S ? 36 : 60;
}

/**
 * tenure_generator_kind_to_string:
 * @kind: a kind of file
 *
 * Returns: (transfer none): the kind's name, as in IMPORT.md ("deals"); the
 *   file is that name with ".csv"
 */
const char *
tenure_generator_kind_to_string (TenureGeneratorKind kind)
{
  g_return_val_if_fail (kind < TENURE_GENERATOR_N_KINDS, NULL);
  return kind_names[kind];
}

/**
 * tenure_generator_kind_from_string:
 * @text: a kind's name ("deals")
 * @out: (out): the kind
 *
 * Returns: %TRUE when @text names a kind
 */
gboolean
tenure_generator_kind_from_string (const char          *text,
                                   TenureGeneratorKind *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    if (g_ascii_strcasecmp (text, kind_names[k]) == 0)
      {
        *out = (TenureGeneratorKind) k;
        return TRUE;
      }
  return FALSE;
}

/**
 * tenure_generator_kind_header:
 * @kind: a kind of file
 *
 * Returns: (transfer none): the header line the generator writes for @kind
 *   (canonical field names, comma-separated, no line end)
 */
const char *
tenure_generator_kind_header (TenureGeneratorKind kind)
{
  g_return_val_if_fail (kind < TENURE_GENERATOR_N_KINDS, NULL);
  return headers[kind];
}

static gboolean
close_outputs (Generator            *gen,
               TenureGeneratorStats *stats,
               gboolean              ok,
               GError              **error)
{
  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    {
      Out *o = &gen->out[k];

      if (o->fp)
        {
          long size;
          int saved;

          fflush (o->fp);
          size = ftell (o->fp);
          saved = ferror (o->fp) ? errno : 0;
          if (fclose (o->fp) != 0 && saved == 0)
            saved = errno ? errno : EIO;
          o->fp = NULL;
          if (ok && saved != 0)
            {
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           "Could not write %s: %s", o->path, g_strerror (saved));
              ok = FALSE;
            }
          if (stats)
            stats->bytes[k] = size > 0 ? (guint64) size : 0;
        }
      if (stats)
        stats->rows[k] = o->rows;
      g_clear_pointer (&o->path, g_free);
    }
  return ok;
}

/**
 * tenure_generator_write:
 * @options: what to generate
 * @directory: where to write the files; created if missing
 * @stats: (out caller-allocates) (nullable): rows and bytes per kind
 * @error: a #GError (%G_IO_ERROR) when a file cannot be written
 *
 * Writes the synthetic ledger described by @options as one CSV file per kind
 * (accounts.csv, subscriptions.csv, … targets.csv) into @directory, replacing
 * files of those names. The same options always give the same bytes; the
 * kinds not selected are simulated all the same, so a subset of the files is
 * identical to the same files of a full run. Rows are streamed: memory does
 * not grow with the size.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_generator_write (const TenureGeneratorOptions *options,
                        const char                   *directory,
                        TenureGeneratorStats         *stats,
                        GError                      **error)
{
  Generator gen = { 0 };
  Account account = { 0 };
  guint kinds;
  guint n_accounts;
  double weights_total = 0, weight = 1, growth, cumulative = 0;
  guint assigned = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->size <= TENURE_GENERATOR_SIZE_L, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not create %s: %s", directory, g_strerror (saved));
      return FALSE;
    }

  gen.options = options;
  gen.end_month = options->end_month;
  gen.n_months = (int) tenure_generator_size_months (options->size);
  gen.first_month = gen.end_month - gen.n_months + 1;
  gen.first_day = tenure_month_first_day (gen.first_month);
  gen.end_day = tenure_month_last_day (gen.end_month);
  gen.next_line_id = 1;
  gen.next_deal_id = 1;
  gen.new_accounts = g_new0 (guint, N_SEGMENTS * gen.n_months);
  gen.opportunities = g_new0 (guint, N_SEGMENTS * gen.n_months);

  kinds = options->kinds ? options->kinds : TENURE_GENERATOR_ALL_KINDS;
  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    {
      Out *o = &gen.out[k];
      g_autofree char *file = NULL;

      if (!(kinds & TENURE_GENERATOR_KIND_MASK (k)))
        continue;
      file = g_strconcat (kind_names[k], ".csv", NULL);
      o->path = g_build_filename (directory, file, NULL);
      o->fp = fopen (o->path, "w");
      if (o->fp == NULL)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not write %s: %s", o->path, g_strerror (saved));
          ok = FALSE;
          break;
        }
      setvbuf (o->fp, NULL, _IOFBF, 1 << 18);
      o->n_fields = 1;
      for (const char *h = headers[k]; *h; h++)
        o->n_fields += *h == ',';
      fputs (headers[k], o->fp);
      putc ('\n', o->fp);
    }
  if (!ok)
    {
      close_outputs (&gen, NULL, FALSE, NULL);
      g_free (gen.new_accounts);
      g_free (gen.opportunities);
      return FALSE;
    }

  account.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  account.deals = g_array_new (FALSE, FALSE, sizeof (Deal));
  account.events = g_array_new (FALSE, FALSE, sizeof (Event));
  account.touches = g_array_new (FALSE, FALSE, sizeof (Touch));

  /* Originations grow month on month (about 2.4-fold over the S history,
   * 2.4-fold over five years); accounts are numbered in origination order. */
  growth = options->size == TENURE_GENERATOR_SIZE_S ? 1.025 : 1.015;
  for (int i = 0; i < gen.n_months; i++, weight *= growth)
    weights_total += weight;
  n_accounts = tenure_generator_size_accounts (options->size);
  weight = 1;
  for (int i = 0; i < gen.n_months; i++, weight *= growth)
    {
      guint upto;

      cumulative += weight;
      upto = i == gen.n_months - 1 ? n_accounts
                                   : (guint) (n_accounts * cumulative / weights_total + 0.5);
      for (; assigned < upto; assigned++)
        generate_account (&gen, &account, assigned, gen.first_month + i);
    }
  write_funnel (&gen);

  g_array_unref (account.lines);
  g_array_unref (account.deals);
  g_array_unref (account.events);
  g_array_unref (account.touches);
  g_free (gen.new_accounts);
  g_free (gen.opportunities);

  return close_outputs (&gen, stats, TRUE, error);
}
