/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tenure-generator.h"

/* The generated files are read back as any importer would (RFC 4180) and
 * checked against the rules of IMPORT.md and METRICS.md. */

#define END_YEAR 2025
#define END_MONTH 6

typedef struct
{
  char      *header;
  GPtrArray *rows;  /* of GStrv */
} Csv;

static void
csv_free (Csv *csv)
{
  g_free (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Csv, csv_free)

/* Splits RFC 4180 text; every record must have @n_fields fields. */
static Csv *
csv_parse (const char *text,
           guint       n_fields)
{
  Csv *csv = g_new0 (Csv, 1);
  GPtrArray *fields = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  const char *p = text;
  const char *eol = strchr (text, '\n');
  gboolean first = TRUE;

  g_assert_nonnull (eol);
  csv->header = g_strndup (text, eol - text);
  p = eol + 1;
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  while (*p)
    {
      gboolean quoted = FALSE;

      g_string_truncate (field, 0);
      if (*p == '"')
        {
          quoted = TRUE;
          for (p++; ; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        while (*p && *p != ',' && *p != '\n')
          g_string_append_c (field, *p++);
      (void) quoted;
      g_ptr_array_add (fields, g_strdup (field->str));
      first = FALSE;
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (*p == '\n');
          p++;
          g_assert_cmpuint (fields->len, ==, n_fields);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (csv->rows, g_ptr_array_free (fields, FALSE));
          fields = g_ptr_array_new ();
          first = TRUE;
        }
    }
  g_assert_true (first);
  g_ptr_array_free (fields, TRUE);
  g_string_free (field, TRUE);
  return csv;
}

static char *
file_in (const char          *dir,
         TenureGeneratorKind  kind)
{
  g_autofree char *name = g_strconcat (tenure_generator_kind_to_string (kind), ".csv", NULL);

  return g_build_filename (dir, name, NULL);
}

static Csv *
read_kind (const char          *dir,
           TenureGeneratorKind  kind)
{
  g_autofree char *path = file_in (dir, kind);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_strsplit (tenure_generator_kind_header (kind), ",", -1);
  Csv *csv;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  csv = csv_parse (text, g_strv_length (names));
  g_assert_cmpstr (csv->header, ==, tenure_generator_kind_header (kind));
  return csv;
}

static char *
make_ledger_at (guint64               seed,
                TenureGeneratorSize   size,
                TenureMonth           end,
                guint                 kinds,
                TenureGeneratorStats *stats)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tenure-gen-XXXXXX", &error);
  TenureGeneratorOptions options = { 0 };

  g_assert_no_error (error);
  options.seed = seed;
  options.size = size;
  options.end_month = end;
  options.kinds = kinds;
  g_assert_true (tenure_generator_write (&options, dir, stats, &error));
  g_assert_no_error (error);
  return dir;
}

static char *
make_ledger (guint64               seed,
             TenureGeneratorSize   size,
             guint                 kinds,
             TenureGeneratorStats *stats)
{
  return make_ledger_at (seed, size, tenure_month_from_ym (END_YEAR, END_MONTH), kinds, stats);
}

static void
remove_ledger (char *dir)
{
  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    {
      g_autofree char *path = file_in (dir, k);

      g_remove (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_free (dir);
}

static GBytes *
slurp (const char          *dir,
       TenureGeneratorKind  kind)
{
  g_autofree char *path = file_in (dir, kind);
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gsize len = 0;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (text, len);
}

/* The S ledger the invariant tests read, generated once. */
static char *s_dir;

static TenureDay
day_of (const char *text)
{
  TenureDay d;

  g_assert_true (tenure_day_parse_iso (text, &d));
  return d;
}

/* Optional date: TENURE_DAY_NONE when empty. */
static TenureDay
opt_day_of (const char *text)
{
  return *text ? day_of (text) : TENURE_DAY_NONE;
}

static gint64
money_of (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", -1);
  char *end;
  gint64 units;

  /* Exactly "digits.dd": no sign, no exponent, two decimals. */
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_cmpuint (strlen (parts[1]), ==, 2);
  g_assert_true (g_ascii_isdigit (parts[0][0]));
  units = g_ascii_strtoll (parts[0], &end, 10);
  g_assert_true (*end == '\0');
  g_assert_true (g_ascii_isdigit (parts[1][0]) && g_ascii_isdigit (parts[1][1]));
  return units * 100 + (parts[1][0] - '0') * 10 + (parts[1][1] - '0');
}

static gint64
int_of (const char *text)
{
  char *end;
  gint64 v = g_ascii_strtoll (text, &end, 10);

  g_assert_true (*text != '\0' && *end == '\0');
  return v;
}

static void
test_generator_names (void)
{
  TenureGeneratorSize size;
  TenureGeneratorKind kind;

  g_assert_true (tenure_generator_size_from_string ("m", &size));
  g_assert_cmpint (size, ==, TENURE_GENERATOR_SIZE_M);
  g_assert_true (tenure_generator_size_from_string ("L", &size));
  g_assert_cmpint (size, ==, TENURE_GENERATOR_SIZE_L);
  g_assert_false (tenure_generator_size_from_string ("XL", &size));
  g_assert_false (tenure_generator_size_from_string (NULL, &size));
  g_assert_cmpuint (tenure_generator_size_accounts (TENURE_GENERATOR_SIZE_L), ==, 100000);
  g_assert_cmpuint (tenure_generator_size_months (TENURE_GENERATOR_SIZE_S), ==, 36);
  g_assert_true (tenure_generator_kind_from_string ("touchpoints", &kind));
  g_assert_cmpint (kind, ==, TENURE_GENERATOR_KIND_TOUCHPOINTS);
  g_assert_false (tenure_generator_kind_from_string ("touchpoint", &kind));
  /* The canonical field names of IMPORT.md, in the import order. */
  static const char *const expected[][2] = {
    { "accounts", "account,name,segment,owner,type,region,referenceable,end_date" },
    { "subscriptions", "subscription_id,account,plan,starts_on,ends_on,mrr,seats,seats_assigned" },
    { "deals", "deal_id,account,created_on,closed_on,status,amount,kind,source" },
    { "events", "account,date,kind,stage,note" },
    { "touchpoints", "account,date,channel,direction,deal_id" },
    { "surveys", "account,date,kind,score" },
    { "funnel", "segment,month,marketing_spend,sales_spend,leads,opportunities" },
    { "scores", "account,date,area,metric,value" },
    { "targets", "account,fiscal_year,arr_last_year,arr_target_delta" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TENURE_GENERATOR_N_KINDS);
  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    {
      g_assert_cmpstr (tenure_generator_kind_to_string (k), ==, expected[k][0]);
      g_assert_cmpstr (tenure_generator_kind_header (k), ==, expected[k][1]);
    }
}

static void
test_generator_deterministic (void)
{
  TenureGeneratorStats stats_a, stats_b;
  char *a = make_ledger (7, TENURE_GENERATOR_SIZE_S, 0, &stats_a);
  char *b = make_ledger (7, TENURE_GENERATOR_SIZE_S, 0, &stats_b);
  char *c = make_ledger (8, TENURE_GENERATOR_SIZE_S, 0, NULL);
  /* A subset of the kinds gives the same bytes for those kinds. */
  char *d = make_ledger (7, TENURE_GENERATOR_SIZE_S,
                         TENURE_GENERATOR_KIND_MASK (TENURE_GENERATOR_KIND_DEALS) |
                         TENURE_GENERATOR_KIND_MASK (TENURE_GENERATOR_KIND_SCORES), NULL);
  guint differing = 0;

  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    {
      g_autoptr(GBytes) ba = slurp (a, k);
      g_autoptr(GBytes) bb = slurp (b, k);
      g_autoptr(GBytes) bc = slurp (c, k);
      g_autofree char *dpath = file_in (d, k);

      g_assert_true (g_bytes_equal (ba, bb));
      g_assert_cmpuint (stats_a.bytes[k], ==, g_bytes_get_size (ba));
      g_assert_cmpuint (stats_a.rows[k], ==, stats_b.rows[k]);
      g_assert_cmpuint (stats_a.rows[k], >, 0);
      differing += !g_bytes_equal (ba, bc);
      if (k == TENURE_GENERATOR_KIND_DEALS || k == TENURE_GENERATOR_KIND_SCORES)
        {
          g_autoptr(GBytes) bd = slurp (d, k);

          g_assert_true (g_bytes_equal (ba, bd));
        }
      else
        g_assert_false (g_file_test (dpath, G_FILE_TEST_EXISTS));
    }
  /* Another seed is another business in every file. */
  g_assert_cmpuint (differing, ==, TENURE_GENERATOR_N_KINDS);

  remove_ledger (a);
  remove_ledger (b);
  remove_ledger (c);
  remove_ledger (d);
}

static void
test_generator_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tenure-gen-XXXXXX", &error);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *inside = g_build_filename (blocker, "ledger", NULL);
  TenureGeneratorOptions options = { 1, TENURE_GENERATOR_SIZE_S, tenure_month_from_ym (2025, 1), 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (tenure_generator_write (&options, inside, NULL, &error));
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, "not-a-dir"));
  g_remove (blocker);
  g_rmdir (dir);
}

/* Every date of every file lies within the history; returns how many dates
 * were checked. */
static guint
check_dates (Csv        *csv,
             const int  *columns,
             TenureDay   first,
             TenureDay   last)
{
  guint n = 0;

  for (guint i = 0; i < csv->rows->len; i++)
    {
      char **row = csv->rows->pdata[i];

      for (const int *c = columns; *c >= 0; c++)
        if (*row[*c])
          {
            TenureDay d = day_of (row[*c]);

            g_assert_cmpint (d, <=, last);
            g_assert_cmpint (d, >=, first);
            n++;
          }
    }
  return n;
}

/* @presence: also require the features a sample should show (pilots,
 * reactivations…); off for the other seeds, where a small ledger may lack one. */
static void
check_shape (const char  *dir,
             TenureMonth  end,
             gboolean     presence)
{
  g_autoptr(Csv) accounts = read_kind (dir, TENURE_GENERATOR_KIND_ACCOUNTS);
  g_autoptr(Csv) subs = read_kind (dir, TENURE_GENERATOR_KIND_SUBSCRIPTIONS);
  g_autoptr(Csv) deals = read_kind (dir, TENURE_GENERATOR_KIND_DEALS);
  g_autoptr(Csv) events = read_kind (dir, TENURE_GENERATOR_KIND_EVENTS);
  g_autoptr(Csv) touches = read_kind (dir, TENURE_GENERATOR_KIND_TOUCHPOINTS);
  g_autoptr(Csv) surveys = read_kind (dir, TENURE_GENERATOR_KIND_SURVEYS);
  g_autoptr(Csv) funnel = read_kind (dir, TENURE_GENERATOR_KIND_FUNNEL);
  g_autoptr(Csv) scores = read_kind (dir, TENURE_GENERATOR_KIND_SCORES);
  g_autoptr(Csv) targets = read_kind (dir, TENURE_GENERATOR_KIND_TARGETS);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) segments = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) deal_account = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) won = g_hash_table_new (g_str_hash, g_str_equal);
  TenureDay end_day = tenure_month_last_day (end);
  TenureDay history_first = tenure_month_first_day (end - 35);
  TenureDay earliest_start = G_MAXINT32, earliest_won = G_MAXINT32;
  guint quoted_names = 0, key_accounts = 0, referenceable = 0, concurrent = 0, open_deals = 0;
  guint lost_deals = 0, tagged = 0, low_util = 0, over_assigned = 0;
  static const int sub_dates[] = { 3, 4, -1 }, deal_dates[] = { 3, -1 }, ev_dates[] = { 1, -1 };
  static const int one_date[] = { 1, -1 }, acc_dates[] = { 7, -1 };

  /* Accounts: about 300, unique keys, types 1–4 with few 1 and 2. */
  g_assert_cmpuint (accounts->rows->len, >=, 250);
  g_assert_cmpuint (accounts->rows->len, <=, 350);
  for (guint i = 0; i < accounts->rows->len; i++)
    {
      char **row = accounts->rows->pdata[i];
      gint64 type = int_of (row[4]);

      g_assert_false (g_hash_table_contains (keys, row[0]));
      g_hash_table_insert (keys, row[0], row);
      g_hash_table_add (segments, row[2]);
      g_assert_cmpint (type, >=, 1);
      g_assert_cmpint (type, <=, 4);
      key_accounts += type <= 2;
      quoted_names += strchr (row[1], ',') != NULL;
      g_assert_true (g_str_equal (row[6], "yes") || g_str_equal (row[6], "no"));
      referenceable += g_str_equal (row[6], "yes");
      g_assert_cmpstr (row[3], !=, "");
    }
  g_assert_cmpuint (g_hash_table_size (segments), ==, 5);
  g_assert_true (!presence || (key_accounts > 0));
  g_assert_cmpuint (key_accounts, <, accounts->rows->len / 10);
  g_assert_true (!presence || (quoted_names > 0));
  g_assert_true (!presence || (referenceable > 0));
  check_dates (accounts, acc_dates, history_first, end_day);

  /* Subscriptions: 36 months of history ending at the end month. */
  for (guint i = 0; i < subs->rows->len; i++)
    {
      char **row = subs->rows->pdata[i];
      TenureDay start = day_of (row[3]);
      TenureDay stop = opt_day_of (row[4]);

      g_assert_true (g_hash_table_contains (keys, row[1]));
      if (stop != TENURE_DAY_NONE)
        g_assert_cmpint (stop, >=, start);
      g_assert_cmpint (money_of (row[5]), >, 0);
      earliest_start = MIN (earliest_start, start);
      if (*row[6])
        {
          gint64 seats = int_of (row[6]), assigned = int_of (row[7]);

          g_assert_cmpint (seats, >, 0);
          g_assert_cmpint (assigned, >=, 0);
          over_assigned += assigned > seats;
          low_util += assigned < 0.7 * seats;
        }
      else
        g_assert_cmpstr (row[7], ==, "");
      /* Two lines of one account open at once: an add-on beside its plan. */
      if (i > 0 && stop == TENURE_DAY_NONE)
        {
          char **prev = subs->rows->pdata[i - 1];

          concurrent += g_str_equal (prev[1], row[1]) && *prev[4] == '\0';
        }
    }
  g_assert_cmpint (tenure_month_of_day (earliest_start), ==, end - 35);
  g_assert_true (!presence || (concurrent > 0));
  g_assert_true (!presence || (low_util > 0));
  g_assert_cmpuint (over_assigned, <, subs->rows->len / 20);
  check_dates (subs, sub_dates, history_first, end_day);

  /* Deals: money never negative, closing dates by status, a won deal for
   * every account with a subscription. */
  for (guint i = 0; i < deals->rows->len; i++)
    {
      char **row = deals->rows->pdata[i];

      g_assert_true (g_hash_table_contains (keys, row[1]));
      g_assert_false (g_hash_table_contains (deal_account, row[0]));
      g_hash_table_insert (deal_account, row[0], row[1]);
      g_assert_cmpint (money_of (row[5]), >=, 0);
      g_assert_true (g_strv_contains ((const char *const[]) { "new", "upsell", "cross_sell", "renewal", "other", NULL }, row[6]));
      g_assert_true (g_strv_contains ((const char *const[]) { "referral", "inbound", "outbound", "partner", "event", NULL }, row[7]));
      g_assert_cmpint (day_of (row[2]), <=, end_day);
      if (g_str_equal (row[4], "open"))
        {
          g_assert_cmpstr (row[3], ==, "");
          open_deals++;
        }
      else
        {
          g_assert_true (g_str_equal (row[4], "won") || g_str_equal (row[4], "lost"));
          g_assert_cmpint (day_of (row[3]), >=, day_of (row[2]));
          lost_deals += g_str_equal (row[4], "lost");
        }
      if (g_str_equal (row[4], "won"))
        {
          g_hash_table_add (won, row[1]);
          earliest_won = MIN (earliest_won, day_of (row[3]));
        }
    }
  g_assert_true (!presence || (open_deals > 0));
  g_assert_true (!presence || (lost_deals > 0));
  /* Won deals do not move the start of the history either. */
  g_assert_cmpint (earliest_won, >=, history_first);
  check_dates (deals, deal_dates, history_first, end_day);
  for (guint i = 0; i < subs->rows->len; i++)
    g_assert_true (g_hash_table_contains (won, ((char **) subs->rows->pdata[i])[1]));

  /* Events name stages from the default journey. */
  for (guint i = 0; i < events->rows->len; i++)
    {
      char **row = events->rows->pdata[i];
      static const char *const stages[] = { "Onboarding", "Launched", "ROI Generated", "ROI Recognized",
                                            "Monetized", "Strategic Partner", NULL };

      g_assert_true (g_hash_table_contains (keys, row[0]));
      if (g_str_equal (row[2], "upgraded") || g_str_equal (row[2], "downgraded"))
        g_assert_true (g_strv_contains (stages, row[3]));
      else
        g_assert_true (g_strv_contains ((const char *const[]) { "originated", "churned", "reactivated", NULL }, row[2]));
    }
  check_dates (events, ev_dates, history_first, end_day);

  /* Touchpoints: tagged deals belong to the same account. */
  for (guint i = 0; i < touches->rows->len; i++)
    {
      char **row = touches->rows->pdata[i];

      g_assert_true (g_hash_table_contains (keys, row[0]));
      g_assert_true (g_strv_contains ((const char *const[]) { "email", "call", "meeting", "video", NULL }, row[2]));
      g_assert_true (g_str_equal (row[3], "inbound") || g_str_equal (row[3], "outbound"));
      if (*row[4])
        {
          g_assert_cmpstr (g_hash_table_lookup (deal_account, row[4]), ==, row[0]);
          tagged++;
        }
    }
  g_assert_true (!presence || (tagged > 0));
  g_assert_cmpuint (tagged, <, touches->rows->len);
  check_dates (touches, one_date, history_first - 400, end_day);

  /* Surveys: NPS 0–10, CSAT 1–5. */
  for (guint i = 0; i < surveys->rows->len; i++)
    {
      char **row = surveys->rows->pdata[i];
      gint64 score = int_of (row[3]);

      g_assert_true (g_hash_table_contains (keys, row[0]));
      if (g_str_equal (row[2], "nps"))
        g_assert_true (score >= 0 && score <= 10);
      else
        {
          g_assert_cmpstr (row[2], ==, "csat");
          g_assert_true (score >= 1 && score <= 5);
        }
    }
  check_dates (surveys, one_date, history_first, end_day);

  /* Funnel: every segment every month, leads at least opportunities, and
   * over the history at least one opportunity per new account. */
  g_assert_cmpuint (funnel->rows->len, ==, 5 * 36);
  for (guint i = 0; i < funnel->rows->len; i++)
    {
      char **row = funnel->rows->pdata[i];
      TenureMonth m;

      g_assert_true (g_hash_table_contains (segments, row[0]));
      g_assert_true (tenure_month_parse (row[1], &m));
      g_assert_cmpint (m, >=, end - 35);
      g_assert_cmpint (m, <=, end);
      g_assert_cmpint (money_of (row[2]) + money_of (row[3]), >, 0);
      g_assert_cmpint (int_of (row[4]), >=, int_of (row[5]));
    }
  {
    GHashTableIter iter;
    gpointer seg;

    g_hash_table_iter_init (&iter, segments);
    while (g_hash_table_iter_next (&iter, &seg, NULL))
      {
        gint64 opportunities = 0, originated = 0;

        for (guint i = 0; i < funnel->rows->len; i++)
          if (g_str_equal (((char **) funnel->rows->pdata[i])[0], seg))
            opportunities += int_of (((char **) funnel->rows->pdata[i])[5]);
        for (guint i = 0; i < events->rows->len; i++)
          {
            char **row = events->rows->pdata[i];

            if (g_str_equal (row[2], "originated") &&
                g_str_equal (((char **) g_hash_table_lookup (keys, row[0]))[2], seg))
              originated++;
          }
        g_assert_true (!presence || (originated > 0));
        g_assert_cmpint (opportunities, >=, originated);
      }
  }

  /* Scores: key accounts only, five areas of three metrics, 0–10. */
  {
    g_autoptr(GHashTable) metrics = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) areas = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < scores->rows->len; i++)
      {
        char **row = scores->rows->pdata[i];
        char **account = g_hash_table_lookup (keys, row[0]);
        gint64 value = int_of (row[4]);

        g_assert_nonnull (account);
        g_assert_cmpint (int_of (account[4]), <=, 3);
        g_assert_true (value >= 0 && value <= 10);
        g_hash_table_add (areas, row[2]);
        g_hash_table_add (metrics, row[3]);
      }
    g_assert_true (!presence || (g_hash_table_size (areas) == 5));
    g_assert_true (!presence || (g_hash_table_size (metrics) == 15));
    g_assert_true (!presence || g_hash_table_contains (areas, "Valued Strategic Partner"));
  }
  check_dates (scores, one_date, history_first, end_day);

  /* Targets: key accounts, this and last fiscal year. */
  g_assert_true (!presence || (targets->rows->len > 0));
  for (guint i = 0; i < targets->rows->len; i++)
    {
      char **row = targets->rows->pdata[i];
      char **account = g_hash_table_lookup (keys, row[0]);
      gint64 fy = int_of (row[1]);

      g_assert_nonnull (account);
      g_assert_cmpint (int_of (account[4]), <=, 3);
      g_assert_true (fy == tenure_month_year (end) || fy == tenure_month_year (end) - 1);
      g_assert_cmpint (money_of (row[2]), >=, 0);
      g_assert_cmpint (money_of (row[3]), >=, 0);
    }
}

static void
test_generator_shape (void)
{
  check_shape (s_dir, tenure_month_from_ym (END_YEAR, END_MONTH), TRUE);
}

static void
string_free (GString *s)
{
  g_string_free (s, TRUE);
}

typedef struct
{
  TenureDay start, end;
  gint64    mrr;
} Span;

static gint64
mrr_on (GArray    *spans,
        TenureDay  day)
{
  gint64 mrr = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);

      if (s->start <= day && (s->end == TENURE_DAY_NONE || day < s->end))
        mrr += s->mrr;
    }
  return mrr;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  TenureDay x = *(const TenureDay *) a, y = *(const TenureDay *) b;

  return (x > y) - (x < y);
}

/* The originated, churned and reactivated events are exactly the days the
 * account's subscription MRR goes from zero to positive and back (the
 * `contract` churn rule), so all three churn rules agree on the sample. */
static void
check_events (const char *dir,
              gboolean    presence)
{
  g_autoptr(Csv) subs = read_kind (dir, TENURE_GENERATOR_KIND_SUBSCRIPTIONS);
  g_autoptr(Csv) events = read_kind (dir, TENURE_GENERATOR_KIND_EVENTS);
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) string_free);
  GHashTableIter iter;
  gpointer key, value;
  guint churns = 0, reactivations = 0, same_month = 0, upgrades = 0;

  for (guint i = 0; i < subs->rows->len; i++)
    {
      char **row = subs->rows->pdata[i];
      GArray *a = g_hash_table_lookup (spans, row[1]);
      Span s = { day_of (row[3]), opt_day_of (row[4]), money_of (row[5]) };

      if (a == NULL)
        {
          a = g_array_new (FALSE, FALSE, sizeof (Span));
          g_hash_table_insert (spans, row[1], a);
        }
      g_array_append_val (a, s);
    }

  /* Transitions computed from the lines, as "kind@day;" strings. */
  g_hash_table_iter_init (&iter, spans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *a = value;
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (TenureDay));
      GString *out = g_string_new (NULL);
      gboolean active = FALSE, ever = FALSE;
      TenureDay origin = TENURE_DAY_NONE;

      for (guint i = 0; i < a->len; i++)
        {
          Span *s = &g_array_index (a, Span, i);

          g_array_append_val (days, s->start);
          if (s->end != TENURE_DAY_NONE)
            g_array_append_val (days, s->end);
        }
      g_array_sort (days, compare_days);
      for (guint i = 0; i < days->len; i++)
        {
          TenureDay d = g_array_index (days, TenureDay, i);
          gboolean now = mrr_on (a, d) > 0;
          char buf[16];

          if (i > 0 && d == g_array_index (days, TenureDay, i - 1))
            continue;
          if (now && !active)
            {
              g_string_append_printf (out, "%s@%s;", ever ? "reactivated" : "originated",
                                      tenure_day_format_iso (d, buf));
              if (!ever)
                origin = d;
              ever = TRUE;
            }
          else if (!now && active)
            {
              g_string_append_printf (out, "churned@%s;", tenure_day_format_iso (d, buf));
              same_month += tenure_month_of_day (d) == tenure_month_of_day (origin);
            }
          active = now;
        }
      g_hash_table_insert (expected, key, out);
    }

  {
    g_autoptr(GHashTable) actual = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) string_free);

    for (guint i = 0; i < events->rows->len; i++)
      {
        char **row = events->rows->pdata[i];
        GString *s;

        if (g_str_equal (row[2], "upgraded") || g_str_equal (row[2], "downgraded"))
          {
            upgrades++;
            g_assert_true (g_hash_table_contains (spans, row[0]));
            g_assert_cmpint (mrr_on (g_hash_table_lookup (spans, row[0]), day_of (row[1])), >, 0);
            continue;
          }
        churns += g_str_equal (row[2], "churned");
        reactivations += g_str_equal (row[2], "reactivated");
        s = g_hash_table_lookup (actual, row[0]);
        if (s == NULL)
          {
            s = g_string_new (NULL);
            g_hash_table_insert (actual, row[0], s);
          }
        g_string_append_printf (s, "%s@%s;", row[2], row[1]);
      }

    g_assert_cmpuint (g_hash_table_size (actual), ==, g_hash_table_size (expected));
    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        GString *s = g_hash_table_lookup (actual, key);

        g_assert_nonnull (s);
        g_assert_cmpstr (s->str, ==, ((GString *) value)->str);
      }
  }

  if (!presence)
    return;
  /* The sample has every movement the metrics need. */
  g_assert_cmpuint (churns, >, 10);
  g_assert_cmpuint (reactivations, >, 0);
  g_assert_cmpuint (upgrades, >, 10);
  /* Pilots: originated and churned within one month. */
  g_assert_cmpuint (same_month, >, 0);
}

static void
test_generator_events_match_subscriptions (void)
{
  check_events (s_dir, TRUE);
}

/* The invariants hold for other seeds and end months (leap February,
 * January, December), not just for the one sample. */
static void
test_generator_other_seeds (void)
{
  static const int ends[][2] = { { 2024, 2 }, { 2024, 12 }, { 2025, 1 }, { 2026, 3 }, { 2027, 8 }, { 2028, 2 } };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      TenureMonth end = tenure_month_from_ym (ends[i][0], ends[i][1]);
      char *dir = make_ledger_at (1000 + i, TENURE_GENERATOR_SIZE_S, end, 0, NULL);

      check_shape (dir, end, FALSE);
      check_events (dir, FALSE);
      remove_ledger (dir);
    }
}

/* Key accounts cover the range of the scorecard: some are flagged (overall
 * score under 4), most are not. */
static void
test_generator_scores_spread (void)
{
  g_autoptr(Csv) scores = read_kind (s_dir, TENURE_GENERATOR_KIND_SCORES);
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint low = 0, high = 0;

  /* Rows are grouped by account in date order: keep each account's last
   * scoring day and average it (all metrics of one day, as the overall score
   * weights areas equally when each has three metrics). */
  for (guint i = 0; i < scores->rows->len; i++)
    {
      char **row = scores->rows->pdata[i];
      double *acc = g_hash_table_lookup (latest, row[0]);

      if (acc == NULL)
        {
          acc = g_new0 (double, 3);
          g_hash_table_insert (latest, row[0], acc);
        }
      if (day_of (row[1]) != (TenureDay) acc[2])
        {
          acc[0] = acc[1] = 0;
          acc[2] = day_of (row[1]);
        }
      acc[0] += int_of (row[4]);
      acc[1] += 1;
    }
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *acc = value;
      double mean = acc[0] / acc[1];

      low += mean < 4;
      high += mean >= 6;
    }
  g_assert_cmpuint (low, >, 0);
  g_assert_cmpuint (high, >, low);
}

/* M: about 40 MB in well under a second; its time and size are reported. */
static void
test_generator_size_m (void)
{
  TenureGeneratorStats stats;
  gint64 started;
  char *dir;
  guint64 bytes = 0;

  started = g_get_monotonic_time ();
  dir = make_ledger (1, TENURE_GENERATOR_SIZE_M, 0, &stats);
  for (int k = 0; k < TENURE_GENERATOR_N_KINDS; k++)
    bytes += stats.bytes[k];
  g_test_message ("M: %.2f s, %" G_GUINT64_FORMAT " bytes, %" G_GUINT64_FORMAT " deals",
                  (g_get_monotonic_time () - started) / 1e6, bytes, stats.rows[TENURE_GENERATOR_KIND_DEALS]);
  g_assert_cmpuint (stats.rows[TENURE_GENERATOR_KIND_ACCOUNTS], ==, 10000);
  g_assert_cmpuint (stats.rows[TENURE_GENERATOR_KIND_FUNNEL], ==, 5 * 60);
  check_events (dir, TRUE);
  remove_ledger (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  s_dir = make_ledger (20250601, TENURE_GENERATOR_SIZE_S, 0, NULL);

  g_test_add_func ("/generator/names", test_generator_names);
  g_test_add_func ("/generator/deterministic", test_generator_deterministic);
  g_test_add_func ("/generator/error", test_generator_error);
  g_test_add_func ("/generator/shape", test_generator_shape);
  g_test_add_func ("/generator/events-match-subscriptions", test_generator_events_match_subscriptions);
  g_test_add_func ("/generator/scores-spread", test_generator_scores_spread);
  g_test_add_func ("/generator/other-seeds", test_generator_other_seeds);
  g_test_add_func ("/generator/size-m", test_generator_size_m);

  status = g_test_run ();
  remove_ledger (s_dir);
  return status;
}
