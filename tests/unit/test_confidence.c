/*
 * test_confidence.c — a table's confidence (confidence.c NOTES) on
 * tables built by hand, factor by factor:
 *
 *   - found by: title, grid, alignment;
 *   - evidence: 1 with a title or a grid, 0.8 for aligned text under a
 *     header, 0.7 without one;
 *   - rows: untitled rows holding one cell each halve it, a title keeps
 *     a sparse budget template whole;
 *   - columns: a column no text fills costs half its share;
 *   - doubts: flagged cells, unsure OCR, a stage-three flag and a
 *     fragment no cell took inside the region cost twice their share;
 *     a fragment outside the region costs nothing.
 *
 * Ownership: everything lives on the test's stack.
 */
#include "unit.h"
#include "records.h"
#include "table.h"

#define N_COLS 3
#define N_ROWS 4

/* A table of N_ROWS x N_COLS cells from texts, with one region. */
typedef struct hand_table {
    char *cells[N_ROWS][N_COLS];
    tb_row rows[N_ROWS];
    char *header_cells[N_COLS];
    char **header[1];
    tb_region region;
    tb_table t;
    rec_table rt;
    tb_doc src;
    rec_doc doc;
} hand_table;

static void build(hand_table *h, const char *title, int ruled, int with_header,
                  const char *const texts[N_ROWS][N_COLS])
{
    memset(h, 0, sizeof *h);
    for (size_t r = 0; r < N_ROWS; r++) {
        for (size_t c = 0; c < N_COLS; c++)
            h->cells[r][c] = (char *)texts[r][c];
        h->rows[r] = (tb_row){.cells = h->cells[r], .page = 1};
    }
    static char head0[] = "Item", head1[] = "2019", head2[] = "2020";
    h->header_cells[0] = head0;
    h->header_cells[1] = head1;
    h->header_cells[2] = head2;
    h->header[0] = h->header_cells;
    h->region = (tb_region){1, {100, 100, 400, 300}};
    h->t = (tb_table){.title = title, .ruled = ruled, .n_cols = N_COLS,
                      .header = h->header, .n_header = with_header ? 1 : 0,
                      .rows = h->rows, .n_rows = N_ROWS, .regions = &h->region,
                      .n_regions = 1};
    h->rt = (rec_table){.src = &h->t};
    h->doc = (rec_doc){.src = &h->src};
}

static const char *const full[N_ROWS][N_COLS] = {
    {"Wheat", "1,200", "1,300"}, {"Rice", "800", "850"},
    {"Maize", "2,100", "2,050"}, {"Total", "4,100", "4,200"},
};

/* Rows of one cell each, but for one: a list, not a table. */
static const char *const listlike[N_ROWS][N_COLS] = {
    {"First point", "", ""}, {"Second point", "", ""},
    {"Third point", "", ""}, {"Fourth", "4", ""},
};

static void found_by_and_evidence(void)
{
    hand_table h;
    build(&h, "收支预算总表", 1, 1, full);
    rec_confidence k = records_confidence(&h.doc, &h.rt);
    CHECK(k.found_by == (REC_FOUND_TITLE | REC_FOUND_GRID));
    CHECK(k.rows == 4 && k.rows_two == 4 && k.filled == 12 && k.doubtful == 0);
    CHECK(k.hundredths == 100);
    CHECK_STR(records_found_name(0), "title");
    CHECK_STR(records_found_name(2), "alignment");
    CHECK_STR(records_found_name(3), "");

    build(&h, "", 1, 0, full);
    k = records_confidence(&h.doc, &h.rt);
    CHECK(k.found_by == REC_FOUND_GRID);
    CHECK(k.hundredths == 100);

    build(&h, "", 0, 1, full);
    k = records_confidence(&h.doc, &h.rt);
    CHECK(k.found_by == REC_FOUND_ALIGNMENT && k.header);
    CHECK(k.hundredths == 80);

    build(&h, "", 0, 0, full);
    CHECK(records_confidence(&h.doc, &h.rt).hundredths == 70);

    build(&h, "Table 3. Crops", 0, 0, full);
    k = records_confidence(&h.doc, &h.rt);
    CHECK(k.found_by == (REC_FOUND_TITLE | REC_FOUND_ALIGNMENT));
    CHECK(k.hundredths == 100);
}

static void rows_and_columns(void)
{
    hand_table h;
    build(&h, "", 1, 0, listlike);          /* rows (1 + 1/4) / 2, column 3 empty */
    rec_confidence k = records_confidence(&h.doc, &h.rt);
    CHECK(k.rows == 4 && k.rows_two == 1);
    CHECK(k.cols == 3 && k.cols_empty == 1);
    CHECK(k.hundredths == 52);              /* 0.625 x (1 - 1/6) = 0.5208 */

    build(&h, "", 1, 1, listlike);          /* the header fills column 3 */
    k = records_confidence(&h.doc, &h.rt);
    CHECK(k.cols_empty == 0);
    CHECK(k.hundredths == 63);              /* 0.625 */

    build(&h, "财政拨款收支总表", 1, 1, listlike);   /* a title: rows do not count */
    CHECK(records_confidence(&h.doc, &h.rt).hundredths == 100);
}

static void doubts(void)
{
    hand_table h;
    build(&h, "收支预算总表", 1, 1, full);
    unsigned char flags[N_COLS] = {0, TB_FLAG_CROSSES_BORDER, 0};
    h.rows[0].flags = flags;                /* 1 of 12 filled */
    unsigned char ocr[N_COLS] = {100, 1 + 89, 1 + 90};
    h.rows[1].ocr_conf = ocr;               /* 89 is unsure, 90 is not */
    rec_row side[1] = {{.index = 3, .flags = REC_FLAG_AMOUNTS_WITHOUT_NAME, .flag_col = 0}};
    h.rt.rows = side;
    h.rt.n_rows = 1;
    tb_unplaced frag[2] = {{1, {150, 150, 160, 160}, "x"},      /* inside */
                           {1, {500, 150, 510, 160}, "y"}};     /* beside */
    h.src.unplaced = frag;
    h.src.n_unplaced = 2;
    rec_confidence k = records_confidence(&h.doc, &h.rt);
    CHECK(k.filled == 12);
    CHECK(k.doubtful == 4);
    CHECK(k.hundredths == 33);              /* (12 - 8) / 12 */

    frag[0].page = 2;                       /* another page: not in the region */
    CHECK(records_confidence(&h.doc, &h.rt).doubtful == 3);
    h.rt.n_rows = 0;
    h.rows[1].ocr_conf = NULL;
    k = records_confidence(&h.doc, &h.rt);
    CHECK(k.doubtful == 1);
    CHECK(k.hundredths == 83);              /* 10 / 12 */
}

void unit_group_confidence(void)
{
    unit_run("confidence: found by, and the evidence it gives", found_by_and_evidence);
    unit_run("confidence: rows of one cell without a title, empty columns", rows_and_columns);
    unit_run("confidence: flags, unsure OCR, fragments no cell took", doubts);
}
