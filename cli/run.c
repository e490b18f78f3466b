/*
 * run.c — a run over many documents: each document read in a worker
 * process of its own, outputs written in input order by this process
 * alone, to stdout or to a sink (sink.h), with progress and a summary.
 *
 * NOTES
 *   (1) Isolation. With -j N (N >= 1) every document is read by a child
 *       forked for it, which hands its records and a trailer (its result,
 *       pages, tables, rows, failed checks, error message) back through a
 *       pipe and exits. A child that dies of a signal, or exits without a
 *       whole trailer, gives the document one error record "crashed"
 *       (with the signal); one that runs past --timeout is killed and
 *       gives "timeout". The run goes on either way. A child dies with
 *       the run (PR_SET_PDEATHSIG). -j 0 reads in this process: no
 *       isolation, for debuggers and valgrind.
 *   (2) Order. Records come out in input order whatever N is: a document
 *       done early waits in memory until those before it are out. At most
 *       WINDOW(N) documents past the oldest unfinished one are started, so
 *       memory stays bounded by a few documents' records.
 *   (3) Resume. With a sink that keeps outputs (-o DIR, sqlite), each
 *       input gets a run key: SHA-256 over the input's bytes, the
 *       program version, the grammar's digest and the options that shape
 *       the output. An input whose output the sink already holds with
 *       that key is not read again (--force reads it). A document that
 *       crashed its worker or timed out is stored under the key "retry",
 *       which matches no run: the next run reads it again.
 *   (4) Exit status: that of the first document that failed, in input
 *       order ("already done" documents count as read); then --strict's
 *       7 if a check failed; a sink that cannot write stops the run: 5.
 *   (7) --max-memory MB limits each worker's address space (RLIMIT_AS):
 *       an allocation past it fails, the worker stops (an abort, or
 *       pdfrows' own out-of-memory exit) and the document gets one error
 *       record "out_of_memory" (exit status 8). A worker that dies so
 *       without the option is "crashed". The limit counts every mapping
 *       (about 200 MB of libraries and reservations before any page).
 *   (6) A document read in part (doc_walk.c (5)) counts as failed for the
 *       exit status (9, PR_EXIT_PARTIAL) and gets one warning line; its
 *       records are written as those of any read document.
 *   (5) The progress line and summary (run_report.h) go to stderr: the
 *       line on a terminal (or with --progress), the summary with it and
 *       whenever output goes to -o; --quiet silences both. Error lines
 *       ("pdfrows: error: FILE: message") are always written.
 *   (8) Pages, not only documents: a scanned document takes seconds a
 *       page (OCR), so the progress line counts the pages read of the
 *       documents still being read too. Each slot has a counter in memory
 *       shared with its worker (a shared mapping of /dev/zero made before
 *       any fork; without it the counters are this process's own, and
 *       only -j 0 and finished documents count), which the worker's page walk bumps (doc_walk.h
 *       cli_walk_count_pages) and this process only reads.
 */
#include "arena.h"
#include "doc_walk.h"
#include "emit.h"
#include "exit_codes.h"
#include "run_inputs.h"
#include "run_report.h"
#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define TRAILER_MAGIC 0x70646672u       /* "pdfr" */
#define WINDOW(jobs) ((size_t)(jobs) * 4 + 4)

/* What a worker hands back after the records. */
typedef struct doc_trailer {
    uint32_t magic;
    int32_t rc;
    int32_t pages;
    uint64_t tables, rows, checks_failed, pages_unreadable;
    char message[512];
} doc_trailer;

enum { SLOT_FREE, SLOT_RUNNING, SLOT_DONE };

typedef struct slot {
    int state;
    size_t index;
    pid_t pid;
    int fd;
    double deadline;            /* 0: none */
    int timed_out;
    cli_spool buf;              /* records, then (from a worker) the trailer */
    doc_trailer result;
    char key[65];               /* run key, "" when no sink keeps outputs */
} slot;

typedef struct run {
    const cli_options *opts;
    walk_command *cmd;
    FILE *out;
    run_inputs in;
    cli_sink sink;
    run_report report;
    int status, stream_started, output_failed, verbose;
    slot *slots;
    size_t window, next_start, next_emit, running;
    volatile unsigned *pages_now;   /* (8) per slot, shared with its worker */
} run;

static double now(void)
{
    return (double)g_get_monotonic_time() / 1e6;
}

/* --- one document ------------------------------------------------------- */

/* A failed document as a line of text (walk_command.error_as_text). */
static void error_text(pr_strbuf *out, const char *file, pr_rc rc, const char *message)
{
    pr_strbuf_puts(out, file);
    pr_strbuf_puts(out, ": error ");
    pr_strbuf_puts(out, pr_rc_code(rc));
    pr_strbuf_puts(out, ": ");
    pr_strbuf_puts(out, message);
    pr_strbuf_putc(out, '\n');
}

static void read_document(run *r, const char *file, cli_spool *out, doc_trailer *t)
{
    doc_stats st = {0};
    r->cmd->stats = &st;
    pr_error err = {0};
    int pages = 0;
    size_t start = cli_spool_len(out);
    pr_rc rc = cli_walk_one(file, r->opts, r->cmd, out, &pages, &err);
    r->cmd->stats = NULL;
    if (rc != PR_OK && (r->cmd->no_error_record || r->cmd->error_as_text))
        cli_spool_truncate(out, start);
    if (rc != PR_OK && r->cmd->error_as_text) {
        char *name = cli_file_name(file);
        error_text(&out->mem, name, rc, err.message);
        g_free(name);
    }
    memset(t, 0, sizeof *t);
    t->magic = TRAILER_MAGIC;
    t->rc = rc;
    t->pages = pages;
    t->tables = st.tables;
    t->rows = st.rows;
    t->checks_failed = st.checks_failed;
    t->pages_unreadable = st.pages_unreadable;
    if (rc != PR_OK)
        snprintf(t->message, sizeof t->message, "%s", err.message);
}

#ifdef PDFROWS_TEST_HOOKS
/* Test builds only: make the worker of a chosen input crash or hang. */
static void test_hooks(const char *file)
{
    const char *crash = getenv("PDFROWS_TEST_CRASH"), *hang = getenv("PDFROWS_TEST_HANG");
    if (crash && *crash && strstr(file, crash))
        abort();
    if (hang && *hang && strstr(file, hang))
        for (;;)
            pause();
}
#endif

/* (1): the child's side. Never returns. */
static void worker(run *r, const char *file, int fd)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    signal(SIGPIPE, SIG_DFL);
#ifdef PDFROWS_TEST_HOOKS
    test_hooks(file);
#endif
    if (r->opts->max_memory_mb) {                                   /* (7) */
        struct rlimit lim;
        lim.rlim_cur = lim.rlim_max = (rlim_t)r->opts->max_memory_mb << 20;
        setrlimit(RLIMIT_AS, &lim);
    }
    cli_spool buf = CLI_SPOOL_INIT;
    doc_trailer t;
    read_document(r, file, &buf, &t);
    int bad = cli_spool_write_fd(&buf, fd) != 0 || cli_write_all(fd, &t, sizeof t) != 0;
    _exit(bad ? 1 : 0);
}

/* --- run keys (3) -------------------------------------------------------- */

static int file_sha256(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        g_checksum_update(ck, buf, (gssize)n);
    int bad = ferror(f);
    fclose(f);
    snprintf(out, 65, "%s", g_checksum_get_string(ck));
    g_checksum_free(ck);
    return bad ? -1 : 0;
}

static void run_key(const run *r, const char *path, char key[65])
{
    char content[65] = "unreadable";
    file_sha256(path, content);
    const cli_options *o = r->opts;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%s\n%s\n%s\ncommand %d format %d rules %d password %d bom %d%s\n",
                           content, PDFROWS_VERSION,
                           r->cmd->grammar_digest ? r->cmd->grammar_digest : "",
                           (int)o->command, o->format, o->find_rules, o->password != NULL,
                           o->bom, o->ocr == EX_OCR_AUTO ? "" : o->ocr == EX_OCR_OFF ? " ocr off"
                                                                 : " ocr force");
    for (size_t i = 0; i < o->n_page_ranges; i++)
        g_string_append_printf(s, "pages %d-%d\n", o->page_ranges[2 * i],
                               o->page_ranges[2 * i + 1]);
    char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, s->str, (gssize)s->len);
    snprintf(key, 65, "%s", hex);
    g_free(hex);
    g_string_free(s, TRUE);
}

/* --- handing a document over ---------------------------------------------- */

static void error_record(const run *r, slot *s, const char *file, pr_rc rc,
                         const char *message)
{
    pr_error err = {0};
    pr_fail(&err, rc, "%s", message);
    cli_spool_reset(&s->buf);
    char *name = cli_file_name(file);
    if (r->cmd->error_as_text)
        error_text(&s->buf.mem, name, rc, message);
    else if (!r->cmd->no_error_record)
        normalize_emit_error(&s->buf.mem, name, &err);
    g_free(name);
    memset(&s->result, 0, sizeof s->result);
    s->result.magic = TRAILER_MAGIC;
    s->result.rc = rc;
    snprintf(s->result.message, sizeof s->result.message, "%s", message);
}

/* (1): a worker's bytes and exit status into the slot's result. */
static void settle(const run *r, slot *s, const char *file, int wstatus, double timeout)
{
    char msg[160];
    doc_trailer t;
    if (s->timed_out) {
        snprintf(msg, sizeof msg, "took longer than --timeout %g s; the worker was stopped",
                 timeout);
        error_record(r, s, file, PR_ERR_TIMEOUT, msg);
    } else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 &&
               cli_spool_take_tail(&s->buf, &t, sizeof t) == 0 && t.magic == TRAILER_MAGIC) {
        s->result = t;
    } else if (r->opts->max_memory_mb &&                            /* (7) */
               ((WIFSIGNALED(wstatus) && (WTERMSIG(wstatus) == SIGABRT ||
                                          WTERMSIG(wstatus) == SIGSEGV ||
                                          WTERMSIG(wstatus) == SIGBUS ||
                                          WTERMSIG(wstatus) == SIGTRAP)) ||
                (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == PR_EXIT_INTERNAL))) {
        snprintf(msg, sizeof msg, "ran out of memory under --max-memory %d MB; "
                 "the worker was stopped", r->opts->max_memory_mb);
        error_record(r, s, file, PR_ERR_NOMEM, msg);
    } else if (WIFSIGNALED(wstatus)) {
        snprintf(msg, sizeof msg, "the worker reading it died of signal %d (%s)",
                 WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
        error_record(r, s, file, PR_ERR_CRASHED, msg);
    } else {
        snprintf(msg, sizeof msg, "the worker reading it exited with status %d and no result",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        error_record(r, s, file, PR_ERR_CRASHED, msg);
    }
    s->state = SLOT_DONE;
}

static void emit(run *r, slot *s)
{
    const run_input *in = &r->in.v[s->index];
    run_report *rep = &r->report;
    if (s->result.rc == -1) {                   /* (3): already done */
        rep->skipped++;
    } else {
        pr_rc rc = (pr_rc)s->result.rc;
        if (rc != PR_OK) {
            run_report_clear(rep);
            fprintf(stderr, "pdfrows: error: %s: %s\n", in->path, s->result.message);
            if ((int)rc >= 0 && (int)rc < RUN_CODES)
                rep->failed[rc]++;
            rep->n_failed++;
            if (r->status == PR_EXIT_OK)                        /* (4) */
                r->status = pr_rc_exit(rc);
        }
        rep->pages += (size_t)s->result.pages;
        rep->tables += s->result.tables;
        rep->rows += s->result.rows;
        rep->checks_failed += s->result.checks_failed;
        if (rc == PR_OK && s->result.pages == 0 && r->opts->n_page_ranges) {
            run_report_clear(rep);              /* a selection of nothing */
            fprintf(stderr, "pdfrows: warning: %s: --pages selects none of its pages "
                    "(pages_read 0)\n", in->path);
        }
        if (rc == PR_OK && s->result.pages_unreadable) {          /* (6) */
            run_report_clear(rep);
            fprintf(stderr, "pdfrows: warning: %s: read in part: %llu page%s could not be read "
                    "(the document record's pages_unreadable)\n", in->path,
                    (unsigned long long)s->result.pages_unreadable,
                    s->result.pages_unreadable == 1 ? "" : "s");
            rep->partial++;
            if (r->status == PR_EXIT_OK)
                r->status = PR_EXIT_PARTIAL;
        }
        if (r->sink.ops && !r->output_failed) {
            pr_strbuf both = PR_STRBUF_INIT;
            size_t len = 0;
            const char *data = cli_spool_contents(&s->buf, &len);
            if (!data) {            /* its spool file could not be read back */
                run_report_clear(rep);
                fprintf(stderr, "pdfrows: error: %s: cannot read its spooled output\n", in->path);
                r->output_failed = 1;
                data = "";
            }
            if (r->cmd->stream_header && r->opts->format != CLI_FMT_SQLITE) {
                pr_strbuf_puts(&both, r->cmd->stream_header);
                pr_strbuf_append(&both, data, len);
                data = both.data;
                len = both.len;
            }
            /* (3): a crash or a timeout is kept under a key no run has,
             * so the next run tries the document again */
            int retry = rc == PR_ERR_CRASHED || rc == PR_ERR_TIMEOUT;
            sink_doc d = {in->path, in->relpath, retry ? "retry" : s->key, data, len};
            pr_error err = {0};
            if (r->sink.ops->document(r->sink.state, &d, &err) != PR_OK) {
                run_report_clear(rep);
                fprintf(stderr, "pdfrows: error: %s\n", err.message);
                r->output_failed = 1;
            }
            pr_strbuf_free(&both);
        } else if (!r->sink.ops && !r->output_failed) {
            if (!r->stream_started && r->cmd->stream_header)
                fputs(r->cmd->stream_header, r->out);
            r->stream_started = 1;
            if (cli_spool_write_file(&s->buf, r->out) != 0)
                r->output_failed = 1;
        }
    }
    rep->done++;
    cli_spool_reset(&s->buf);
    s->state = SLOT_FREE;
}

/* (3): whether input i's output is already complete; fills the slot's key. */
static int already_done(run *r, slot *s)
{
    s->key[0] = '\0';
    if (!r->sink.ops)
        return 0;
    const run_input *in = &r->in.v[s->index];
    if (strcmp(in->path, "-") == 0) {   /* standard input: no bytes to hash */
        snprintf(s->key, sizeof s->key, "retry");
        return 0;
    }
    run_key(r, in->path, s->key);
    return !r->opts->force && r->sink.ops->has &&
           r->sink.ops->has(r->sink.state, in->relpath, s->key);
}

static void start(run *r)
{
    size_t i = r->next_start++;
    slot *s = &r->slots[i % r->window];
    s->index = i;
    s->timed_out = 0;
    r->pages_now[i % r->window] = 0;
    cli_walk_count_pages(&r->pages_now[i % r->window]);         /* (8) */
    cli_spool_reset(&s->buf);
    if (already_done(r, s)) {
        memset(&s->result, 0, sizeof s->result);
        s->result.rc = -1;
        s->state = SLOT_DONE;
        return;
    }
    const char *file = r->in.v[i].path;
    if (r->opts->jobs == 0) {                   /* (1): in this process */
        read_document(r, file, &s->buf, &s->result);
        s->state = SLOT_DONE;
        return;
    }
    int fds[2];
    fflush(NULL);
    if (pipe(fds) != 0)
        pr_die_nomem();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        error_record(r, s, file, PR_ERR_INTERNAL, "cannot start a worker (fork failed)");
        s->state = SLOT_DONE;
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        worker(r, file, fds[1]);
    }
    close(fds[1]);
    s->pid = pid;
    s->fd = fds[0];
    s->deadline = r->opts->timeout > 0 ? now() + r->opts->timeout : 0;
    s->state = SLOT_RUNNING;
    r->running++;
}

/* Waits for worker output, a worker's end or a deadline; settles slots. */
static void pump(run *r)
{
    struct pollfd *pf = g_new(struct pollfd, r->window);
    slot **who = g_new(slot *, r->window);
    nfds_t n = 0;
    double t = now(), wait = 0.2;
    for (size_t k = 0; k < r->window; k++) {
        slot *s = &r->slots[k];
        if (s->state != SLOT_RUNNING)
            continue;
        if (s->deadline && !s->timed_out) {
            if (t >= s->deadline) {
                kill(s->pid, SIGKILL);
                s->timed_out = 1;
            } else if (s->deadline - t < wait) {
                wait = s->deadline - t;
            }
        }
        pf[n] = (struct pollfd){s->fd, POLLIN, 0};
        who[n++] = s;
    }
    int ready = poll(pf, n, (int)(wait * 1000) + 1);
    for (nfds_t k = 0; ready > 0 && k < n; k++) {
        if (!pf[k].revents)
            continue;
        slot *s = who[k];
        char buf[65536];
        ssize_t got = read(s->fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got > 0) {
            pr_strbuf_append(&s->buf.mem, buf, (size_t)got);
            cli_spool_settle(&s->buf);
            continue;
        }
        close(s->fd);
        int wstatus = 0;
        while (waitpid(s->pid, &wstatus, 0) < 0 && errno == EINTR)
            ;
        struct rusage ru;       /* ru_maxrss: the largest child reaped */
        if (getrusage(RUSAGE_CHILDREN, &ru) == 0 &&
            (size_t)ru.ru_maxrss > r->report.worker_peak_kb)
            r->report.worker_peak_kb = (size_t)ru.ru_maxrss;
        r->running--;
        settle(r, s, r->in.v[s->index].path, wstatus, r->opts->timeout);
    }
    g_free(pf);
    g_free(who);
}

/* --- the run -------------------------------------------------------------- */

static const char *stream_ext(int format)
{
    switch (format) {
    case CLI_FMT_TABLES:   return ".tables.jsonl";
    case CLI_FMT_LONG:     return ".long.jsonl";
    case CLI_FMT_LONG_CSV: return ".long.csv";
    default:               return ".jsonl";
    }
}

static pr_rc open_sink(run *r, pr_error *err)
{
    const cli_options *o = r->opts;
    if (!o->output)
        return PR_OK;
    if (o->command == CLI_REVIEW)
        return sink_dir_open(o->output, o->review_data ? ".review.json" : ".html", &r->sink,
                             err);
    switch (o->format) {
    case CLI_FMT_SQLITE: return sink_sqlite_open(o->output, &r->sink, err);
    case CLI_FMT_XLSX:   return sink_xlsx_open(o->output, &r->sink, err);
    case CLI_FMT_CSV:    return sink_csv_dir_open(o->output, o->bom, &r->sink, err);
    default:             return sink_dir_open(o->output, stream_ext(o->format), &r->sink, err);
    }
}

/* Two inputs whose outputs would be one file. */
static const char *clashing_input(const run_inputs *in)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    const char *clash = NULL;
    for (size_t i = 0; i < in->n && !clash; i++) {
        if (g_hash_table_contains(seen, in->v[i].relpath))
            clash = in->v[i].path;
        g_hash_table_add(seen, in->v[i].relpath);
    }
    g_hash_table_destroy(seen);
    return clash;
}

int cli_walk_documents(const cli_options *opts, walk_command *cmd, FILE *out)
{
    run r = {0};
    r.opts = opts;
    r.cmd = cmd;
    r.out = out;
    pr_error err = {0};
    if (run_inputs_collect(opts, &r.in, &err) != PR_OK) {
        fprintf(stderr, "pdfrows: error: %s\n", err.message);
        return PR_EXIT_USAGE;
    }
    const char *clash = opts->output ? clashing_input(&r.in) : NULL;
    if (clash) {
        fprintf(stderr, "pdfrows: error: two inputs would write one output (%s); "
                        "give each directory as an argument of its own or use --shard\n", clash);
        run_inputs_free(&r.in);
        return PR_EXIT_USAGE;
    }
    if (open_sink(&r, &err) != PR_OK) {
        fprintf(stderr, "pdfrows: error: %s\n", err.message);
        run_inputs_free(&r.in);
        return PR_EXIT_OUTPUT;
    }
    int show = opts->progress > 0 || (opts->progress == 0 && isatty(STDERR_FILENO));
    r.verbose = opts->progress >= 0 && (show || opts->output);     /* (5) */
    run_report_start(&r.report, r.in.n, show);
    r.report.jobs = opts->jobs;
    r.report.format = opts->command == CLI_REVIEW ? (opts->review_data ? "review-data" : "review")
                    : cli_format_name(opts->format);
    r.report.output = opts->output;
    r.report.shard_k = opts->shard_k;
    r.report.shard_n = opts->shard_n;
    r.window = WINDOW(opts->jobs);
    r.slots = g_new0(slot, r.window);
    size_t counters = r.window * sizeof *r.pages_now;
    int zero = open("/dev/zero", O_RDWR);      /* MAP_ANONYMOUS is not POSIX 2008 */
    void *shared = zero < 0 ? MAP_FAILED
                            : mmap(NULL, counters, PROT_READ | PROT_WRITE, MAP_SHARED, zero, 0);
    if (zero >= 0)
        close(zero);
    r.pages_now = shared == MAP_FAILED ? g_new0(unsigned, r.window) : shared;   /* (8) */
    size_t max_running = opts->jobs ? (size_t)opts->jobs : 1;
    while (r.next_emit < r.in.n && !r.output_failed) {
        while (r.next_start < r.in.n && r.running < max_running &&
               r.next_start < r.next_emit + r.window)
            start(&r);
        while (r.next_emit < r.in.n && r.slots[r.next_emit % r.window].state == SLOT_DONE) {
            emit(&r, &r.slots[r.next_emit % r.window]);             /* (2) */
            r.next_emit++;
        }
        r.report.pages_reading = 0;
        for (size_t k = 0; k < r.window; k++)
            if (r.slots[k].state == SLOT_RUNNING)
                r.report.pages_reading += r.pages_now[k];
        run_report_progress(&r.report, 0);
        if (r.running)
            pump(&r);
    }
    for (size_t k = 0; k < r.window; k++) {     /* a failed output stops the run */
        slot *s = &r.slots[k];
        if (s->state == SLOT_RUNNING) {
            kill(s->pid, SIGKILL);
            close(s->fd);
            waitpid(s->pid, NULL, 0);
        }
        cli_spool_free(&s->buf);
    }
    g_free(r.slots);
    cli_walk_count_pages(NULL);
    if (shared == MAP_FAILED)
        g_free((void *)r.pages_now);
    else
        munmap(shared, counters);
    if (!r.sink.ops && !r.stream_started && r.cmd->stream_header && !r.output_failed)
        fputs(r.cmd->stream_header, out);       /* a CSV with no rows still has its header */
    run_report_progress(&r.report, 1);
    run_report_clear(&r.report);
    char *json = run_report_json(&r.report);
    if (cli_sink_close(&r.sink, r.output_failed ? NULL : json, &err) != PR_OK) {
        fprintf(stderr, "pdfrows: error: %s\n", err.message);
        r.output_failed = 1;
    }
    g_free(json);
    if (r.verbose)
        run_report_summary(&r.report, stderr);
    run_inputs_free(&r.in);
    if (r.output_failed)
        return PR_EXIT_OUTPUT;
    if (r.status == PR_EXIT_OK && opts->strict && r.report.checks_failed)
        return PR_EXIT_CHECKS;
    return r.status;
}
