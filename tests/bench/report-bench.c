/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>

#include "report-fixtures.h"

/* Lays out and writes the board report of a synthetic 10,000-account
 * business, then the same with every account listed, and prints the times.
 * Not a test: timings depend on the machine. The target is the board report
 * in under 2 s.
 *
 *   ./_build/tests/report-bench [ACCOUNTS] [OUTPUT_DIR]
 *
 * With OUTPUT_DIR the PDFs are kept there, to look at. */

static void
run (const TenureReportData *data,
     const char             *name,
     gboolean                all_accounts,
     gboolean                target,
     const char             *dir)
{
  TenureReportOptions options = { TENURE_REPORT_PAPER_A4, all_accounts };
  g_autofree char *file = g_strdup_printf ("report-%s.pdf", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  gint64 t0, t1, t2;
  clock_t c1, c2;
  guint n_pages;
  double w, h;

  tenure_report_paper_get_size (options.paper, &w, &h);
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(TenureReportLayout) layout = tenure_report_layout_new (data, &options, w, h);

    n_pages = tenure_report_layout_get_n_pages (layout);
  }
  t1 = g_get_monotonic_time ();
  c1 = clock ();
  if (!tenure_report_write_pdf (data, &options, path, &error))
    g_error ("%s", error->message);
  t2 = g_get_monotonic_time ();
  c2 = clock ();

  /* CPU time beside wall time: on a shared machine the wall clock also
   * counts the time other processes had the cores. */
  g_print ("%-8s %4u pages  layout %6.3f s  layout + PDF %6.3f s (CPU %6.3f s)  %6.1f pages/s  %s\n",
           name, n_pages, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (double) (c2 - c1) / CLOCKS_PER_SEC,
           n_pages / ((t2 - t1) / 1e6),
           !target ? "" : (t2 - t1) < 2000000 ? "(target 2 s: met)" : "(target 2 s: MISSED)");
}

int
main (int argc, char **argv)
{
  guint n_accounts = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autofree char *tmp = NULL;
  const char *dir;
  g_autoptr(TenureReportData) data = NULL;
  g_autoptr(TenureReportData) stress = NULL;

  setlocale (LC_ALL, "");
  if (argc > 2)
    {
      dir = argv[2];
      g_mkdir_with_parents (dir, 0755);
    }
  else
    {
      tmp = g_dir_make_tmp ("report-bench-XXXXXX", NULL);
      dir = tmp;
    }

  /* board: the board report of a key-account book (12% type 1 or 2);
   * all: every account listed; stress: the board report of a book where
   * half the accounts are type 1 or 2. */
  data = fixture_report_full (n_accounts, TRUE);
  stress = fixture_report_full (n_accounts, FALSE);
  g_print ("%u accounts\n", n_accounts);
  run (data, "board", FALSE, TRUE, dir);
  run (data, "all", TRUE, FALSE, dir);
  run (stress, "stress", FALSE, FALSE, dir);

  if (tmp != NULL)
    {
      const char *names[] = { "report-board.pdf", "report-all.pdf", "report-stress.pdf" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (tmp, names[i], NULL);

          g_unlink (path);
        }
      g_rmdir (tmp);
    }
  return 0;
}
