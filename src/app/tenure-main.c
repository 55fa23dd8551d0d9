/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tenure-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TenureApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Tests and developers run the build tree: TENURE_LOCALEDIR points at the
   * translations built there. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TENURE_LOCALEDIR") ? g_getenv ("TENURE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tenure_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
