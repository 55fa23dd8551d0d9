/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <string.h>

#include "tenure-import.h"
#include "tenure-json.h"
#include "tenure-schema.h"
#include "tenure-settings.h"

/* CSV import, as IMPORT.md specifies it. The file is read twice: the first
 * pass decides each column's date order and decimal mark (and takes the
 * SHA-256), the second converts and writes every row inside one
 * transaction. Every row written carries the batch's id; every update is
 * logged in import_change with the row as it was, so that an undo restores
 * the workspace exactly: it puts the logged rows back and removes the rows
 * that still carry its id. */

G_DEFINE_QUARK (tenure-import-error-quark, tenure_import_error)

#define MAX_REPORTED_REJECTS 1000
#define PROGRESS_EVERY 4096
#define MAX_KIND_FIELDS 12
#define MAX_DB_COLS 10
/* A bulk import inserts this many rows per statement. */
#define BULK_ROWS 16

/* ---- what each kind of file holds ---- */

typedef enum
{
  FT_KEY,       /* an account key: text, required non-empty */
  FT_TEXT,
  FT_DATE,
  FT_MONEY,     /* minor units, never negative */
  FT_SMONEY,    /* minor units, may be negative */
  FT_COUNT,     /* whole number, never negative */
  FT_INT,       /* whole number */
  FT_ENUM,
  FT_BOOL,
  FT_SCORE,     /* 0–10, two decimals */
  FT_MONTH,
} FieldType;

typedef struct
{
  const char *spellings;   /* normalised, space-separated */
  const char *value;
} EnumMap;

#define REQUIRED 1

typedef struct
{
  const char    *name;
  FieldType      type;
  guint          flags;
  const char    *synonyms;  /* normalised (lower-case letters and digits), space-separated */
  const char    *examples;  /* for messages */
  const EnumMap *values;
  const char    *fallback;  /* enum value for an empty cell */
} FieldDef;

static const EnumMap deal_status[] = {
  { "won closedwon win signed booked closed gewonnen", "won" },
  { "lost closedlost lose dead closedlostdisqualified disqualified verloren", "lost" },
  { "open pending inprogress prospecting qualification qualified needsanalysis proposal "
    "proposalpricequote negotiation negotiationreview valueproposition idplecisionmakers "
    "perceptionanalysis discovery demo trial contractsent presentation offen", "open" },
  { NULL, NULL },
};

static const EnumMap deal_kind[] = {
  { "new newbusiness newcustomer newlogo newdeal acquisition", "new" },
  { "upsell upgrade expansion addon existingbusinessupsell", "upsell" },
  { "crosssell", "cross_sell" },
  { "renewal renew renewed existingbusiness", "renewal" },
  { "other", "other" },
  { NULL, NULL },
};

static const EnumMap deal_source[] = {
  { "referral referred customerreferral wordofmouth", "referral" },
  { "inbound web website organic marketing inboundmarketing", "inbound" },
  { "outbound coldcall coldemail prospecting sdr", "outbound" },
  { "partner reseller partnerreferral", "partner" },
  { "event events tradeshow conference webinar", "event" },
  { NULL, NULL },
};

static const EnumMap event_kind[] = {
  { "originated originate new newcustomer start started acquired signup won", "originated" },
  { "upgraded upgrade expansion expanded upsell", "upgraded" },
  { "downgraded downgrade contraction contracted", "downgraded" },
  { "churned churn cancelled canceled lost terminated", "churned" },
  { "reactivated reactivation reactivate winback returned resurrected", "reactivated" },
  { NULL, NULL },
};

static const EnumMap channel_kind[] = {
  { "call phone phonecall telephone", "call" },
  { "email mail", "email" },
  { "meeting inperson visit onsite lunch", "meeting" },
  { "video videocall zoom teams meet webex", "video" },
  { "other", "other" },
  { NULL, NULL },
};

static const EnumMap direction_kind[] = {
  { "inbound in incoming", "inbound" },
  { "outbound out outgoing", "outbound" },
  { NULL, NULL },
};

static const EnumMap survey_kind[] = {
  { "nps netpromoterscore", "nps" },
  { "csat customersatisfaction satisfaction", "csat" },
  { NULL, NULL },
};

#define ACCOUNT_SYNONYMS                                                                           \
  "account accountid accountname accountkey customer customerid customername "                     \
  "company companyname client clientname organization organisation kunde kundenname firma"
#define ACCOUNT_EXAMPLES "Account, Account ID, Customer, Company"

enum { A_ACCOUNT, A_NAME, A_SEGMENT, A_OWNER, A_TYPE, A_REGION, A_REFERENCEABLE, A_END_DATE, A_N };
static const FieldDef account_fields[] = {
  { "account", FT_KEY, REQUIRED,
    "account accountid accountkey key customer customerid company client clientid",
    ACCOUNT_EXAMPLES, NULL, NULL },
  { "name", FT_TEXT, 0, "name accountname companyname customername clientname displayname", "Name",
    NULL, NULL },
  { "segment", FT_TEXT, 0, "segment industry vertical", "Segment, Industry", NULL, NULL },
  { "owner", FT_TEXT, 0, "owner accountowner salesassociate salesrep rep accountmanager csm kam",
    "Owner, Sales Associate", NULL, NULL },
  { "type", FT_INT, 0, "type accounttype keyaccounttype tier", "Type", NULL, NULL },
  { "region", FT_TEXT, 0, "region territory country geo", "Region", NULL, NULL },
  { "referenceable", FT_BOOL, 0, "referenceable reference isreference referencecustomer",
    "Referenceable", NULL, NULL },
  { "end_date", FT_DATE, 0, "enddate contractend contractenddate", "End Date", NULL, NULL },
};

enum { D_ACCOUNT, D_AMOUNT, D_DEAL_ID, D_CREATED_ON, D_CLOSED_ON, D_STATUS, D_KIND, D_SOURCE, D_N };
static const FieldDef deal_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "amount", FT_MONEY, REQUIRED,
    "amount dealvalue value total dealamount amountusd price revenue bookings betrag wert summe",
    "Amount, Deal Value, Total", NULL, NULL },
  { "deal_id", FT_TEXT, 0, "dealid id opportunityid dealnumber recordid externalid extid",
    "Deal ID", NULL, NULL },
  { "created_on", FT_DATE, 0, "createdon createdate created createddate datecreated opendate",
    "Created On", NULL, NULL },
  { "closed_on", FT_DATE, 0,
    "closedon closedate closeddate wonon wondate dateclosed closingdate signedon date "
    "abschlussdatum",
    "Closed On, Close Date, Won On", NULL, NULL },
  { "status", FT_ENUM, 0, "status dealstage stage outcome state", "Status, Deal Stage", deal_status,
    "won" },
  { "kind", FT_ENUM, 0, "kind dealtype type opportunitytype category", "Kind, Deal Type", deal_kind,
    "new" },
  { "source", FT_ENUM, 0, "source leadsource dealsource origin", "Source, Lead Source", deal_source,
    NULL },
};

enum { S_ACCOUNT, S_STARTS_ON, S_MRR, S_ARR, S_AMOUNT, S_TERM, S_SUB_ID, S_ENDS_ON, S_PLAN, S_SEATS,
       S_SEATS_ASSIGNED, S_N };
static const FieldDef subscription_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "starts_on", FT_DATE, REQUIRED,
    "startson startdate start starts startedon periodstart currentperiodstart "
    "validfrom activationdate begins",
    "Starts On, Start Date", NULL, NULL },
  { "mrr", FT_MONEY, 0, "mrr mrramount monthlyrecurringrevenue monthlyamount monthly", "MRR", NULL,
    NULL },
  { "arr", FT_MONEY, 0, "arr arramount annualrecurringrevenue annualamount", "ARR", NULL, NULL },
  { "amount", FT_MONEY, 0, "amount price total contractvalue value tcv", "Amount", NULL, NULL },
  { "term_months", FT_INT, 0,
    "termmonths term months duration durationmonths billingperiodmonths intervalcount",
    "Term Months", NULL, NULL },
  { "subscription_id", FT_TEXT, 0, "subscriptionid id subscription contractid externalid",
    "Subscription ID", NULL, NULL },
  { "ends_on", FT_DATE, 0,
    "endson enddate end ends endedon canceledat cancelledat periodend validto until",
    "Ends On, End Date", NULL, NULL },
  { "plan", FT_TEXT, 0, "plan planname product tier package planid", "Plan", NULL, NULL },
  { "seats", FT_COUNT, 0, "seats quantity licenses licences seatspurchased users", "Seats", NULL,
    NULL },
  { "seats_assigned", FT_COUNT, 0,
    "seatsassigned assignedseats seatsused usedseats activeusers licensesassigned",
    "Seats Assigned", NULL, NULL },
};

enum { E_ACCOUNT, E_DATE, E_KIND, E_STAGE, E_NOTE, E_N };
static const FieldDef event_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "date", FT_DATE, REQUIRED, "date occurredon eventdate on day when effectivedate", "Date", NULL,
    NULL },
  { "kind", FT_ENUM, REQUIRED, "kind event eventtype type movement change", "Kind, Event",
    event_kind, NULL },
  { "stage", FT_TEXT, 0, "stage journeystage lifecyclestage newstage", "Stage", NULL, NULL },
  { "note", FT_TEXT, 0, "note notes comment comments description reason", "Note", NULL, NULL },
};

enum { T_ACCOUNT, T_DATE, T_CHANNEL, T_DIRECTION, T_DEAL_ID, T_N };
static const FieldDef touchpoint_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "date", FT_DATE, REQUIRED, "date occurredon touchdate activitydate when day", "Date", NULL,
    NULL },
  { "channel", FT_ENUM, 0, "channel medium activitytype type kind", "Channel", channel_kind,
    "other" },
  { "direction", FT_ENUM, 0, "direction inout", "Direction", direction_kind, NULL },
  { "deal_id", FT_TEXT, 0, "dealid opportunityid deal opportunity", "Deal ID", NULL, NULL },
};

enum { V_ACCOUNT, V_DATE, V_SCORE, V_KIND, V_N };
static const FieldDef survey_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "date", FT_DATE, REQUIRED, "date answeredon responsedate submittedon surveydate submitted",
    "Date", NULL, NULL },
  { "score", FT_INT, REQUIRED, "score rating npsscore csatscore answer", "Score", NULL, NULL },
  { "kind", FT_ENUM, 0, "kind type surveytype survey", "Kind", survey_kind, "nps" },
};

enum { F_SEGMENT, F_MONTH, F_MARKETING, F_SALES, F_LEADS, F_OPPS, F_N };
static const FieldDef funnel_fields[] = {
  { "segment", FT_TEXT, REQUIRED, "segment industry vertical market", "Segment", NULL, NULL },
  { "month", FT_MONTH, REQUIRED, "month period", "Month", NULL, NULL },
  { "marketing_spend", FT_MONEY, 0, "marketingspend marketing marketingcost", "Marketing Spend",
    NULL, NULL },
  { "sales_spend", FT_MONEY, 0, "salesspend sales salescost", "Sales Spend", NULL, NULL },
  { "leads", FT_COUNT, 0, "leads leadcount mqls", "Leads", NULL, NULL },
  { "opportunities", FT_COUNT, 0, "opportunities opps opportunitycount sqls", "Opportunities", NULL,
    NULL },
};

enum { C_ACCOUNT, C_DATE, C_AREA, C_METRIC, C_VALUE, C_N };
static const FieldDef score_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "date", FT_DATE, REQUIRED, "date scoredon scoredate asof", "Date", NULL, NULL },
  { "area", FT_TEXT, REQUIRED, "area scorearea category dimension pillar", "Area", NULL, NULL },
  { "metric", FT_TEXT, REQUIRED, "metric submetric scoremetric criterion measure item", "Metric",
    NULL, NULL },
  { "value", FT_SCORE, REQUIRED, "value score rating", "Value", NULL, NULL },
};

enum { G_ACCOUNT, G_YEAR, G_ARR_LAST, G_DELTA, G_N };
static const FieldDef target_fields[] = {
  { "account", FT_KEY, REQUIRED, ACCOUNT_SYNONYMS, ACCOUNT_EXAMPLES, NULL, NULL },
  { "fiscal_year", FT_INT, REQUIRED, "fiscalyear year fy", "Fiscal Year", NULL, NULL },
  { "arr_last_year", FT_MONEY, 0, "arrlastyear lastyeararr previousarr priorarr arrly",
    "ARR Last Year", NULL, NULL },
  { "arr_target_delta", FT_SMONEY, 0,
    "arrtargetdelta targetdelta arrtarget growthtarget targetgrowth delta", "ARR Target Delta",
    NULL, NULL },
};

/* A column of the table a kind writes, and the field it comes from. */
#define COL_ALWAYS 1   /* written even when its field is not in the file */
#define COL_INSERT 2   /* given on insert even when its field is not in the file */
#define COL_KEY    4   /* identifies the row */
#define COL_EXT    8   /* the external id: identifies the row when not empty */
#define COL_NOHASH 16  /* resolved from another table: not part of the fingerprint */

typedef struct
{
  const char *name;
  int         field;   /* -1: derived */
  guint       flags;
} DbCol;

static const DbCol account_cols[] = {
  { "key", A_ACCOUNT, COL_ALWAYS | COL_KEY },
  { "name", A_NAME, COL_INSERT },
  { "segment", A_SEGMENT, 0 },
  { "owner", A_OWNER, 0 },
  { "type", A_TYPE, 0 },
  { "region", A_REGION, 0 },
  { "referenceable", A_REFERENCEABLE, 0 },
  { "end_date", A_END_DATE, 0 },
  { NULL, 0, 0 },
};
enum { AC_KEY, AC_NAME, AC_SEGMENT, AC_OWNER, AC_TYPE, AC_REGION, AC_REFERENCEABLE, AC_END_DATE };

static const DbCol deal_cols[] = {
  { "ext_id", D_DEAL_ID, COL_EXT },
  { "account_id", D_ACCOUNT, COL_ALWAYS },
  { "created_on", D_CREATED_ON, 0 },
  { "closed_on", D_CLOSED_ON, 0 },
  { "status", D_STATUS, COL_ALWAYS },
  { "amount", D_AMOUNT, COL_ALWAYS },
  { "kind", D_KIND, COL_ALWAYS },
  { "source", D_SOURCE, 0 },
  { NULL, 0, 0 },
};
enum { DC_EXT, DC_ACCOUNT, DC_CREATED, DC_CLOSED, DC_STATUS, DC_AMOUNT, DC_KIND, DC_SOURCE };

static const DbCol subscription_cols[] = {
  { "ext_id", S_SUB_ID, COL_EXT }, { "account_id", S_ACCOUNT, COL_ALWAYS }, { "plan", S_PLAN, 0 },
  { "starts_on", S_STARTS_ON, COL_ALWAYS }, { "ends_on", S_ENDS_ON, 0 }, { "mrr", -1, COL_ALWAYS },
  { "seats", S_SEATS, 0 }, { "seats_assigned", S_SEATS_ASSIGNED, 0 }, { NULL, 0, 0 },
};
enum { SC_EXT, SC_ACCOUNT, SC_PLAN, SC_STARTS, SC_ENDS, SC_MRR, SC_SEATS, SC_SEATS_ASSIGNED };

static const DbCol event_cols[] = {
  { "account_id", E_ACCOUNT, COL_ALWAYS },
  { "occurred_on", E_DATE, COL_ALWAYS },
  { "kind", E_KIND, COL_ALWAYS },
  { "stage_id", E_STAGE, 0 },
  { "note", E_NOTE, 0 },
  { NULL, 0, 0 },
};
enum { EC_ACCOUNT, EC_DATE, EC_KIND, EC_STAGE, EC_NOTE };

static const DbCol touchpoint_cols[] = {
  { "account_id", T_ACCOUNT, COL_ALWAYS },
  { "occurred_on", T_DATE, COL_ALWAYS },
  { "channel", T_CHANNEL, COL_ALWAYS },
  { "direction", T_DIRECTION, 0 },
  { "deal_id", T_DEAL_ID, COL_NOHASH },
  { "deal_ext_id", T_DEAL_ID, 0 },
  { NULL, 0, 0 },
};
enum { TC_ACCOUNT, TC_DATE, TC_CHANNEL, TC_DIRECTION, TC_DEAL, TC_DEAL_EXT };

static const DbCol survey_cols[] = {
  { "account_id", V_ACCOUNT, COL_ALWAYS }, { "answered_on", V_DATE, COL_ALWAYS },
  { "kind", V_KIND, COL_ALWAYS }, { "score", V_SCORE, COL_ALWAYS }, { NULL, 0, 0 },
};
enum { VC_ACCOUNT, VC_DATE, VC_KIND, VC_SCORE };

static const DbCol funnel_cols[] = {
  { "segment", F_SEGMENT, COL_ALWAYS | COL_KEY }, { "month", F_MONTH, COL_ALWAYS | COL_KEY },
  { "marketing_spend", F_MARKETING, 0 }, { "sales_spend", F_SALES, 0 }, { "leads", F_LEADS, 0 },
  { "opportunities", F_OPPS, 0 }, { NULL, 0, 0 },
};

static const DbCol score_cols[] = {
  { "account_id", C_ACCOUNT, COL_ALWAYS }, { "metric_id", C_METRIC, COL_ALWAYS },
  { "scored_on", C_DATE, COL_ALWAYS }, { "value", C_VALUE, COL_ALWAYS }, { NULL, 0, 0 },
};
enum { CC_ACCOUNT, CC_METRIC, CC_DATE, CC_VALUE };

static const DbCol target_cols[] = {
  { "account_id", G_ACCOUNT, COL_ALWAYS | COL_KEY },
  { "fiscal_year", G_YEAR, COL_ALWAYS | COL_KEY },
  { "arr_last_year", G_ARR_LAST, 0 },
  { "arr_target_delta", G_DELTA, 0 },
  { NULL, 0, 0 },
};

typedef struct
{
  TenureImportKind  kind;
  const char       *name;
  const char       *table;
  const FieldDef   *fields;
  guint             n_fields;
  const DbCol      *cols;
  gboolean          fingerprint;   /* the table has a fingerprint column */
} KindDef;

static const KindDef kinds[] = {
  { TENURE_IMPORT_KIND_ACCOUNTS, "accounts", "account", account_fields, A_N, account_cols, FALSE },
  { TENURE_IMPORT_KIND_DEALS, "deals", "deal", deal_fields, D_N, deal_cols, TRUE },
  { TENURE_IMPORT_KIND_SUBSCRIPTIONS, "subscriptions", "subscription", subscription_fields, S_N,
    subscription_cols, TRUE },
  { TENURE_IMPORT_KIND_EVENTS, "events", "event", event_fields, E_N, event_cols, TRUE },
  { TENURE_IMPORT_KIND_TOUCHPOINTS, "touchpoints", "touchpoint", touchpoint_fields, T_N,
    touchpoint_cols, TRUE },
  { TENURE_IMPORT_KIND_SURVEYS, "surveys", "survey_response", survey_fields, V_N, survey_cols,
    TRUE },
  { TENURE_IMPORT_KIND_FUNNEL, "funnel", "funnel", funnel_fields, F_N, funnel_cols, FALSE },
  { TENURE_IMPORT_KIND_SCORES, "scores", "score_entry", score_fields, C_N, score_cols, TRUE },
  { TENURE_IMPORT_KIND_TARGETS, "targets", "target", target_fields, G_N, target_cols, FALSE },
};

/* The tables whose rows carry the batch that wrote them, children before
 * the rows they refer to: the order in which undo removes a batch's rows. */
static const char *const batch_tables[] = {
  "touchpoint", "score_entry", "survey_response", "event", "target", "funnel", "subscription",
  "deal", "account", NULL,
};

/* Tables an undo may touch: import_change names them, and a workspace file
 * is untrusted input. */
static const char *const undo_tables[] = {
  "account", "deal", "subscription", "event", "touchpoint", "survey_response", "funnel",
  "score_entry", "score_metric", "target", "import_mapping", NULL,
};

static const KindDef *
kind_def (TenureImportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return &kinds[i];
  return NULL;
}

/**
 * tenure_import_kind_to_string:
 * @kind: a kind of file
 *
 * Returns: its name as `--kind` takes it ("deals"), or "unknown"
 */
const char *
tenure_import_kind_to_string (TenureImportKind kind)
{
  const KindDef *def = kind_def (kind);

  return def ? def->name : "unknown";
}

/**
 * tenure_import_kind_from_string:
 * @text: (nullable): a kind name, any case
 *
 * Returns: the kind, or %TENURE_IMPORT_KIND_UNKNOWN
 */
TenureImportKind
tenure_import_kind_from_string (const char *text)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (kinds[i].name, text) == 0)
      return kinds[i].kind;
  return TENURE_IMPORT_KIND_UNKNOWN;
}

/**
 * tenure_import_kind_fields:
 * @kind: a kind of file
 *
 * Returns: (transfer none) (nullable): the canonical field names of @kind,
 *   as `--map COLUMN=FIELD` takes them, NULL-terminated
 */
const char *const *
tenure_import_kind_fields (TenureImportKind kind)
{
  static const char *names[G_N_ELEMENTS (kinds)][MAX_KIND_FIELDS + 1];
  static gsize initialised = 0;
  const KindDef *def = kind_def (kind);

  if (g_once_init_enter (&initialised))
    {
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        for (guint f = 0; f < kinds[k].n_fields; f++)
          names[k][f] = kinds[k].fields[f].name;
      g_once_init_leave (&initialised, 1);
    }
  return def ? names[def - kinds] : NULL;
}

/* Lower-case letters and digits only: "Close Date", "close_date" and
 * "CLOSE-DATE" are the same column. Non-ASCII letters are kept, folded. */
static char *
normalise (const char *text)
{
  g_autofree char *folded = NULL;
  gsize len = strlen (text);
  char *out = g_malloc (len + 1);
  gsize n = 0;

  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p >= 0x80)
        break;
      if (g_ascii_isalnum (*p))
        out[n++] = g_ascii_tolower (*p);
      if (p[1] == '\0')
        {
          out[n] = '\0';
          return out;
        }
    }
  if (len == 0)
    {
      out[0] = '\0';
      return out;
    }
  /* Not ASCII: fold case the Unicode way. */
  n = 0;
  folded = g_utf8_casefold (text, -1);
  out = g_realloc (out, strlen (folded) + 1);
  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
      out[n++] = *p;
  out[n] = '\0';
  return out;
}

static gboolean
in_list (const char *list,
         const char *word)
{
  gsize len = strlen (word);

  if (len == 0)
    return FALSE;
  for (const char *p = list; p && *p;)
    {
      const char *end = strchr (p, ' ');
      gsize l = end ? (gsize) (end - p) : strlen (p);

      if (l == len && memcmp (p, word, len) == 0)
        return TRUE;
      p = end ? end + 1 : NULL;
    }
  return FALSE;
}

static const char *
match_enum (const EnumMap *values,
            const char    *norm)
{
  for (guint i = 0; values[i].value; i++)
    if (in_list (values[i].spellings, norm) || g_str_equal (values[i].value, norm))
      return values[i].value;
  /* CRM stage names: "Closed Won - Pending Invoice". */
  if (values == deal_status)
    {
      if (strstr (norm, "won"))
        return "won";
      if (strstr (norm, "lost"))
        return "lost";
    }
  return NULL;
}

/* ---- report ---- */

static void
reject_free (TenureImportReject *reject)
{
  g_free (reject->column);
  g_free (reject->value);
  g_free (reject->reason);
  g_free (reject);
}

/**
 * tenure_import_report_free:
 * @report: (nullable): a report
 */
void
tenure_import_report_free (TenureImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_free (report->sha256);
  g_clear_pointer (&report->columns, g_ptr_array_unref);
  g_clear_pointer (&report->fields, g_ptr_array_unref);
  g_clear_pointer (&report->unknown_columns, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->rejects, g_ptr_array_unref);
  g_free (report->mapping_json);
  g_free (report);
}

void
tenure_import_preview_row_free (TenureImportPreviewRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->values);
  g_free (row->column);
  g_free (row->reason);
  g_free (row);
}

void
tenure_import_batch_free (TenureImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->file_name);
  g_free (batch->sha256);
  g_free (batch->imported_at);
  g_free (batch->kind);
  g_free (batch);
}

/**
 * tenure_import_reject_to_string:
 * @report: the report holding @reject
 * @reject: a rejected row
 *
 * Returns: (transfer full): one line naming the file, row and column:
 *   `deals.csv, row 4, column “Close Date”: “2024-02-30” is not a date: February 2024 has 29 days`
 */
char *
tenure_import_reject_to_string (const TenureImportReport *report,
                                const TenureImportReject *reject)
{
  g_return_val_if_fail (report != NULL && reject != NULL, NULL);

  if (reject->column)
    return g_strdup_printf (_("%s, row %" PRIu64 ", column “%s”: %s"), report->file_name,
                            reject->row, reject->column, reject->reason);
  return g_strdup_printf (_("%s, row %" PRIu64 ": %s"), report->file_name, reject->row,
                          reject->reason);
}

/* ---- the import ---- */

typedef enum { V_NULL, V_INT, V_TEXT, V_REAL } VType;

typedef struct
{
  VType        type;
  gint64       i;
  double       d;
  const char  *s;
  int          len;
} Value;

/* One row as read and with its cells converted: what the reading thread
 * hands to the writing one (write_pass()), or what the preview converts in
 * place. Text values point into @fields, @days or @strings. */
typedef struct
{
  guint64             row;          /* the file's line where the row starts */
  const char *const  *fields;
  guint               n_fields;
  gboolean            blank;        /* ",,,," lines: spreadsheets pad exports with them */
  Value               fv[MAX_KIND_FIELDS];
  char                days[MAX_KIND_FIELDS][16];  /* dates and months as ISO text */
  GPtrArray          *strings;      /* owns other text the conversion made */
  /* why the row is rejected, when it is */
  gboolean            rejected;
  int                 reject_col;
  char               *reject_value;
  char               *reject_reason;
} RowConv;

/* Counts how often each row hash has been seen in this file, in 12 bytes a
 * row: the one structure that grows with the file, because the occurrence
 * number of a row depends on every row before it. */
typedef struct
{
  guint64 *keys;
  guint32 *counts;
  gsize    mask;
  gsize    used;
} OccTable;

typedef struct
{
  sqlite3                   *db;
  TenureCsvReader           *reader;
  const TenureImportOptions *options;
  TenureImportReport        *report;
  const KindDef             *def;
  GCancellable              *cancellable;
  TenureImportProgressFunc   progress;
  gpointer                   user_data;
  int                        exponent;

  /* the header and its mapping */
  char                     **header;
  guint                      n_cols;
  int                        field_col[MAX_KIND_FIELDS];
  TenureDateOrder           *col_order;
  TenureDecimalMark         *col_mark;
  GPtrArray                 *user_maps;   /* pairs: column index (as pointer), field name */
  gboolean                   user_mapped;
  char                      *header_json;

  /* pass 2 */
  gint64                     batch_id;
  gboolean                   present[MAX_DB_COLS];
  gboolean                   in_insert[MAX_DB_COLS];
  guint                      n_db_cols;
  Value                      vals[MAX_DB_COLS];
  Value                      fv[MAX_KIND_FIELDS];
  GPtrArray                 *row_strings;
  GPtrArray                 *owned;
  GString                   *scratch;
  sqlite3_stmt              *insert;
  sqlite3_stmt              *find_key;
  sqlite3_stmt              *find_ext;
  sqlite3_stmt              *update;
  sqlite3_stmt              *snapshot;
  sqlite3_stmt              *log_change;
  sqlite3_stmt              *insert_account;   /* with its import_change row */
  sqlite3_stmt              *insert_accounts;  /* BULK_ROWS of them */
  sqlite3_stmt              *log_accounts;     /* and their import_change rows */
  gint64                     next_account_id;
  const char                *new_keys[BULK_ROWS];  /* accounts not written yet */
  gint64                     new_ids[BULK_ROWS];
  guint                      n_new;
  sqlite3_stmt              *find_deal;
  sqlite3_stmt              *insert_metric;
  GHashTable                *accounts;    /* key → id */
  GHashTable                *stages;      /* normalised name → id */
  GHashTable                *areas;       /* normalised name → id */
  GHashTable                *metrics;     /* "area-id:normalised name" → id */
  GHashTable                *snapshot_sql; /* table → SQL of its json_object */
  OccTable                   occ;
  guint64                    file_rows;   /* data rows, from the first pass */
  guint64                    file_size;
  GPtrArray                 *rebuild;     /* CREATE INDEX statements to run before COMMIT */
  gboolean                   bulk;        /* into an empty table without its indexes */
  sqlite3_stmt              *insert_many; /* bulk: BULK_ROWS rows in one statement */
  Value                      pending[BULK_ROWS][MAX_DB_COLS];
  char                       pending_fp[BULK_ROWS][48];  /* "" for no fingerprint */
  guint                      n_pending;

  /* rejects */
  GOutputStream             *rejects_out;
  GPtrArray                 *preview;
  guint                      preview_max;
  guint64                    row;
  const char *const         *fields;
  guint                      n_fields;
} Ctx;

static gint64 pragma_int (sqlite3    *db,
                          const char *sql);

static void
ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->rebuild, g_ptr_array_unref);
  g_strfreev (ctx->header);
  g_free (ctx->col_order);
  g_free (ctx->col_mark);
  g_clear_pointer (&ctx->user_maps, g_ptr_array_unref);
  g_free (ctx->header_json);
  g_clear_pointer (&ctx->row_strings, g_ptr_array_unref);
  g_clear_pointer (&ctx->owned, g_ptr_array_unref);
  if (ctx->scratch)
    g_string_free (ctx->scratch, TRUE);
  sqlite3_finalize (ctx->insert);
  sqlite3_finalize (ctx->insert_many);
  sqlite3_finalize (ctx->find_key);
  sqlite3_finalize (ctx->find_ext);
  sqlite3_finalize (ctx->update);
  sqlite3_finalize (ctx->snapshot);
  sqlite3_finalize (ctx->log_change);
  sqlite3_finalize (ctx->insert_account);
  sqlite3_finalize (ctx->insert_accounts);
  sqlite3_finalize (ctx->log_accounts);
  sqlite3_finalize (ctx->find_deal);
  sqlite3_finalize (ctx->insert_metric);
  g_clear_pointer (&ctx->accounts, g_hash_table_unref);
  g_clear_pointer (&ctx->stages, g_hash_table_unref);
  g_clear_pointer (&ctx->areas, g_hash_table_unref);
  g_clear_pointer (&ctx->metrics, g_hash_table_unref);
  g_clear_pointer (&ctx->snapshot_sql, g_hash_table_unref);
  g_free (ctx->occ.keys);
  g_free (ctx->occ.counts);
  g_clear_object (&ctx->rejects_out);
}

static gboolean
sql_error (Ctx     *ctx,
           GError **error)
{
  g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
               _("Could not write the workspace while importing %s: %s"),
               ctx->report->file_name, sqlite3_errmsg (ctx->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
                   _("The workspace does not have the expected tables (%s)"), sqlite3_errmsg (db));
      return NULL;
    }
  return stmt;
}

static guint32
occ_next (OccTable *occ,
          guint64   key)
{
  gsize i;

  if (key == 0)
    key = 1;
  if ((occ->used + 1) * 2 > occ->mask + 1 || occ->keys == NULL)
    {
      gsize new_size = occ->keys ? (occ->mask + 1) * 2 : 1024;
      guint64 *keys = g_new0 (guint64, new_size);
      guint32 *counts = g_new0 (guint32, new_size);

      for (gsize j = 0; occ->keys && j <= occ->mask; j++)
        {
          if (occ->keys[j] == 0)
            continue;
          i = occ->keys[j] & (new_size - 1);
          while (keys[i] != 0)
            i = (i + 1) & (new_size - 1);
          keys[i] = occ->keys[j];
          counts[i] = occ->counts[j];
        }
      g_free (occ->keys);
      g_free (occ->counts);
      occ->keys = keys;
      occ->counts = counts;
      occ->mask = new_size - 1;
    }
  i = key & occ->mask;
  while (occ->keys[i] != 0 && occ->keys[i] != key)
    i = (i + 1) & occ->mask;
  if (occ->keys[i] == 0)
    {
      occ->keys[i] = key;
      occ->used++;
    }
  return ++occ->counts[i];
}

/* MurmurHash64A: fingerprints need to be stable and fast, not secret. */
static guint64
hash64 (const guint8 *data,
        gsize         len,
        guint64       seed)
{
  const guint64 m = G_GUINT64_CONSTANT (0xc6a4a7935bd1e995);
  guint64 h = seed ^ (len * m);

  while (len >= 8)
    {
      guint64 k;

      memcpy (&k, data, 8);
      k = GUINT64_FROM_LE (k);
      k *= m;
      k ^= k >> 47;
      k *= m;
      h ^= k;
      h *= m;
      data += 8;
      len -= 8;
    }
  switch (len)
    {
    case 7: h ^= (guint64) data[6] << 48; G_GNUC_FALLTHROUGH;
    case 6: h ^= (guint64) data[5] << 40; G_GNUC_FALLTHROUGH;
    case 5: h ^= (guint64) data[4] << 32; G_GNUC_FALLTHROUGH;
    case 4: h ^= (guint64) data[3] << 24; G_GNUC_FALLTHROUGH;
    case 3: h ^= (guint64) data[2] << 16; G_GNUC_FALLTHROUGH;
    case 2: h ^= (guint64) data[1] << 8; G_GNUC_FALLTHROUGH;
    case 1: h ^= (guint64) data[0]; h *= m; break;
    default: break;
    }
  h ^= h >> 47;
  h *= m;
  h ^= h >> 47;
  return h;
}

/* Adds @owned to @strings, which frees it with the row. */
static const char *
keep (GPtrArray *strings,
      char      *owned)
{
  g_ptr_array_add (strings, owned);
  return owned;
}

static void
set_text (Value      *v,
          const char *s)
{
  v->type = s ? V_TEXT : V_NULL;
  v->s = s;
  v->len = s ? (int) strlen (s) : 0;
}

static void
set_int (Value  *v,
         gint64  i)
{
  v->type = V_INT;
  v->i = i;
}

/* ---- rejects ---- */

static void
append_cell (GString    *out,
             const char *text)
{
  gboolean inert = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                   text[0] == '\t' || text[0] == '\r';
  gboolean quote = inert || strpbrk (text, ",\"\r\n") != NULL;

  /* A leading quote makes a spreadsheet show the cell as text instead of
   * running it as a formula (CSV injection). */
  if (quote)
    g_string_append_c (out, '"');
  if (inert)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static gboolean
write_rejects_line (Ctx               *ctx,
                    const char *const *cells,
                    guint              n,
                    const char        *row,
                    const char        *column,
                    const char        *reason,
                    GError           **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) local = NULL;

  for (guint i = 0; i < n; i++)
    {
      append_cell (line, cells[i]);
      g_string_append_c (line, ',');
    }
  append_cell (line, row);
  g_string_append_c (line, ',');
  append_cell (line, column);
  g_string_append_c (line, ',');
  append_cell (line, reason);
  g_string_append (line, "\r\n");
  if (!g_output_stream_write_all (ctx->rejects_out, line->str, line->len, NULL, NULL, &local))
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
                   _("Could not write the rejected rows to %s: %s"), ctx->options->rejects_path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_rejects (Ctx     *ctx,
              GError **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;

  if (ctx->options->rejects_path == NULL || ctx->rejects_out != NULL)
    return TRUE;
  file = g_file_new_for_path (ctx->options->rejects_path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local);
  if (out == NULL)
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
                   _("Could not create %s for the rejected rows: %s"), ctx->options->rejects_path,
                   local->message);
      return FALSE;
    }
  ctx->rejects_out = g_buffered_output_stream_new (G_OUTPUT_STREAM (out));
  return write_rejects_line (ctx, (const char *const *) ctx->header, ctx->n_cols, "row", "column",
                             "reason", error);
}

/* Rejects the current row: reported, written to the rejects file. The
 * caller then goes on with the next row. */
static gboolean
reject (Ctx         *ctx,
        int          col,
        const char  *value,
        char        *reason,
        GError     **error)
{
  TenureImportReport *report = ctx->report;
  g_autofree char *owned_reason = reason;
  g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, ctx->row);
  const char *column = col >= 0 ? ctx->header[col] : NULL;

  report->rows_rejected++;
  if (report->rejects->len < MAX_REPORTED_REJECTS)
    {
      TenureImportReject *r = g_new0 (TenureImportReject, 1);

      r->row = ctx->row;
      r->column = g_strdup (column);
      r->value = g_strdup (value ? value : "");
      r->reason = g_strdup (owned_reason);
      g_ptr_array_add (report->rejects, r);
    }
  if (ctx->preview)
    {
      TenureImportPreviewRow *p = g_ptr_array_index (ctx->preview, ctx->preview->len - 1);

      p->column = g_strdup (column);
      p->reason = g_strdup (owned_reason);
    }
  if (ctx->options->rejects_path)
    {
      if (!open_rejects (ctx, error))
        return FALSE;
      return write_rejects_line (ctx, ctx->fields, ctx->n_fields, row, column ? column : "",
                                 owned_reason, error);
    }
  return TRUE;
}

/* ---- header → fields ---- */

static int
find_column (Ctx        *ctx,
             const char *name)
{
  g_autofree char *norm = normalise (name);

  for (guint c = 0; c < ctx->n_cols; c++)
    if (g_strcmp0 (ctx->header[c], name) == 0)
      return c;
  for (guint c = 0; c < ctx->n_cols; c++)
    {
      g_autofree char *h = normalise (ctx->header[c]);

      if (*norm && g_str_equal (h, norm))
        return c;
    }
  return -1;
}

static int
find_field (const KindDef *def,
            const char    *name)
{
  g_autofree char *norm = normalise (name);

  for (guint f = 0; f < def->n_fields; f++)
    {
      g_autofree char *canon = normalise (def->fields[f].name);

      if (g_str_equal (canon, norm))
        return f;
    }
  return -1;
}

/* Maps the header onto the fields of @def: user mappings first, then the
 * synonyms. Returns the number of mapped fields; @missing gets the first
 * required field without a column. */
static guint
map_header (Ctx           *ctx,
            const KindDef *def,
            int           *field_col,
            int           *missing)
{
  g_autofree gboolean *used = g_new0 (gboolean, ctx->n_cols);
  guint mapped = 0;

  for (guint f = 0; f < MAX_KIND_FIELDS; f++)
    field_col[f] = -1;
  for (guint i = 0; ctx->user_maps && i < ctx->user_maps->len; i += 2)
    {
      int c = GPOINTER_TO_INT (ctx->user_maps->pdata[i]);
      const char *field = ctx->user_maps->pdata[i + 1];
      int f = *field ? find_field (def, field) : -1;

      used[c] = TRUE;
      if (f >= 0 && field_col[f] < 0)
        field_col[f] = c, mapped++;
    }
  for (guint c = 0; c < ctx->n_cols; c++)
    {
      g_autofree char *norm = NULL;

      if (used[c])
        continue;
      norm = normalise (ctx->header[c]);
      for (guint f = 0; f < def->n_fields; f++)
        {
          g_autofree char *canon = normalise (def->fields[f].name);

          if (field_col[f] < 0
              && (g_str_equal (norm, canon) || in_list (def->fields[f].synonyms, norm)))
            {
              field_col[f] = c;
              used[c] = TRUE;
              mapped++;
              break;
            }
        }
    }

  /* An accounts file may name accounts by their name alone. */
  if (def->kind == TENURE_IMPORT_KIND_ACCOUNTS && field_col[A_ACCOUNT] < 0
      && field_col[A_NAME] >= 0)
    field_col[A_ACCOUNT] = field_col[A_NAME];

  *missing = -1;
  for (guint f = 0; f < def->n_fields && *missing < 0; f++)
    if ((def->fields[f].flags & REQUIRED) && field_col[f] < 0)
      *missing = f;
  if (*missing < 0 && def->kind == TENURE_IMPORT_KIND_SUBSCRIPTIONS &&
      field_col[S_MRR] < 0 && field_col[S_ARR] < 0 &&
      (field_col[S_AMOUNT] < 0 || field_col[S_TERM] < 0))
    *missing = field_col[S_AMOUNT] >= 0 ? S_TERM : S_MRR;
  return mapped;
}

static char *
header_list (Ctx *ctx)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint c = 0; c < ctx->n_cols; c++)
    g_string_append_printf (out, "%s“%s”", c ? ", " : "", ctx->header[c]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
parse_user_maps (Ctx                *ctx,
                 const char *const  *mappings,
                 GError            **error)
{
  ctx->user_maps = g_ptr_array_new ();
  for (guint i = 0; mappings && mappings[i]; i++)
    {
      const char *eq = strrchr (mappings[i], '=');
      g_autofree char *column = NULL;
      int c;

      if (eq == NULL)
        {
          g_set_error (
            error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_INVALID_MAPPING,
            _("“%s” is not a mapping: write COLUMN=FIELD, for example “Close Date=closed_on”"),
            mappings[i]);
          return FALSE;
        }
      column = g_strndup (mappings[i], eq - mappings[i]);
      g_strstrip (column);
      c = find_column (ctx, column);
      if (c < 0)
        {
          g_autofree char *list = header_list (ctx);

          g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_INVALID_MAPPING,
                       _("%s has no column “%s”; its columns are %s"), ctx->report->file_name, column,
                       list);
          return FALSE;
        }
      g_ptr_array_add (ctx->user_maps, GINT_TO_POINTER (c));
      g_ptr_array_add (ctx->user_maps, (gpointer) (eq + 1));
      ctx->user_mapped = TRUE;
    }
  return TRUE;
}

static char *
fields_list (const KindDef *def)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint f = 0; f < def->n_fields; f++)
    g_string_append_printf (out, "%s%s", f ? ", " : "", def->fields[f].name);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Looks up a mapping remembered for this exact header. */
static gboolean
load_remembered (Ctx               *ctx,
                 TenureImportKind  *kind)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) each = NULL;

  if (sqlite3_prepare_v2 (ctx->db, "SELECT kind, mapping FROM import_mapping WHERE header = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->header_json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *kind = tenure_import_kind_from_string ((const char *) sqlite3_column_text (stmt, 0));
  if (sqlite3_prepare_v2 (ctx->db, "SELECT key, value FROM json_each(?)", -1, &each, NULL)
      != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (each, 1, (const char *) sqlite3_column_text (stmt, 1), -1, SQLITE_TRANSIENT);
  ctx->user_maps = g_ptr_array_new_with_free_func (NULL);
  while (sqlite3_step (each) == SQLITE_ROW)
    {
      int c = find_column (ctx, (const char *) sqlite3_column_text (each, 0));

      if (c < 0)
        continue;
      g_ptr_array_add (ctx->user_maps, GINT_TO_POINTER (c));
      g_ptr_array_add (ctx->owned, g_strdup ((const char *) sqlite3_column_text (each, 1)));
      g_ptr_array_add (ctx->user_maps, ctx->owned->pdata[ctx->owned->len - 1]);
    }
  return TRUE;
}

static gboolean
decide_kind (Ctx      *ctx,
             GError  **error)
{
  TenureImportReport *report = ctx->report;
  TenureImportKind kind = ctx->options->kind;
  const KindDef *best = NULL, *closest = NULL;
  guint best_mapped = 0, closest_mapped = 0;
  int field_col[MAX_KIND_FIELDS];
  int missing;

  if (!ctx->user_mapped && kind == TENURE_IMPORT_KIND_UNKNOWN)
    {
      g_clear_pointer (&ctx->user_maps, g_ptr_array_unref);
      if (load_remembered (ctx, &kind))
        report->mapping_reused = TRUE;
      else if (ctx->user_maps == NULL)
        ctx->user_maps = g_ptr_array_new ();
    }

  if (kind != TENURE_IMPORT_KIND_UNKNOWN)
    {
      best = kind_def (kind);
      for (guint i = 0; i < ctx->user_maps->len; i += 2)
        {
          const char *field = ctx->user_maps->pdata[i + 1];

          if (*field && find_field (best, field) < 0)
            {
              g_autofree char *list = fields_list (best);

              g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_INVALID_MAPPING,
                           _("%s have no field “%s”; their fields are %s"), best->name, field, list);
              return FALSE;
            }
        }
      map_header (ctx, best, field_col, &missing);
    }
  else
    {
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          int fc[MAX_KIND_FIELDS];
          guint mapped = map_header (ctx, &kinds[k], fc, &missing);

          if (missing < 0 && mapped > best_mapped)
            {
              best = &kinds[k];
              best_mapped = mapped;
            }
          if (missing >= 0 && mapped > closest_mapped)
            {
              closest = &kinds[k];
              closest_mapped = mapped;
            }
        }
      /* A header that fits one kind better but lacks one of its required
       * columns is that kind with a column missing, not a poorer fit:
       * "Account, Close Date, Stage" is a deals file without amounts, not
       * an accounts file. */
      if (closest != NULL && closest_mapped >= 2 && closest_mapped > best_mapped)
        best = closest;
      if (best == NULL)
        {
          g_autofree char *list = header_list (ctx);

          g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_UNKNOWN_KIND,
                       _("%s: cannot tell what the file holds from its header (%s). Deals need "
                       "account and amount columns, subscriptions account, start date and MRR; "
                       "name the kind with --kind and the columns with --map COLUMN=FIELD"),
                       report->file_name, list);
          return FALSE;
        }
      map_header (ctx, best, field_col, &missing);
    }

  if (missing >= 0)
    {
      g_autofree char *list = header_list (ctx);
      const FieldDef *f = &best->fields[missing];

      if (best->kind == TENURE_IMPORT_KIND_SUBSCRIPTIONS && (missing == S_MRR || missing == S_TERM))
        g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_MISSING_COLUMN,
                     _("%s: subscriptions need an MRR, ARR, or amount and term_months column; "
                     "the header has %s. Map one with --map COLUMN=mrr"),
                     report->file_name, list);
      else
        g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_MISSING_COLUMN,
                     _("%s: %s need a column for %s (such as %s); the header has %s. "
                     "Map one with --map COLUMN=%s"),
                     report->file_name, best->name, f->name, f->examples, list, f->name);
      return FALSE;
    }

  ctx->def = best;
  report->kind = best->kind;
  memcpy (ctx->field_col, field_col, sizeof field_col);
  for (guint c = 0; c < ctx->n_cols; c++)
    {
      gboolean mapped = FALSE;

      for (guint f = 0; f < best->n_fields; f++)
        if (field_col[f] == (int) c)
          {
            if (!mapped)
              g_ptr_array_add (report->columns,
                               g_strdup_printf ("%s → %s", ctx->header[c], best->fields[f].name));
            mapped = TRUE;
          }
      if (!mapped && *ctx->header[c])
        g_ptr_array_add (report->unknown_columns, g_strdup (ctx->header[c]));
    }
  for (guint f = 0; f < best->n_fields; f++)
    if (field_col[f] >= 0)
      g_ptr_array_add (report->fields, g_strdup (best->fields[f].name));
  return TRUE;
}

static char *
mapping_json (Ctx *ctx)
{
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);
  char delim[2] = { tenure_csv_reader_get_delimiter (ctx->reader), 0 };

  tenure_json_begin_object (json);
  tenure_json_member_string (json, "kind", ctx->def->name);
  tenure_json_member_string (json, "delimiter", delim);
  tenure_json_member_string (json, "encoding",
                             tenure_csv_encoding_to_string (ctx->report->encoding));
  tenure_json_member_string (json, "date_order",
                             tenure_date_order_to_string (ctx->report->date_order));
  tenure_json_member_bool (json, "inclusive_end", ctx->options->inclusive_end);
  tenure_json_key (json, "columns");
  tenure_json_begin_object (json);
  for (guint f = 0; f < ctx->def->n_fields; f++)
    if (ctx->field_col[f] >= 0)
      tenure_json_member_string (json, ctx->header[ctx->field_col[f]], ctx->def->fields[f].name);
  tenure_json_end_object (json);
  tenure_json_end_object (json);
  return tenure_json_free_to_string (g_steal_pointer (&json));
}

static char *
user_mapping_json (Ctx *ctx)
{
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  tenure_json_begin_object (json);
  for (guint i = 0; i < ctx->user_maps->len; i += 2)
    tenure_json_member_string (json, ctx->header[GPOINTER_TO_INT (ctx->user_maps->pdata[i])],
                               ctx->user_maps->pdata[i + 1]);
  tenure_json_end_object (json);
  return tenure_json_free_to_string (g_steal_pointer (&json));
}

/* ---- pass 1 ---- */

/* @bytes of the two passes' 2 × size have been read. */
static gboolean
report_progress_at (Ctx      *ctx,
                    guint64   bytes,
                    guint64   rows,
                    GError  **error)
{
  if (ctx->progress)
    ctx->progress (bytes, 2 * ctx->file_size, rows, ctx->user_data);
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

static gboolean
report_progress (Ctx      *ctx,
                 guint64   base,
                 guint64   rows,
                 GError  **error)
{
  return report_progress_at (ctx, base + tenure_csv_reader_get_bytes_read (ctx->reader), rows,
                             error);
}

static gboolean
read_header (Ctx     *ctx,
             GError **error)
{
  const char *const *fields;
  guint n;

  if (!tenure_csv_reader_read_record (ctx->reader, &n, &fields, error))
    {
      if (error && *error == NULL)
        g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NO_ROWS,
                     _("%s has no header row"), ctx->report->file_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
scan_pass (Ctx     *ctx,
           guint64  max_rows,
           GError **error)
{
  const char *const *fields;
  guint n;
  g_autofree TenureDateScan *dates = g_new0 (TenureDateScan, ctx->n_cols);
  g_autofree TenureDecimalScan *numbers = g_new0 (TenureDecimalScan, ctx->n_cols);
  g_autofree FieldType *types = g_new0 (FieldType, ctx->n_cols);
  g_autofree gboolean *scan = g_new0 (gboolean, ctx->n_cols);
  guint64 rows = 0;
  gboolean reported_order = FALSE;

  for (guint f = 0; f < ctx->def->n_fields; f++)
    {
      int c = ctx->field_col[f];

      if (c < 0)
        continue;
      types[c] = ctx->def->fields[f].type;
      scan[c] = types[c] == FT_DATE || types[c] == FT_MONTH || types[c] == FT_MONEY
                || types[c] == FT_SMONEY || types[c] == FT_COUNT || types[c] == FT_INT
                || types[c] == FT_SCORE;
    }

  while (rows < max_rows && tenure_csv_reader_read_record (ctx->reader, &n, &fields, error))
    {
      rows++;
      for (guint c = 0; c < n && c < ctx->n_cols; c++)
        {
          if (!scan[c])
            continue;
          if (types[c] == FT_DATE || types[c] == FT_MONTH)
            tenure_date_scan_add (&dates[c], fields[c], tenure_csv_reader_get_row (ctx->reader));
          else
            tenure_decimal_scan_add (&numbers[c], fields[c]);
        }
      if (rows % PROGRESS_EVERY == 0 && !report_progress (ctx, 0, rows, error))
        return FALSE;
    }
  if (error && *error)
    return FALSE;
  if (rows == 0)
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NO_ROWS,
                   _("%s has a header but no rows to import"), ctx->report->file_name);
      return FALSE;
    }
  if (!report_progress (ctx, 0, rows, error))
    return FALSE;
  ctx->file_rows = rows;
  ctx->report->sha256 = g_strdup (tenure_csv_reader_get_sha256 (ctx->reader));

  ctx->col_order = g_new0 (TenureDateOrder, ctx->n_cols);
  ctx->col_mark = g_new0 (TenureDecimalMark, ctx->n_cols);
  for (guint c = 0; c < ctx->n_cols; c++)
    {
      gboolean undecidable = FALSE;

      ctx->col_mark[c]
        = tenure_decimal_scan_decide (&numbers[c], tenure_csv_reader_get_delimiter (ctx->reader));
      if (!scan[c] || !(types[c] == FT_DATE || types[c] == FT_MONTH))
        continue;
      if (ctx->options->date_order != TENURE_DATE_ORDER_UNKNOWN)
        ctx->col_order[c] = ctx->options->date_order;
      else
        ctx->col_order[c] = tenure_date_scan_decide (&dates[c], &undecidable);
      if (undecidable)
        {
          g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_DATE_ORDER,
                       _("%s, column “%s”: dates such as the one in row %" PRIu64
                         " could be day/month/year or month/day/year, and no row decides it. "
                         "Import again with --date-order dmy or --date-order mdy"),
                       ctx->report->file_name, ctx->header[c], dates[c].first_ambiguous_row);
          return FALSE;
        }
      if (dates[c].day_first > 0 && dates[c].month_first > 0)
        g_ptr_array_add (ctx->report->warnings,
                         g_strdup_printf ("Column “%s” mixes day-first and month-first dates; "
                                          "read as %s, the other rows are rejected",
                                          ctx->header[c],
                                          tenure_date_order_to_string (ctx->col_order[c])));
      if (!reported_order
          && (dates[c].ambiguous > 0 || dates[c].day_first > 0 || dates[c].month_first > 0))
        {
          ctx->report->date_order = ctx->col_order[c];
          reported_order = TRUE;
        }
    }
  return TRUE;
}

/* ---- pass 2: statements ---- */

static char *
snapshot_sql (sqlite3    *db,
              const char *table)
{
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  GString *out = g_string_new ("SELECT json_object(");
  gboolean first = TRUE;

  if (sqlite3_prepare_v2 (db, sql, -1, &info, NULL) != SQLITE_OK)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  while (sqlite3_step (info) == SQLITE_ROW)
    {
      const char *col = (const char *) sqlite3_column_text (info, 1);

      g_string_append_printf (out, "%s'%s', \"%s\"", first ? "" : ", ", col, col);
      first = FALSE;
    }
  g_string_append_printf (out, ") FROM \"%s\" WHERE rowid = ?", table);
  return g_string_free (out, FALSE);
}

/* An account the file names and the workspace lacks is created with its
 * key as its name, and logged (undo removes it). Created accounts wait
 * in ctx->new_keys and go in BULK_ROWS at a time, with ids given here:
 * the ones SQLite would give (the largest plus one, in order). */
static gboolean
prepare_account_inserts (Ctx     *ctx,
                         GError **error)
{
  g_autoptr(GString) accounts = g_string_new ("INSERT OR FAIL INTO account "
                                              "(id, key, name, batch_id) VALUES ");
  g_autoptr(GString) log = g_string_new ("INSERT OR FAIL INTO import_change "
                                         "(batch_id, table_name, row_id, old_row) VALUES ");

  for (guint r = 0; r < BULK_ROWS; r++)
    {
      g_string_append_printf (accounts, "%s(?, ?, ?, ?)", r ? ", " : "");
      g_string_append_printf (log, "%s(?, 'account', ?, NULL)", r ? ", " : "");
    }
  return (ctx->insert_account = prepare (ctx->db, "INSERT OR FAIL INTO account "
                                         "(id, key, name, batch_id) VALUES (?, ?, ?, ?)", error))
         && (ctx->insert_accounts = prepare (ctx->db, accounts->str, error))
         && (ctx->log_accounts = prepare (ctx->db, log->str, error));
}

static gboolean
prepare_statements (Ctx     *ctx,
                    GError **error)
{
  const DbCol *cols = ctx->def->cols;
  const char *table = ctx->def->table;
  g_autoptr(GString) ins = g_string_new (NULL);
  g_autoptr(GString) vals = g_string_new (NULL);
  g_autoptr(GString) sel = g_string_new (NULL);
  g_autoptr(GString) upd = g_string_new (NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *snap = NULL;
  gboolean has_key = FALSE;

  ctx->n_db_cols = 0;
  for (guint i = 0; cols[i].name; i++)
    {
      gboolean mapped = cols[i].field >= 0 && ctx->field_col[cols[i].field] >= 0;

      ctx->present[i] = (cols[i].flags & COL_ALWAYS) || mapped;
      ctx->in_insert[i] = ctx->present[i] || (cols[i].flags & COL_INSERT);
      ctx->n_db_cols++;
    }

  /* OR FAIL: any failure rolls the whole import back anyway, and without
   * ABORT SQLite needs no statement journal for each row. */
  g_string_append_printf (ins, "INSERT OR FAIL INTO %s (", table);
  g_string_append (sel, "SELECT rowid");
  g_string_append_printf (upd, "UPDATE OR FAIL %s SET ", table);
  for (guint i = 0; i < ctx->n_db_cols; i++)
    {
      if (ctx->in_insert[i])
        {
          g_string_append_printf (ins, "%s, ", cols[i].name);
          g_string_append (vals, "?, ");
        }
      if (!ctx->present[i])
        continue;
      g_string_append_printf (sel, ", %s", cols[i].name);
      g_string_append_printf (upd, "%s = ?, ", cols[i].name);
      if (cols[i].flags & COL_KEY)
        {
          g_string_append_printf (key, "%s%s = ?", has_key ? " AND " : "", cols[i].name);
          has_key = TRUE;
        }
    }
  g_string_append (ins, "batch_id");
  g_string_append (vals, "?");
  if (ctx->def->fingerprint)
    {
      g_string_append (ins, ", fingerprint");
      g_string_append (vals, ", ?");
    }
  g_string_append_printf (ins, ") VALUES (%s) ON CONFLICT DO NOTHING", vals->str);
  g_string_append (upd, "batch_id = ? WHERE rowid = ?");
  g_string_append_printf (sel, " FROM %s WHERE ", table);

  if (ctx->bulk)
    {
      /* "INSERT … VALUES (…)" becomes "INSERT … VALUES (…), (…), …". */
      g_autoptr(GString) many = g_string_new (NULL);
      const char *values = strstr (ins->str, ") VALUES (") + 1;
      const char *conflict = strstr (values, " ON CONFLICT");

      g_string_append_len (many, ins->str, values - ins->str);
      g_string_append (many, " VALUES ");
      for (guint r = 0; r < BULK_ROWS; r++)
        g_string_append_printf (many, "%s(%s)", r ? ", " : "", vals->str);
      g_string_append (many, conflict);
      if (!(ctx->insert_many = prepare (ctx->db, many->str, error)))
        return FALSE;
    }
  if (!(ctx->insert = prepare (ctx->db, ins->str, error)) ||
      !(ctx->update = prepare (ctx->db, upd->str, error)))
    return FALSE;
  if (has_key)
    {
      g_autofree char *sql = g_strdup_printf ("%s%s", sel->str, key->str);

      if (!(ctx->find_key = prepare (ctx->db, sql, error)))
        return FALSE;
    }
  if (cols[0].flags & COL_EXT && ctx->present[0])
    {
      g_autofree char *sql = g_strdup_printf ("%sext_id = ?", sel->str);

      if (!(ctx->find_ext = prepare (ctx->db, sql, error)))
        return FALSE;
    }

  snap = snapshot_sql (ctx->db, table);
  if (snap == NULL || !(ctx->snapshot = prepare (ctx->db, snap, error)))
    return FALSE;
  if (!(ctx->log_change
        = prepare (ctx->db,
                   "INSERT OR FAIL INTO import_change (batch_id, table_name, row_id, old_row) "
                   "VALUES (?, ?, ?, ?)",
                   error))
      || !prepare_account_inserts (ctx, error))
    return FALSE;
  if (ctx->def->kind == TENURE_IMPORT_KIND_TOUCHPOINTS &&
      !(ctx->find_deal = prepare (ctx->db, "SELECT id FROM deal WHERE ext_id = ?", error)))
    return FALSE;
  if (ctx->def->kind == TENURE_IMPORT_KIND_SCORES
      && !(ctx->insert_metric
           = prepare (ctx->db,
                      "INSERT INTO score_metric (area_id, position, name) VALUES "
                      "(?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM score_metric "
                      "WHERE area_id = ?1), ?2)",
                      error)))
    return FALSE;
  return TRUE;
}

static gboolean
load_lookups (Ctx     *ctx,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  ctx->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(stmt = prepare (ctx->db, "SELECT key, id FROM account", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (ctx->accounts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  ctx->next_account_id = pragma_int (ctx->db, "SELECT coalesce(max(id), 0) + 1 FROM account");

  ctx->stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(stmt = prepare (ctx->db, "SELECT name, id FROM journey_stage", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (ctx->stages, normalise ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  ctx->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(stmt = prepare (ctx->db, "SELECT name, id FROM score_area", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (ctx->areas, normalise ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  ctx->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(stmt = prepare (ctx->db, "SELECT area_id, name, id FROM score_metric", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *norm = normalise ((const char *) sqlite3_column_text (stmt, 1));

      g_hash_table_insert (ctx->metrics,
                           g_strdup_printf ("%d:%s", (int) sqlite3_column_int64 (stmt, 0), norm),
                           GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 2)));
    }
  return TRUE;
}

/* Steps @s, which returns no row, and resets it. */
static gboolean
step_done (Ctx          *ctx,
           sqlite3_stmt *s,
           GError      **error)
{
  gboolean ok = sqlite3_step (s) == SQLITE_DONE;

  sqlite3_reset (s);
  return ok || sql_error (ctx, error);
}

static gboolean
log_change (Ctx         *ctx,
            const char  *table,
            gint64       row_id,
            const char  *old_row,
            GError     **error)
{
  sqlite3_stmt *s = ctx->log_change;

  sqlite3_bind_int64 (s, 1, ctx->batch_id);
  sqlite3_bind_text (s, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, row_id);
  if (old_row)
    sqlite3_bind_text (s, 4, old_row, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (s, 4);
  return step_done (ctx, s, error);
}

/* The row as JSON before this batch changes it. */
static char *
take_snapshot (Ctx          *ctx,
               sqlite3_stmt *snapshot,
               gint64        row_id)
{
  char *json = NULL;

  sqlite3_bind_int64 (snapshot, 1, row_id);
  if (sqlite3_step (snapshot) == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (snapshot, 0));
  sqlite3_reset (snapshot);
  return json;
}

/* Writes the accounts waiting in ctx->new_keys, with their log rows. */
static gboolean
flush_accounts (Ctx     *ctx,
                GError **error)
{
  if (ctx->n_new == BULK_ROWS)
    {
      for (guint r = 0; r < BULK_ROWS; r++)
        {
          sqlite3_bind_int64 (ctx->insert_accounts, 4 * r + 1, ctx->new_ids[r]);
          sqlite3_bind_text (ctx->insert_accounts, 4 * r + 2, ctx->new_keys[r], -1, SQLITE_STATIC);
          sqlite3_bind_text (ctx->insert_accounts, 4 * r + 3, ctx->new_keys[r], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (ctx->insert_accounts, 4 * r + 4, ctx->batch_id);
          sqlite3_bind_int64 (ctx->log_accounts, 2 * r + 1, ctx->batch_id);
          sqlite3_bind_int64 (ctx->log_accounts, 2 * r + 2, ctx->new_ids[r]);
        }
      if (!step_done (ctx, ctx->insert_accounts, error) ||
          !step_done (ctx, ctx->log_accounts, error))
        return FALSE;
    }
  else
    for (guint r = 0; r < ctx->n_new; r++)
      {
        sqlite3_bind_int64 (ctx->insert_account, 1, ctx->new_ids[r]);
        sqlite3_bind_text (ctx->insert_account, 2, ctx->new_keys[r], -1, SQLITE_STATIC);
        sqlite3_bind_text (ctx->insert_account, 3, ctx->new_keys[r], -1, SQLITE_STATIC);
        sqlite3_bind_int64 (ctx->insert_account, 4, ctx->batch_id);
        if (!step_done (ctx, ctx->insert_account, error) ||
            !log_change (ctx, "account", ctx->new_ids[r], NULL, error))
          return FALSE;
      }
  ctx->n_new = 0;
  return TRUE;
}

/* The account with @key, created (named by its key) when it does not exist. */
static gboolean
account_id (Ctx         *ctx,
            const Value *key,
            gint64      *id,
            GError     **error)
{
  gpointer found;
  char *owned;

  g_string_assign (ctx->scratch, "");
  g_string_append_len (ctx->scratch, key->s, key->len);
  if (g_hash_table_lookup_extended (ctx->accounts, ctx->scratch->str, NULL, &found))
    {
      *id = GPOINTER_TO_INT (found);
      return TRUE;
    }
  /* The table's own key: rows may refer to it before it is written, as
   * foreign keys are not checked while importing. */
  *id = ctx->next_account_id++;
  owned = g_strdup (ctx->scratch->str);
  g_hash_table_insert (ctx->accounts, owned, GINT_TO_POINTER ((int) *id));
  ctx->report->accounts_created++;
  ctx->new_keys[ctx->n_new] = owned;
  ctx->new_ids[ctx->n_new] = *id;
  return ++ctx->n_new < BULK_ROWS || flush_accounts (ctx, error);
}

static void
bind_value (sqlite3_stmt *s,
            int           i,
            const Value  *v)
{
  switch (v->type)
    {
    case V_INT: sqlite3_bind_int64 (s, i, v->i); break;
    case V_TEXT: sqlite3_bind_text (s, i, v->s, v->len, SQLITE_STATIC); break;
    case V_REAL: sqlite3_bind_double (s, i, v->d); break;
    case V_NULL:
    default: sqlite3_bind_null (s, i); break;
    }
}

static gboolean
same_value (sqlite3_stmt *s,
            int           i,
            const Value  *v)
{
  int type = sqlite3_column_type (s, i);

  switch (v->type)
    {
    case V_INT: return type == SQLITE_INTEGER && sqlite3_column_int64 (s, i) == v->i;
    case V_REAL:
      return (type == SQLITE_FLOAT || type == SQLITE_INTEGER)
             && sqlite3_column_double (s, i) == v->d;
    case V_TEXT:
      return type == SQLITE_TEXT && sqlite3_column_bytes (s, i) == v->len &&
             memcmp (sqlite3_column_text (s, i), v->s, v->len) == 0;
    case V_NULL:
    default: return type == SQLITE_NULL;
    }
}

typedef enum { OUT_NEW, OUT_UPDATED, OUT_UNCHANGED } Outcome;

/* Binds one row of the insert statement @s from parameter @b on; returns
 * the next parameter. */
static int
bind_row (Ctx          *ctx,
          sqlite3_stmt *s,
          int           b,
          const Value  *vals,
          const char   *fingerprint)
{
  for (guint i = 0; i < ctx->n_db_cols; i++)
    if (ctx->in_insert[i])
      bind_value (s, b++, &vals[i]);
  sqlite3_bind_int64 (s, b++, ctx->batch_id);
  if (ctx->def->fingerprint)
    {
      if (fingerprint && fingerprint[0])
        sqlite3_bind_text (s, b++, fingerprint, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (s, b++);
    }
  return b;
}

static gboolean
insert_row (Ctx         *ctx,
            const char  *fingerprint,
            Outcome     *outcome,
            GError     **error)
{
  sqlite3_stmt *s = ctx->insert;

  bind_row (ctx, s, 1, ctx->vals, fingerprint);
  if (!step_done (ctx, s, error))
    return FALSE;
  if (sqlite3_changes (ctx->db) == 0)
    {
      /* The fingerprint, id or key is already there: imported before. */
      *outcome = OUT_UNCHANGED;
      return TRUE;
    }
  /* Not logged: the row carries the batch id, which is what undo removes. */
  *outcome = OUT_NEW;
  return TRUE;
}

/* Updates the row @find points at when it differs; @find is stepped. */
static gboolean
update_found (Ctx           *ctx,
              sqlite3_stmt  *find,
              Outcome       *outcome,
              GError       **error)
{
  gint64 row_id = sqlite3_column_int64 (find, 0);
  gboolean same = TRUE;
  g_autofree char *old = NULL;
  int col = 1, b = 1;

  for (guint i = 0; i < ctx->n_db_cols; i++)
    if (ctx->present[i])
      same = same && same_value (find, col++, &ctx->vals[i]);
  sqlite3_reset (find);
  if (same)
    {
      *outcome = OUT_UNCHANGED;
      return TRUE;
    }
  old = take_snapshot (ctx, ctx->snapshot, row_id);
  for (guint i = 0; i < ctx->n_db_cols; i++)
    if (ctx->present[i])
      bind_value (ctx->update, b++, &ctx->vals[i]);
  sqlite3_bind_int64 (ctx->update, b++, ctx->batch_id);
  sqlite3_bind_int64 (ctx->update, b++, row_id);
  if (!step_done (ctx, ctx->update, error))
    return FALSE;
  *outcome = OUT_UPDATED;
  return log_change (ctx, ctx->def->table, row_id, old, error);
}

static void
append_int (GString *out,
            gint64   v)
{
  char buf[24];
  int i = sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;

  do
    buf[--i] = '0' + u % 10;
  while ((u /= 10) != 0);
  if (v < 0)
    buf[--i] = '-';
  g_string_append_len (out, buf + i, sizeof buf - i);
}

/* Writes the rows a bulk import holds: BULK_ROWS in one statement, fewer
 * one by one. Their text lives in the block they were read into and in
 * ctx->row_strings, which import_row() leaves alone while rows wait. */
static gboolean
flush_pending (Ctx     *ctx,
               GError **error)
{
  sqlite3_stmt *s = ctx->n_pending == BULK_ROWS ? ctx->insert_many : ctx->insert;
  int b = 1;

  for (guint r = 0; r < ctx->n_pending; r++)
    {
      b = bind_row (ctx, s, b, ctx->pending[r], ctx->pending_fp[r]);
      if (s == ctx->insert_many && r + 1 < ctx->n_pending)
        continue;
      if (!step_done (ctx, s, error))
        return FALSE;
      b = 1;
    }
  ctx->n_pending = 0;
  return TRUE;
}

static gboolean
write_row (Ctx      *ctx,
           Outcome  *outcome,
           GError  **error)
{
  static const char hex[] = "0123456789abcdef";
  const DbCol *cols = ctx->def->cols;
  sqlite3_stmt *find = NULL;
  char fingerprint[48];
  const char *fp = NULL;
  int b = 1;

  if (ctx->find_ext && ctx->vals[0].type != V_NULL)
    find = ctx->find_ext;
  else if (ctx->find_key)
    find = ctx->find_key;
  else if (ctx->def->fingerprint)
    {
      guint64 h1, h2, v;
      guint32 occ;
      int n = 0;

      /* No id: the row is known by its content and by how many identical
       * rows came before it in the file, so that re-importing adds nothing
       * and two identical purchases stay two. */
      g_string_truncate (ctx->scratch, 0);
      g_string_append (ctx->scratch, ctx->def->table);
      for (guint i = 0; i < ctx->n_db_cols; i++)
        {
          const Value *val = &ctx->vals[i];

          /* A touchpoint's deal may be imported after it: its id must not
           * change the touchpoint's fingerprint. */
          if (!ctx->present[i] || (cols[i].flags & COL_NOHASH))
            continue;
          g_string_append_c (ctx->scratch, '\x1f');
          g_string_append_c (ctx->scratch, '0' + val->type);
          if (val->type == V_INT)
            append_int (ctx->scratch, val->i);
          else if (val->type == V_REAL)
            g_string_append_printf (ctx->scratch, "%.17g", val->d);
          else if (val->type == V_TEXT)
            g_string_append_len (ctx->scratch, val->s, val->len);
        }
      h1 = hash64 ((const guint8 *) ctx->scratch->str, ctx->scratch->len, 0x5445);
      h2 = hash64 ((const guint8 *)ctx->scratch->str, ctx->scratch->len,
                   G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
      occ = occ_next (&ctx->occ, h1 ^ h2);
      /* 96 bits of hash: no collision in any workspace's lifetime, and a
       * small index. */
      v = h1;
      for (int i = 0; i < 16; i++, v <<= 4)
        fingerprint[n++] = hex[v >> 60];
      v = h2 << 32;
      for (int i = 0; i < 8; i++, v <<= 4)
        fingerprint[n++] = hex[v >> 60];
      fingerprint[n++] = '-';
      g_snprintf (fingerprint + n, sizeof fingerprint - n, "%u", occ);
      fp = fingerprint;
    }

  /* A bulk import writes into an empty table whose unique indexes were
   * dropped: fingerprints cannot repeat within one file (they count
   * occurrences), and an external id that does is found when the index is
   * built again (merge_repeated_ids()). */
  if (ctx->bulk)
    {
      memcpy (ctx->pending[ctx->n_pending], ctx->vals, sizeof ctx->vals);
      g_strlcpy (ctx->pending_fp[ctx->n_pending], fp ? fp : "", sizeof ctx->pending_fp[0]);
      *outcome = OUT_NEW;
      return ++ctx->n_pending < BULK_ROWS || flush_pending (ctx, error);
    }

  /* Insert first: a new row costs one index search, not two. A conflict
   * on the id or key means the row is there: compare, update if needed. */
  if (!insert_row (ctx, fp, outcome, error))
    return FALSE;
  if (*outcome == OUT_NEW || find == NULL)
    return TRUE;

  if (find == ctx->find_ext)
    bind_value (find, 1, &ctx->vals[0]);
  else
    for (guint i = 0; i < ctx->n_db_cols; i++)
      if (ctx->present[i] && (cols[i].flags & COL_KEY))
        bind_value (find, b++, &ctx->vals[i]);
  switch (sqlite3_step (find))
    {
    case SQLITE_ROW:
      return update_found (ctx, find, outcome, error);
    case SQLITE_DONE:
      sqlite3_reset (find);
      return TRUE;
    default:
      sqlite3_reset (find);
      return sql_error (ctx, error);
    }
}

/* ---- pass 2: converting a row ---- */

static char *
field_label (const Ctx *ctx,
             int        f)
{
  return g_strdup (ctx->def->fields[f].name);
}

/* Marks the row rejected; @reason is taken. */
static void
row_reject (RowConv    *rc,
            int         col,
            const char *value,
            char       *reason)
{
  rc->rejected = TRUE;
  rc->reject_col = col;
  rc->reject_value = g_strdup (value ? value : "");
  rc->reject_reason = reason;
}

static void
row_clear (RowConv *rc)
{
  g_clear_pointer (&rc->reject_value, g_free);
  g_clear_pointer (&rc->reject_reason, g_free);
  rc->rejected = FALSE;
}

/* Converts the cell of field @f into rc->fv[f], or marks the row rejected.
 * Reads nothing of @ctx that changes while rows are read: it runs on the
 * reading thread. */
static void
convert_field (const Ctx *ctx,
               RowConv   *rc,
               int        f)
{
  const FieldDef *def = &ctx->def->fields[f];
  int c = ctx->field_col[f];
  Value *v = &rc->fv[f];
  const char *text;
  g_autofree char *reason = NULL;
  g_autofree char *label = NULL;
  TenureParseResult r;
  gint64 minor = 0;
  TenureDay day;
  const char *start, *end;

  v->type = V_NULL;
  if (c < 0)
    {
      /* A file without a status column is a file of won deals. */
      if (def->type == FT_ENUM && def->fallback)
        set_text (v, def->fallback);
      return;
    }
  text = (guint) c < rc->n_fields ? rc->fields[c] : "";

  /* Trimmed in place: the cell stays in the reader's buffer. */
  start = text;
  while (*start == ' ' || *start == '\t')
    start++;
  end = start + strlen (start);
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    end--;

  if (end == start)
    {
      if (def->flags & REQUIRED)
        {
          label = field_label (ctx, f);
          row_reject (rc, c, text, g_strdup_printf ("%s is empty; every row needs one", label));
          return;
        }
      if (def->type == FT_ENUM && def->fallback)
        set_text (v, def->fallback);
      return;
    }

  switch (def->type)
    {
    case FT_KEY:
    case FT_TEXT:
      v->type = V_TEXT;
      v->s = start;
      v->len = end - start;
      return;

    case FT_ENUM:
      {
        g_autofree char *cell = NULL;
        g_autofree char *norm = NULL;
        const char *value;

        /* The stored spelling itself, as Tenure's own files write it. */
        for (guint i = 0; def->values[i].value; i++)
          if (strncmp (def->values[i].value, start, end - start) == 0
              && def->values[i].value[end - start] == '\0')
            {
              set_text (v, def->values[i].value);
              return;
            }
        cell = g_strndup (start, end - start);
        norm = normalise (cell);
        value = match_enum (def->values, norm);

        if (value == NULL && def->values == deal_source)
          {
            /* Sources are an open list: keep the CRM's own, tidied. */
            char *tidy = g_utf8_strdown (cell, -1);

            g_strdelimit (tidy, " -", '_');
            set_text (v, keep (rc->strings, tidy));
            return;
          }
        if (value == NULL && def->values == direction_kind)
          {
            set_text (v, keep (rc->strings, g_utf8_strdown (cell, -1)));
            return;
          }
        if (value == NULL)
          {
            g_autoptr(GString) list = g_string_new (NULL);

            for (guint i = 0; def->values[i].value; i++)
              g_string_append_printf (list, "%s%s", i ? ", " : "", def->values[i].value);
            row_reject (rc, c, cell,
                        g_strdup_printf ("“%s” is not a %s %s; use one of %s", cell,
                                         ctx->def->name, def->name, list->str));
            return;
          }
        set_text (v, value);
        return;
      }

    case FT_BOOL:
      {
        gboolean b;

        if (tenure_parse_bool (text, &b) != TENURE_PARSE_OK)
          {
            row_reject (rc, c, text, g_strdup_printf ("“%s” is not yes or no", text));
            return;
          }
        set_int (v, b);
        return;
      }

    case FT_DATE:
      r = tenure_parse_date (text, ctx->col_order[c], &day, &reason);
      if (r != TENURE_PARSE_OK)
        {
          row_reject (rc, c, text, g_steal_pointer (&reason));
          return;
        }
      set_text (v, tenure_day_format_iso (day, rc->days[f]));
      v->i = day;
      return;

    case FT_MONTH:
      {
        TenureMonth month;
        g_autofree char *cell = g_strndup (start, end - start);

        if (strlen (cell) == 7 && (cell[4] == '-' || cell[4] == '/'))
          cell[4] = '-';
        if (!tenure_month_parse (cell, &month))
          {
            g_autofree char *padded = g_strdup_printf ("1 %s", cell);

            if (tenure_parse_date (text, ctx->col_order[c], &day, NULL) == TENURE_PARSE_OK ||
                tenure_parse_date (padded, ctx->col_order[c], &day, NULL) == TENURE_PARSE_OK)
              month = tenure_month_of_day (day);
            else
              {
                row_reject (rc, c, text,
                            g_strdup_printf ("“%s” is not a month; write it as 2024-03", cell));
                return;
              }
          }
        set_text (v, tenure_month_format (month, rc->days[f]));
        return;
      }

    case FT_MONEY:
    case FT_SMONEY:
    case FT_COUNT:
    case FT_INT:
    case FT_SCORE:
      {
        int exponent = def->type == FT_SCORE ? 2 : (def->type == FT_MONEY || def->type == FT_SMONEY)
                                                     ? ctx->exponent : 0;

        r = tenure_parse_amount (text, ctx->col_mark[c], exponent, &minor, &reason);
        if (r != TENURE_PARSE_OK)
          {
            row_reject (rc, c, text, g_steal_pointer (&reason));
            return;
          }
        if (minor < 0 && def->type != FT_SMONEY && def->type != FT_INT)
          {
            label = field_label (ctx, f);
            row_reject (rc, c, text, g_strdup_printf ("%s cannot be negative (“%s”)", label, text));
            return;
          }
        if (def->type == FT_SCORE)
          {
            if (minor < 0 || minor > 1000)
              {
                row_reject (rc, c, text,
                            g_strdup_printf ("“%s” is not a score from 0 to 10", text));
                return;
              }
            v->type = V_REAL;
            v->d = minor / 100.0;
            return;
          }
        set_int (v, minor);
        return;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Converts every cell of the row in @rc (its fields and row set), as
 * convert_field() does: on the reading thread. */
static void
convert_row (const Ctx *ctx,
             RowConv   *rc)
{
  rc->blank = TRUE;
  for (guint c = 0; c < rc->n_fields && rc->blank; c++)
    rc->blank = rc->fields[c][strspn (rc->fields[c], " \t")] == '\0';
  if (rc->blank)
    return;

  if (rc->n_fields != ctx->n_cols)
    {
      gboolean extra_empty = rc->n_fields > ctx->n_cols;

      for (guint c = ctx->n_cols; c < rc->n_fields && extra_empty; c++)
        extra_empty = rc->fields[c][0] == '\0';
      if (!extra_empty)
        {
          row_reject (rc, -1, "", g_strdup_printf ("the row has %u fields but the header has %u; "
                                                   "check it for a stray delimiter or quote",
                                                   rc->n_fields, ctx->n_cols));
          return;
        }
    }

  for (guint f = 0; f < ctx->def->n_fields && !rc->rejected; f++)
    convert_field (ctx, rc, f);
}

static void
copy_field (Ctx *ctx,
            int  col,
            int  field)
{
  ctx->vals[col] = ctx->fv[field];
}

/* Fills ctx->vals from ctx->fv for the kind's table; rejects what the
 * kind's rules forbid. */
static gboolean
assemble (Ctx      *ctx,
          gboolean *rejected,
          GError  **error)
{
  const DbCol *cols = ctx->def->cols;
  Value *fv = ctx->fv;
  gint64 id;

  for (guint i = 0; i < ctx->n_db_cols; i++)
    {
      ctx->vals[i].type = V_NULL;
      if (cols[i].field >= 0)
        copy_field (ctx, i, cols[i].field);
    }

  /* Every kind but funnel names an account in its first field. */
  if (ctx->def->kind != TENURE_IMPORT_KIND_FUNNEL && ctx->def->kind != TENURE_IMPORT_KIND_ACCOUNTS)
    {
      int col = ctx->def->kind == TENURE_IMPORT_KIND_DEALS
                || ctx->def->kind == TENURE_IMPORT_KIND_SUBSCRIPTIONS;

      if (!account_id (ctx, &fv[0], &id, error))
        return FALSE;
      set_int (&ctx->vals[col], id);
    }

  switch (ctx->def->kind)
    {
    case TENURE_IMPORT_KIND_ACCOUNTS:
      if (fv[A_NAME].type == V_NULL)
        ctx->vals[AC_NAME] = fv[A_ACCOUNT];
      if (fv[A_TYPE].type == V_INT && (fv[A_TYPE].i < 1 || fv[A_TYPE].i > 4))
        {
          *rejected = TRUE;
          return reject (ctx, ctx->field_col[A_TYPE], ctx->fields[ctx->field_col[A_TYPE]],
                         g_strdup ("type must be 1, 2, 3 or 4"), error);
        }
      if (ctx->present[AC_REFERENCEABLE] && fv[A_REFERENCEABLE].type == V_NULL)
        set_int (&ctx->vals[AC_REFERENCEABLE], 0);
      break;

    case TENURE_IMPORT_KIND_DEALS:
      if (g_strcmp0 (ctx->vals[DC_STATUS].s, "won") == 0 && fv[D_CLOSED_ON].type == V_NULL)
        {
          int c = ctx->field_col[D_CLOSED_ON] >= 0 ? ctx->field_col[D_CLOSED_ON]
                                                   : ctx->field_col[D_STATUS];

          *rejected = TRUE;
          return reject (ctx, c, c >= 0 ? ctx->fields[c] : "",
                         g_strdup ("a won deal needs the date it was closed (closed_on)"), error);
        }
      break;

    case TENURE_IMPORT_KIND_SUBSCRIPTIONS:
      {
        gint64 mrr;

        if (fv[S_MRR].type == V_INT)
          {
            mrr = fv[S_MRR].i;
            /* mrr wins over arr; a disagreement of more than one minor unit
             * a month means one of them is wrong. */
            if (fv[S_ARR].type == V_INT && ABS (mrr * 12 - fv[S_ARR].i) > 12)
              {
                g_autofree char *m = tenure_format_minor (mrr, ctx->exponent);
                g_autofree char *a = tenure_format_minor (fv[S_ARR].i, ctx->exponent);
                int c = ctx->field_col[S_ARR];

                *rejected = TRUE;
                return reject (
                  ctx, c, ctx->fields[c],
                  g_strdup_printf ("MRR %s and ARR %s disagree (ARR should be 12 × MRR)", m, a),
                  error);
              }
          }
        else if (fv[S_ARR].type == V_INT)
          mrr = tenure_div_round_half_even (fv[S_ARR].i, 12);
        else if (fv[S_AMOUNT].type == V_INT && fv[S_TERM].type == V_INT && fv[S_TERM].i > 0)
          mrr = tenure_div_round_half_even (fv[S_AMOUNT].i, fv[S_TERM].i);
        else
          {
            int c = fv[S_AMOUNT].type == V_INT ? ctx->field_col[S_TERM]
                    : ctx->field_col[S_MRR] >= 0 ? ctx->field_col[S_MRR]
                    : ctx->field_col[S_ARR] >= 0 ? ctx->field_col[S_ARR] : ctx->field_col[S_AMOUNT];

            *rejected = TRUE;
            return reject (ctx, c, c >= 0 && (guint)c < ctx->n_fields ? ctx->fields[c] : "",
                           g_strdup (fv[S_AMOUNT].type == V_INT
                                       ? "term_months must be a whole number of months above 0"
                                       : "the row has no MRR, ARR or amount"),
                           error);
          }
        set_int (&ctx->vals[SC_MRR], mrr);

        if (fv[S_ENDS_ON].type != V_NULL)
          {
            TenureDay end = (TenureDay) fv[S_ENDS_ON].i;
            char buf[16];

            if (ctx->options->inclusive_end)
              {
                end += 1;
                set_text (&ctx->vals[SC_ENDS],
                          keep (ctx->row_strings, g_strdup (tenure_day_format_iso (end, buf))));
              }
            if (end < (TenureDay) fv[S_STARTS_ON].i)
              {
                int c = ctx->field_col[S_ENDS_ON];

                *rejected = TRUE;
                return reject (ctx, c, ctx->fields[c],
                               g_strdup_printf ("the subscription ends (%s) before it starts (%s)",
                                                fv[S_ENDS_ON].s, fv[S_STARTS_ON].s), error);
              }
          }
        break;
      }

    case TENURE_IMPORT_KIND_EVENTS:
      if (fv[E_STAGE].type == V_TEXT)
        {
          g_autofree char *cell = g_strndup (fv[E_STAGE].s, fv[E_STAGE].len);
          g_autofree char *norm = normalise (cell);
          gpointer stage;

          if (!g_hash_table_lookup_extended (ctx->stages, norm, NULL, &stage))
            {
              int c = ctx->field_col[E_STAGE];

              *rejected = TRUE;
              return reject (ctx, c, cell,
                             g_strdup_printf ("there is no journey stage named “%s”; add it "
                                              "in the workspace settings first",
                                              cell),
                             error);
            }
          set_int (&ctx->vals[EC_STAGE], GPOINTER_TO_INT (stage));
        }
      break;

    case TENURE_IMPORT_KIND_TOUCHPOINTS:
      if (fv[T_DEAL_ID].type == V_TEXT)
        {
          bind_value (ctx->find_deal, 1, &fv[T_DEAL_ID]);
          if (sqlite3_step (ctx->find_deal) == SQLITE_ROW)
            set_int (&ctx->vals[TC_DEAL], sqlite3_column_int64 (ctx->find_deal, 0));
          else
            ctx->vals[TC_DEAL].type = V_NULL;
          sqlite3_reset (ctx->find_deal);
        }
      break;

    case TENURE_IMPORT_KIND_SURVEYS:
      {
        gboolean csat = g_strcmp0 (ctx->vals[VC_KIND].s, "csat") == 0;
        gint64 score = fv[V_SCORE].i;

        if (csat ? (score < 1 || score > 5) : (score < 0 || score > 10))
          {
            int c = ctx->field_col[V_SCORE];

            *rejected = TRUE;
            return reject (ctx, c, ctx->fields[c],
                           g_strdup_printf ("a %s score runs from %s", csat ? "CSAT" : "NPS",
                                            csat ? "1 to 5" : "0 to 10"),
                           error);
          }
        break;
      }

    case TENURE_IMPORT_KIND_SCORES:
      {
        g_autofree char *area = g_strndup (fv[C_AREA].s, fv[C_AREA].len);
        g_autofree char *metric = g_strndup (fv[C_METRIC].s, fv[C_METRIC].len);
        g_autofree char *norm_area = normalise (area);
        g_autofree char *norm_metric = normalise (metric);
        g_autofree char *metric_key = NULL;
        gpointer area_id, metric_id;

        if (!g_hash_table_lookup_extended (ctx->areas, norm_area, NULL, &area_id))
          {
            int c = ctx->field_col[C_AREA];

            *rejected = TRUE;
            return reject (ctx, c, area,
                           g_strdup_printf ("there is no scorecard area named “%s”", area), error);
          }
        metric_key = g_strdup_printf ("%d:%s", GPOINTER_TO_INT (area_id), norm_metric);
        if (!g_hash_table_lookup_extended (ctx->metrics, metric_key, NULL, &metric_id))
          {
            /* A new sub-metric in a known area is how a scorecard grows. */
            sqlite3_bind_int64 (ctx->insert_metric, 1, GPOINTER_TO_INT (area_id));
            sqlite3_bind_text (ctx->insert_metric, 2, metric, -1, SQLITE_STATIC);
            if (sqlite3_step (ctx->insert_metric) != SQLITE_DONE)
              {
                sqlite3_reset (ctx->insert_metric);
                return sql_error (ctx, error);
              }
            sqlite3_reset (ctx->insert_metric);
            metric_id = GINT_TO_POINTER ((int) sqlite3_last_insert_rowid (ctx->db));
            if (!log_change (ctx, "score_metric", GPOINTER_TO_INT (metric_id), NULL, error))
              return FALSE;
            g_hash_table_insert (ctx->metrics, g_steal_pointer (&metric_key), metric_id);
          }
        set_int (&ctx->vals[CC_METRIC], GPOINTER_TO_INT (metric_id));
        break;
      }

    case TENURE_IMPORT_KIND_TARGETS:
      if (fv[G_YEAR].i < 1900 || fv[G_YEAR].i > 2199)
        {
          int c = ctx->field_col[G_YEAR];

          *rejected = TRUE;
          return reject (ctx, c, ctx->fields[c],
                         g_strdup_printf ("“%s” is not a fiscal year", ctx->fields[c]), error);
        }
      break;

    case TENURE_IMPORT_KIND_FUNNEL:
    case TENURE_IMPORT_KIND_UNKNOWN:
    default:
      break;
    }
  return TRUE;
}

static void
add_preview_row (Ctx *ctx)
{
  TenureImportPreviewRow *p = g_new0 (TenureImportPreviewRow, 1);

  p->row = ctx->row;
  p->values = g_new0 (char *, ctx->report->fields->len + 1);
  g_ptr_array_add (ctx->preview, p);
}

static void
fill_preview_values (Ctx *ctx)
{
  TenureImportPreviewRow *p = g_ptr_array_index (ctx->preview, ctx->preview->len - 1);
  guint i = 0;

  for (guint f = 0; f < ctx->def->n_fields; f++)
    {
      const Value *v = &ctx->fv[f];
      FieldType type = ctx->def->fields[f].type;

      if (ctx->field_col[f] < 0)
        continue;
      if (v->type == V_TEXT)
        p->values[i] = g_strndup (v->s, v->len);
      else if (v->type == V_REAL)
        p->values[i] = g_strdup_printf ("%.2f", v->d);
      else if (v->type == V_INT && (type == FT_MONEY || type == FT_SMONEY))
        p->values[i] = tenure_format_minor (v->i, ctx->exponent);
      else if (v->type == V_INT && type == FT_BOOL)
        p->values[i] = g_strdup (v->i ? "yes" : "no");
      else if (v->type == V_INT)
        p->values[i] = g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
      i++;
    }
}

/* Writes the converted row @rc, or reports why it is rejected: on the
 * writing thread, in file order. */
static gboolean
import_row (Ctx      *ctx,
            RowConv  *rc,
            GError  **error)
{
  gboolean rejected = FALSE;
  Outcome outcome;

  if (rc->blank)
    return TRUE;
  ctx->row = rc->row;
  ctx->fields = rc->fields;
  ctx->n_fields = rc->n_fields;
  if (ctx->n_pending == 0)
    g_ptr_array_set_size (ctx->row_strings, 0);

  ctx->report->rows++;
  if (ctx->preview)
    add_preview_row (ctx);
  if (rc->rejected)
    return reject (ctx, rc->reject_col, rc->reject_value, g_steal_pointer (&rc->reject_reason),
                   error);

  memcpy (ctx->fv, rc->fv, sizeof ctx->fv);
  if (!assemble (ctx, &rejected, error))
    return FALSE;
  if (ctx->preview)
    fill_preview_values (ctx);
  if (rejected)
    return TRUE;
  if (!write_row (ctx, &outcome, error))
    return FALSE;
  switch (outcome)
    {
    case OUT_NEW: ctx->report->rows_new++; break;
    case OUT_UPDATED: ctx->report->rows_updated++; break;
    case OUT_UNCHANGED: ctx->report->rows_unchanged++; break;
    default: break;
    }
  return TRUE;
}

static gboolean
remember_mapping (Ctx     *ctx,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autoptr(sqlite3_stmt) snap = NULL;
  g_autofree char *json = user_mapping_json (ctx);
  g_autofree char *snap_sql = NULL;
  gint64 row_id = 0;

  if (!(find = prepare (ctx->db, "SELECT rowid, kind, mapping FROM import_mapping WHERE header = ?",
                        error)))
    return FALSE;
  sqlite3_bind_text (find, 1, ctx->header_json, -1, SQLITE_STATIC);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      g_autofree char *old = NULL;

      row_id = sqlite3_column_int64 (find, 0);
      if (g_strcmp0 ((const char *) sqlite3_column_text (find, 1), ctx->def->name) == 0 &&
          g_strcmp0 ((const char *) sqlite3_column_text (find, 2), json) == 0)
        return TRUE;
      snap_sql = snapshot_sql (ctx->db, "import_mapping");
      if (!(snap = prepare (ctx->db, snap_sql, error)))
        return FALSE;
      old = take_snapshot (ctx, snap, row_id);
      if (!(write = prepare (ctx->db,
                             "UPDATE import_mapping SET kind = ?2, mapping = ?3 WHERE rowid = ?1",
                             error)))
        return FALSE;
      sqlite3_bind_int64 (write, 1, row_id);
      sqlite3_bind_text (write, 2, ctx->def->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 3, json, -1, SQLITE_STATIC);
      if (sqlite3_step (write) != SQLITE_DONE)
        return sql_error (ctx, error);
      return log_change (ctx, "import_mapping", row_id, old, error);
    }
  if (!(write = prepare (
          ctx->db, "INSERT INTO import_mapping (header, kind, mapping) VALUES (?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (write, 1, ctx->header_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 2, ctx->def->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 3, json, -1, SQLITE_STATIC);
  if (sqlite3_step (write) != SQLITE_DONE)
    return sql_error (ctx, error);
  return log_change (ctx, "import_mapping", sqlite3_last_insert_rowid (ctx->db), NULL, error);
}

static gboolean
begin_batch (Ctx     *ctx,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (!(stmt = prepare (
          ctx->db,
          "INSERT INTO import_batch (file_name, sha256, imported_at, kind, mapping, header) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, ctx->report->file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ctx->report->sha256 ? ctx->report->sha256 : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, when, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ctx->def->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, ctx->report->mapping_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, ctx->header_json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sql_error (ctx, error);
  ctx->batch_id = sqlite3_last_insert_rowid (ctx->db);
  return TRUE;
}

static gboolean
finish_batch (Ctx     *ctx,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt
        = prepare (ctx->db,
                   "UPDATE import_batch SET rows_new = ?, rows_updated = ?, rows_unchanged = ?, "
                   "rows_rejected = ? WHERE id = ?",
                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->report->rows_new);
  sqlite3_bind_int64 (stmt, 2, ctx->report->rows_updated);
  sqlite3_bind_int64 (stmt, 3, ctx->report->rows_unchanged);
  sqlite3_bind_int64 (stmt, 4, ctx->report->rows_rejected);
  sqlite3_bind_int64 (stmt, 5, ctx->batch_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sql_error (ctx, error);
  return TRUE;
}

static gboolean
close_rejects (Ctx     *ctx,
               GError **error)
{
  g_autoptr(GError) local = NULL;

  if (ctx->options->rejects_path == NULL)
    return TRUE;
  /* A rejects file is written even when nothing was rejected, so that a
   * stale one from an earlier run is not mistaken for this run's. */
  if (!open_rejects (ctx, error))
    return FALSE;
  if (!g_output_stream_close (ctx->rejects_out, NULL, &local))
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
                   _("Could not write the rejected rows to %s: %s"), ctx->options->rejects_path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* Index entries inserted one row at a time land all over a large index;
 * built at the end, SQLite sorts them once. A file that is large beside
 * its table therefore drops the table's plain (non-unique) indexes inside
 * the transaction and creates them again before it commits: a cancel or a
 * crash rolls both back. The unique indexes stay: they find the rows
 * already there. Into an empty table whose rows are known by external id
 * or fingerprint (not by a key), nothing is there to find: the import is
 * a bulk one and drops the unique indexes too (write_bulk()). */
#define REBUILD_MIN_ROWS 20000

static gboolean
drop_indexes (Ctx     *ctx,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM \"%s\"", ctx->def->table);
  gint64 existing = pragma_int (ctx->db, count);

  if (ctx->file_rows < REBUILD_MIN_ROWS || (gint64) ctx->file_rows < existing / 2)
    return TRUE;
  ctx->bulk = existing == 0;
  for (guint i = 0; ctx->def->cols[i].name; i++)
    ctx->bulk = ctx->bulk && !(ctx->def->cols[i].flags & COL_KEY);
  /* Indexes SQLite made for a column constraint have no SQL: they stay. */
  if (sqlite3_prepare_v2 (ctx->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                          "AND tbl_name = ?1 AND sql IS NOT NULL "
                          "AND (?2 OR sql NOT LIKE 'CREATE UNIQUE%') ORDER BY name", -1, &list,
                          NULL) != SQLITE_OK)
    return sql_error (ctx, error);
  sqlite3_bind_int (list, 2, ctx->bulk);
  sqlite3_bind_text (list, 1, ctx->def->table, -1, SQLITE_STATIC);
  ctx->rebuild = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (list) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (list, 0)));
      g_ptr_array_add (ctx->rebuild, g_strdup ((const char *) sqlite3_column_text (list, 1)));
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);

      if (!tenure_sql_exec (ctx->db, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
values_equal (sqlite3_value *a,
              sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_INTEGER: return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT: return sqlite3_value_double (a) == sqlite3_value_double (b);
    case SQLITE_NULL: return TRUE;
    default:
      return sqlite3_value_bytes (a) == sqlite3_value_bytes (b) &&
             memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), sqlite3_value_bytes (a)) == 0;
    }
}

static void
free_values (sqlite3_value **values,
             int             n)
{
  for (int i = 0; i < n; i++)
    g_clear_pointer (&values[i], sqlite3_value_free);
}

/* A bulk import wrote every row of the file, even one whose external id an
 * earlier row had. Such a row is what it would have been row by row: an
 * update of the first row with that id when it differs from it (as the
 * rows before it left it), else unchanged; it is folded into the first
 * row and removed. The first row is the batch's own: undo removes it. */
static gboolean
merge_repeated_ids (Ctx     *ctx,
                    GError **error)
{
  const DbCol *cols = ctx->def->cols;
  g_autoptr(GString) sql = g_string_new ("SELECT rowid, ext_id");
  g_autoptr(sqlite3_stmt) each = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) keepers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) finals = g_ptr_array_new ();   /* sqlite3_value *[n] per keeper */
  sqlite3_value *current[MAX_DB_COLS] = { NULL };
  sqlite3_value *first[MAX_DB_COLS] = { NULL };
  g_autofree char *group = NULL;
  gint64 keeper = 0;
  int n = 0;
  gboolean ok = FALSE;

  for (guint i = 0; i < ctx->n_db_cols; i++)
    if (ctx->present[i])
      {
        g_string_append_printf (sql, ", %s", cols[i].name);
        n++;
      }
  g_string_append_printf (sql, " FROM %s WHERE ext_id IN (SELECT ext_id FROM %s "
                          "WHERE ext_id IS NOT NULL GROUP BY ext_id HAVING count(*) > 1) "
                          "ORDER BY ext_id, rowid", ctx->def->table, ctx->def->table);
  if (!(each = prepare (ctx->db, sql->str, error)))
    return FALSE;

  for (int rc = sqlite3_step (each);; rc = sqlite3_step (each))
    {
      const char *id = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (each, 1) : NULL;

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          sql_error (ctx, error);
          goto out;
        }
      if (group != NULL && g_strcmp0 (id, group) != 0)
        {
          /* The group ends: what its first row must become. */
          gboolean changed = FALSE;

          for (int i = 0; i < n; i++)
            changed = changed || !values_equal (first[i], current[i]);
          if (changed)
            {
              sqlite3_value **final = g_new (sqlite3_value *, n);

              memcpy (final, current, n * sizeof *final);
              memset (current, 0, sizeof current);
              g_array_append_val (keepers, keeper);
              g_ptr_array_add (finals, final);
            }
          free_values (current, n);
          free_values (first, n);
          g_clear_pointer (&group, g_free);
        }
      if (rc == SQLITE_DONE)
        break;
      if (group == NULL)
        {
          group = g_strdup (id);
          keeper = sqlite3_column_int64 (each, 0);
          for (int i = 0; i < n; i++)
            {
              first[i] = sqlite3_value_dup (sqlite3_column_value (each, 2 + i));
              current[i] = sqlite3_value_dup (sqlite3_column_value (each, 2 + i));
            }
          continue;
        }

      {
        gint64 rowid = sqlite3_column_int64 (each, 0);
        gboolean same = TRUE;

        for (int i = 0; i < n && same; i++)
          same = values_equal (current[i], sqlite3_column_value (each, 2 + i));
        if (!same)
          for (int i = 0; i < n; i++)
            {
              sqlite3_value_free (current[i]);
              current[i] = sqlite3_value_dup (sqlite3_column_value (each, 2 + i));
            }
        ctx->report->rows_new--;
        if (same)
          ctx->report->rows_unchanged++;
        else
          ctx->report->rows_updated++;
        g_array_append_val (removed, rowid);
      }
    }
  g_clear_pointer (&each, sqlite3_finalize);

  g_string_printf (sql, "DELETE FROM %s WHERE rowid = ?", ctx->def->table);
  if (!(del = prepare (ctx->db, sql->str, error)))
    goto out;
  for (guint r = 0; r < removed->len; r++)
    {
      sqlite3_bind_int64 (del, 1, g_array_index (removed, gint64, r));
      if (!step_done (ctx, del, error))
        goto out;
    }
  for (guint k = 0; k < keepers->len; k++)
    {
      sqlite3_value **final = finals->pdata[k];
      int b = 1;

      for (int i = 0; i < n; i++)
        sqlite3_bind_value (ctx->update, b++, final[i]);
      sqlite3_bind_int64 (ctx->update, b++, ctx->batch_id);
      sqlite3_bind_int64 (ctx->update, b++, g_array_index (keepers, gint64, k));
      if (!step_done (ctx, ctx->update, error))
        goto out;
    }
  ok = TRUE;

out:
  free_values (current, n);
  free_values (first, n);
  for (guint k = 0; k < finals->len; k++)
    {
      free_values (finals->pdata[k], n);
      g_free (finals->pdata[k]);
    }
  return ok;
}

static gboolean
rebuild_indexes (Ctx     *ctx,
                 GError **error)
{
  for (guint i = 0; ctx->rebuild != NULL && i < ctx->rebuild->len; i++)
    {
      const char *create = ctx->rebuild->pdata[i];

      if (sqlite3_exec (ctx->db, create, NULL, NULL, NULL) == SQLITE_OK)
        continue;
      /* Only an external id the file repeats can stop a bulk import's
       * unique index; anything else is an error. */
      if (!ctx->bulk || ctx->find_ext == NULL ||
          sqlite3_extended_errcode (ctx->db) != SQLITE_CONSTRAINT_UNIQUE ||
          strstr (create, "(ext_id)") == NULL)
        return sql_error (ctx, error);
      if (!merge_repeated_ids (ctx, error) || !tenure_sql_exec (ctx->db, create, error) ||
          !finish_batch (ctx, error))
        return FALSE;
    }
  return TRUE;
}

/* The second pass reads and converts rows on a thread of its own while
 * this one writes them: blocks of rows go round between the two through
 * two queues, so the reading side never runs more than a few blocks
 * ahead and memory does not grow with the file. */
#define BLOCK_ROWS 512
#define BLOCK_TEXT (256 * 1024)
#define N_BLOCKS 4

typedef struct
{
  RowConv      rows[BLOCK_ROWS];
  guint        n_rows;
  char        *text;        /* the rows' cells, each NUL-terminated */
  gsize        text_size;
  gsize        text_used;
  const char **cells;       /* every row's cell pointers */
  gsize        cells_size;
  gsize        cells_used;
  GPtrArray   *strings;     /* text the conversions made */
  guint64      bytes_read;  /* of the file, after the last row */
  GError      *error;       /* reading failed after the last row */
  gboolean     last;
} Block;

typedef struct
{
  const Ctx   *ctx;
  GAsyncQueue *full;        /* blocks read, in file order */
  GAsyncQueue *empty;       /* blocks to fill */
  guint64      max_rows;
  gint         stop;        /* the writer gave up */
} Reading;

static Block *
block_new (void)
{
  Block *b = g_new0 (Block, 1);

  b->text_size = BLOCK_TEXT;
  b->text = g_malloc (b->text_size);
  b->cells_size = BLOCK_ROWS * 16;
  b->cells = g_new (const char *, b->cells_size);
  b->strings = g_ptr_array_new_with_free_func (g_free);
  return b;
}

static void
block_reset (Block *b)
{
  for (guint i = 0; i < b->n_rows; i++)
    row_clear (&b->rows[i]);
  b->n_rows = 0;
  b->text_used = 0;
  b->cells_used = 0;
  g_ptr_array_set_size (b->strings, 0);
  g_clear_error (&b->error);
  b->last = FALSE;
}

static void
block_free (Block *b)
{
  block_reset (b);
  g_free (b->text);
  g_free (b->cells);
  g_ptr_array_unref (b->strings);
  g_free (b);
}

/* Copies the record the reader holds into @b and converts it; FALSE when
 * it does not fit beside the rows already there. */
static gboolean
block_add (Block             *b,
           const Ctx         *ctx,
           const char *const *fields,
           guint              n)
{
  gsize span = n > 0 ? (gsize) (fields[n - 1] - fields[0]) + strlen (fields[n - 1]) + 1 : 0;
  RowConv *rc;

  if (b->text_used + span > b->text_size || b->cells_used + n > b->cells_size)
    {
      if (b->n_rows > 0)
        return FALSE;
      /* A row larger than a block gets a block of its own. */
      b->text_size = MAX (b->text_size, span);
      b->text = g_realloc (b->text, b->text_size);
      b->cells_size = MAX (b->cells_size, n);
      b->cells = g_renew (const char *, b->cells, b->cells_size);
    }
  if (span > 0)
    memcpy (b->text + b->text_used, fields[0], span);
  for (guint i = 0; i < n; i++)
    b->cells[b->cells_used + i] = b->text + b->text_used + (fields[i] - fields[0]);

  rc = &b->rows[b->n_rows++];
  rc->row = tenure_csv_reader_get_row (ctx->reader);
  rc->fields = b->cells + b->cells_used;
  rc->n_fields = n;
  rc->strings = b->strings;
  b->text_used += span;
  b->cells_used += n;
  convert_row (ctx, rc);
  return TRUE;
}

static gpointer
read_rows (gpointer data)
{
  Reading *rd = data;
  TenureCsvReader *reader = rd->ctx->reader;
  guint64 rows = 0;
  gboolean held = FALSE;   /* a record read that the last block had no room for */
  guint n = 0;
  const char *const *fields = NULL;
  Block *b = NULL;

  do
    {
      b = g_async_queue_pop (rd->empty);
      if (g_atomic_int_get (&rd->stop))
        {
          g_async_queue_push (rd->empty, b);
          return NULL;
        }
      block_reset (b);
      while (b->n_rows < BLOCK_ROWS)
        {
          if (!held)
            {
              if (rows >= rd->max_rows ||
                  !tenure_csv_reader_read_record (reader, &n, &fields, &b->error))
                {
                  b->last = TRUE;
                  break;
                }
              rows++;
            }
          held = !block_add (b, rd->ctx, fields, n);
          if (held)
            break;
        }
      b->bytes_read = tenure_csv_reader_get_bytes_read (reader);
      g_async_queue_push (rd->full, b);
    }
  while (!b->last);
  return NULL;
}

static gboolean
finish_pass (Ctx     *ctx,
             guint64  rows,
             GError **error)
{
  TenureImportReport *report = ctx->report;

  if (!flush_accounts (ctx, error) || !report_progress (ctx, ctx->file_size, rows, error))
    return FALSE;
  if (tenure_csv_reader_get_n_recoded (ctx->reader) > 0)
    g_ptr_array_add (report->warnings,
                     g_strdup_printf ("%" G_GUINT64_FORMAT
                                      " cells were not valid UTF-8 and were read as "
                                      "Windows-1252; check accented letters",
                                      tenure_csv_reader_get_n_recoded (ctx->reader)));
  if (!ctx->options->dry_run
      && (ctx->user_mapped || ctx->options->kind != TENURE_IMPORT_KIND_UNKNOWN)
      && !remember_mapping (ctx, error))
    return FALSE;
  return finish_batch (ctx, error);
}

/* The preview's few rows, read and written on this thread. */
static gboolean
write_pass_here (Ctx      *ctx,
                 guint64   max_rows,
                 GError  **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  RowConv rc = { 0 };
  guint64 rows = 0;

  rc.strings = strings;
  while (rows < max_rows &&
         tenure_csv_reader_read_record (ctx->reader, &rc.n_fields, &rc.fields, error))
    {
      gboolean ok;

      rc.row = tenure_csv_reader_get_row (ctx->reader);
      g_ptr_array_set_size (strings, 0);
      convert_row (ctx, &rc);
      ok = import_row (ctx, &rc, error);
      row_clear (&rc);
      if (!ok)
        return FALSE;
      rows++;
      if (rows % PROGRESS_EVERY == 0 && !report_progress (ctx, ctx->file_size, rows, error))
        return FALSE;
    }
  if (error && *error)
    return FALSE;
  return finish_pass (ctx, rows, error);
}

static gboolean
write_pass (Ctx      *ctx,
            guint64   max_rows,
            GError  **error)
{
  Reading rd = { ctx, NULL, NULL, max_rows, 0 };
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  guint64 rows = 0, next_report = PROGRESS_EVERY;
  gboolean last = FALSE;
  Block *b;

  if (!tenure_csv_reader_rewind (ctx->reader, error) || !read_header (ctx, error) ||
      !prepare_statements (ctx, error) || !load_lookups (ctx, error) ||
      !begin_batch (ctx, error))
    return FALSE;
  if (ctx->preview)
    return write_pass_here (ctx, max_rows, error);

  rd.full = g_async_queue_new ();
  rd.empty = g_async_queue_new ();
  for (guint i = 0; i < N_BLOCKS; i++)
    g_async_queue_push (rd.empty, block_new ());
  thread = g_thread_new ("tenure-import-read", read_rows, &rd);

  while (!last && local_error == NULL)
    {
      b = g_async_queue_pop (rd.full);
      for (guint i = 0; i < b->n_rows && local_error == NULL; i++)
        {
          if (!import_row (ctx, &b->rows[i], &local_error))
            break;
          if (++rows >= next_report)
            {
              next_report += PROGRESS_EVERY;
              report_progress_at (ctx, ctx->file_size + b->bytes_read, rows, &local_error);
            }
        }
      /* The rows waiting point into this block. */
      if (local_error == NULL)
        flush_pending (ctx, &local_error);
      if (local_error == NULL && b->error != NULL)
        local_error = g_steal_pointer (&b->error);
      last = b->last;
      g_async_queue_push (rd.empty, b);
    }

  /* The reading thread stops at its next block. */
  g_atomic_int_set (&rd.stop, 1);
  g_async_queue_push (rd.empty, block_new ());
  g_thread_join (thread);
  while ((b = g_async_queue_try_pop (rd.full)) != NULL)
    block_free (b);
  while ((b = g_async_queue_try_pop (rd.empty)) != NULL)
    block_free (b);
  g_async_queue_unref (rd.full);
  g_async_queue_unref (rd.empty);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return finish_pass (ctx, rows, error);
}

static gboolean
run_import (sqlite3                   *db,
            TenureCsvReader           *reader,
            const TenureImportOptions *options,
            TenureImportProgressFunc   progress,
            gpointer                   user_data,
            GCancellable              *cancellable,
            GPtrArray                 *preview,
            guint                      preview_max,
            TenureImportReport        *report,
            GError                   **error)
{
  Ctx ctx = { 0 };
  g_autofree char *currency = NULL;
  g_autoptr(TenureJson) header = tenure_json_new (FALSE);
  const char *const *fields;
  guint n;
  gboolean ok = FALSE, began = FALSE, pragmas_set = FALSE;
  gint64 cache_size = 0;
  gboolean foreign_keys = FALSE;
  gint64 start = g_get_monotonic_time (), times[3];
  guint64 max_rows = preview ? MAX (preview_max, 20000) : G_MAXUINT64;

  ctx.db = db;
  ctx.reader = reader;
  ctx.options = options;
  ctx.report = report;
  ctx.progress = progress;
  ctx.user_data = user_data;
  ctx.cancellable = cancellable;
  ctx.preview = preview;
  ctx.preview_max = preview_max;
  ctx.row_strings = g_ptr_array_new_with_free_func (g_free);
  ctx.owned = g_ptr_array_new_with_free_func (g_free);
  ctx.scratch = g_string_new (NULL);
  ctx.file_size = tenure_csv_reader_get_size (reader);

  report->delimiter = tenure_csv_reader_get_delimiter (reader);
  report->encoding = tenure_csv_reader_get_encoding (reader);
  report->inclusive_end = options->inclusive_end;
  report->dry_run = options->dry_run;
  if (report->encoding == TENURE_CSV_ENCODING_WINDOWS_1252)
    g_ptr_array_add (
      report->warnings,
      g_strdup_printf ("%s is not UTF-8; it was read as Windows-1252. Check accented letters",
                       report->file_name));

  if (sqlite3_get_autocommit (db) == 0)
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_BUSY,
                   _("Cannot import %s while another change to the workspace is in progress"),
                   report->file_name);
      goto out;
    }

  currency = tenure_settings_read (db, "currency");
  ctx.exponent = tenure_currency_exponent (currency);

  if (!tenure_csv_reader_read_record (reader, &n, &fields, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NO_ROWS,
                     _("%s has no header row"), report->file_name);
      goto out;
    }
  ctx.n_cols = n;
  ctx.header = g_new0 (char *, n + 1);
  tenure_json_begin_array (header);
  for (guint c = 0; c < n; c++)
    {
      ctx.header[c] = g_strstrip (g_strdup (fields[c]));
      tenure_json_string (header, ctx.header[c]);
    }
  tenure_json_end_array (header);
  ctx.header_json = g_strdup (tenure_json_peek (header));

  if (!parse_user_maps (&ctx, options->mappings, error) || !decide_kind (&ctx, error))
    goto out;
  if (!scan_pass (&ctx, max_rows, error))
    goto out;
  times[0] = g_get_monotonic_time ();
  report->mapping_json = mapping_json (&ctx);

  /* Every CHECK of the schema is enforced row by row above, with a
   * message; SQLite 3.40 would build a temporary b-tree per row for each
   * `IN ('won', 'lost', 'open')` check, a third of the import's time.
   * Every reference a row makes (its account, batch, stage, metric or
   * deal) is an id this transaction just read or wrote, so SQLite need not
   * look each one up again. A larger page cache keeps the indexes of a big
   * file from spilling to disk mid-transaction. All three are restored
   * below. */
  cache_size = pragma_int (db, "PRAGMA cache_size");
  foreign_keys = pragma_int (db, "PRAGMA foreign_keys") == 1;
  if (!tenure_sql_exec (db, "PRAGMA ignore_check_constraints = ON; PRAGMA cache_size = -16384; "
                        "PRAGMA foreign_keys = OFF", error))
    goto out;
  pragmas_set = TRUE;

  /* IMMEDIATE: take the write lock now rather than fail half-way. */
  if (!tenure_sql_exec (db, "BEGIN IMMEDIATE", error))
    goto out;
  began = TRUE;
  if ((!preview && !options->dry_run && !drop_indexes (&ctx, error)) ||
      !write_pass (&ctx, preview ? preview_max : G_MAXUINT64, error))
    goto out;
  times[1] = g_get_monotonic_time ();

  if (options->strict && report->rows_rejected > 0)
    {
      TenureImportReject *first = g_ptr_array_index (report->rejects, 0);
      g_autofree char *line = tenure_import_reject_to_string (report, first);

      if (!close_rejects (&ctx, error))
        goto out;
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_REJECTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s (%" PRIu64 " row rejected; with --strict nothing was imported)",
                                "%s (%" PRIu64 " rows rejected; with --strict nothing was imported)",
                                report->rows_rejected),
                   line, report->rows_rejected);
      goto out;
    }
  if (!close_rejects (&ctx, error))
    goto out;
  if (options->dry_run || preview)
    {
      ok = TRUE;
      goto out;
    }
  if (!rebuild_indexes (&ctx, error))
    goto out;
  times[2] = g_get_monotonic_time ();
  if (!tenure_sql_exec (db, "COMMIT", error))
    goto out;
  g_debug ("%s: %" G_GUINT64_FORMAT " rows%s; first pass %.3f s, second %.3f s, indexes %.3f s, "
           "commit %.3f s", report->file_name, ctx.file_rows, ctx.bulk ? " in bulk" : "",
           (times[0] - start) / 1e6, (times[1] - times[0]) / 1e6, (times[2] - times[1]) / 1e6,
           (g_get_monotonic_time () - times[2]) / 1e6);
  began = FALSE;
  report->committed = TRUE;
  report->batch_id = ctx.batch_id;
  ok = TRUE;

out:
  if (began)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (pragmas_set)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA ignore_check_constraints = OFF; "
                                                  "PRAGMA cache_size = %" G_GINT64_FORMAT "; "
                                                  "PRAGMA foreign_keys = %d",
                                                  cache_size, foreign_keys);

      sqlite3_exec (db, restore, NULL, NULL, NULL);
    }
  ctx_clear (&ctx);
  return ok;
}

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return -2000;
  return sqlite3_column_int64 (stmt, 0);
}

static TenureImportReport *
report_new (const char *name)
{
  TenureImportReport *report = g_new0 (TenureImportReport, 1);

  report->file_name = g_strdup (name);
  report->columns = g_ptr_array_new_with_free_func (g_free);
  report->fields = g_ptr_array_new_with_free_func (g_free);
  report->unknown_columns = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) reject_free);
  return report;
}

static gboolean
import_reader (sqlite3                   *db,
               TenureCsvReader           *reader,
               const TenureImportOptions *options,
               TenureImportProgressFunc   progress,
               gpointer                   user_data,
               GCancellable              *cancellable,
               GPtrArray                 *preview,
               guint                      preview_max,
               TenureImportReport       **report,
               GError                   **error)
{
  static const TenureImportOptions defaults = { 0 };
  g_autoptr(TenureImportReport) r = NULL;
  gboolean ok;

  if (options == NULL)
    options = &defaults;
  r = report_new (options->file_name ? options->file_name : tenure_csv_reader_get_name (reader));
  ok = run_import (db, reader, options, progress, user_data, cancellable, preview, preview_max, r,
                   error);
  if (report)
    *report = g_steal_pointer (&r);
  return ok;
}

/**
 * tenure_import_file:
 * @db: a workspace connection with the schema, no transaction open
 * @path: the CSV file
 * @options: (nullable): what the user chose; %NULL for the defaults
 * @progress: (nullable) (scope call): called every few thousand rows
 * @user_data: data for @progress
 * @cancellable: (nullable): cancel to roll everything back
 * @report: (out) (optional) (transfer full): what happened; set even when
 *   %FALSE is returned, once the file could be opened
 * @error: return location for a #GError
 *
 * Imports @path in one transaction: every row is written or rejected with
 * its reason, and the batch can be undone. Rejected rows do not fail the
 * import unless @options->strict is set (then nothing is written and the
 * error is %TENURE_IMPORT_ERROR_REJECTED).
 *
 * Returns: %TRUE when the import ran to the end (and was committed unless
 *   it is a dry run)
 */
gboolean
tenure_import_file (sqlite3                   *db,
                    const char                *path,
                    const TenureImportOptions *options,
                    TenureImportProgressFunc   progress,
                    gpointer                   user_data,
                    GCancellable              *cancellable,
                    TenureImportReport       **report,
                    GError                   **error)
{
  g_autoptr(TenureCsvReader) reader = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (report)
    *report = NULL;
  reader = tenure_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  return import_reader (db, reader, options, progress, user_data, cancellable, NULL, 0, report,
                        error);
}

/**
 * tenure_import_bytes:
 * @db: a workspace connection
 * @bytes: the content of a CSV file
 * @name: (nullable): the file name for messages and the batch
 * @options: (nullable): as tenure_import_file()
 * @progress: (nullable) (scope call): as tenure_import_file()
 * @user_data: data for @progress
 * @cancellable: (nullable): as tenure_import_file()
 * @report: (out) (optional) (transfer full): as tenure_import_file()
 * @error: return location for a #GError
 *
 * As tenure_import_file(), over data in memory (drag and drop of text, the
 * fuzzer).
 *
 * Returns: as tenure_import_file()
 */
gboolean
tenure_import_bytes (sqlite3                   *db,
                     GBytes                    *bytes,
                     const char                *name,
                     const TenureImportOptions *options,
                     TenureImportProgressFunc   progress,
                     gpointer                   user_data,
                     GCancellable              *cancellable,
                     TenureImportReport       **report,
                     GError                   **error)
{
  g_autoptr(TenureCsvReader) reader = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (report)
    *report = NULL;
  reader = tenure_csv_reader_new_for_bytes (bytes, name, error);
  if (reader == NULL)
    return FALSE;
  return import_reader (db, reader, options, progress, user_data, cancellable, NULL, 0, report,
                        error);
}

/**
 * tenure_import_preview:
 * @db: a workspace connection
 * @path: the CSV file
 * @options: (nullable): as tenure_import_file()
 * @max_rows: how many data rows to show
 * @report: (out) (optional) (transfer full): the detected kind, delimiter,
 *   encoding, mapping (report->fields names the preview's columns) and counts
 *   over those rows
 * @error: return location for a #GError
 *
 * The first @max_rows rows as they will be stored, each with the reason it
 * would be rejected, for the import dialog. Nothing is written: the work is
 * done in a transaction that is rolled back.
 *
 * Returns: (transfer container) (element-type TenureImportPreviewRow) (nullable):
 *   the rows, or %NULL with @error set
 */
GPtrArray *
tenure_import_preview (sqlite3                   *db,
                       const char                *path,
                       const TenureImportOptions *options,
                       guint                      max_rows,
                       TenureImportReport       **report,
                       GError                   **error)
{
  g_autoptr(TenureCsvReader) reader = NULL;
  g_autoptr (GPtrArray) rows
    = g_ptr_array_new_with_free_func ((GDestroyNotify)tenure_import_preview_row_free);
  TenureImportOptions dry = { 0 };

  g_return_val_if_fail (db != NULL && path != NULL, NULL);

  if (report)
    *report = NULL;
  if (options)
    dry = *options;
  dry.dry_run = TRUE;
  dry.strict = FALSE;
  dry.rejects_path = NULL;
  reader = tenure_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return NULL;
  if (!import_reader (db, reader, &dry, NULL, NULL, NULL, rows, MAX (max_rows, 1), report, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- undo ---- */

static gboolean
undo_error (sqlite3  *db,
            GError  **error)
{
  g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
               _("Could not undo the import: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* The first later batch that changed, or hangs on, a row of @batch_id. */
static gint64
later_batch (sqlite3 *db,
             gint64   batch_id)
{
/* The rows of table T that batch ?1 created: those still carrying its id
 * that it did not find already there (an update it logged with an older
 * batch's row), and those it logged as inserts (accounts named by other
 * rows, and every insert of workspaces written before inserts went
 * unlogged). */
#define CREATED_BY(T) \
  "SELECT id FROM " T " WHERE batch_id = ?1 AND id NOT IN (SELECT row_id FROM import_change " \
  "WHERE batch_id = ?1 AND table_name = '" T "' AND old_row IS NOT NULL " \
  "AND json_extract (old_row, '$.batch_id') IS NOT ?1) " \
  "UNION SELECT row_id FROM import_change WHERE batch_id = ?1 AND table_name = '" T "' " \
  "AND old_row IS NULL"

  static const char *const sql[] = {
    /* A later batch updated a row as this one left it. */
    "SELECT MIN(batch_id) FROM import_change WHERE batch_id > ?1 AND old_row IS NOT NULL "
    "AND json_extract (old_row, '$.batch_id') = ?1",
    "SELECT MIN(c2.batch_id) FROM import_change c1 JOIN import_change c2 "
    "ON c2.table_name = c1.table_name AND c2.row_id = c1.row_id AND c2.batch_id > c1.batch_id "
    "WHERE c1.batch_id = ?1",
    /* Rows of later batches that refer to accounts, deals or metrics this
     * batch created. */
    "SELECT MIN(b) FROM ("
    " SELECT batch_id AS b, account_id AS a FROM deal WHERE batch_id > ?1"
    " UNION ALL SELECT batch_id, account_id FROM subscription WHERE batch_id > ?1"
    " UNION ALL SELECT batch_id, account_id FROM event WHERE batch_id > ?1"
    " UNION ALL SELECT batch_id, account_id FROM touchpoint WHERE batch_id > ?1"
    " UNION ALL SELECT batch_id, account_id FROM survey_response WHERE batch_id > ?1"
    " UNION ALL SELECT batch_id, account_id FROM score_entry WHERE batch_id > ?1"
    " UNION ALL SELECT batch_id, account_id FROM target WHERE batch_id > ?1)"
    " WHERE a IN (" CREATED_BY ("account") ")",
    "SELECT MIN(batch_id) FROM touchpoint WHERE batch_id > ?1 AND deal_id IN (" CREATED_BY ("deal") ")",
    "SELECT MIN(batch_id) FROM score_entry WHERE batch_id > ?1 AND metric_id IN "
    "(SELECT row_id FROM import_change WHERE batch_id = ?1 AND table_name = 'score_metric' AND "
    "old_row IS NULL)",
  };
  gint64 found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        return -1;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          gint64 b = sqlite3_column_int64 (stmt, 0);

          if (found == 0 || b < found)
            found = b;
        }
    }
  return found;
}

static char *
restore_sql (sqlite3    *db,
             const char *table)
{
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info(%s)", table);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "UPDATE \"%s\" SET ", table);
  if (sqlite3_prepare_v2 (db, pragma, -1, &info, NULL) != SQLITE_OK)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  for (gboolean first = TRUE; sqlite3_step (info) == SQLITE_ROW; first = FALSE)
    {
      const char *col = (const char *) sqlite3_column_text (info, 1);

      g_string_append_printf (out, "%s\"%s\" = json_extract(?1, '$.\"%s\"')", first ? "" : ", ",
                              col, col);
    }
  g_string_append (out, " WHERE rowid = ?2");
  return g_string_free (out, FALSE);
}

/* Puts back the rows the batch logged: with @inserted, removes the rows it
 * logged as inserted; without, restores the rows it updated. Newest first. */
static gboolean
undo_logged (sqlite3   *db,
             gint64     batch_id,
             gboolean   inserted,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) changes = NULL;
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, inserted
                                ? "SELECT table_name, row_id, old_row FROM import_change WHERE batch_id = ? "
                                  "AND old_row IS NULL ORDER BY id DESC"
                                : "SELECT table_name, row_id, old_row FROM import_change WHERE batch_id = ? "
                                  "AND old_row IS NOT NULL ORDER BY id DESC",
                          -1, &changes, NULL) != SQLITE_OK)
    return undo_error (db, error);
  sqlite3_bind_int64 (changes, 1, batch_id);
  while (sqlite3_step (changes) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (changes, 0);
      gint64 row_id = sqlite3_column_int64 (changes, 1);
      sqlite3_stmt *stmt;

      if (table == NULL || !g_strv_contains (undo_tables, table))
        {
          g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_FAILED,
                       _("The undo log of import %" PRId64 " names an unknown table; "
                         "the workspace is damaged"), batch_id);
          return FALSE;
        }
      stmt = g_hash_table_lookup (cache, table);
      if (stmt == NULL)
        {
          g_autofree char *sql = inserted
                                   ? g_strdup_printf ("DELETE FROM \"%s\" WHERE rowid = ?2", table)
                                   : restore_sql (db, table);

          if (sql == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
            return undo_error (db, error);
          g_hash_table_insert (cache, g_strdup (table), stmt);
        }
      if (!inserted)
        sqlite3_bind_text (stmt, 1, (const char *)sqlite3_column_text (changes, 2), -1,
                           SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, row_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return undo_error (db, error);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Restores the rows the batch updated, then removes the rows it created:
 * those still carrying its id once the updated rows are back, children
 * before the rows they refer to, then those it logged as inserted. */
static gboolean
undo_changes (sqlite3  *db,
              gint64    batch_id,
              GError  **error)
{
  if (!undo_logged (db, batch_id, FALSE, error))
    return FALSE;
  for (guint i = 0; batch_tables[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) del = NULL;
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE batch_id = ?1", batch_tables[i]);

      if (sqlite3_prepare_v2 (db, sql, -1, &del, NULL) != SQLITE_OK)
        return undo_error (db, error);
      sqlite3_bind_int64 (del, 1, batch_id);
      if (sqlite3_step (del) != SQLITE_DONE)
        return undo_error (db, error);
    }
  return undo_logged (db, batch_id, TRUE, error);
}

/**
 * tenure_import_undo:
 * @db: a workspace connection, no transaction open
 * @batch_id: the batch to undo, or 0 for the last one
 * @error: return location for a #GError
 *
 * Restores the workspace as it was before the batch: rows it inserted are
 * removed, rows it updated get their old values back, the batch is
 * forgotten. The last batch can always be undone; an earlier one only when
 * no later batch changed its rows or refers to rows it created.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_import_undo (sqlite3  *db,
                    gint64    batch_id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autofree char *file_name = NULL;
  gint64 later;

  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_get_autocommit (db) == 0)
    {
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_BUSY,
                   _("Cannot undo an import while another change to the workspace is in progress"));
      return FALSE;
    }
  if (!tenure_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (sqlite3_prepare_v2 (db,
                          batch_id > 0
                            ? "SELECT id, file_name FROM import_batch WHERE id = ?"
                            : "SELECT id, file_name FROM import_batch ORDER BY id DESC LIMIT 1",
                          -1, &find, NULL)
      != SQLITE_OK)
    goto failed;
  if (batch_id > 0)
    sqlite3_bind_int64 (find, 1, batch_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      if (batch_id > 0)
        g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NOT_FOUND,
                     _("There is no import %" PRId64 " in this workspace"), batch_id);
      else
        g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NOT_FOUND,
                     _("There is no import to undo in this workspace"));
      goto rollback;
    }
  batch_id = sqlite3_column_int64 (find, 0);
  file_name = g_strdup ((const char *) sqlite3_column_text (find, 1));

  later = later_batch (db, batch_id);
  if (later < 0)
    goto failed;
  if (later > 0)
    {
      g_autoptr(sqlite3_stmt) name = NULL;
      const char *later_name = "?";

      if (sqlite3_prepare_v2 (db, "SELECT file_name FROM import_batch WHERE id = ?", -1, &name,
                              NULL)
          == SQLITE_OK)
        {
          sqlite3_bind_int64 (name, 1, later);
          if (sqlite3_step (name) == SQLITE_ROW)
            later_name = (const char *) sqlite3_column_text (name, 0);
        }
      g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_UNDO_REFUSED,
                   _("Import %" PRId64 " (%s) cannot be undone: the later import %" PRId64
                     " (%s) changed or uses the same rows. Undo import %" PRId64 " first"),
                   batch_id, file_name, later, later_name, later);
      goto rollback;
    }

  if (!undo_changes (db, batch_id, error))
    goto rollback;
  if (sqlite3_prepare_v2 (db, "DELETE FROM import_change WHERE batch_id = ?1; ", -1, &del, NULL)
      != SQLITE_OK)
    goto failed;
  sqlite3_bind_int64 (del, 1, batch_id);
  if (sqlite3_step (del) != SQLITE_DONE)
    goto failed;
  g_clear_pointer (&del, sqlite3_finalize);
  if (sqlite3_prepare_v2 (db, "DELETE FROM import_batch WHERE id = ?1", -1, &del, NULL)
      != SQLITE_OK)
    goto failed;
  sqlite3_bind_int64 (del, 1, batch_id);
  if (sqlite3_step (del) != SQLITE_DONE)
    goto failed;
  g_clear_pointer (&del, sqlite3_finalize);
  g_clear_pointer (&find, sqlite3_finalize);
  return tenure_sql_exec (db, "COMMIT", error) ||
         (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), FALSE);

failed:
  undo_error (db, error);
rollback:
  g_clear_pointer (&del, sqlite3_finalize);
  g_clear_pointer (&find, sqlite3_finalize);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * tenure_import_list_batches:
 * @db: a workspace connection
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type TenureImportBatch) (nullable):
 *   the imports of the workspace, oldest first
 */
GPtrArray *
tenure_import_list_batches (sqlite3  *db,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) batches
    = g_ptr_array_new_with_free_func ((GDestroyNotify)tenure_import_batch_free);

  g_return_val_if_fail (db != NULL, NULL);

  if (!(stmt = prepare (db,
                        "SELECT id, file_name, sha256, imported_at, kind, rows_new, rows_updated, "
                        "rows_unchanged, rows_rejected FROM import_batch ORDER BY id",
                        error)))
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TenureImportBatch *b = g_new0 (TenureImportBatch, 1);

      b->id = sqlite3_column_int64 (stmt, 0);
      b->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      b->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      b->imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      b->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      b->rows_new = sqlite3_column_int64 (stmt, 5);
      b->rows_updated = sqlite3_column_int64 (stmt, 6);
      b->rows_unchanged = sqlite3_column_int64 (stmt, 7);
      b->rows_rejected = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (batches, b);
    }
  return g_steal_pointer (&batches);
}
