/*
 * test_long.c — stage three's long format (normalize/records/long.c):
 *
 *   - over every fixture PDF, the amount records are exactly the amounts
 *     of the row records' "values": per table the same count, and each
 *     (row, side, key) with the same value; the CSV form has one line of
 *     24 fields per JSON record, with the same text, value and key;
 *   - a hand-built table: a negative, a large amount and one past 2^53
 *     come out exactly as strings and integers; placeholders and blanks
 *     give nothing; CSV quoting.
 *
 * Ownership: everything a test allocates it frees before it returns.
 */
#include "unit.h"
#include "records.h"
#include "table.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <glib.h>
#include <stdlib.h>

/* The group; belongs in unit.h with the others, and main.c runs it:
 * unit_group_long(argc > 1 ? argv[1] : "fixtures"). */
void unit_group_long(const char *fixtures_dir);

#define REAL_GRAMMAR "normalize/grammars"
#define LONG_FIELDS 24

static const char *g_fixtures;
static gr_grammar *g_grammar;

/* One amount of a row record's "values". */
typedef struct entry {
    int seq, row, used;
    char *side, *key;           /* side: its key, NULL when none */
    double value;
} entry;

typedef struct entries { entry *e; size_t n, cap; } entries;

static void add_entry(entries *es, int seq, int row, const char *side, const char *key,
                      double value)
{
    if (es->n == es->cap) {
        es->cap = es->cap ? 2 * es->cap : 64;
        es->e = pr_xrealloc(es->e, es->cap * sizeof *es->e);
    }
    es->e[es->n++] = (entry){seq, row, 0, side ? strdup(side) : NULL, strdup(key), value};
}

static int same_side(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The document's stage-two tables and stage-three model; NULL if the
 * fixture cannot be read. */
static tb_doc *read_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", g_fixtures, name);
    ex_doc *xd = NULL;
    pr_error err = {0};
    if (extract_doc_open(path, NULL, &xd, &err) != PR_OK)
        return NULL;
    tb_doc *doc = table_doc_new();
    ex_options opts = {.find_rules = 1};
    for (int p = 1; p <= extract_doc_page_count(xd); p++) {
        ex_page *pg = NULL;
        if (extract_page(xd, p, &opts, &pg, &err) != PR_OK || !pg)
            continue;
        table_add_page(doc, pg, g_grammar);
        extract_page_free(&pg);
    }
    extract_doc_free(&xd);
    return doc;
}

/* The row records' amounts, and per table seq the count (seq < 256). */
static void row_amounts(const char *jsonl, entries *es, size_t *per_table)
{
    const char *side_key[64] = {0};
    size_t n_sides = 0;
    for (const char *line = jsonl; *line;) {
        const char *end = strchr(line, '\n');
        cJSON *rec = cJSON_ParseWithLength(line, (size_t)(end - line));
        const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "type"));
        int seq = cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "table"), "seq") ?
                  cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "table"), "seq")->valueint : 0;
        if (type && strcmp(type, "table") == 0) {
            cJSON *s;
            n_sides = 0;
            cJSON_ArrayForEach(s, cJSON_GetObjectItem(rec, "sides"))
                if (n_sides < 64)
                    side_key[n_sides++] = cJSON_GetStringValue(cJSON_GetObjectItem(s, "key"));
            for (size_t i = 0; i < n_sides; i++) {      /* kept past rec's life */
                char no[32];
                snprintf(no, sizeof no, "side%zu", i + 1);
                side_key[i] = g_intern_string(side_key[i] ? side_key[i] : no);
            }
        } else if (type && strcmp(type, "row") == 0) {
            int row = cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "row"), "index")->valueint;
            cJSON *sides = cJSON_GetObjectItem(rec, "sides");
            int ns = sides ? cJSON_GetArraySize(sides) : 1;
            for (int i = 0; i < ns; i++) {
                cJSON *s = sides ? cJSON_GetArrayItem(sides, i) : rec;
                int side = sides ? cJSON_GetObjectItem(s, "side")->valueint : 0;
                const char *sk = sides && side >= 1 && (size_t)side <= n_sides
                               ? side_key[side - 1] : NULL;
                cJSON *v;
                cJSON_ArrayForEach(v, cJSON_GetObjectItem(s, "values"))
                    if (cJSON_IsNumber(v)) {
                        add_entry(es, seq, row, sk, v->string, v->valuedouble);
                        per_table[seq & 255]++;
                    }
            }
        }
        cJSON_Delete(rec);
        line = end + 1;
    }
}

/* Splits one CSV line (RFC 4180) into at most max fields; returns the
 * count. f[i] are owned (free). */
static size_t csv_split(const char **p, char **f, size_t max)
{
    size_t n = 0;
    pr_strbuf sb = PR_STRBUF_INIT;
    for (;;) {
        pr_strbuf_reset(&sb);
        const char *s = *p;
        if (*s == '"') {
            for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
                if (*s == '"')
                    s++;
                pr_strbuf_putc(&sb, *s);
            }
            s += *s == '"';
        } else {
            for (; *s && *s != ',' && *s != '\n'; s++)
                pr_strbuf_putc(&sb, *s);
        }
        if (n < max)
            f[n++] = strdup(sb.data ? sb.data : "");
        *p = s + (*s != '\0');
        if (*s != ',')
            break;
    }
    pr_strbuf_free(&sb);
    return n;
}

/* Checks one fixture; returns the number of amounts. */
static size_t check_fixture(const char *name)
{
    tb_doc *doc = read_fixture(name);
    CHECK(doc != NULL);
    if (!doc)
        return 0;
    rec_doc *rd = records_build(doc, g_grammar);
    rec_doc_info info = {name, "0000000000000000000000000000000000000000000000000000000000000000",
                         0, 0, 0, NULL, NULL, {0}};
    pr_strbuf rows = PR_STRBUF_INIT, lj = PR_STRBUF_INIT, lc = PR_STRBUF_INIT;
    records_emit_document(&rows, &info, rd, g_grammar, REC_JSONL);
    records_emit_long(&lj, &info, rd, 0);
    records_emit_long(&lc, &info, rd, 1);
    entries es = {0};
    size_t want[256] = {0}, got[256] = {0}, n = 0, bad = 0;
    row_amounts(rows.data ? rows.data : "", &es, want);
    const char *csv = lc.data ? lc.data : "";
    for (const char *line = lj.data ? lj.data : ""; *line; n++) {
        const char *end = strchr(line, '\n');
        cJSON *rec = cJSON_ParseWithLength(line, (size_t)(end - line));
        int seq = cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "table"), "seq")->valueint;
        int row = cJSON_GetObjectItem(rec, "row")->valueint;
        const char *side = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "side"));
        const char *key = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "key"));
        const char *value = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "value"));
        const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "text"));
        got[seq & 255]++;
        size_t i = 0;
        while (i < es.n && !(!es.e[i].used && es.e[i].seq == seq && es.e[i].row == row &&
                             same_side(es.e[i].side, side) && strcmp(es.e[i].key, key) == 0 &&
                             es.e[i].value == strtod(value, NULL)))
            i++;
        if (i < es.n)
            es.e[i].used = 1;
        else if (bad++ < 5)
            fprintf(stderr, "  %s: amount record not in the row values: %.*s\n", name,
                    (int)(end - line), line);
        pr_amount a;                    /* text, value, scaled agree */
        char buf[48];
        int parsed = amount_parse(text, &a);
        CHECK(parsed);
        if (parsed) {
            CHECK_STR(amount_format(a, buf, sizeof buf), value);
            CHECK(cJSON_GetObjectItem(rec, "scaled")->valuedouble == (double)a.scaled);
            CHECK(cJSON_GetObjectItem(rec, "decimals")->valueint == a.decimals);
        }
        char *f[LONG_FIELDS + 1];       /* the CSV line says the same */
        size_t nf = csv_split(&csv, f, LONG_FIELDS + 1);
        CHECK(nf == LONG_FIELDS);
        if (nf == LONG_FIELDS) {
            CHECK_STR(f[0], name);
            CHECK_STR(f[19], key);
            CHECK_STR(f[20], text);
            CHECK_STR(f[21], value);
            CHECK_STR(f[14], side ? side : "");
        }
        for (size_t k = 0; k < nf; k++)
            free(f[k]);
        cJSON_Delete(rec);
        line = end + 1;
    }
    CHECK(*csv == '\0');                /* no more CSV lines than records */
    CHECK(bad == 0);
    CHECK(n == es.n);
    CHECK(memcmp(want, got, sizeof want) == 0);
    for (size_t i = 0; i < es.n; i++) {
        if (!es.e[i].used && bad++ < 10)
            fprintf(stderr, "  %s: table %d row %d %s %s: no amount record\n", name,
                    es.e[i].seq, es.e[i].row, es.e[i].side ? es.e[i].side : "-", es.e[i].key);
        free(es.e[i].side);
        free(es.e[i].key);
    }
    CHECK(bad == 0);
    free(es.e);
    pr_strbuf_free(&rows);
    pr_strbuf_free(&lj);
    pr_strbuf_free(&lc);
    records_free(&rd);
    table_doc_free(&doc);
    return n;
}

static void long_equals_values(void)
{
    static const char *const must[] = {"two-sided-income-expense.pdf", "actual-set.pdf",
                                       "unit-budget-set.pdf", "two-panel-basic-actual.pdf"};
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
    if (!g_grammar)
        return;
    char **names = NULL;
    size_t n = unit_fixture_pdfs(g_fixtures, &names), found = 0;
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        int before = unit.current_failed;
        size_t amounts = check_fixture(names[i]);
        for (size_t k = 0; k < sizeof must / sizeof *must; k++)
            if (strcmp(names[i], must[k]) == 0) {
                CHECK(amounts > 0);
                found++;
            }
        printf("     %s %s: %zu amount records\n",
               unit.current_failed == before ? "ok  " : "FAIL", names[i], amounts);
        free(names[i]);
    }
    free(names);
    CHECK(found == sizeof must / sizeof *must);
    grammar_free(&g_grammar);
}

/* One table by hand: name column, then amounts and placeholders. */
static void exact_amounts(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
    if (!g_grammar)
        return;
    char *columns[] = {"项目", "甲", "乙", "丙", "丁", "戊", "己"};
    char *hdr[] = {"项目", "甲", "乙", "丙", "丁", "戊", "己"};
    char **header[] = {hdr};
    char *cells[] = {"行,\"一\"", "-1,234.50", "123,456,789,012.34", "9,007,199,254,740,993",
                     "-", "", "\xEF\xBC\x8D" "5"};
    unsigned char flags[7] = {0};
    double edges[8] = {0, 10, 20, 30, 40, 50, 60, 70};
    tb_row row = {cells, flags, flags, 1, {0, 0, 70, 10}, NULL, NULL, NULL};
    int pages[] = {1};
    tb_table t = {.seq = 1, .label = "", .title = "", .org = "", .unit = "", .pages = pages,
                  .n_pages = 1, .n_cols = 7, .header = header, .n_header = 1,
                  .columns = columns, .rows = &row, .n_rows = 1, .cap_rows = 1,
                  .col_edges = edges};
    tb_table *tables[] = {&t};
    tb_doc doc = {.tables = tables, .n_tables = 1, .cap_tables = 1, .org = "", .year = "2024",
                  .kind = ""};
    rec_doc *rd = records_build(&doc, g_grammar);
    rec_doc_info info = {"a,b.pdf", "0000000000000000000000000000000000000000000000000000000000000000",
                         1, 1, 0, NULL, NULL, {0}};
    pr_strbuf j = PR_STRBUF_INIT, c = PR_STRBUF_INIT, h = PR_STRBUF_INIT;
    records_emit_long(&j, &info, rd, 0);
    records_emit_long(&c, &info, rd, 1);
    records_emit_long_csv_header(&h);
    const char *js = j.data ? j.data : "", *cs = c.data ? c.data : "";
    size_t lines = 0;
    for (const char *p = js; *p; p++)
        lines += *p == '\n';
    CHECK(lines == 4);                  /* "-" and "" give none */
    CHECK(strstr(js, "\"text\":\"-1,234.50\",\"value\":\"-1234.50\",\"scaled\":-123450,"
                     "\"decimals\":2}") != NULL);
    CHECK(strstr(js, "\"value\":\"123456789012.34\",\"scaled\":12345678901234,"
                     "\"decimals\":2}") != NULL);
    CHECK(strstr(js, "\"value\":\"9007199254740993\",\"scaled\":9007199254740993,"
                     "\"decimals\":0}") != NULL);
    CHECK(strstr(js, "\"value\":\"-5\",\"scaled\":-5,\"decimals\":0}") != NULL);
    CHECK(strstr(js, "{\"type\":\"amount\",\"schema_version\":3,\"doc\":{\"file\":\"a,b.pdf\"")
          == js);
    CHECK(strstr(js, "\"year\":\"2024\",\"kind\":null}") != NULL);
    CHECK(strstr(js, "\"table\":{\"seq\":1,\"label\":null,\"title\":null,\"family\":null,"
                     "\"unit\":null,\"scale\":null},\"page\":1,\"row\":1,\"side\":null,"
                     "\"code\":null,\"name\":\"行,\\\"一\\\"\"") != NULL);
    CHECK(strncmp(cs, "\"a,b.pdf\",0000", 14) == 0);
    CHECK(strstr(cs, ",1,,,,,,1,1,,,\"行,\"\"一\"\"\",item,甲,甲,\"-1,234.50\",-1234.50,"
                     "-123450,2\n") != NULL);
    CHECK(strstr(cs, ",\"123,456,789,012.34\",123456789012.34,12345678901234,2\n") != NULL);
    CHECK_STR(h.data, "file,sha256,org,org_key,year,kind,table_seq,table_label,title,family,"
                      "unit,scale,page,row,side,code,name,role,column,key,text,value,scaled,"
                      "decimals\n");
    pr_strbuf_free(&j);
    pr_strbuf_free(&c);
    pr_strbuf_free(&h);
    records_free(&rd);
    grammar_free(&g_grammar);
}

void unit_group_long(const char *fixtures_dir)
{
    g_fixtures = fixtures_dir;
    unit_run("long: amount records are exactly the row records' values", long_equals_values);
    unit_run("long: negative and large amounts exact, placeholders left out", exact_amounts);
}
