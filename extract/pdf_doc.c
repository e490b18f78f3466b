/*
 * pdf_doc.c — opening one input PDF: the checks that turn bad input into a
 * clear error (missing, unreadable, not a PDF, truncated, encrypted,
 * damaged), and the document handle the page functions read from.
 *
 * NOTES
 *   (1) A file is read by name, by poppler-glib and by the page reader
 *       (page_pass.cc) alike: they read what they need when they need it,
 *       so a long file is never held whole in memory. The SHA-256 in the
 *       document record is of the file as read once, in order, before
 *       poppler opens it (a file changed while it is read is hashed as it
 *       was then; poppler then reads what is there). Not mapped: a file
 *       that shrinks would kill a mapping's reader with SIGBUS, while
 *       poppler's reads just come up short and it reports damage.
 *   (2) Truncation is judged by the file's end, as PDF readers do: the
 *       last 1024 bytes must hold "%%EOF". poppler would otherwise rebuild
 *       the cross-reference table and silently drop what is missing.
 *   (3) poppler-glib reports syntax problems through g_log (domain
 *       "Poppler"). They are counted per document, not printed: a document
 *       that opens but logs problems is still read, and the count goes in
 *       its summary. The handler is installed while a document is open and
 *       points at that document's counter (no global error state).
 *   (4) poppler-glib's in-memory constructors (new_from_bytes,
 *       new_from_data) in 22.12 retry a rejected password in UTF-8 on a
 *       copy of their stream that they cast to the wrong type, and
 *       dereference NULL: a wrong or non-ASCII password crashed them. So
 *       standard input (7), the only input read into memory, refuses a
 *       password (the option parser says so).
 *   (5) Colour management (a catalog's /OutputIntents) is hidden from the
 *       page reader, which does all per-page work: page_pass.cc NOTES
 *       (6a). poppler-glib's document only opens the file, counts its
 *       pages and, for review images, renders.
 *   (6) The page reader (page_pass.cc, core poppler) is opened on the
 *       first page and reopened after every PASS_PAGES pages it read:
 *       poppler's catalog keeps every page it has handed out (its
 *       dictionary, attributes, resources: about 2 KB a page), which made
 *       a 2,170-page document's memory grow by 4 MB; reopened, memory
 *       stays that of PASS_PAGES pages, for one more cross-reference parse
 *       each time (well under 1% of the time of those pages).
 *   (7) The path "-" is standard input: a pipe cannot be read twice, so
 *       it is read whole into memory and both readers parse those bytes.
 */
#include "extract_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ex_doc {
    char *path;                 /* the file, or NULL for standard input */
    GBytes *bytes;              /* standard input's bytes (7), or NULL */
    PopplerDocument *poppler;
    int n_pages;
    int problems;
    guint log_handler;
    ex_pass *pass;              /* the page reader, on first use (6) */
    ex_ocr *ocr;                /* OCR engine, on the first scanned page */
    int pass_pages;             /* pages it has read */
    int pass_failed;
    char *password;             /* for the page reader */
    char sha256[65];
};

static void count_problem(const gchar *domain, GLogLevelFlags level,
                          const gchar *message, gpointer data)
{
    (void)domain;
    (void)level;
    (void)message;
    ((ex_doc *)data)->problems++;
}

static const char *find_bytes(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

static pr_rc check_file(const char *path, pr_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return pr_fail(err, PR_ERR_MISSING, "no such file");
        return pr_fail(err, PR_ERR_READ, "cannot read: %s", strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return pr_fail(err, PR_ERR_READ, "is a directory");
    if (!S_ISREG(st.st_mode))
        return pr_fail(err, PR_ERR_READ, "not a regular file");
    return PR_OK;
}

/* The first and the last bytes of the input (up to 1024 each), what
 * (2) and the header check look at. */
typedef struct ends {
    char head[1024], tail[1024];
    size_t n_head, n_tail;
    uint64_t size;
} ends;

static pr_rc check_ends(const ends *e, pr_error *err)
{
    if (e->size == 0)
        return pr_fail(err, PR_ERR_NOT_PDF, "empty file");
    if (!find_bytes(e->head, e->n_head, "%PDF-"))
        return pr_fail(err, PR_ERR_NOT_PDF, "not a PDF (no %%PDF- header)");
    if (!find_bytes(e->tail, e->n_tail, "%%EOF"))                   /* (2) */
        return pr_fail(err, PR_ERR_TRUNCATED,
                       "truncated PDF (no %%%%EOF at the end of the file)");
    return PR_OK;
}

/* Feeds n bytes read at offset e->size into the hash and the ends. */
static void take_bytes(ends *e, GChecksum *sum, const char *buf, size_t n)
{
    g_checksum_update(sum, (const guchar *)buf, n);
    if (e->n_head < sizeof e->head) {
        size_t k = MIN(n, sizeof e->head - e->n_head);
        memcpy(e->head + e->n_head, buf, k);
        e->n_head += k;
    }
    if (n >= sizeof e->tail) {
        memcpy(e->tail, buf + n - sizeof e->tail, sizeof e->tail);
        e->n_tail = sizeof e->tail;
    } else {
        size_t keep = MIN(e->n_tail, sizeof e->tail - n);
        memmove(e->tail, e->tail + e->n_tail - keep, keep);
        memcpy(e->tail + keep, buf, n);
        e->n_tail = keep + n;
    }
    e->size += n;
}

/* (1), (7): reads the input once from fd, hashing it; with keep, its
 * bytes are also kept (standard input). */
static pr_rc read_input(int fd, const char *what, ends *e, char sha256[65],
                        GByteArray *keep, pr_error *err)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e_no = errno;
            g_checksum_free(sum);
            return pr_fail(err, e_no == ENOMEM ? PR_ERR_NOMEM : PR_ERR_READ,
                           "cannot read: %s: %s", what, g_strerror(e_no));
        }
        if (n == 0)
            break;
        take_bytes(e, sum, buf, (size_t)n);
        if (keep)
            g_byte_array_append(keep, (const guint8 *)buf, (guint)n);
    }
    snprintf(sha256, 65, "%s", g_checksum_get_string(sum));
    g_checksum_free(sum);
    return PR_OK;
}

static pr_rc open_poppler(ex_doc *doc, const char *password, pr_error *err)
{
    GError *gerr = NULL;
    if (doc->path) {                                                /* (1) */
        char *abs = g_canonicalize_filename(doc->path, NULL);
        char *uri = g_filename_to_uri(abs, NULL, &gerr);
        if (uri)
            doc->poppler = poppler_document_new_from_file(uri, password, &gerr);
        g_free(uri);
        g_free(abs);
    } else {                                                        /* (7) */
        doc->poppler = poppler_document_new_from_bytes(doc->bytes, NULL, &gerr);
    }
    if (doc->poppler)
        return PR_OK;
    pr_rc rc = PR_ERR_DAMAGED;
    const char *what = "damaged PDF";
    if (gerr && gerr->domain == POPPLER_ERROR &&
        gerr->code == POPPLER_ERROR_ENCRYPTED) {
        rc = password ? PR_ERR_PASSWORD : PR_ERR_ENCRYPTED;
        what = password ? "wrong password for encrypted PDF"
                        : "encrypted PDF (give --password)";
    }
    pr_fail(err, rc, "%s%s%s", what, gerr ? ": " : "",
            gerr ? gerr->message : "");
    if (gerr)
        g_error_free(gerr);
    return rc;
}

pr_rc extract_doc_open(const char *path, const char *password, ex_doc **out,
                       pr_error *err)
{
    *out = NULL;
    int from_stdin = strcmp(path, "-") == 0;                            /* (7) */
    pr_rc rc = from_stdin ? PR_OK : check_file(path, err);
    if (rc != PR_OK)
        return rc;

    ex_doc *doc = pr_xcalloc(1, sizeof *doc);
    ends e = {0};
    if (from_stdin) {
        GByteArray *all = g_byte_array_new();
        rc = read_input(0, "standard input", &e, doc->sha256, all, err);
        doc->bytes = g_byte_array_free_to_bytes(all);
    } else {
        doc->path = g_strdup(path);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            rc = pr_fail(err, PR_ERR_READ, "cannot read: %s", g_strerror(errno));
        else
            rc = read_input(fd, path, &e, doc->sha256, NULL, err);
        if (fd >= 0)
            close(fd);
    }
    if (rc == PR_OK)
        rc = check_ends(&e, err);
    if (rc != PR_OK) {
        extract_doc_free(&doc);
        return rc;
    }

    doc->log_handler = g_log_set_handler(
        "Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
        count_problem, doc);
    doc->password = g_strdup(password);
    rc = open_poppler(doc, password, err);
    if (rc != PR_OK) {
        extract_doc_free(&doc);
        return rc;
    }
    doc->n_pages = poppler_document_get_n_pages(doc->poppler);
    if (doc->n_pages <= 0) {
        rc = pr_fail(err, PR_ERR_DAMAGED, "damaged PDF: no pages");
        extract_doc_free(&doc);
        return rc;
    }
    *out = doc;
    return PR_OK;
}

void extract_doc_free(ex_doc **doc)
{
    if (!doc || !*doc)
        return;
    ex_doc *d = *doc;
    extract_pass_free(&d->pass);
    extract_ocr_free(&d->ocr);
    g_free(d->password);
    if (d->poppler)
        g_object_unref(d->poppler);
    if (d->log_handler)
        g_log_remove_handler("Poppler", d->log_handler);
    if (d->bytes)
        g_bytes_unref(d->bytes);
    g_free(d->path);
    free(d);
    *doc = NULL;
}

int extract_doc_page_count(const ex_doc *doc)
{
    return doc->n_pages;
}

const char *extract_doc_sha256(const ex_doc *doc)
{
    return doc->sha256;
}

int extract_doc_problems(const ex_doc *doc)
{
    return doc->problems;
}

PopplerPage *extract_doc_poppler_page(ex_doc *doc, int number)
{
    if (number < 1 || number > doc->n_pages)
        return NULL;
    return poppler_document_get_page(doc->poppler, number - 1);
}

enum { PASS_PAGES = 128 };       /* (6) */

ex_pass *extract_doc_pass(ex_doc *doc)
{
    if (doc->pass && ++doc->pass_pages > PASS_PAGES)
        extract_pass_free(&doc->pass);
    if (!doc->pass && !doc->pass_failed) {
        doc->pass_pages = 1;
        gsize size = 0;
        const char *data = doc->bytes ? g_bytes_get_data(doc->bytes, &size) : NULL;
        doc->pass = extract_pass_open(doc->path, data, size, doc->password);
        doc->pass_failed = doc->pass == NULL;
    }
    return doc->pass;
}

ex_ocr **extract_doc_ocr(ex_doc *doc)
{
    return &doc->ocr;
}
