/*
 * test_spool.c — a document's output spooled past a megabyte (cli/spool.c):
 * what goes in comes out, in order, through every way out; cutting back
 * into the spilled part and taking the trailer across the boundary.
 */
#include "unit.h"
#include "spool.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 100000

/* Appends n bytes of a known pattern (byte i of the whole is 'a' + i % 23)
 * in pieces, settling after each as the page loop does. */
static void fill(cli_spool *s, pr_strbuf *want, size_t n)
{
    char buf[CHUNK];
    while (n) {
        size_t k = n < CHUNK ? n : CHUNK;
        for (size_t i = 0; i < k; i++)
            buf[i] = (char)('a' + (want->len + i) % 23);
        pr_strbuf_append(&s->mem, buf, k);
        pr_strbuf_append(want, buf, k);
        cli_spool_settle(s);
        n -= k;
    }
}

static void spilled_bytes_come_back_in_order(void)
{
    cli_spool s = CLI_SPOOL_INIT;
    pr_strbuf want = PR_STRBUF_INIT;
    fill(&s, &want, 3 * 1024 * 1024 + 123);
    CHECK(s.spilled > 0);                   /* it did spill */
    CHECK(s.mem.len < 1024 * 1024);         /* memory stays small */
    CHECK(cli_spool_len(&s) == want.len);

    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (f) {
        CHECK(cli_spool_write_file(&s, f) == 0);
        fflush(f);
        CHECK((size_t)ftell(f) == want.len);
        char *back = malloc(want.len);
        rewind(f);
        CHECK(back && fread(back, 1, want.len, f) == want.len &&
              memcmp(back, want.data, want.len) == 0);
        free(back);
        fclose(f);
    }
    size_t len = 0;
    const char *all = cli_spool_contents(&s, &len);
    CHECK(all && len == want.len && memcmp(all, want.data, len) == 0);
    CHECK(s.spilled == 0 && s.file == NULL);
    cli_spool_free(&s);
    pr_strbuf_free(&want);
}

static void cut_back_and_take_the_tail(void)
{
    cli_spool s = CLI_SPOOL_INIT;
    pr_strbuf want = PR_STRBUF_INIT;
    fill(&s, &want, 2 * 1024 * 1024 + 50);
    size_t spilled = s.spilled;
    CHECK(spilled > 0);

    /* the trailer: the last 64 bytes, some on file when memory is short */
    cli_spool_settle(&s);
    char tail[64];
    CHECK(cli_spool_take_tail(&s, tail, sizeof tail) == 0);
    CHECK(memcmp(tail, want.data + want.len - sizeof tail, sizeof tail) == 0);
    want.len -= sizeof tail;
    CHECK(cli_spool_len(&s) == want.len);

    /* a late failure: back to a point inside the spilled part, then an
       error record after it */
    size_t keep = spilled / 2 + 7;
    cli_spool_truncate(&s, keep);
    CHECK(cli_spool_len(&s) == keep);
    pr_strbuf_puts(&s.mem, "{\"type\":\"error\"}\n");
    want.len = keep;
    pr_strbuf_puts(&want, "{\"type\":\"error\"}\n");
    size_t len = 0;
    const char *all = cli_spool_contents(&s, &len);
    CHECK(all && len == want.len && memcmp(all, want.data, len) == 0);

    /* more than it holds: refused, nothing dropped */
    char big[16];
    cli_spool sm = CLI_SPOOL_INIT;
    pr_strbuf_puts(&sm.mem, "short");
    CHECK(cli_spool_take_tail(&sm, big, sizeof big) == -1);
    CHECK(cli_spool_len(&sm) == 5);

    /* to a pipe's writing end (a worker's way out) */
    int fds[2];
    CHECK(pipe(fds) == 0);
    CHECK(cli_spool_write_fd(&sm, fds[1]) == 0);
    close(fds[1]);
    char got[8] = {0};
    CHECK(read(fds[0], got, sizeof got) == 5 && memcmp(got, "short", 5) == 0);
    close(fds[0]);

    cli_spool_free(&sm);
    cli_spool_free(&s);
    cli_spool_free(&s);                     /* a no-op the second time */
    pr_strbuf_free(&want);
}

void unit_group_spool(void)
{
    unit_run("spool: spilled output comes back whole and in order",
             spilled_bytes_come_back_in_order);
    unit_run("spool: cut back into the file, trailer across the boundary",
             cut_back_and_take_the_tail);
}
