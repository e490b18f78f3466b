/*
 * spool.c — a document's output, in memory up to SPOOL_MEMORY bytes and
 * then in an unlinked temporary file (spool.h).
 *
 * NOTES
 *   (1) The file is made in the temporary directory ($TMPDIR, else /tmp:
 *       g_file_open_tmp) and unlinked at once: gone when closed or when
 *       the process dies. Spilling is all
 *       or nothing per settle: the whole memory part is appended, so the
 *       file always holds a prefix of the output.
 *   (2) Truncating into the spilled part reads the kept tail of the file
 *       back into memory only when needed: it shortens the file
 *       (ftruncate) and leaves memory empty.
 *   (3) The test build (ASan, -DPDFROWS_TEST_HOOKS) takes the limit from
 *       PDFROWS_TEST_SPOOL_BYTES, so tests/jobs can spool every document
 *       of the fixtures and compare the bytes with an unspooled run.
 */
#include "spool.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPOOL_MEMORY (1u << 20)

/* (1) */
static FILE *open_spill(void)
{
    char *path = NULL;
    int fd = g_file_open_tmp("pdfrows-spool-XXXXXX", &path, NULL);
    if (fd < 0)
        return NULL;
    unlink(path);
    g_free(path);
    FILE *f = fdopen(fd, "w+");
    if (!f)
        close(fd);
    return f;
}

/* (3) */
static size_t spool_memory(void)
{
#ifdef PDFROWS_TEST_HOOKS
    const char *bytes = getenv("PDFROWS_TEST_SPOOL_BYTES");
    if (bytes && *bytes)
        return (size_t)strtoul(bytes, NULL, 10);
#endif
    return SPOOL_MEMORY;
}

void cli_spool_settle(cli_spool *s)
{
    if (s->mem.len < spool_memory())
        return;
    if (!s->file && !(s->file = open_spill()))
        return;
    if (fwrite(s->mem.data, 1, s->mem.len, s->file) != s->mem.len) {
        /* a full disk: undo, keep the bytes in memory */
        fflush(s->file);
        if (ftruncate(fileno(s->file), (off_t)s->spilled) == 0)
            fseeko(s->file, (off_t)s->spilled, SEEK_SET);
        return;
    }
    s->spilled += s->mem.len;
    pr_strbuf_reset(&s->mem);
}

size_t cli_spool_len(const cli_spool *s)
{
    return s->spilled + s->mem.len;
}

void cli_spool_truncate(cli_spool *s, size_t len)
{
    if (len >= s->spilled) {
        s->mem.len = len - s->spilled;
        if (s->mem.data)
            s->mem.data[s->mem.len] = '\0';
        return;
    }
    pr_strbuf_reset(&s->mem);                                       /* (2) */
    fflush(s->file);
    if (ftruncate(fileno(s->file), (off_t)len) == 0)
        fseeko(s->file, (off_t)len, SEEK_SET);
    s->spilled = len;
}

/* Reads the spilled bytes [from, from + n) into dst. */
static int read_spilled(cli_spool *s, size_t from, char *dst, size_t n)
{
    fflush(s->file);
    size_t done = 0;
    while (done < n) {
        ssize_t got = pread(fileno(s->file), dst + done, n - done, (off_t)(from + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        done += (size_t)got;
    }
    return 0;
}

int cli_spool_take_tail(cli_spool *s, void *dst, size_t n)
{
    size_t len = cli_spool_len(s);
    if (len < n)
        return -1;
    size_t at = len - n;
    char *out = dst;
    if (at < s->spilled) {
        size_t from_file = s->spilled - at;
        if (read_spilled(s, at, out, from_file) != 0)
            return -1;
        memcpy(out + from_file, s->mem.data, s->mem.len);
    } else {
        memcpy(out, s->mem.data + (at - s->spilled), n);
    }
    cli_spool_truncate(s, at);
    return 0;
}

int cli_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Calls put(buf, n, dst) for the spilled bytes in order, then memory. */
static int each_chunk(cli_spool *s, int (*put)(const char *, size_t, void *), void *dst)
{
    if (s->file) {
        char buf[65536];
        for (size_t at = 0; at < s->spilled;) {
            size_t n = s->spilled - at < sizeof buf ? s->spilled - at : sizeof buf;
            if (read_spilled(s, at, buf, n) != 0 || put(buf, n, dst) != 0)
                return -1;
            at += n;
        }
    }
    return s->mem.len ? put(s->mem.data, s->mem.len, dst) : 0;
}

static int put_fd(const char *p, size_t n, void *dst)
{
    return cli_write_all(*(int *)dst, p, n);
}

static int put_file(const char *p, size_t n, void *dst)
{
    return fwrite(p, 1, n, dst) == n ? 0 : -1;
}

int cli_spool_write_fd(cli_spool *s, int fd)
{
    return each_chunk(s, put_fd, &fd);
}

int cli_spool_write_file(cli_spool *s, FILE *f)
{
    return each_chunk(s, put_file, f);
}

const char *cli_spool_contents(cli_spool *s, size_t *len)
{
    if (s->spilled) {
        pr_strbuf all = PR_STRBUF_INIT;
        char buf[65536];
        for (size_t at = 0; at < s->spilled;) {
            size_t n = s->spilled - at < sizeof buf ? s->spilled - at : sizeof buf;
            if (read_spilled(s, at, buf, n) != 0) {
                pr_strbuf_free(&all);
                return NULL;
            }
            pr_strbuf_append(&all, buf, n);
            at += n;
        }
        pr_strbuf_append(&all, s->mem.data ? s->mem.data : "", s->mem.len);
        pr_strbuf_free(&s->mem);
        s->mem = all;
        fclose(s->file);
        s->file = NULL;
        s->spilled = 0;
    }
    *len = s->mem.len;
    return s->mem.data ? s->mem.data : "";
}

void cli_spool_reset(cli_spool *s)
{
    if (s->file)
        fclose(s->file);
    s->file = NULL;
    s->spilled = 0;
    pr_strbuf_reset(&s->mem);
}

void cli_spool_free(cli_spool *s)
{
    cli_spool_reset(s);
    pr_strbuf_free(&s->mem);
}
