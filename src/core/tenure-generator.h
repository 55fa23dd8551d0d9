/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"

G_BEGIN_DECLS

/* The synthetic ledger: a made-up B2B/SaaS business written as the CSV files
 * the import takes (see IMPORT.md). The sample workspace, the tests and the
 * benchmarks all use it. The output depends only on the options: the
 * generator has its own random number generator, so a seed gives the same
 * bytes on every machine and GLib version.
 *
 * What the files hold, beyond IMPORT.md:
 * - Headers are the canonical field names; LF line ends, UTF-8, RFC 4180
 *   quoting (some company names contain a comma).
 * - Keys: accounts "ACC-000001", subscriptions "SUB-0000001", deals
 *   "DEAL-0000001"; touchpoints name the deal they belong to by its id.
 * - Dates YYYY-MM-DD, months YYYY-MM, money "1234.50", never negative.
 *   Nothing is dated after the end month's last day; subscriptions start and
 *   won or lost deals close within the history (its first month is the first
 *   with a contract start), only an open or early deal's created_on may be
 *   earlier. Open deals have an empty closed_on.
 * - accounts: type 1–4, referenceable "yes" / "no", end_date the day an
 *   account left that had not come back by the end (else empty). Some
 *   accounts are prospects with lost or open deals only.
 * - subscriptions: ends_on exclusive, empty = open; flat-priced lines
 *   (Premium Support, Pilot) have empty seats and seats_assigned.
 * - events: originated, churned and reactivated fall exactly on the days the
 *   account's subscription MRR turns positive, zero and positive again;
 *   upgraded / downgraded carry a default journey stage.
 * - scores: key accounts (type 1–3), quarterly over the last two years.
 * - targets: key accounts, fiscal_year a plain year (January start) for the
 *   end month's year and the one before. */

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
