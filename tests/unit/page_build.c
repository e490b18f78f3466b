/*
 * page_build.c — hand-made ex_page structures for stage-two tests
 * (page_build.h), allocated the way extract does: everything but the
 * ex_page itself in the page's arena.
 */
#include "page_build.h"
#include "unit.h"
#include "strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A test that outgrows the builder is a broken test: stop loudly. */
static _Noreturn void full(const char *what)
{
    fprintf(stderr, "page_build: too many %s\n", what);
    abort();
}

void pb_text(page_builder *b, const char *s, double x, double y, double size)
{
    if (b->n_runs == PB_MAX_RUNS)
        full("runs");
    b->runs[b->n_runs++] = (pb_run){s, x, y, size};
}

void pb_hrule(page_builder *b, double y, double x0, double x1)
{
    if (b->nh == PB_MAX_RULES)
        full("horizontal rules");
    b->h[b->nh++] = (ex_rule){y, x0, x1, 0.5};
}

void pb_vrule(page_builder *b, double x, double y0, double y1)
{
    if (b->nv == PB_MAX_RULES)
        full("vertical rules");
    b->v[b->nv++] = (ex_rule){x, y0, y1, 0.5};
}

void pb_grid(page_builder *b, const double *xs, size_t nx, const double *ys, size_t ny)
{
    for (size_t i = 0; i < ny; i++)
        pb_hrule(b, ys[i], xs[0], xs[nx - 1]);
    for (size_t i = 0; i < nx; i++)
        pb_vrule(b, xs[i], ys[0], ys[ny - 1]);
}

static size_t utf8_next(const char *s, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p < 0x80) { *cp = *p; return 1; }
    if (*p < 0xE0) { *cp = (uint32_t)(*p & 0x1F) << 6 | (p[1] & 0x3F); return 2; }
    if (*p < 0xF0) {
        *cp = (uint32_t)(*p & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        return 3;
    }
    *cp = (uint32_t)(*p & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
          (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
    return 4;
}

static int by_pos(const void *a, const void *b)
{
    const ex_rule *x = a, *y = b;
    if (x->pos != y->pos)
        return (x->pos > y->pos) - (x->pos < y->pos);
    return (x->from > y->from) - (x->from < y->from);
}

static int by_y_then_x(const void *a, const void *b)
{
    const pb_run *x = a, *y = b;
    if (x->y != y->y)
        return (x->y > y->y) - (x->y < y->y);
    return (x->x > y->x) - (x->x < y->x);
}

static void grow_box(ex_box *b, const ex_box *g)
{
    b->x0 = fmin(b->x0, g->x0); b->y0 = fmin(b->y0, g->y0);
    b->x1 = fmax(b->x1, g->x1); b->y1 = fmax(b->y1, g->y1);
}

ex_page *pb_finish(page_builder *b, int number)
{
    ex_page *pg = pr_xcalloc(1, sizeof *pg);
    pr_arena *a = pr_arena_new();
    pg->arena = a;
    pg->number = number;
    pg->width = 595;
    pg->height = 842;
    qsort(b->runs, b->n_runs, sizeof *b->runs, by_y_then_x);
    pg->lines = pr_arena_alloc(a, (b->n_runs + 1) * sizeof *pg->lines);
    uint32_t order = 0;
    for (size_t i = 0; i < b->n_runs;) {
        size_t j = i;
        while (j < b->n_runs && b->runs[j].y == b->runs[i].y)
            j++;
        ex_line *ln = &pg->lines[pg->n_lines++];
        size_t ng = 0, tl = 0;
        for (size_t r = i; r < j; r++) {
            ng += strlen(b->runs[r].text);      /* bytes >= glyphs */
            tl += strlen(b->runs[r].text) + 1;
        }
        ln->glyphs = pr_arena_alloc(a, (ng + 1) * sizeof *ln->glyphs);
        ln->segments = pr_arena_alloc(a, (j - i) * sizeof *ln->segments);
        char *lt = pr_arena_alloc(a, tl + 1);
        ln->box = (ex_box){1e9, 1e9, -1e9, -1e9};
        for (size_t r = i; r < j; r++) {
            const pb_run *ru = &b->runs[r];
            ex_segment *sg = &ln->segments[ln->n_segments++];
            sg->text = pr_arena_strndup(a, ru->text, strlen(ru->text));
            sg->first_glyph = ln->n_glyphs;
            sg->size = (float)ru->size;
            sg->box = (ex_box){1e9, 1e9, -1e9, -1e9};
            if (r > i)
                strcat(lt, " ");
            strcat(lt, ru->text);
            double x = ru->x;
            int joined = 0;
            for (const char *s = ru->text; *s;) {
                uint32_t cp;
                s += utf8_next(s, &cp);
                double w = cp < 0x80 ? ru->size * 0.5 : ru->size;
                if (cp == ' ') {
                    x += w;
                    joined = 0;
                    continue;
                }
                ex_glyph *gl = &ln->glyphs[ln->n_glyphs++];
                gl->box = (ex_box){x, ru->y, x + w, ru->y + ru->size};
                gl->cp = cp;
                gl->size = (float)ru->size;
                gl->joined_prev = (uint8_t)joined;
                gl->order = order++;
                grow_box(&sg->box, &gl->box);
                x += w;
                joined = 1;
            }
            sg->n_glyphs = ln->n_glyphs - sg->first_glyph;
            grow_box(&ln->box, &sg->box);
        }
        ln->text = lt;
        pg->n_glyphs += ln->n_glyphs;
        i = j;
    }
    qsort(b->h, b->nh, sizeof *b->h, by_pos);
    qsort(b->v, b->nv, sizeof *b->v, by_pos);
    pg->hrules = pr_arena_alloc(a, (b->nh + 1) * sizeof *pg->hrules);
    pg->vrules = pr_arena_alloc(a, (b->nv + 1) * sizeof *pg->vrules);
    memcpy(pg->hrules, b->h, b->nh * sizeof *b->h);
    memcpy(pg->vrules, b->v, b->nv * sizeof *b->v);
    pg->n_hrules = b->nh;
    pg->n_vrules = b->nv;
    return pg;
}

void pb_free(ex_page **pg)
{
    if (!pg || !*pg)
        return;
    pr_arena_free(&(*pg)->arena);
    free(*pg);
    *pg = NULL;
}

void pb_add_page(tb_doc *doc, page_builder *b, int number, const gr_grammar *g)
{
    ex_page *pg = pb_finish(b, number);
    table_add_page(doc, pg, g);
    pb_free(&pg);
    memset(b, 0, sizeof *b);
}

const tb_table *pb_only_table(const tb_doc *doc)
{
    CHECK(doc->n_tables == 1);
    return doc->n_tables == 1 ? doc->tables[0] : NULL;
}

void pb_check_row(const tb_table *t, size_t r, const char *const *want,
                  const char *file, int line)
{
    if (r >= t->n_rows) {
        unit.current_failed++;
        fprintf(stderr, "  %s:%d: %s: no row %zu (%zu rows)\n", file, line,
                unit.current, r, t->n_rows);
        return;
    }
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->rows[r].cells[c], want[c]) != 0) {
            unit.current_failed++;
            fprintf(stderr, "  %s:%d: %s: row %zu cell %zu: got \"%s\", want \"%s\"\n",
                    file, line, unit.current, r, c, t->rows[r].cells[c], want[c]);
        }
}

GBytes *pb_pdf(const char *content, double size)
{
    char page[256], stream[64];
    snprintf(page, sizeof page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] "
             "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> "
             "/XObject << /Im1 6 0 R >> >> >>", size, size);
    snprintf(stream, sizeof stream, "<< /Length %zu >>\nstream\n", strlen(content) + 1);
    const char *objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        NULL,                                   /* the content stream */
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        "/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
    };
    enum { N = sizeof objects / sizeof *objects };
    pr_strbuf pdf = PR_STRBUF_INIT;
    long offsets[N + 1];
    char line[64];
    pr_strbuf_puts(&pdf, "%PDF-1.4\n");
    for (int i = 1; i <= N; i++) {
        offsets[i] = (long)pdf.len;
        snprintf(line, sizeof line, "%d 0 obj\n", i);
        pr_strbuf_puts(&pdf, line);
        if (objects[i - 1]) {
            pr_strbuf_puts(&pdf, objects[i - 1]);
        } else {
            pr_strbuf_puts(&pdf, stream);
            pr_strbuf_puts(&pdf, content);
            pr_strbuf_puts(&pdf, "\nendstream");
        }
        pr_strbuf_puts(&pdf, "\nendobj\n");
    }
    long xref = (long)pdf.len;
    snprintf(line, sizeof line, "xref\n0 %d\n0000000000 65535 f \n", N + 1);
    pr_strbuf_puts(&pdf, line);
    for (int i = 1; i <= N; i++) {
        snprintf(line, sizeof line, "%010ld 00000 n \n", offsets[i]);
        pr_strbuf_puts(&pdf, line);
    }
    snprintf(line, sizeof line, "trailer\n<< /Size %d /Root 1 0 R >>\n", N + 1);
    pr_strbuf_puts(&pdf, line);
    snprintf(line, sizeof line, "startxref\n%ld\n%%%%EOF\n", xref);
    pr_strbuf_puts(&pdf, line);
    GBytes *bytes = g_bytes_new(pdf.data, pdf.len);
    pr_strbuf_free(&pdf);
    return bytes;
}
