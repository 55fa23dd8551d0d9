/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The seed of the built-in sample business: the same business every time,
 * ending in the current month. */
#define TENURE_SAMPLE_SEED 20261123

/* Creates a new workspace at @path holding the sample business: the S-size
 * synthetic ledger ending this month, imported file by file as a user would. */
gboolean tenure_sample_create (const char    *path,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
