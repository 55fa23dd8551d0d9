/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"

G_BEGIN_DECLS

/* The synthetic ledger: a made-up B2B/SaaS business written as the CSV files
 * the import takes (see IMPORT.md). The sample workspace, the tests and the
 * benchmarks all use it. The output depends only on the options: the
 * generator has its own random number generator, so a seed gives the same
 * bytes on every machine and GLib version. */

typedef enum
{
  TENURE_GENERATOR_SIZE_S, /* about 300 accounts, 36 months */
  TENURE_GENERATOR_SIZE_M, /* 10,000 accounts, 60 months */
  TENURE_GENERATOR_SIZE_L, /* 100,000 accounts, 60 months, about 1,000,000 deals */
} TenureGeneratorSize;

/* One CSV file per kind, named after the kind ("deals" -> deals.csv), in the
 * order the sample workspace imports them. */
typedef enum
{
  TENURE_GENERATOR_KIND_ACCOUNTS,
  TENURE_GENERATOR_KIND_SUBSCRIPTIONS,
  TENURE_GENERATOR_KIND_DEALS,
  TENURE_GENERATOR_KIND_EVENTS,
  TENURE_GENERATOR_KIND_TOUCHPOINTS,
  TENURE_GENERATOR_KIND_SURVEYS,
  TENURE_GENERATOR_KIND_FUNNEL,
  TENURE_GENERATOR_KIND_SCORES,
  TENURE_GENERATOR_KIND_TARGETS,
  TENURE_GENERATOR_N_KINDS
} TenureGeneratorKind;

#define TENURE_GENERATOR_KIND_MASK(kind) (1u << (kind))
#define TENURE_GENERATOR_ALL_KINDS ((1u << TENURE_GENERATOR_N_KINDS) - 1)

typedef struct
{
  guint64             seed;
  TenureGeneratorSize size;
  TenureMonth         end_month;  /* the last month of the history; nothing is dated after it */
  guint               kinds;      /* TENURE_GENERATOR_KIND_MASK bits to write; 0 writes all */
} TenureGeneratorOptions;

typedef struct
{
  guint64 rows[TENURE_GENERATOR_N_KINDS];   /* data rows, header not counted */
  guint64 bytes[TENURE_GENERATOR_N_KINDS];  /* file sizes, 0 for kinds not written */
} TenureGeneratorStats;

const char *tenure_generator_size_to_string  (TenureGeneratorSize  size);
gboolean    tenure_generator_size_from_string (const char          *text,
                                               TenureGeneratorSize *out);
guint       tenure_generator_size_accounts   (TenureGeneratorSize  size);
guint       tenure_generator_size_months     (TenureGeneratorSize  size);

const char *tenure_generator_kind_to_string  (TenureGeneratorKind  kind);
gboolean    tenure_generator_kind_from_string (const char          *text,
                                               TenureGeneratorKind *out);
const char *tenure_generator_kind_header     (TenureGeneratorKind  kind);

gboolean    tenure_generator_write           (const TenureGeneratorOptions *options,
                                              const char                   *directory,
                                              TenureGeneratorStats         *stats,
                                              GError                      **error);

G_END_DECLS
