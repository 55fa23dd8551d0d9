/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "report-fixtures.h"

/* The report is checked as a reader gets it: the PDF goes through poppler's
 * pdfinfo and pdftotext, and the tests look at page sizes and at the text of
 * each page. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  if (info == NULL || text == NULL)
    {
      g_test_skip ("poppler-utils (pdfinfo, pdftotext) are not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
write_report (Fixture                   *f,
              const TenureReportData    *data,
              const TenureReportOptions *options,
              const char                *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (tenure_report_write_pdf (data, options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static guint
pdf_n_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv);
  const char *line = strstr (out, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:") + strspn (line + strlen ("\nPages:"), " "), NULL, 10);
}

/* The size of every page, "595.276 x 841.89" and so on. */
static char **
pdf_page_sizes (const char *path,
                guint       n_pages)
{
  g_autofree char *last = g_strdup_printf ("%u", n_pages);
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *sizes = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *size = strstr (lines[i], " size: ");
      const char *end;

      if (!g_str_has_prefix (lines[i], "Page") || size == NULL)
        continue;
      size += strlen (" size: ");
      size += strspn (size, " ");
      end = strstr (size, " pts");
      g_assert_nonnull (end);
      g_ptr_array_add (sizes, g_strndup (size, end - size));
    }
  g_assert_cmpuint (sizes->len, ==, n_pages);
  g_ptr_array_add (sizes, NULL);
  return (char **) g_ptr_array_free (sizes, FALSE);
}

/* The text of each page (pdftotext separates pages with form feeds). */
static char **
pdf_pages_text (const char *path,
                gboolean    layout)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", layout ? "-layout" : "-raw", path, "-", NULL };
  g_autofree char *out = run (argv);
  char **pages = g_strsplit (out, "\f", -1);
  guint n = g_strv_length (pages);

  /* The text ends with a form feed: drop the empty tail. */
  if (n > 0 && pages[n - 1][0] == '\0')
    {
      g_free (pages[n - 1]);
      pages[n - 1] = NULL;
    }
  return pages;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;
  gsize len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + len, needle))
    n++;
  return n;
}

static const char *
section_headings[] = {
  "Summary", "Revenue movements", "Account lifecycle", "Cohort retention", "Segment economics",
  "Key accounts", "At-risk accounts", "Account progress scorecard", "Definitions and notes",
};

static void
test_small_business (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = fixture_report (40);
  g_autofree char *path = NULL;
  g_auto(GStrv) sizes = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  guint n;
  guint n_landscape = 0;

  if (!have_poppler ())
    return;

  path = write_report (f, data, NULL, "small.pdf");
  n = pdf_n_pages (path);
  g_assert_cmpuint (n, >=, 9);
  g_assert_cmpuint (n, <=, 12);

  sizes = pdf_page_sizes (path, n);
  pages = pdf_pages_text (path, TRUE);
  g_assert_cmpuint (g_strv_length (pages), ==, n);
  all = g_strjoinv ("\n", pages);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);
      gboolean landscape = strstr (pages[i], "Account progress scorecard") != NULL
                           && strstr (pages[i], "Sales associate") != NULL;

      /* A4 portrait, or landscape for the progress table only. */
      g_assert_cmpstr (sizes[i], ==, landscape ? "841.89 x 595.276" : "595.276 x 841.89");
      n_landscape += landscape;
      g_assert_nonnull (strstr (pages[i], footer));
      g_assert_nonnull (strstr (pages[i], "Northwind Analytics"));
    }
  g_assert_cmpuint (n_landscape, >=, 1);

  /* Vector text with every font embedded: no font is left to the reader's
   * machine. */
  {
    g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");

    if (pdffonts != NULL)
      {
        const char *argv[] = { "pdffonts", path, NULL };
        g_autofree char *out = run (argv);
        g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
        guint n_fonts = 0;

        for (guint i = 2; lines[i] != NULL; i++)
          {
            g_auto(GStrv) fields = g_strsplit_set (lines[i], " ", -1);
            g_autoptr(GPtrArray) words = g_ptr_array_new ();

            for (guint w = 0; fields[w] != NULL; w++)
              if (*fields[w] != '\0')
                g_ptr_array_add (words, fields[w]);
            if (words->len < 7)
              continue;
            n_fonts++;
            /* emb, sub, uni: the last five columns are emb sub uni id gen. */
            g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
            g_assert_cmpstr (g_ptr_array_index (words, words->len - 3), ==, "yes");
          }
        g_assert_cmpuint (n_fonts, >=, 2);
      }
  }

  /* The cover. */
  g_assert_nonnull (strstr (pages[0], "Board report"));
  g_assert_nonnull (strstr (pages[0], "November 2026"));
  g_assert_nonnull (strstr (pages[0], "Prepared 23 November 2026"));

  /* Each heading is in the contents, with the page it starts on. */
  for (guint i = 0; i < G_N_ELEMENTS (section_headings); i++)
    {
      const char *entry = strstr (pages[0], section_headings[i]);
      guint64 page;

      g_assert_nonnull (entry);
      entry += strlen (section_headings[i]);
      page = g_ascii_strtoull (entry + strspn (entry, " "), NULL, 10);
      g_assert_cmpuint (page, >=, 2);
      g_assert_cmpuint (page, <=, n);
      g_assert_nonnull (strstr (pages[page - 1], section_headings[i]));
    }

  /* KPI tiles, as formatted, with their changes. */
  g_assert_nonnull (strstr (pages[1], "412"));
  g_assert_nonnull (strstr (pages[1], "+3.0%"));
  g_assert_nonnull (strstr (pages[1], "+17.7%"));
  g_assert_nonnull (strstr (pages[1], "$1.23M"));
  g_assert_nonnull (strstr (pages[1], "3.8×"));
  g_assert_nonnull (strstr (pages[1], "−0.3×"));
  g_assert_nonnull (strstr (pages[1], "1.2%"));
  g_assert_nonnull (strstr (pages[1], "−0.3 pts"));
  g_assert_nonnull (strstr (pages[1], "106.2%"));
  g_assert_nonnull (strstr (pages[1], "+42"));
  g_assert_nonnull (strstr (pages[1], "+3 pts"));
  g_assert_nonnull (strstr (pages[1], "MoM"));
  g_assert_nonnull (strstr (pages[1], "YoY"));

  /* Tables: movements, segments, key accounts, at risk, definitions. */
  g_assert_nonnull (strstr (all, "$22,282"));
  g_assert_nonnull (strstr (all, "Public sector"));
  g_assert_nonnull (strstr (all, "Month 6"));
  g_assert_nonnull (strstr (all, "82.3%"));
  g_assert_nonnull (strstr (all, "Renewal rate"));
  g_assert_nonnull (strstr (all, "93.4%"));
  g_assert_nonnull (strstr (all, "Umbrella Logistics"));
  g_assert_nonnull (strstr (all, "Low licence utilisation"));
  g_assert_nonnull (strstr (all, "Churn rule"));
  g_assert_nonnull (strstr (all, "reactivation is not counted"));
}

static void
test_letter (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = fixture_report (300);
  TenureReportOptions options = { TENURE_REPORT_PAPER_LETTER, FALSE };
  g_autofree char *path = NULL;
  g_auto(GStrv) sizes = NULL;
  g_auto(GStrv) pages = NULL;
  guint n, n_landscape = 0;

  if (!have_poppler ())
    return;

  path = write_report (f, data, &options, "letter.pdf");
  n = pdf_n_pages (path);
  sizes = pdf_page_sizes (path, n);
  pages = pdf_pages_text (path, TRUE);
  for (guint i = 0; i < n; i++)
    {
      gboolean landscape = strstr (pages[i], "Sales associate") != NULL;

      g_assert_cmpstr (sizes[i], ==, landscape ? "792 x 612" : "612 x 792");
      n_landscape += landscape;
    }
  g_assert_cmpuint (n_landscape, >=, 3);
  /* Back to portrait after the landscape pages. */
  g_assert_cmpstr (sizes[n - 1], ==, "612 x 792");
}

/* The listed accounts of the 2,000-account scorecard: type 1 or 2, or flagged. */
static gboolean
listed (const TenureReportProgress *p,
        gboolean                    all)
{
  return all || p->flagged || p->type == 1 || p->type == 2;
}

static void
check_scorecard (Fixture  *f,
                 gboolean  all)
{
  g_autoptr(TenureReportData) data = fixture_report (2000);
  TenureReportOptions options = { TENURE_REPORT_PAPER_A4, all };
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *progress_text = NULL;
  GString *joined = g_string_new (NULL);
  guint n, first = 0, last = 0, n_listed = 0, n_rest = 0;
  const char *flagged_group, *type1_group;

  if (!have_poppler ())
    {
      g_string_free (joined, TRUE);
      return;
    }

  path = write_report (f, data, &options, all ? "all.pdf" : "board.pdf");
  n = pdf_n_pages (path);
  pages = pdf_pages_text (path, TRUE);
  g_assert_cmpuint (g_strv_length (pages), ==, n);

  /* The progress pages: each has the table header, and the continuation
   * pages say so. */
  for (guint i = 0; i < n; i++)
    if (strstr (pages[i], "Sales associate") != NULL)
      {
        if (first == 0)
          first = i;
        else
          g_assert_nonnull (strstr (pages[i], "Account progress scorecard (continued)"));
        g_assert_cmpuint (i, ==, first == i ? i : last + 1);
        last = i;
        g_assert_nonnull (strstr (pages[i], "Overall"));
        g_assert_nonnull (strstr (pages[i], "ARR last year"));
        g_string_append (joined, pages[i]);
        g_string_append_c (joined, '\f');
      }
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (last - first + 1, >=, all ? 50 : 25);
  progress_text = g_string_free (joined, FALSE);

  for (guint i = 0; i < data->progress->len; i++)
    {
      const TenureReportProgress *p = g_ptr_array_index (data->progress, i);
      guint count = count_occurrences (progress_text, p->account);

      if (!listed (p, all))
        {
          g_assert_cmpuint (count, ==, 0);
          n_rest++;
          continue;
        }
      n_listed++;
      /* Once, on one line with its associate and end date: the row is whole. */
      g_assert_cmpuint (count, ==, 1);
      {
        const char *at = strstr (progress_text, p->account);
        const char *eol = strchr (at, '\n');
        g_autofree char *line = g_strndup (at, eol ? (gsize) (eol - at) : strlen (at));

        g_assert_nonnull (strstr (line, p->associate));
        g_assert_nonnull (strstr (line, p->end_date));
      }
    }
  g_assert_cmpuint (n_listed, >, 0);

  /* Flagged accounts come first, in their own group, before the types. */
  flagged_group = strstr (progress_text, "Flagged · overall score below 4.0");
  type1_group = strstr (progress_text, "Type 1 · Signed multi-year strategic agreement");
  g_assert_nonnull (flagged_group);
  g_assert_nonnull (type1_group);
  g_assert_true (flagged_group < type1_group);
  for (guint i = 0; i < data->progress->len; i++)
    {
      const TenureReportProgress *p = g_ptr_array_index (data->progress, i);
      const char *at = strstr (progress_text, p->account);

      if (p->flagged)
        g_assert_true (at > flagged_group && at < type1_group);
      else if (at != NULL)
        g_assert_true (at > type1_group);
    }

  if (all)
    g_assert_null (strstr (progress_text, "further accounts"));
  else
    {
      g_autofree char *rest = g_strdup_printf ("%u further accounts", n_rest);

      g_assert_cmpuint (n_rest, >, 0);
      g_assert_nonnull (strstr (progress_text, rest));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (pages[i], footer));
    }
}

static void
test_scorecard_board (Fixture       *f,
                      gconstpointer  user_data)
{
  check_scorecard (f, FALSE);
}

static void
test_scorecard_all (Fixture       *f,
                    gconstpointer  user_data)
{
  check_scorecard (f, TRUE);
}

static void
test_empty (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = tenure_report_data_new ();
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  guint n;

  if (!have_poppler ())
    return;

  tenure_report_data_add_missing (data, "No subscriptions imported: MRR, ARR and the quick ratio are empty.");
  path = write_report (f, data, NULL, "empty.pdf");
  n = pdf_n_pages (path);
  pages = pdf_pages_text (path, FALSE);
  all = g_strjoinv ("\n", pages);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <=, 5); /* empty sections share pages */

  for (guint i = 0; i < G_N_ELEMENTS (section_headings); i++)
    g_assert_nonnull (strstr (all, section_headings[i]));
  g_assert_nonnull (strstr (all, "Untitled workspace"));
  g_assert_nonnull (strstr (all, "no data for the period"));
  g_assert_nonnull (strstr (all, "Missing data"));
  g_assert_nonnull (strstr (all, "No subscriptions imported"));
  g_assert_nonnull (strstr (all, "No MRR movements"));
  g_assert_nonnull (strstr (all, "No cohorts"));
  g_assert_nonnull (strstr (all, "No segment economics"));
  g_assert_nonnull (strstr (all, "No key-account KPIs"));
  g_assert_nonnull (strstr (all, "No scorecards"));
  g_assert_nonnull (strstr (all, "No active account is at risk"));
  /* Every tile is there, undefined. */
  g_assert_cmpuint (count_occurrences (pages[1], "—"), >=, TENURE_REPORT_N_KPIS);
}

/* The paging API the print operation uses agrees with the PDF. */
static void
test_layout_api (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = fixture_report (400);
  g_autoptr(TenureReportLayout) layout = NULL;
  double w, h;
  guint n, n_landscape = 0;

  tenure_report_paper_get_size (TENURE_REPORT_PAPER_A4, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 595.276, 0.001);
  g_assert_cmpfloat_with_epsilon (h, 841.89, 0.001);
  tenure_report_paper_get_size (TENURE_REPORT_PAPER_LETTER, &w, &h);
  g_assert_cmpfloat (w, ==, 612);
  g_assert_cmpfloat (h, ==, 792);

  layout = tenure_report_layout_new (data, NULL, 612, 792);
  n = tenure_report_layout_get_n_pages (layout);
  g_assert_cmpuint (n, >, 9);
  g_assert_false (tenure_report_layout_page_is_landscape (layout, 0));
  g_assert_false (tenure_report_layout_page_is_landscape (layout, n - 1));

  for (guint i = 0; i < n; i++)
    {
      gboolean landscape = tenure_report_layout_page_is_landscape (layout, i);
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x0, y0, ew, eh;

      n_landscape += landscape;
      /* Drawing twice, out of order, gives the same page. */
      tenure_report_layout_draw_page (layout, cr, i);
      tenure_report_layout_draw_page (layout, cr, n - 1 - i);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x0, &y0, &ew, &eh);
      g_assert_cmpfloat (ew, >, 0);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (n_landscape, >=, 1);

  if (have_poppler ())
    {
      TenureReportOptions options = { TENURE_REPORT_PAPER_LETTER, FALSE };
      g_autofree char *path = write_report (f, data, &options, "api.pdf");

      g_assert_cmpuint (pdf_n_pages (path), ==, n);
    }
}

static void
hook_draw (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  guint *calls = user_data;
  PangoLayout *pl = pango_cairo_create_layout (cr);

  (*calls)++;
  g_assert_cmpfloat (width, >, 100);
  g_assert_cmpfloat (height, >, 100);
  pango_layout_set_text (pl, "Chart drawn by the hook", -1);
  cairo_move_to (cr, 10, 10);
  pango_cairo_show_layout (cr, pl);
  g_object_unref (pl);
}

static void
test_chart_hook (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = tenure_report_data_new ();
  guint calls = 0;
  g_autofree char *path = NULL;

  tenure_report_data_set_chart (data, TENURE_REPORT_CHART_BRIDGE, hook_draw, &calls, NULL);
  path = write_report (f, data, NULL, "hook.pdf");
  g_assert_cmpuint (calls, ==, 1);

  if (have_poppler ())
    {
      g_auto(GStrv) pages = pdf_pages_text (path, FALSE);
      g_autofree char *all = g_strjoinv ("\n", pages);

      g_assert_nonnull (strstr (all, "Chart drawn by the hook"));
    }
}

static void
test_write_error (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = fixture_report (10);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);

  g_assert_false (tenure_report_write_pdf (data, NULL, path, &error));
  g_assert_error (error, TENURE_REPORT_ERROR, TENURE_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A change against zero or an undefined earlier value is "—", never
 * "inf%" or "nan". */
static void
test_undefined (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = fixture_report (5);
  g_autofree char *path = NULL;

  if (!have_poppler ())
    return;

  data->kpis[TENURE_REPORT_KPI_QUICK_RATIO].value = INFINITY;
  data->kpis[TENURE_REPORT_KPI_ARR].previous = 0;
  /* Too wide for its tile: compact there, every digit in the table. */
  data->kpis[TENURE_REPORT_KPI_ACTIVE_ACCOUNTS].value = 12345678;
  path = write_report (f, data, NULL, "undefined.pdf");
  {
    g_auto(GStrv) pages = pdf_pages_text (path, FALSE);

    g_assert_nonnull (strstr (pages[1], "12.3M"));
    g_assert_nonnull (strstr (pages[1], "12,345,678"));

    g_assert_nonnull (strstr (pages[1], "∞"));
    g_assert_null (strstr (pages[1], "nan"));
    g_assert_null (strstr (pages[1], "inf"));
  }
}

static void
test_quarter (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(TenureReportData) data = fixture_report (20);
  g_autofree char *path = NULL;

  if (!have_poppler ())
    return;

  data->period_kind = TENURE_REPORT_PERIOD_QUARTER;
  g_free (data->period_label);
  data->period_label = g_strdup ("2026-Q4");
  path = write_report (f, data, NULL, "quarter.pdf");
  {
    g_auto(GStrv) pages = pdf_pages_text (path, TRUE);
    g_autofree char *all = g_strjoinv ("\n", pages);

    g_assert_nonnull (strstr (pages[0], "2026-Q4"));
    g_assert_nonnull (strstr (pages[1], "QoQ"));
    g_assert_null (strstr (pages[1], "MoM"));
    g_assert_nonnull (strstr (all, "MRR bridge, 2026-Q4"));
    /* Nine quarters in the trend: the first nine of 18 periods are left out. */
    g_assert_null (strstr (all, "Jun 2025"));
    g_assert_nonnull (strstr (all, "Mar 2026"));
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/small-business", Fixture, NULL, fixture_set_up, test_small_business, fixture_tear_down);
  g_test_add ("/report/letter", Fixture, NULL, fixture_set_up, test_letter, fixture_tear_down);
  g_test_add ("/report/scorecard/board", Fixture, NULL, fixture_set_up, test_scorecard_board, fixture_tear_down);
  g_test_add ("/report/scorecard/all-accounts", Fixture, NULL, fixture_set_up, test_scorecard_all, fixture_tear_down);
  g_test_add ("/report/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/report/layout-api", Fixture, NULL, fixture_set_up, test_layout_api, fixture_tear_down);
  g_test_add ("/report/chart-hook", Fixture, NULL, fixture_set_up, test_chart_hook, fixture_tear_down);
  g_test_add ("/report/write-error", Fixture, NULL, fixture_set_up, test_write_error, fixture_tear_down);
  g_test_add ("/report/quarter", Fixture, NULL, fixture_set_up, test_quarter, fixture_tear_down);
  g_test_add ("/report/undefined", Fixture, NULL, fixture_set_up, test_undefined, fixture_tear_down);

  return g_test_run ();
}
