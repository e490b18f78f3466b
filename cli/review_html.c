/*
 * review_html.c — the review page of one document: cli/review/review.html
 * with its {{name}} slots filled: the title, the style sheet and script
 * (cli/review/review.css, review.js), the pages' pictures and the review
 * data.
 *
 * Ownership: see review.h; the template is static data.
 *
 * NOTES
 *   (1) The template's three files are compiled into the binary: the
 *       Makefile turns them into byte arrays in build/gen/review_assets.h
 *       (od and awk only). A page written by a binary is the page of that
 *       binary's own script, wherever it is installed: nothing to find at
 *       run time, nothing to get out of step with the data it reads.
 *   (2) Self-contained: pictures are data: URLs, the style and script are
 *       inline, nothing is fetched (it opens from file:// with no network).
 *       Each picture is an <img loading="lazy" decoding="async"> with its
 *       size given, so the page lays out at once and decodes pictures as
 *       they come into view.
 *   (3) The data goes in a <script type="application/json"> element. Its
 *       text ends at the first "</script" whatever the JSON means, so every
 *       '<' is written as \u003c: '<' occurs in JSON only inside strings,
 *       where the escape means the same character ("</" and "<!--" can
 *       then not occur at all).
 */
#include "review.h"
#include "review_assets.h"

#include <stdio.h>
#include <string.h>

static void put_escaped_html(pr_strbuf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': pr_strbuf_puts(out, "&amp;"); break;
        case '<': pr_strbuf_puts(out, "&lt;"); break;
        case '>': pr_strbuf_puts(out, "&gt;"); break;
        case '"': pr_strbuf_puts(out, "&quot;"); break;
        default: pr_strbuf_putc(out, *s); break;
        }
    }
}

static void put_json_in_script(pr_strbuf *out, const char *json)       /* (3) */
{
    for (const char *p = json; *p; p++) {
        if (*p == '<')
            pr_strbuf_puts(out, "\\u003c");
        else
            pr_strbuf_putc(out, *p);
    }
}

static void put_pages(pr_strbuf *out, const review_page *pages, size_t n)   /* (2) */
{
    char buf[512];
    for (size_t i = 0; i < n; i++) {
        const review_page *p = &pages[i];
        snprintf(buf, sizeof buf,
                 "<section class=\"page\" id=\"page-%d\" data-page=\"%d\">"
                 "<div class=\"sheet\" style=\"--w:%.2f;--h:%.2f\">",
                 p->page, p->page, p->width, p->height);
        pr_strbuf_puts(out, buf);
        if (p->png_base64) {
            snprintf(buf, sizeof buf,
                     "<img alt=\"page %d\" width=\"%d\" height=\"%d\" loading=\"lazy\" "
                     "decoding=\"async\" src=\"data:image/png;base64,",
                     p->page, p->px_width, p->px_height);
            pr_strbuf_puts(out, buf);
            pr_strbuf_puts(out, p->png_base64);
            pr_strbuf_puts(out, "\">");
        }
        pr_strbuf_puts(out, "</div></section>\n");
    }
}

void review_put_html(pr_strbuf *out, const char *file, const char *data_json,
                     const review_page *pages, size_t n_pages)
{
    const char *t = (const char *)review_html;                         /* (1) */
    for (;;) {
        const char *open = strstr(t, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!close) {
            pr_strbuf_puts(out, t);
            return;
        }
        pr_strbuf_append(out, t, (size_t)(open - t));
        size_t n = (size_t)(close - open - 2);
        const char *name = open + 2;
        if (n == 5 && memcmp(name, "title", 5) == 0)
            put_escaped_html(out, file);
        else if (n == 3 && memcmp(name, "css", 3) == 0)
            pr_strbuf_puts(out, (const char *)review_css);
        else if (n == 2 && memcmp(name, "js", 2) == 0)
            pr_strbuf_puts(out, (const char *)review_js);
        else if (n == 5 && memcmp(name, "pages", 5) == 0)
            put_pages(out, pages, n_pages);
        else if (n == 4 && memcmp(name, "data", 4) == 0)
            put_json_in_script(out, data_json ? data_json : "null");
        else
            pr_strbuf_append(out, open, (size_t)(close + 2 - open));
        t = close + 2;
    }
}
