/*
 * pdf_doc.c — opening one input PDF: the checks that turn bad input into a
 * clear error (missing, unreadable, not a PDF, truncated, encrypted,
 * damaged), and the document handle the page functions read from.
 *
 * NOTES
 *   (1) The file is read into memory once; poppler parses those bytes
 *       and the SHA-256 in the document record is of them. Not mapped: a
 *       file that shrinks while it is read would kill a mapping's reader
 *       with SIGBUS; a read sees the bytes as they were.
 *   (2) Truncation is judged by the file's end, as PDF readers do: the
 *       last 1024 bytes must hold "%%EOF". poppler would otherwise rebuild
 *       the cross-reference table and silently drop what is missing.
 *   (3) poppler-glib reports syntax problems through g_log (domain
 *       "Poppler"). They are counted per document, not printed: a document
 *       that opens but logs problems is still read, and the count goes in
 *       its summary. The handler is installed while a document is open and
 *       points at that document's counter (no global error state).
 *   (4) With a password, poppler opens the file by name: in poppler-glib
 *       22.12 every in-memory constructor (new_from_bytes, new_from_data)
 *       retries a rejected password in UTF-8 on a copy of its stream that
 *       it casts to the wrong type, and dereferences NULL: any wrong or
 *       non-ASCII password crashed. new_from_fd frees the file under its
 *       copy; new_from_file reopens the file for the retry, which is safe.
 *       Only encrypted input is read twice (the hash is of the first read).
 *   (5) Colour management is paid for nothing: a catalog's /OutputIntents
 *       (an ICC profile, in Word/Excel exports) makes poppler 22.12 build
 *       lcms2 transforms every time it starts a page, about half of the
 *       CPU on such files, and neither text positions nor ruling lines
 *       depend on it. So poppler reads a private copy of the bytes in
 *       which that key of the catalog is renamed to a name of the same
 *       length it does not know (/OutputIntentsX would shift bytes;
 *       /PdfrowsIgnore does not): no offset moves, the cross-reference
 *       table stays right, and nothing else changes. Only a key inside an
 *       uncompressed object whose dictionary says /Type /Catalog is
 *       touched (a catalog in an object stream keeps its key: correct,
 *       just slower). The SHA-256 is of the file as it is.
 *   (6) The page reader (page_pass.cc, core poppler) is opened on the
 *       first page and kept for the document. (Reopening it every 256
 *       pages, to drop the pages its catalog keeps, was measured on a
 *       2,170-page document: no difference in peak memory.)
 *   (7) The path "-" is standard input, read whole like a file (a pipe
 *       cannot be read twice, so a password, which makes poppler reopen
 *       the file by name (4), is refused for it by the option parser).
 */
#include "extract_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ex_doc {
    GBytes *bytes;
    GBytes *view;               /* what poppler reads (5); with a password
                                   (4) only the page reader */
    PopplerDocument *poppler;
    int n_pages;
    int problems;
    guint log_handler;
    ex_pass *pass;              /* the page reader, on first use */
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

/* (5): the object around offset at: [*start, *end) from "N G obj" to
 * "endobj"; 0 when at is not inside one. */
static int object_around(const char *data, size_t n, size_t at, size_t *start, size_t *end)
{
    size_t i = at;
    while (i >= 3) {
        i--;
        if (memcmp(data + i, "obj", 3) == 0) {
            if (i >= 3 && memcmp(data + i - 3, "end", 3) == 0)
                return 0;                   /* an object ended before at */
            break;
        }
    }
    if (i < 3 && memcmp(data + i, "obj", 3) != 0)
        return 0;
    const char *e = find_bytes(data + at, n - at, "endobj");
    if (!e)
        return 0;
    *start = i;
    *end = (size_t)(e - data);
    return 1;
}

/* (5): whether the dictionary text [s, e) says /Type /Catalog. */
static int is_catalog(const char *s, size_t n)
{
    for (const char *p = s; (p = find_bytes(p, n - (size_t)(p - s), "/Type")); p += 5) {
        const char *q = p + 5;
        while (q < s + n && (*q == ' ' || *q == '\r' || *q == '\n' || *q == '\t'))
            q++;
        if ((size_t)(s + n - q) >= 8 && memcmp(q, "/Catalog", 8) == 0)
            return 1;
    }
    return 0;
}

GBytes *extract_without_output_intents(GBytes *bytes)
{
    static const char key[] = "/OutputIntents", hidden[] = "/PdfrowsIgnore";
    _Static_assert(sizeof key == sizeof hidden, "same length: no offset moves");
    gsize n = 0;
    const char *data = g_bytes_get_data(bytes, &n);
    char *copy = NULL;
    for (const char *p = data; data && (p = find_bytes(p, n - (size_t)(p - data), key));
         p += sizeof key - 1) {
        size_t at = (size_t)(p - data), start, end;
        if (!object_around(data, n, at, &start, &end) || !is_catalog(data + start, end - start))
            continue;
        if (!copy)
            copy = g_memdup2(data, n);
        memcpy(copy + at, hidden, sizeof hidden - 1);
    }
    return copy ? g_bytes_new_take(copy, n) : g_bytes_ref(bytes);
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

static pr_rc check_bytes(const char *data, size_t size, pr_error *err)
{
    if (size == 0)
        return pr_fail(err, PR_ERR_NOT_PDF, "empty file");
    if (!find_bytes(data, size < 1024 ? size : 1024, "%PDF-"))
        return pr_fail(err, PR_ERR_NOT_PDF, "not a PDF (no %%PDF- header)");
    size_t tail = size < 1024 ? size : 1024;
    if (!find_bytes(data + size - tail, tail, "%%EOF"))
        return pr_fail(err, PR_ERR_TRUNCATED,
                       "truncated PDF (no %%%%EOF at the end of the file)");
    return PR_OK;
}

static pr_rc open_poppler(ex_doc *doc, const char *path, const char *password,
                          pr_error *err)
{
    GError *gerr = NULL;
    doc->view = extract_without_output_intents(doc->bytes);         /* (5) */
    if (password) {                                                 /* (4) */
        char *abs = g_canonicalize_filename(path, NULL);
        char *uri = g_filename_to_uri(abs, NULL, &gerr);
        if (uri)
            doc->poppler = poppler_document_new_from_file(uri, password, &gerr);
        g_free(uri);
        g_free(abs);
    } else {
        doc->poppler = poppler_document_new_from_bytes(doc->view, NULL, &gerr);
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

/* (7): all of standard input, like g_file_get_contents(). */
static gboolean read_stdin(gchar **contents, gsize *length, GError **gerr)
{
    GByteArray *all = g_byte_array_new();
    guint8 buf[65536];
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            g_set_error(gerr, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "standard input: %s", g_strerror(errno));
            g_byte_array_free(all, TRUE);
            return FALSE;
        }
        if (n == 0)
            break;
        g_byte_array_append(all, buf, (guint)n);
    }
    *length = all->len;
    *contents = (gchar *)g_byte_array_free(all, FALSE);
    return TRUE;
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
    GError *gerr = NULL;
    gchar *contents = NULL;
    gsize length = 0;
    if (!(from_stdin ? read_stdin(&contents, &length, &gerr)
                     : g_file_get_contents(path, &contents, &length, &gerr))) { /* (1) */
        int nomem = gerr && gerr->domain == G_FILE_ERROR && gerr->code == G_FILE_ERROR_NOMEM;
        rc = pr_fail(err, nomem ? PR_ERR_NOMEM : PR_ERR_READ, "%s: %s",
                     nomem ? "out of memory reading the file" : "cannot read",
                     gerr ? gerr->message : "unknown error");
        if (gerr)
            g_error_free(gerr);
        extract_doc_free(&doc);
        return rc;
    }
    doc->bytes = g_bytes_new_take(contents, length);
    gsize size = 0;
    const char *data = g_bytes_get_data(doc->bytes, &size);
    rc = check_bytes(data ? data : "", size, err);
    if (rc != PR_OK) {
        extract_doc_free(&doc);
        return rc;
    }
    char *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
                                            (const guchar *)data, size);
    snprintf(doc->sha256, sizeof doc->sha256, "%s", hex);
    g_free(hex);

    doc->log_handler = g_log_set_handler(
        "Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
        count_problem, doc);
    doc->password = g_strdup(password);
    rc = open_poppler(doc, path, password, err);
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
    g_free(d->password);
    if (d->poppler)
        g_object_unref(d->poppler);
    if (d->view)
        g_bytes_unref(d->view);
    if (d->log_handler)
        g_log_remove_handler("Poppler", d->log_handler);
    if (d->bytes)
        g_bytes_unref(d->bytes);
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

ex_pass *extract_doc_pass(ex_doc *doc)
{
    if (!doc->pass && !doc->pass_failed) {
        gsize size = 0;
        const char *data = g_bytes_get_data(doc->view, &size);
        doc->pass = extract_pass_open(data, size, doc->password);
        doc->pass_failed = doc->pass == NULL;
    }
    return doc->pass;
}
