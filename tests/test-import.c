/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tenure-import.h"
#include "tenure-schema.h"

/* ---- helpers ---- */

static sqlite3 *
workspace_new (const char *currency)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  /* As a workspace connection has it. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tenure_schema_install (db, currency, &error));
  g_assert_no_error (error);
  return db;
}

/* Every table, every row in rowid order, every value with its type: two
 * equal dumps mean two byte-for-byte equal workspaces as far as any query
 * can tell. Schema objects come by name: a large import drops and builds
 * indexes again, which moves them in sqlite_schema but changes nothing a
 * query sees. */
static char *
dump (sqlite3 *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema ORDER BY name", -1,
                                       &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      const char *sql = (const char *) sqlite3_column_text (tables, 1);
      g_autofree char *select = NULL;
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "== %s\n%s\n", name, sql ? sql : "");
      if (sql == NULL || !g_str_has_prefix (sql, "CREATE TABLE"))
        continue;
      select = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              switch (sqlite3_column_type (rows, i))
                {
                case SQLITE_NULL: g_string_append (out, "NULL"); break;
                case SQLITE_INTEGER: g_string_append_printf (out, "i%lld", sqlite3_column_int64 (rows, i)); break;
                case SQLITE_FLOAT: g_string_append_printf (out, "r%.17g", sqlite3_column_double (rows, i)); break;
                default: g_string_append_printf (out, "t'%s'", sqlite3_column_text (rows, i)); break;
                }
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The rows of @sql as "a|b;c|d". */
static char *
query (sqlite3    *db,
       const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len)
        g_string_append_c (out, ';');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "",
                                sqlite3_column_type (stmt, i) == SQLITE_NULL ? "NULL"
                                : (const char *) sqlite3_column_text (stmt, i));
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static gboolean
import (sqlite3                    *db,
        const char                 *name,
        const TenureImportOptions  *options,
        TenureImportReport        **report,
        GError                    **error)
{
  g_autofree char *path = fixture (name);

  gboolean ok = tenure_import_file (db, path, options, NULL, NULL, NULL, report, error);

  if (!ok && error && *error)
    g_test_message ("%s: %s", name, (*error)->message);
  return ok;
}

#define DEALS "SELECT a.key, d.amount, d.closed_on, d.status, d.kind FROM deal d " \
              "JOIN account a ON a.id = d.account_id ORDER BY d.id"

/* ---- files that import ---- */

typedef struct
{
  const char *file;
  const char *currency;
  TenureImportKind kind;
  TenureDateOrder order;
  guint64 rows_new;
  guint64 rows_rejected;
  const char *sql;
  const char *expected;
  const char *reject;    /* substring of the first rejection */
} GoodCase;

static const GoodCase good_cases[] = {
  { "date-iso.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "date-slash-ymd.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "date-compact.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "date-dotted.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "date-dmy.csv", "USD", 0, 0, 2, 0, "SELECT closed_on FROM deal ORDER BY id", "2024-03-01;2024-03-25", NULL },
  { "date-mdy.csv", "USD", 0, 0, 2, 0, "SELECT closed_on FROM deal ORDER BY id", "2024-03-01;2024-03-25", NULL },
  { "date-ambiguous.csv", "USD", 0, TENURE_DATE_ORDER_MDY, 2, 0, "SELECT closed_on FROM deal ORDER BY id",
    "2024-01-03;2024-02-04", NULL },
  { "date-month-name.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "date-us-long.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "date-datetime.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "amount-plain.csv", "USD", 0, 0, 1, 0, "SELECT amount FROM deal", "123450", NULL },
  { "amount-thousands.csv", "USD", 0, 0, 1, 0, "SELECT amount FROM deal", "123450", NULL },
  { "amount-european.csv", "USD", 0, 0, 1, 0, "SELECT amount FROM deal", "123450", NULL },
  { "amount-dollar.csv", "USD", 0, 0, 1, 0, "SELECT amount FROM deal", "123400", NULL },
  { "amount-euro-space.csv", "EUR", 0, 0, 1, 0, "SELECT amount FROM deal", "123450", NULL },
  { "amount-parentheses.csv", "USD", 0, 0, 0, 1, "SELECT count(*) FROM deal", "0", "amount cannot be negative" },
  { "amount-thousands-comma-file.csv", "USD", 0, 0, 1, 0, "SELECT amount FROM deal", "123400", NULL },
  /* 1,234 in a semicolon file is 1.234: three decimals, as a dinar has. */
  { "amount-decimal-semicolon-file.csv", "KWD", 0, 0, 1, 0, "SELECT amount FROM deal", "1234", NULL },
  { "targets-negative-delta.csv", "USD", 0, 0, 1, 0,
    "SELECT fiscal_year, arr_last_year, arr_target_delta FROM target", "2024|12000000|-123400", NULL },
  { "delim-comma.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "delim-semicolon.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "delim-tab.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "delim-pipe.csv", "USD", 0, 0, 1, 0, DEALS, "ACME|10000|2024-03-01|won|new", NULL },
  { "bom-utf8.csv", "USD", 0, 0, 1, 0, DEALS, "Zürich AG|10000|2024-03-01|won|new", NULL },
  { "utf16le.csv", "USD", 0, 0, 1, 0, DEALS, "Zürich AG|10000|2024-03-01|won|new", NULL },
  { "utf16be.csv", "USD", 0, 0, 1, 0, DEALS, "Zürich AG|10000|2024-03-01|won|new", NULL },
  { "windows-1252.csv", "USD", 0, 0, 2, 0, "SELECT key FROM account ORDER BY id", "Zürich AG;Café €", NULL },
  { "quoted-newline.csv", "USD", 0, 0, 2, 0, "SELECT note FROM event ORDER BY id", "line one\nline two;plain", NULL },
  { "crlf.csv", "USD", 0, 0, 2, 0, "SELECT key FROM account ORDER BY id", "ACME;Globex", NULL },
  { "doubled-quotes.csv", "USD", 0, 0, 1, 0, "SELECT key FROM account", "ACME \"The\" Co", NULL },
  { "german-export.csv", "EUR", 0, 0, 2, 0, DEALS, "Müller GmbH|123450|2024-12-31|won|new;"
    "Schmidt AG|9900|2024-12-01|won|new", NULL },
  { "hubspot-deals.csv", "USD", 0, 0, 3, 0, "SELECT ext_id, status, kind, closed_on FROM deal ORDER BY id",
    "D-1|won|new|2024-03-01;D-2|lost|renewal|2024-03-05;D-3|open|new|NULL", NULL },
  { "enum-spellings.csv", "USD", 0, 0, 4, 0, "SELECT status, kind FROM deal ORDER BY id",
    "won|cross_sell;won|cross_sell;won|cross_sell;lost|upsell", NULL },
  { "accounts.csv", "USD", 0, 0, 2, 0,
    "SELECT key, name, segment, owner, type, region, referenceable, end_date FROM account ORDER BY id",
    "ACME|Acme Corp|Tech|Dana|2|EMEA|1|2025-12-31;Globex|Globex Inc|Retail|Eli|1|US|0|NULL", NULL },
  /* ARR 1,000.06 / 12 = 83.338… → 83.34 */
  { "subscriptions-arr.csv", "USD", 0, 0, 1, 0, "SELECT plan, starts_on, ends_on, mrr, seats FROM subscription",
    "Pro|2024-01-01|2025-01-01|8334|10", NULL },
  /* 30.00 / 4 = 7.50; 1000.00 / 12 = 83.333… → 83.33 */
  { "subscriptions-amount-term.csv", "USD", 0, 0, 2, 0, "SELECT mrr FROM subscription ORDER BY id",
    "8333;750", NULL },
  { "subscription-end-equals-start.csv", "USD", 0, 0, 1, 0, "SELECT starts_on, ends_on FROM subscription",
    "2024-02-01|2024-02-01", NULL },
  { "subscriptions-mrr-arr-disagree.csv", "USD", 0, 0, 1, 1, "SELECT mrr FROM subscription", "10000",
    "disagree" },
  { "events.csv", "USD", 0, 0, 2, 0,
    "SELECT e.occurred_on, e.kind, s.name, e.note FROM event e LEFT JOIN journey_stage s ON s.id = e.stage_id "
    "ORDER BY e.id", "2024-01-01|originated|Onboarding|first;2024-06-01|upgraded|NULL|NULL", NULL },
  { "touchpoints.csv", "USD", 0, 0, 2, 0, "SELECT occurred_on, channel, direction FROM touchpoint ORDER BY id",
    "2024-01-05|call|outbound;2024-01-06|video|inbound", NULL },
  { "surveys.csv", "USD", 0, 0, 2, 0, "SELECT answered_on, kind, score FROM survey_response ORDER BY id",
    "2024-03-01|nps|9;2024-03-02|csat|4", NULL },
  { "funnel.csv", "USD", 0, 0, 1, 0, "SELECT segment, month, marketing_spend, sales_spend, leads, opportunities "
    "FROM funnel", "Tech|2024-01|100000|50000|120|30", NULL },
  { "scores.csv", "USD", 0, 0, 2, 0,
    "SELECT a.name, m.name, e.value FROM score_entry e JOIN score_metric m ON m.id = e.metric_id "
    "JOIN score_area a ON a.id = m.area_id ORDER BY e.id",
    "Effectively Launched|Adoption|7.5;Generate ROI|Time to value|6.0", NULL },
  { "targets.csv", "USD", 0, 0, 1, 0, "SELECT fiscal_year, arr_last_year, arr_target_delta FROM target",
    "2024|12000000|1500000", NULL },
  { "duplicate-purchases.csv", "USD", 0, 0, 3, 0, "SELECT count(*) FROM deal", "3", NULL },
  { "deals-with-ids.csv", "USD", 0, 0, 2, 0, "SELECT ext_id, amount FROM deal ORDER BY id", "X1|10000;X2|20000",
    NULL },
  { "won-without-date.csv", "USD", 0, 0, 2, 1, "SELECT status FROM deal ORDER BY id", "won;open",
    "needs the date it was closed" },
  { "amount-negative.csv", "USD", 0, 0, 1, 1, "SELECT count(*) FROM deal", "1", "cannot be negative" },
  { "events-unknown-stage.csv", "USD", 0, 0, 1, 1, "SELECT kind FROM event", "originated",
    "row 3, column “Stage”: there is no journey stage named “Moon Base”" },
  { "scores-unknown-area.csv", "USD", 0, 0, 1, 2, "SELECT value FROM score_entry", "8.25",
    "row 2, column “Value”: “11” is not a score from 0 to 10" },
  { "negative-seats.csv", "USD", 0, 0, 1, 1, "SELECT count(*) FROM subscription", "1", "seats cannot be negative" },
};

static void
test_import_good (gconstpointer data)
{
  const GoodCase *c = data;
  sqlite3 *db = workspace_new (c->currency);
  TenureImportOptions options = { .kind = c->kind, .date_order = c->order };
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  g_assert_true (import (db, c->file, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->committed);
  g_assert_cmpint (report->rows_new, ==, c->rows_new);
  g_assert_cmpint (report->rows_rejected, ==, c->rows_rejected);
  g_assert_cmpint (report->batch_id, >, 0);
  got = query (db, c->sql);
  g_assert_cmpstr (got, ==, c->expected);
  g_clear_pointer (&got, g_free);
  /* The import checks the schema's CHECK constraints itself (SQLite's are
   * off while it writes); integrity_check proves it did. */
  got = query (db, "PRAGMA integrity_check");
  g_assert_cmpstr (got, ==, "ok");
  if (c->reject)
    {
      TenureImportReject *r = g_ptr_array_index (report->rejects, 0);
      g_autofree char *line = tenure_import_reject_to_string (report, r);

      g_assert_nonnull (strstr (line, c->reject));
      g_assert_true (g_str_has_prefix (line, c->file));
    }
  sqlite3_close (db);
}

/* ---- files that do not import: message, and nothing written ---- */

typedef struct
{
  const char *file;
  GQuark (*domain) (void);
  int code;
  const char *message;    /* what the error must say */
} BadCase;

static const BadCase bad_cases[] = {
  { "unterminated-quote.csv", tenure_csv_error_quark, TENURE_CSV_ERROR_UNTERMINATED_QUOTE,
    "unterminated-quote.csv, row 3: a quoted field is never closed" },
  { "ragged-rows.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "ragged-rows.csv, row 3: the row has 2 fields but the header has 3" },
  { "empty.csv", tenure_csv_error_quark, TENURE_CSV_ERROR_EMPTY, "empty.csv is empty" },
  { "header-only.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_NO_ROWS,
    "header-only.csv has a header but no rows" },
  { "binary-garbage.csv", tenure_csv_error_quark, TENURE_CSV_ERROR_BINARY, "binary-garbage.csv is not a CSV file" },
  { "unknown-kind.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_UNKNOWN_KIND,
    "unknown-kind.csv: cannot tell what the file holds" },
  { "missing-column.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_MISSING_COLUMN,
    "missing-column.csv: deals need a column for amount" },
  { "date-impossible.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "date-impossible.csv, row 3, column “Close Date”: “2024-02-30” is not a date: February 2024 has 29 days" },
  { "date-ambiguous.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_DATE_ORDER,
    "date-ambiguous.csv, column “Close Date”: dates such as the one in row 2 could be day/month/year or "
    "month/day/year" },
  { "amount-letters.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "amount-letters.csv, row 3, column “Amount”: “12abc” is not a number" },
  { "amount-negative.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "amount-negative.csv, row 3, column “Amount”: amount cannot be negative" },
  { "negative-seats.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "negative-seats.csv, row 3, column “Seats”: seats cannot be negative" },
  { "won-without-date.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "won-without-date.csv, row 3, column “Close Date”: a won deal needs the date it was closed" },
  { "subscription-end-before-start.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "subscription-end-before-start.csv, row 3, column “End Date”: the subscription ends (2024-01-01) before it "
    "starts (2024-02-01)" },
  { "subscriptions-mrr-arr-disagree.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "subscriptions-mrr-arr-disagree.csv, row 3, column “ARR”: MRR 100.00 and ARR 1300.00 disagree" },
  { "typo-one-row.csv", tenure_import_error_quark, TENURE_IMPORT_ERROR_REJECTED,
    "typo-one-row.csv, row 5, column “Amount”: “4O0” is not a number (1 row rejected" },
};

static void
test_import_bad (gconstpointer data)
{
  const BadCase *c = data;
  sqlite3 *db = workspace_new ("USD");
  TenureImportOptions options = { .strict = TRUE };
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Something already in the workspace, so that "unchanged" means more
   * than "still empty". */
  g_assert_true (import (db, "deals-with-ids.csv", NULL, NULL, &error));
  g_assert_no_error (error);
  before = dump (db);

  g_assert_false (import (db, c->file, &options, &report, &error));
  g_assert_error (error, c->domain (), c->code);
  if (strstr (error->message, c->message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->message);
  after = dump (db);
  g_assert_cmpstr (before, ==, after);
  sqlite3_close (db);
}

static void
test_import_huge_field (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autoptr(GString) data = g_string_new ("Account,Amount,Close Date\nACME,100,2024-03-01\nGlobex,200,\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;

  /* 10 MB in one field: refused at 1 MiB, naming the row. */
  while (data->len < 10 * 1000 * 1000)
    g_string_append (data, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (data, "\"\n");
  bytes = g_bytes_new (data->str, data->len);
  g_assert_false (tenure_import_bytes (db, bytes, "huge.csv", NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_FIELD_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.csv, row 3: a field is larger than 1024 KiB"));
  after = dump (db);
  g_assert_cmpstr (before, ==, after);
  sqlite3_close (db);
}

/* ---- re-import, undo, cancel ---- */

static void
test_import_reimport (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autoptr(TenureImportReport) first = NULL;
  g_autoptr(TenureImportReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deals = NULL;
  g_autofree char *again = NULL;

  g_assert_true (import (db, "duplicate-purchases.csv", NULL, &first, &error));
  g_assert_cmpint (first->rows_new, ==, 3);
  deals = query (db, "SELECT * FROM deal ORDER BY id");
  g_assert_true (import (db, "duplicate-purchases.csv", NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (second->rows_new, ==, 0);
  g_assert_cmpint (second->rows_unchanged, ==, 3);
  g_assert_cmpint (second->accounts_created, ==, 0);
  again = query (db, "SELECT * FROM deal ORDER BY id");
  g_assert_cmpstr (deals, ==, again);
  g_clear_pointer (&again, g_free);
  again = query (db, "SELECT count(*) FROM account");
  g_assert_cmpstr (again, ==, "2");
  /* Two identical purchases stay two. */
  g_clear_pointer (&again, g_free);
  again = query (db, "SELECT count(*) FROM deal WHERE amount = 10000 AND account_id = "
                     "(SELECT id FROM account WHERE key = 'ACME')");
  g_assert_cmpstr (again, ==, "2");
  sqlite3_close (db);
}

static void
test_import_undo (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autoptr(TenureImportReport) a = NULL;
  g_autoptr(TenureImportReport) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *after_a = NULL;
  g_autofree char *after_b = NULL;
  g_autofree char *now = NULL;
  g_autofree char *got = NULL;

  g_assert_true (import (db, "accounts.csv", NULL, NULL, &error));
  empty = dump (db);

  g_assert_true (import (db, "deals-with-ids.csv", NULL, &a, &error));
  after_a = dump (db);
  g_assert_true (import (db, "deals-with-ids-updated.csv", NULL, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (b->rows_new, ==, 1);
  g_assert_cmpint (b->rows_updated, ==, 1);
  g_assert_cmpint (b->rows_unchanged, ==, 1);
  got = query (db, "SELECT ext_id, amount FROM deal ORDER BY id");
  g_assert_cmpstr (got, ==, "X1|15000;X2|20000;X3|30000");
  after_b = dump (db);

  batches = tenure_import_list_batches (db, &error);
  g_assert_cmpuint (batches->len, ==, 3);
  g_assert_cmpstr (((TenureImportBatch *) batches->pdata[2])->file_name, ==, "deals-with-ids-updated.csv");

  /* A changed a row that B changed again: A cannot go first. */
  g_assert_false (tenure_import_undo (db, a->batch_id, &error));
  g_assert_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_UNDO_REFUSED);
  g_assert_nonnull (strstr (error->message, "deals-with-ids-updated.csv"));
  g_clear_error (&error);
  now = dump (db);
  g_assert_cmpstr (now, ==, after_b);

  g_assert_true (tenure_import_undo (db, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  now = dump (db);
  g_assert_cmpstr (now, ==, after_a);

  g_assert_true (tenure_import_undo (db, a->batch_id, &error));
  g_clear_pointer (&now, g_free);
  now = dump (db);
  g_assert_cmpstr (now, ==, empty);

  /* Undo of an accounts import that updated existing accounts. */
  g_assert_true (import (db, "accounts.csv", NULL, NULL, &error));
  g_assert_true (tenure_import_undo (db, 0, &error));
  g_clear_pointer (&now, g_free);
  now = dump (db);
  g_assert_cmpstr (now, ==, empty);

  g_assert_true (tenure_import_undo (db, 0, &error));
  g_assert_false (tenure_import_undo (db, 0, &error));
  g_assert_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NOT_FOUND);
  sqlite3_close (db);
}

static void
test_import_undo_every_kind (void)
{
  static const char *const files[] = {
    "accounts.csv", "hubspot-deals.csv", "subscriptions-arr.csv", "events.csv", "touchpoints.csv",
    "surveys.csv", "funnel.csv", "scores.csv", "targets.csv",
  };
  sqlite3 *db = workspace_new ("USD");
  g_autoptr(GPtrArray) dumps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_ptr_array_add (dumps, dump (db));
      g_assert_true (import (db, files[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = G_N_ELEMENTS (files); i-- > 0;)
    {
      g_autofree char *now = NULL;

      g_assert_true (tenure_import_undo (db, 0, &error));
      g_assert_no_error (error);
      now = dump (db);
      g_assert_cmpstr (now, ==, dumps->pdata[i]);
    }
  sqlite3_close (db);
}

static char *
generate_deals (guint rows)
{
  g_autofree char *dir = g_dir_make_tmp ("tenure-import-XXXXXX", NULL);
  char *path = g_build_filename (dir, "deals.csv", NULL);
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  fputs ("Deal ID,Account,Amount,Created On,Close Date,Status,Type\n", f);
  for (guint i = 0; i < rows; i++)
    fprintf (f, "%s%.0u,Account %u,\"%u.%02u\",2023-%02u-%02u,%02u/%02u/2024,%s,%s\n",
             i % 3 == 0 ? "" : "D", i % 3 == 0 ? 0 : i, i % 5000, 100 + i % 9000, i % 100, 1 + i % 12, 1 + i % 28, 1 + i % 28, 1 + i % 12,
             i % 7 == 0 ? "Closed Lost" : "Closed Won", i % 4 == 0 ? "Upsell" : "New Business");
  fclose (f);
  return path;
}

typedef struct
{
  GCancellable *cancellable;
  guint64       total;
  guint         calls;
} CancelData;

static void
cancel_halfway (guint64  done,
                guint64  total,
                guint64  rows,
                gpointer user_data)
{
  CancelData *data = user_data;

  data->calls++;
  data->total = total;
  /* Past the first pass and half-way through writing. */
  if (done > total * 3 / 4)
    g_cancellable_cancel (data->cancellable);
}

static void
test_import_cancel (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autofree char *path = generate_deals (30000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CancelData data = { cancellable, 0, 0 };

  g_assert_true (import (db, "deals-with-ids.csv", NULL, NULL, &error));
  before = dump (db);
  g_assert_false (tenure_import_file (db, path, NULL, cancel_halfway, &data, cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (data.calls, >, 2);
  g_assert_cmpint (report->rows_new, >, 0);      /* it had written rows */
  g_assert_false (report->committed);
  after = dump (db);
  g_assert_cmpstr (before, ==, after);
  g_unlink (path);
  sqlite3_close (db);
}

static void
test_import_report (void)
{
  sqlite3 *db = workspace_new ("USD");
  TenureImportOptions dry = { .dry_run = TRUE };
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("deals-with-ids.csv");
  g_autofree char *content = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;
  gsize len;

  g_assert_true (import (db, "windows-1252.csv", &dry, &report, &error));
  g_assert_cmpint (report->encoding, ==, TENURE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (report->warnings->pdata[0], "Windows-1252"));
  g_clear_pointer (&report, tenure_import_report_free);

  g_assert_true (import (db, "date-dmy.csv", &dry, &report, &error));
  g_assert_cmpint (report->date_order, ==, TENURE_DATE_ORDER_DMY);
  g_clear_pointer (&report, tenure_import_report_free);

  g_assert_true (import (db, "utf16le.csv", &dry, &report, &error));
  g_assert_cmpint (report->encoding, ==, TENURE_CSV_ENCODING_UTF16LE);
  g_assert_cmpint (report->delimiter, ==, '\t');
  g_clear_pointer (&report, tenure_import_report_free);

  g_assert_true (import (db, "hubspot-deals.csv", &dry, &report, &error));
  g_assert_cmpuint (report->unknown_columns->len, ==, 0);
  g_assert_cmpuint (report->columns->len, ==, 6);
  g_clear_pointer (&report, tenure_import_report_free);

  /* The batch row: file, SHA-256 of the bytes, kind, mapping, counts, header. */
  g_assert_true (import (db, "deals-with-ids.csv", NULL, &report, &error));
  g_assert_true (g_file_get_contents (path, &content, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, len);
  g_assert_cmpstr (report->sha256, ==, sha);
  expected = g_strdup_printf ("deals-with-ids.csv|%s|deals|2|0|0|0|[\"Deal ID\",\"Account\",\"Amount\","
                              "\"Close Date\"]", sha);
  got = query (db, "SELECT file_name, sha256, kind, rows_new, rows_updated, rows_unchanged, "
                   "rows_rejected, header FROM import_batch");
  g_assert_cmpstr (got, ==, expected);
  g_clear_pointer (&got, g_free);
  got = query (db, "SELECT json_extract(mapping, '$.columns.\"Close Date\"') FROM import_batch");
  g_assert_cmpstr (got, ==, "closed_on");
  g_clear_pointer (&got, g_free);
  /* Two deals and two accounts inserted: the accounts, named by the deals,
   * are logged; the deals carry the batch, which is what undo removes. */
  got = query (db, "SELECT table_name, count(*) FROM import_change WHERE old_row IS NULL "
                   "GROUP BY table_name ORDER BY table_name");
  g_assert_cmpstr (got, ==, "account|2");
  g_clear_pointer (&got, g_free);
  got = query (db, "SELECT count(*) FROM deal WHERE batch_id = (SELECT id FROM import_batch)");
  g_assert_cmpstr (got, ==, "2");
  sqlite3_close (db);
}

static gboolean
import_text (sqlite3             *db,
             const char          *name,
             const char          *text,
             TenureImportReport **report,
             GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return tenure_import_bytes (db, bytes, name, NULL, NULL, NULL, NULL, report, error);
}

/* Undo removes the rows a batch created by the batch id they carry, after
 * putting back the rows it updated: a row inserted and then updated by the
 * same file goes; a row of an earlier batch comes back; and a workspace
 * whose older batches also logged their inserts undoes the same way. */
static void
test_import_undo_by_batch (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *now = NULL;
  g_autofree char *got = NULL;

  empty = dump (db);
  /* D1 is inserted, then updated by its second row: 1 new, 1 updated. */
  g_assert_true (import_text (db, "twice.csv",
                              "Deal ID,Account,Amount,Close Date\n"
                              "D1,ACME,100.00,2024-01-05\n"
                              "D2,BETA,50.00,2024-01-06\n"
                              "D1,ACME,120.00,2024-01-05\n", NULL, &error));
  g_assert_no_error (error);
  got = query (db, "SELECT ext_id, amount FROM deal ORDER BY id");
  g_assert_cmpstr (got, ==, "D1|12000;D2|5000");
  after_first = dump (db);

  /* A second file updates D2 and adds D3 on a new account. */
  g_assert_true (import_text (db, "second.csv",
                              "Deal ID,Account,Amount,Close Date\n"
                              "D2,BETA,55.00,2024-01-06\n"
                              "D3,CORE,70.00,2024-02-01\n", NULL, &error));
  /* The first file's D2 was changed since: it cannot be undone first. */
  g_assert_false (tenure_import_undo (db, 1, &error));
  g_assert_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_UNDO_REFUSED);
  g_clear_error (&error);

  g_assert_true (tenure_import_undo (db, 0, &error));
  g_assert_no_error (error);
  now = dump (db);
  g_assert_cmpstr (now, ==, after_first);
  g_assert_true (tenure_import_undo (db, 0, &error));
  g_clear_pointer (&now, g_free);
  now = dump (db);
  g_assert_cmpstr (now, ==, empty);

  /* Logged inserts, as workspaces written by earlier versions have them. */
  g_assert_true (import_text (db, "twice.csv",
                              "Deal ID,Account,Amount,Close Date\n"
                              "D1,ACME,100.00,2024-01-05\n", NULL, &error));
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO import_change (batch_id, table_name, row_id, old_row) "
                                     "SELECT batch_id, 'deal', id, NULL FROM deal", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (tenure_import_undo (db, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  now = dump (db);
  g_assert_cmpstr (now, ==, empty);
  sqlite3_close (db);
}

static void
test_import_updates (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *got = NULL;

  g_assert_true (import (db, "accounts.csv", NULL, NULL, &error));
  g_assert_true (import (db, "funnel.csv", NULL, NULL, &error));
  before = dump (db);

  /* Accounts by key: one changed, one new, the name column absent so names
   * stay as they are. */
  g_assert_true (import_text (db, "a2.csv", "Account,Segment\nACME,Health\nNewCo,Tech\n", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->rows_updated, ==, 1);
  g_assert_cmpint (report->rows_new, ==, 1);
  got = query (db, "SELECT key, name, segment, owner FROM account ORDER BY id");
  g_assert_cmpstr (got, ==, "ACME|Acme Corp|Health|Dana;Globex|Globex Inc|Retail|Eli;NewCo|NewCo|Tech|NULL");
  g_clear_pointer (&report, tenure_import_report_free);
  g_clear_pointer (&got, g_free);

  /* Funnel by segment and month. */
  g_assert_true (import_text (db, "f2.csv", "Segment,Month,Leads\nTech,2024-01,150\nTech,Feb 2024,10\n",
                              &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->rows_updated, ==, 1);
  g_assert_cmpint (report->rows_new, ==, 1);
  got = query (db, "SELECT segment, month, marketing_spend, leads FROM funnel ORDER BY id");
  g_assert_cmpstr (got, ==, "Tech|2024-01|100000|150;Tech|2024-02|0|10");
  g_clear_pointer (&report, tenure_import_report_free);
  g_clear_pointer (&got, g_free);

  g_assert_true (tenure_import_undo (db, 0, &error));
  g_assert_true (tenure_import_undo (db, 0, &error));
  after = dump (db);
  g_assert_cmpstr (before, ==, after);

  /* A touchpoint names a deal imported later: its fingerprint does not
   * change, so importing it again adds nothing. */
  g_assert_true (import_text (db, "t.csv", "Account,Date,Channel,Deal ID\nACME,2024-01-05,call,X1\n",
                              &report, &error));
  g_assert_cmpint (report->rows_new, ==, 1);
  g_clear_pointer (&report, tenure_import_report_free);
  got = query (db, "SELECT deal_id, deal_ext_id FROM touchpoint");
  g_assert_cmpstr (got, ==, "NULL|X1");
  g_clear_pointer (&got, g_free);
  g_assert_true (import (db, "deals-with-ids.csv", NULL, NULL, &error));
  g_assert_true (import_text (db, "t.csv", "Account,Date,Channel,Deal ID\nACME,2024-01-05,call,X1\n",
                              &report, &error));
  g_assert_cmpint (report->rows_new, ==, 0);
  g_assert_cmpint (report->rows_unchanged, ==, 1);
  g_clear_pointer (&report, tenure_import_report_free);
  g_assert_true (import_text (db, "t2.csv", "Account,Date,Channel,Deal ID\nACME,2024-01-06,email,X1\n",
                              &report, &error));
  got = query (db, "SELECT t.channel, d.ext_id FROM touchpoint t LEFT JOIN deal d ON d.id = t.deal_id "
                   "ORDER BY t.id");
  g_assert_cmpstr (got, ==, "call|NULL;email|X1");
  sqlite3_close (db);
}

static void
test_import_inclusive_end (void)
{
  sqlite3 *db = workspace_new ("USD");
  TenureImportOptions options = { .inclusive_end = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* Read as the last day with it, the end becomes the first day without. */
  g_assert_true (import (db, "subscription-end-equals-start.csv", &options, NULL, &error));
  got = query (db, "SELECT starts_on, ends_on FROM subscription");
  g_assert_cmpstr (got, ==, "2024-02-01|2024-02-02");
  sqlite3_close (db);
}

static void
test_import_dry_run_and_strict (void)
{
  sqlite3 *db = workspace_new ("USD");
  TenureImportOptions dry = { .dry_run = TRUE };
  TenureImportOptions lenient = { 0 };
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;

  g_assert_true (import (db, "typo-one-row.csv", &dry, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->rows_new, ==, 4);
  g_assert_cmpint (report->rows_rejected, ==, 1);
  g_assert_false (report->committed);
  g_assert_cmpint (report->batch_id, ==, 0);
  after = dump (db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&report, tenure_import_report_free);

  /* Without --strict the valid rows are written and the typo is named. */
  g_assert_true (import (db, "typo-one-row.csv", &lenient, &report, &error));
  g_assert_cmpint (report->rows_new, ==, 4);
  g_assert_cmpint (report->rows_rejected, ==, 1);
  g_assert_cmpint (((TenureImportReject *) report->rejects->pdata[0])->row, ==, 5);
  g_assert_cmpstr (((TenureImportReject *) report->rejects->pdata[0])->column, ==, "Amount");
  g_assert_cmpstr (((TenureImportReject *) report->rejects->pdata[0])->value, ==, "4O0");
  sqlite3_close (db);
}

static void
test_import_rejects_file (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autofree char *dir = g_dir_make_tmp ("tenure-rejects-XXXXXX", NULL);
  g_autofree char *rejects = g_build_filename (dir, "rejects.csv", NULL);
  g_autofree char *input = g_build_filename (dir, "in.csv", NULL);
  TenureImportOptions options = { .rejects_path = rejects };
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_assert_true (g_file_set_contents (input, "Account,Amount,Close Date\n"
                                      "=HYPERLINK(\"http://x\"),-12,2024-03-01\n"
                                      "@SUM(A1),5,2024-02-30\n"
                                      "ok,5,2024-03-01\n", -1, NULL));
  g_assert_true (tenure_import_file (db, input, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (rejects, &content, NULL, NULL));
  g_assert_cmpstr (content, ==,
                   "Account,Amount,Close Date,row,column,reason\r\n"
                   "\"'=HYPERLINK(\"\"http://x\"\")\",\"'-12\",2024-03-01,2,Amount,amount cannot be negative (“-12”)\r\n"
                   "\"'@SUM(A1)\",5,2024-02-30,3,Close Date,“2024-02-30” is not a date: February 2024 has 29 days\r\n");
  g_unlink (rejects);
  g_unlink (input);
  g_rmdir (dir);
  sqlite3_close (db);
}

static void
test_import_mapping (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autofree char *dir = g_dir_make_tmp ("tenure-map-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "odd.csv", NULL);
  const char *const maps[] = { "Kto=account", "Euros=amount", "Day=closed_on", "Junk=", NULL };
  const char *const bad_maps[] = { "Kto=acount", NULL };
  TenureImportOptions options = { .kind = TENURE_IMPORT_KIND_DEALS, .mappings = maps };
  TenureImportOptions bad = { .kind = TENURE_IMPORT_KIND_DEALS, .mappings = bad_maps };
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  g_assert_true (g_file_set_contents (input, "Kto,Euros,Day,Junk\nACME,10,2024-03-01,x\n", -1, NULL));
  g_assert_false (tenure_import_file (db, input, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_UNKNOWN_KIND);
  g_clear_error (&error);
  g_assert_false (tenure_import_file (db, input, &bad, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_INVALID_MAPPING);
  g_assert_nonnull (strstr (error->message, "deals have no field “acount”"));
  g_clear_error (&error);

  g_assert_true (tenure_import_file (db, input, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->rows_new, ==, 1);
  g_clear_pointer (&report, tenure_import_report_free);
  got = query (db, "SELECT kind, mapping FROM import_mapping");
  g_assert_cmpstr (got, ==, "deals|{\"Kto\":\"account\",\"Euros\":\"amount\",\"Day\":\"closed_on\",\"Junk\":\"\"}");

  /* The same header again, no flags: the remembered mapping applies. */
  g_assert_true (g_file_set_contents (input, "Kto,Euros,Day,Junk\nACME,10,2024-03-01,x\nB,20,2024-03-02,y\n",
                                      -1, NULL));
  g_assert_true (tenure_import_file (db, input, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->mapping_reused);
  g_assert_cmpint (report->rows_new, ==, 1);
  g_assert_cmpint (report->rows_unchanged, ==, 1);
  g_unlink (input);
  g_rmdir (dir);
  sqlite3_close (db);
}

static void
test_import_preview (void)
{
  sqlite3 *db = workspace_new ("USD");
  g_autofree char *path = fixture ("typo-one-row.csv");
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;
  TenureImportPreviewRow *row;

  rows = tenure_import_preview (db, path, NULL, 4, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (report->fields->len, ==, 3);
  g_assert_cmpstr (report->fields->pdata[1], ==, "amount");
  row = rows->pdata[0];
  g_assert_cmpint (row->row, ==, 2);
  g_assert_cmpstr (row->values[0], ==, "ACME");
  g_assert_cmpstr (row->values[1], ==, "100.00");
  g_assert_cmpstr (row->values[2], ==, "2024-03-01");
  g_assert_null (row->reason);
  row = rows->pdata[3];
  g_assert_cmpint (row->row, ==, 5);
  g_assert_cmpstr (row->column, ==, "Amount");
  g_assert_cmpstr (row->reason, ==, "“4O0” is not a number");
  after = dump (db);
  g_assert_cmpstr (before, ==, after);
  sqlite3_close (db);
}

static void
test_import_kind_detection (void)
{
  static const struct { const char *file; TenureImportKind kind; } cases[] = {
    { "accounts.csv", TENURE_IMPORT_KIND_ACCOUNTS },
    { "hubspot-deals.csv", TENURE_IMPORT_KIND_DEALS },
    { "subscriptions-amount-term.csv", TENURE_IMPORT_KIND_SUBSCRIPTIONS },
    { "events.csv", TENURE_IMPORT_KIND_EVENTS },
    { "touchpoints.csv", TENURE_IMPORT_KIND_TOUCHPOINTS },
    { "surveys.csv", TENURE_IMPORT_KIND_SURVEYS },
    { "funnel.csv", TENURE_IMPORT_KIND_FUNNEL },
    { "scores.csv", TENURE_IMPORT_KIND_SCORES },
    { "targets.csv", TENURE_IMPORT_KIND_TARGETS },
  };

  g_assert_cmpstr (tenure_import_kind_fields (TENURE_IMPORT_KIND_DEALS)[1], ==, "amount");
  g_assert_null (tenure_import_kind_fields (TENURE_IMPORT_KIND_TARGETS)[4]);
  g_assert_cmpint (tenure_import_kind_from_string ("Deals"), ==, TENURE_IMPORT_KIND_DEALS);
  g_assert_cmpint (tenure_import_kind_from_string ("pies"), ==, TENURE_IMPORT_KIND_UNKNOWN);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      sqlite3 *db = workspace_new ("USD");
      TenureImportOptions options = { .dry_run = TRUE };
      g_autoptr(TenureImportReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (import (db, cases[i].file, &options, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (tenure_import_kind_to_string (report->kind), ==,
                       tenure_import_kind_to_string (cases[i].kind));
      sqlite3_close (db);
    }
}

/* 20,480 deals with ids D-00001 …, then rows that repeat ids and ten
 * identical rows without one. */
static char *
generate_repeating_deals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tenure-import-XXXXXX", NULL);
  char *path = g_build_filename (dir, "deals.csv", NULL);
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  fputs ("Deal ID,Account,Amount,Close Date,Status\n", f);
  for (guint i = 1; i <= 20480; i++)
    fprintf (f, "D-%05u,ACC-%u,%u.00,2024-%02u-%02u,won\n", i, i % 100, 100 + i % 900,
             1 + i % 12, 1 + i % 28);
  /* D-00007 as it was: unchanged. D-00009 (first 109.00) twice more with
   * other amounts: updated twice, and it ends at 175.00. D-00011 lost. */
  fputs ("D-00007,ACC-7,107.00,2024-08-08,won\n"
         "D-00009,ACC-9,150.00,2024-10-10,won\n"
         "D-00009,ACC-9,175.00,2024-10-10,won\n"
         "D-00011,ACC-11,111.00,2024-12-12,lost\n", f);
  for (guint i = 0; i < 10; i++)
    fputs (",ACC-1,50.00,2024-01-15,won\n", f);
  fclose (f);
  return path;
}

static void
remove_generated (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* A file of 20,000 rows or more into an empty table is written without
 * the table's indexes, unique ones included, which are built again before
 * the commit: rows that repeat an external id must come out as they do
 * row by row, where the unique index finds them. */
static void
test_import_bulk (void)
{
  g_autofree char *path = generate_repeating_deals ();
  sqlite3 *bulk = workspace_new ("USD");
  sqlite3 *rows = workspace_new ("USD");
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(TenureImportReport) by_row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = dump (bulk);
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  g_autofree char *now = NULL;

  g_assert_true (tenure_import_file (bulk, path, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  /* 20,480 ids + 10 rows without one are new; of the four repeats, one is
   * unchanged and three differ from the row as the rows before left it. */
  g_assert_cmpint (report->rows_new, ==, 20490);
  g_assert_cmpint (report->rows_unchanged, ==, 1);
  g_assert_cmpint (report->rows_updated, ==, 3);
  g_assert_cmpint (report->accounts_created, ==, 100);
  got = query (bulk, "SELECT count(*), sum(amount) FROM deal");
  /* The sum over i = 1 … 20,480 of 100 + i % 900 dollars is 11,179,640;
   * D-00009 ends at 175.00 instead of 109.00 (+66), D-00011 keeps 111.00,
   * and ten rows of 50.00 add 500: 11,180,206 dollars. */
  g_assert_cmpstr (got, ==, "20490|1118020600");
  g_clear_pointer (&got, g_free);
  got = query (bulk, "SELECT ext_id, amount, closed_on, status FROM deal "
                     "WHERE ext_id IN ('D-00007', 'D-00009', 'D-00011') ORDER BY id");
  g_assert_cmpstr (got, ==, "D-00007|10700|2024-08-08|won;D-00009|17500|2024-10-10|won;"
                            "D-00011|11100|2024-12-12|lost");
  g_clear_pointer (&got, g_free);
  got = query (bulk, "SELECT rows_new, rows_updated, rows_unchanged FROM import_batch");
  g_assert_cmpstr (got, ==, "20490|3|1");
  g_clear_pointer (&got, g_free);
  got = query (bulk, "PRAGMA integrity_check");
  g_assert_cmpstr (got, ==, "ok");
  g_clear_pointer (&got, g_free);
  got = query (bulk, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'deal' AND type = 'index'");
  g_assert_cmpstr (got, ==, "3");

  /* The same file row by row: a workspace with one deal already in it is
   * not imported in bulk. */
  g_assert_cmpint (sqlite3_exec (rows, "INSERT INTO account (key, name) VALUES ('OLD', 'Old'); "
                                 "INSERT INTO deal (ext_id, account_id, closed_on, amount) "
                                 "VALUES ('OLD-1', 1, '2020-01-01', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (tenure_import_file (rows, path, NULL, NULL, NULL, NULL, &by_row, &error));
  g_assert_no_error (error);
  g_assert_cmpint (by_row->rows_new, ==, report->rows_new);
  g_assert_cmpint (by_row->rows_updated, ==, report->rows_updated);
  g_assert_cmpint (by_row->rows_unchanged, ==, report->rows_unchanged);
  g_clear_pointer (&got, g_free);
  /* (A fingerprint counts the account by its id, which differs.) */
  got = query (bulk, "SELECT d.ext_id, a.key, d.amount, d.closed_on, d.status, "
                     "d.fingerprint IS NULL FROM deal d JOIN account a ON a.id = d.account_id "
                     "ORDER BY d.id");
  want = query (rows, "SELECT d.ext_id, a.key, d.amount, d.closed_on, d.status, "
                      "d.fingerprint IS NULL "
                      "FROM deal d JOIN account a ON a.id = d.account_id "
                      "WHERE d.ext_id IS NOT 'OLD-1' ORDER BY d.id");
  g_assert_true (g_str_equal (got, want));

  /* Again: nothing new. Undo of the first import: as it was. */
  g_clear_pointer (&report, tenure_import_report_free);
  g_assert_true (tenure_import_file (bulk, path, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_cmpint (report->rows_new, ==, 0);
  g_assert_true (tenure_import_undo (bulk, 0, &error));
  g_assert_true (tenure_import_undo (bulk, 0, &error));
  g_assert_no_error (error);
  now = dump (bulk);
  g_assert_cmpstr (now, ==, empty);

  sqlite3_close (bulk);
  sqlite3_close (rows);
  remove_generated (path);
}

static gsize
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static void
test_import_large (void)
{
  g_autofree char *path = generate_deals (200000);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *ws = g_build_filename (dir, "w.tenure", NULL);
  sqlite3 *db = NULL;
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gsize before, after;
  gint64 start;

  g_assert_cmpint (sqlite3_open (ws, &db), ==, SQLITE_OK);
  g_assert_true (tenure_schema_install (db, "USD", &error));
  before = peak_rss_kib ();
  start = g_get_monotonic_time ();
  g_assert_true (tenure_import_file (db, path, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  after = peak_rss_kib ();
  g_test_message ("200,000 deals in %.2f s, peak RSS %zu → %zu KiB",
                  (g_get_monotonic_time () - start) / 1e6, before, after);
  g_assert_cmpint (report->rows_new, ==, 200000);
  {
    g_autofree char *check = query (db, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
  g_assert_cmpint (report->accounts_created, ==, 5000);
  /* The reader holds 64 KiB chunks and one row; the importer 12 bytes per
   * row without an id and the account table; SQLite its page cache, which
   * the import caps at 64 MiB. The 14 MB file is not held. */
  /* Not under AddressSanitizer: its shadow memory and quarantine of freed
   * blocks count in the RSS too. */
#ifndef __SANITIZE_ADDRESS__
  if (before > 0)
    g_assert_cmpuint (after - before, <, 80 * 1024);
#else
  g_test_message ("peak RSS not checked: AddressSanitizer's shadow memory and quarantine count in it");
#endif
  sqlite3_close (db);
  g_unlink (ws);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import/good/%s", good_cases[i].file);

      g_test_add_data_func (name, &good_cases[i], test_import_good);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import/bad/%s", bad_cases[i].file);

      g_test_add_data_func (name, &bad_cases[i], test_import_bad);
    }
  g_test_add_func ("/import/bad/huge-field", test_import_huge_field);
  g_test_add_func ("/import/reimport", test_import_reimport);
  g_test_add_func ("/import/undo", test_import_undo);
  g_test_add_func ("/import/undo-by-batch", test_import_undo_by_batch);
  g_test_add_func ("/import/undo-every-kind", test_import_undo_every_kind);
  g_test_add_func ("/import/cancel", test_import_cancel);
  g_test_add_func ("/import/dry-run-and-strict", test_import_dry_run_and_strict);
  g_test_add_func ("/import/inclusive-end", test_import_inclusive_end);
  g_test_add_func ("/import/report", test_import_report);
  g_test_add_func ("/import/updates", test_import_updates);
  g_test_add_func ("/import/rejects-file", test_import_rejects_file);
  g_test_add_func ("/import/mapping", test_import_mapping);
  g_test_add_func ("/import/preview", test_import_preview);
  g_test_add_func ("/import/kind-detection", test_import_kind_detection);
  g_test_add_func ("/import/large", test_import_large);
  g_test_add_func ("/import/bulk", test_import_bulk);
  return g_test_run ();
}
