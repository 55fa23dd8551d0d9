/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>

#include "tenure-application.h"
#include "tenure-window.h"

/* Opens a workspace the way `tenure FILE` does and prints how long the
 * window takes to appear and to show its figures, and the longest time the
 * main loop was kept from running meanwhile (what the user feels as a
 * frozen window). Not a test: timings depend on the machine. Run it under
 * a display, e.g.
 *
 *   GSK_RENDERER=cairo xvfb-run -a -s "-screen 0 1280x800x24" \
 *     _build/tests/window-bench /tmp/L.tenure
 *
 * Target (issue 7): the window in under a second with the L ledger, the
 * figures filled in when they are ready. */

static gint64 start_us;
static gint64 mapped_us;
static gint64 drawn_us;
static gint64 figures_us;
static gint64 figures_drawn_us;
static gint64 last_tick_us;   /* the start: the first beat measures the open */
static gint64 longest_stall_us;
static gint64 longest_stall_shown_us;   /* once the window was drawn */
static GApplication *app;

static double
ms_since_start (gint64 t)
{
  return t > 0 ? (t - start_us) / 1000.0 : -1;
}

/* A heartbeat every 5 ms: a late beat is a main loop that was busy. */
static gboolean
heartbeat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick_us > 0)
    longest_stall_us = MAX (longest_stall_us, now - last_tick_us);
  if (drawn_us > 0 && last_tick_us >= drawn_us)
    longest_stall_shown_us = MAX (longest_stall_shown_us, now - last_tick_us);
  last_tick_us = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gint64 now = g_get_monotonic_time ();

  if (drawn_us == 0 && mapped_us > 0)
    drawn_us = now;
  if (figures_us > 0 && figures_drawn_us == 0)
    {
      figures_drawn_us = now;
      g_application_quit (app);
    }
}

static void
window_mapped_cb (GtkWidget *window)
{
  GdkFrameClock *clock;

  if (mapped_us == 0)
    mapped_us = g_get_monotonic_time ();
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
analysis_changed_cb (GtkWidget *window)
{
  if (figures_us == 0)
    figures_us = g_get_monotonic_time ();
  gtk_widget_queue_draw (window);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  if (!TENURE_IS_WINDOW (window))
    return;
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
  g_signal_connect (window, "analysis-changed", G_CALLBACK (analysis_changed_cb), NULL);
}

static gboolean
give_up_cb (gpointer data)
{
  g_printerr ("window-bench: no figures after %u s\n", GPOINTER_TO_UINT (data));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TenureApplication) application = NULL;
  char *args[] = { argv[0], argc > 1 ? argv[1] : NULL, NULL };
  guint timeout = 300;

  start_us = last_tick_us = g_get_monotonic_time ();
  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("usage: %s WORKSPACE\n", argv[0]);
      return 2;
    }

  application = tenure_application_new ();
  app = G_APPLICATION (application);
  /* Beside a running Tenure, still a process of its own. */
  g_application_set_flags (app, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_timeout_add (5, heartbeat_cb, NULL);
  g_timeout_add_seconds (timeout, give_up_cb, GUINT_TO_POINTER (timeout));
  g_application_run (app, 2, args);

  printf ("window-bench %s\n", argv[1]);
  printf ("%-44s %12.1f ms\n", "window mapped", ms_since_start (mapped_us));
  printf ("%-44s %12.1f ms\n", "window drawn (target < 1000)", ms_since_start (drawn_us));
  printf ("%-44s %12.1f ms\n", "figures computed", ms_since_start (figures_us));
  printf ("%-44s %12.1f ms\n", "figures drawn", ms_since_start (figures_drawn_us));
  printf ("%-44s %12.1f ms\n", "longest main-loop stall after start", longest_stall_us / 1000.0);
  printf ("%-44s %12.1f ms\n", "longest stall once the window was drawn", longest_stall_shown_us / 1000.0);
  return figures_drawn_us > 0 ? 0 : 1;
}
