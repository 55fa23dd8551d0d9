/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TENURE_TYPE_APPLICATION (tenure_application_get_type ())

G_DECLARE_FINAL_TYPE (TenureApplication, tenure_application, TENURE, APPLICATION, AdwApplication)

/* Creates the sample business workspace at @path (tenure_sample_create). */
typedef gboolean (*TenureSampleFunc) (const char  *path,
                                      GError     **error);

TenureApplication *tenure_application_new          (void);
/* Opens @file in a window, or presents the window that has it open. */
void               tenure_application_open_file    (TenureApplication *self,
                                                    GFile             *file);
void               tenure_application_set_sample_func (TenureSampleFunc func);

G_END_DECLS
