/*
 * options.c — the option table and everything derived from it: the
 * getopt_long table, the parser and the --help text.
 */
#include "options.h"
#include "arena.h"
#include "extract.h"

#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct option_desc {
    const char *name;           /* long name */
    int short_name;             /* 0 if none */
    const char *arg;            /* argument name, NULL for a flag */
    const char *help;
} option_desc;

enum { OPT_PAGES = 1000, OPT_NO_RULES, OPT_GRAMMAR, OPT_NO_JIT, OPT_FORMAT, OPT_STRICT,
       OPT_GRAMMAR_ADD, OPT_FILES_FROM, OPT_TIMEOUT, OPT_FORCE, OPT_PROGRESS,
       OPT_SHARD, OPT_BOM, OPT_DPI, OPT_DATA, OPT_MAX_PAGES, OPT_MAX_MEMORY, OPT_NO_OCR,
       OPT_OCR };

static const option_desc option_table[] = {
    {"password", 'p', "PASSWORD", "password of an encrypted PDF (user or owner)"},
    {"format", OPT_FORMAT, "FORMAT", "jsonl (default: table, row, document records), tables (a record per table with its body grid), long (a record per amount), long-csv (the same as one CSV), csv (-o DIR: a CSV file per table), sqlite (-o FILE.db), xlsx (-o FILE.xlsx: a sheet per table)"},
    {"output", 'o', "PATH", "write to PATH instead of stdout: a directory (one file per input, mirroring the inputs' paths; resumable), or the database / workbook of --format sqlite / xlsx"},
    {"jobs", 'j', "N", "read N documents at a time, each in its own worker process (default: the number of cores; 0: no workers, in this process)"},
    {"timeout", OPT_TIMEOUT, "SECONDS", "give up on a document after SECONDS (an error record 'timeout'; needs workers)"},
    {"max-memory", OPT_MAX_MEMORY, "MB", "stop a worker whose address space passes MB megabytes (an error record 'out_of_memory'; needs workers)"},
    {"max-pages", OPT_MAX_PAGES, "N", "do not read a document of more than N pages (an error record 'too_large')"},
    {"files-from", OPT_FILES_FROM, "FILE", "read input paths from FILE, one a line ('-': standard input)"},
    {"shard", OPT_SHARD, "K/N", "read only the K-th of N deterministic parts of the inputs (by path, 1 <= K <= N)"},
    {"force", OPT_FORCE, NULL, "with -o: redo inputs whose output is already complete"},
    {"progress", OPT_PROGRESS, NULL, "show progress on stderr even when it is not a terminal"},
    {"quiet", 'q', NULL, "no progress and no summary on stderr"},
    {"bom", OPT_BOM, NULL, "--format csv: start each file with a UTF-8 byte order mark (for Excel)"},
    {"pages", OPT_PAGES, "RANGES", "read only these pages, e.g. 3-7,9,12- (1-based)"},
    {"strict", OPT_STRICT, NULL, "exit with status 7 when an arithmetic check fails"},
    {"dpi", OPT_DPI, "N", "review: render pages at N pixels per inch (default 96; 24 to 600)"},
    {"data", OPT_DATA, NULL, "review: write each document's review data as JSON (no pictures; stdout or -o DIR) instead of HTML"},
    {"no-rules", OPT_NO_RULES, NULL, "do not look for ruling lines (faster; lines split by gaps only)"},
    {"no-ocr", OPT_NO_OCR, NULL, "do not read scanned pages with OCR (a document without a text layer is then an error 'no_text')"},
    {"ocr", OPT_OCR, "WHEN", "auto (default: pages with no text layer but a picture), or force (also pages whose picture carries a text layer: that layer is replaced)"},
    {"grammar", OPT_GRAMMAR, "PATH", "grammar file or directory of *.grammar files (default: the bundled ones)"},
    {"grammar-add", OPT_GRAMMAR_ADD, "PATH", "layer a grammar file or directory on top of the grammar in use (repeatable; see Grammar layers)"},
    {"no-jit", OPT_NO_JIT, NULL, "match grammars with PCRE2's interpreter, not its JIT"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 'V', NULL, "show the version and exit"},
};
#define N_OPTIONS (sizeof option_table / sizeof *option_table)

/* --format names, in cli_format order */
static const char *const format_names[CLI_FORMAT_COUNT] = {
    "jsonl", "tables", "long", "long-csv", "csv", "sqlite", "xlsx"};

void cli_print_help(FILE *f)
{
    fputs("Usage: pdfrows [OPTIONS] [tables] INPUT...\n"
          "       pdfrows [OPTIONS] check INPUT...\n"
          "       pdfrows [OPTIONS] explain FILE.pdf --page N\n"
          "       pdfrows [OPTIONS] lines INPUT...\n"
          "       pdfrows [OPTIONS] review -o DIR INPUT...\n"
          "       pdfrows merge OUT.db SHARD.db...\n"
          "\n"
          "An INPUT is a PDF file or a directory (every *.pdf under it, sorted).\n"
          "\n"
          "Reads the tables of PDF documents and writes them as JSON Lines on\n"
          "stdout: per table a table record and one row record per body row,\n"
          "per document a document record (docs/record.schema.json).\n"
          "\n"
          "Commands:\n"
          "  tables    (the default) tables as typed records\n"
          "  explain   for grammar authors: page N's lines with the grammar kinds\n"
          "            they match, what stage two decided and why, the tables'\n"
          "            families and column keys (--format jsonl: docs/explain-format.md)\n"
          "  check     a report for people: per document the tables found,\n"
          "            the rows checked and every failed check with its page\n"
          "  lines     stage one only: positioned text lines, segments and\n"
          "            ruling lines of every page (docs/lines-format.md)\n"
          "  review    a page for people per document, DIR/PATH.html: every page\n"
          "            as a picture under what was read (tables, header and body\n"
          "            cells, checks ok/rounded/failed, unplaced text), a list of\n"
          "            tables and failed checks; one self-contained file\n"
          "  merge     join the SQLite databases of several shards into one\n"
          "\n"
          "Options:\n", f);
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const option_desc *o = &option_table[i];
        char left[64];
        int is_char = o->short_name > 0 && o->short_name < 128;
        snprintf(left, sizeof left, "%s%c%s--%s%s%s",
                 is_char ? "-" : "", is_char ? o->short_name : ' ',
                 is_char ? ", " : "  ", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
        fprintf(f, "  %-26s %s\n", left, o->help);
    }
    fputs("\n"
          "Grammar layers: each --grammar-add PATH goes on top of the grammar\n"
          "(--grammar's or the bundled one) and of the --grammar-add before it.\n"
          "Its rules are tried before the rules of the same kind under it, and\n"
          "the first match wins: an added family, title, column ... rule adds to\n"
          "the grammar and overrides the bundled rule's decision. Its checks\n"
          "replace the checks of the same NAME under it, its sets the sets of\n"
          "the same KIND, its scales the scales of the same UNIT; others are\n"
          "added (docs/grammar-format.md).\n"
          "\n"
          "Exit status: 0 all inputs read; 1 an input is missing, unreadable,\n"
          "not a PDF, truncated or damaged; 2 bad command line; 3 encrypted\n"
          "and no or a wrong password; 4 no text layer (a scan); 5 output\n"
          "could not be written; 6 a grammar file is bad; 7 with --strict, a\n"
          "check failed; 8 an input crashed its worker or ran past --timeout;\n"
          "99 internal error. With several inputs: the first failed input's.\n", f);
}

/* Parses "3-7,9,12-" into pairs. */
static pr_rc parse_pages(const char *spec, cli_options *opts, pr_error *err)
{
    const char *p = spec;
    while (*p) {
        char *end;
        long from = strtol(p, &end, 10), to;
        if (end == p || from < 1 || from > 1000000)
            return pr_fail(err, PR_ERR_USAGE, "bad --pages '%s'", spec);
        p = end;
        if (*p == '-') {
            p++;
            if (*p == ',' || *p == '\0') {
                to = 0;
            } else {
                to = strtol(p, &end, 10);
                if (end == p || to < from || to > 1000000)
                    return pr_fail(err, PR_ERR_USAGE, "bad --pages '%s'", spec);
                p = end;
            }
        } else {
            to = from;
        }
        if (*p == ',')
            p++;
        else if (*p)
            return pr_fail(err, PR_ERR_USAGE, "bad --pages '%s'", spec);
        opts->page_ranges = pr_xrealloc(opts->page_ranges,
                                        (opts->n_page_ranges + 1) * 2 * sizeof(int));
        opts->page_ranges[2 * opts->n_page_ranges] = (int)from;
        opts->page_ranges[2 * opts->n_page_ranges + 1] = (int)to;
        opts->n_page_ranges++;
    }
    if (opts->n_page_ranges == 0)
        return pr_fail(err, PR_ERR_USAGE, "empty --pages");
    return PR_OK;
}

static pr_rc parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return PR_ERR_USAGE;
    *out = (int)v;
    return PR_OK;
}

/* "K/N" */
static pr_rc parse_shard(const char *s, cli_options *opts)
{
    const char *slash = strchr(s, '/');
    if (!slash || slash == s)
        return PR_ERR_USAGE;
    char k[16];
    snprintf(k, sizeof k, "%.*s", (int)(slash - s < 15 ? slash - s : 15), s);
    if (parse_int(k, 1, 1000000, &opts->shard_k) != PR_OK ||
        parse_int(slash + 1, 1, 1000000, &opts->shard_n) != PR_OK ||
        opts->shard_k > opts->shard_n)
        return PR_ERR_USAGE;
    return PR_OK;
}

/* Which formats need -o, and what -o means with each. */
static pr_rc check_output(cli_options *opts, pr_error *err)
{
    int fmt = opts->format;
    if (!opts->output && (fmt == CLI_FMT_CSV || fmt == CLI_FMT_SQLITE || fmt == CLI_FMT_XLSX))
        return pr_fail(err, PR_ERR_USAGE, "--format %s needs -o %s", format_names[fmt],
                       fmt == CLI_FMT_CSV ? "DIR (a CSV file per table; one stream: --format long-csv)"
                       : fmt == CLI_FMT_SQLITE ? "FILE.db" : "FILE.xlsx");
    if (opts->output && opts->command != CLI_TABLES && opts->command != CLI_REVIEW)
        return pr_fail(err, PR_ERR_USAGE, "-o goes with the tables and review commands only");
    if (opts->command == CLI_REVIEW && !opts->output && !opts->review_data)
        return pr_fail(err, PR_ERR_USAGE, "review needs -o DIR (a DIR/PATH.html per input; "
                       "--data writes the data as JSON to stdout)");
    if (opts->command == CLI_REVIEW && opts->format_given)
        return pr_fail(err, PR_ERR_USAGE, "review writes HTML (or with --data JSON): no --format");
    if (opts->command != CLI_REVIEW && (opts->dpi || opts->review_data))
        return pr_fail(err, PR_ERR_USAGE, "--%s goes with the review command only",
                       opts->dpi ? "dpi" : "data");
    if (opts->bom && fmt != CLI_FMT_CSV)
        return pr_fail(err, PR_ERR_USAGE, "--bom goes with --format csv only");
    if (opts->jobs == 0 && opts->timeout > 0)
        return pr_fail(err, PR_ERR_USAGE, "--timeout needs workers (-j 1 or more)");
    if (opts->jobs == 0 && opts->max_memory_mb)
        return pr_fail(err, PR_ERR_USAGE, "--max-memory needs workers (-j 1 or more)");
    return PR_OK;
}

const char *cli_format_name(int format)
{
    return format >= 0 && format < CLI_FORMAT_COUNT ? format_names[format] : "?";
}

int cli_page_selected(const cli_options *opts, int page)
{
    if (opts->n_page_ranges == 0)
        return 1;
    for (size_t i = 0; i < opts->n_page_ranges; i++) {
        int from = opts->page_ranges[2 * i], to = opts->page_ranges[2 * i + 1];
        if (page >= from && (to == 0 || page <= to))
            return 1;
    }
    return 0;
}

pr_rc cli_parse(int argc, char **argv, cli_options *opts, pr_error *err)
{
    memset(opts, 0, sizeof *opts);
    opts->find_rules = 1;
    opts->ocr = EX_OCR_AUTO;
    opts->use_jit = 1;
    opts->jobs = (int)g_get_num_processors();

    struct option longopts[N_OPTIONS + 1];
    char shortopts[2 * N_OPTIONS + 2];
    size_t ns = 0;
    shortopts[ns++] = ':';                  /* report missing arguments */
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const option_desc *o = &option_table[i];
        longopts[i] = (struct option){o->name, o->arg ? required_argument : no_argument,
                                      NULL, o->short_name};
        if (o->short_name > 0 && o->short_name < 128) {
            shortopts[ns++] = (char)o->short_name;
            if (o->arg)
                shortopts[ns++] = ':';
        }
    }
    longopts[N_OPTIONS] = (struct option){NULL, 0, NULL, 0};
    shortopts[ns] = '\0';

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'p': opts->password = optarg; break;
        case 'h': opts->show_help = 1; break;
        case 'V': opts->show_version = 1; break;
        case OPT_NO_RULES: opts->find_rules = 0; break;
        case OPT_NO_OCR: opts->ocr = EX_OCR_OFF; break;
        case OPT_OCR:
            if (strcmp(optarg, "auto") == 0)
                opts->ocr = EX_OCR_AUTO;
            else if (strcmp(optarg, "force") == 0)
                opts->ocr = EX_OCR_FORCE;
            else
                return pr_fail(err, PR_ERR_USAGE, "bad --ocr '%s' (auto, force)", optarg);
            break;
        case OPT_GRAMMAR: opts->grammar = optarg; break;
        case OPT_GRAMMAR_ADD:
            opts->grammar_adds = pr_xrealloc(opts->grammar_adds, (opts->n_grammar_adds + 1) *
                                             sizeof *opts->grammar_adds);
            opts->grammar_adds[opts->n_grammar_adds++] = optarg;
            break;
        case OPT_NO_JIT: opts->use_jit = 0; break;
        case OPT_STRICT: opts->strict = 1; break;
        case OPT_FORMAT:
            opts->format_given = 1;
            opts->format = -1;
            for (int f = 0; f < CLI_FORMAT_COUNT; f++)
                if (strcmp(optarg, format_names[f]) == 0)
                    opts->format = f;
            if (opts->format < 0)
                return pr_fail(err, PR_ERR_USAGE, "bad --format '%s' (jsonl, tables, long, "
                               "long-csv, csv, sqlite, xlsx)", optarg);
            break;
        case 'o': opts->output = optarg; break;
        case 'j':
            if (parse_int(optarg, 0, 1024, &opts->jobs) != PR_OK)
                return pr_fail(err, PR_ERR_USAGE, "bad --jobs '%s' (0 to 1024)", optarg);
            break;
        case OPT_MAX_PAGES:
        case OPT_MAX_MEMORY: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (end == optarg || *end || v < 1 || v > 1000000)
                return pr_fail(err, PR_ERR_USAGE, "bad --%s '%s' (1 to 1000000)",
                               c == OPT_MAX_PAGES ? "max-pages" : "max-memory", optarg);
            if (c == OPT_MAX_PAGES)
                opts->max_pages = (int)v;
            else
                opts->max_memory_mb = (int)v;
            break;
        }
        case OPT_TIMEOUT: {
            char *end;
            opts->timeout = strtod(optarg, &end);
            if (end == optarg || *end || !(opts->timeout > 0 && opts->timeout < 1e7))
                return pr_fail(err, PR_ERR_USAGE, "bad --timeout '%s' (seconds > 0)", optarg);
            break;
        }
        case OPT_FILES_FROM: opts->files_from = optarg; break;
        case OPT_SHARD:
            if (parse_shard(optarg, opts) != PR_OK)
                return pr_fail(err, PR_ERR_USAGE, "bad --shard '%s' (K/N, 1 <= K <= N)", optarg);
            break;
        case OPT_FORCE: opts->force = 1; break;
        case OPT_PROGRESS: opts->progress = 1; break;
        case 'q': opts->progress = -1; break;
        case OPT_BOM: opts->bom = 1; break;
        case OPT_DPI:
            if (parse_int(optarg, 24, 600, &opts->dpi) != PR_OK)
                return pr_fail(err, PR_ERR_USAGE, "bad --dpi '%s' (24 to 600)", optarg);
            break;
        case OPT_DATA: opts->review_data = 1; break;
        case OPT_PAGES:
            if (parse_pages(optarg, opts, err) != PR_OK)
                return PR_ERR_USAGE;
            break;
        case ':':
            return pr_fail(err, PR_ERR_USAGE, "option '%s' needs an argument",
                           argv[optind - 1]);
        default:
            /* a short option inside a cluster ("-x.pdf") leaves optind on
             * its word: name the letter, not the word before it */
            if (optopt > 0 && optopt < 128)
                return pr_fail(err, PR_ERR_USAGE, "unknown option '-%c'", optopt);
            return pr_fail(err, PR_ERR_USAGE, "unknown option '%s'",
                           argv[optind - 1]);
        }
    }
    if (opts->show_help || opts->show_version)
        return PR_OK;
    int first = optind;
    if (first < argc && strcmp(argv[first], "merge") == 0) {
        opts->command = CLI_MERGE;
        opts->files = argv + first + 1;
        opts->n_files = argc - first - 1;
        if (opts->n_files < 2)
            return pr_fail(err, PR_ERR_USAGE, "merge needs OUT.db and at least one SHARD.db");
        return PR_OK;
    }
    if (first < argc && strcmp(argv[first], "lines") == 0) {
        opts->command = CLI_LINES;
        first++;
    } else if (first < argc && strcmp(argv[first], "check") == 0) {
        opts->command = CLI_CHECK;
        first++;
    } else if (first < argc && strcmp(argv[first], "explain") == 0) {
        opts->command = CLI_EXPLAIN;
        first++;
    } else if (first < argc && strcmp(argv[first], "review") == 0) {
        opts->command = CLI_REVIEW;
        first++;
    } else if (first < argc && strcmp(argv[first], "tables") == 0) {
        opts->command = CLI_TABLES;
        first++;
    } else {
        opts->command = CLI_TABLES;
    }
    opts->files = argv + first;
    opts->n_files = argc - first;
    if (opts->n_files == 0 && !opts->files_from)
        return pr_fail(err, PR_ERR_USAGE, "no input files");
    int from_stdin = 0;                 /* '-': a PDF on standard input */
    for (int i = 0; i < opts->n_files; i++)
        from_stdin += strcmp(opts->files[i], "-") == 0;
    if (from_stdin > 1 || (from_stdin && opts->files_from && strcmp(opts->files_from, "-") == 0))
        return pr_fail(err, PR_ERR_USAGE, "standard input ('-') can be read once only");
    if (from_stdin && opts->password)
        return pr_fail(err, PR_ERR_USAGE, "--password needs the PDF in a file, not on "
                       "standard input");
    return check_output(opts, err);
}

void cli_options_free(cli_options *opts)
{
    if (!opts)
        return;
    free(opts->page_ranges);
    opts->page_ranges = NULL;
    opts->n_page_ranges = 0;
    free(opts->grammar_adds);
    opts->grammar_adds = NULL;
    opts->n_grammar_adds = 0;
}
