/*
 * options.c — the option table and everything derived from it: the
 * getopt_long table, the parser and the --help text.
 */
#include "options.h"
#include "arena.h"
#include "records.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct option_desc {
    const char *name;           /* long name */
    int short_name;             /* 0 if none */
    const char *arg;            /* argument name, NULL for a flag */
    const char *help;
} option_desc;

enum { OPT_PAGES = 1000, OPT_NO_RULES, OPT_GRAMMAR, OPT_NO_JIT, OPT_FORMAT, OPT_STRICT,
       OPT_GRAMMAR_ADD };

static const option_desc option_table[] = {
    {"password", 'p', "PASSWORD", "password of an encrypted PDF (user or owner)"},
    {"format", OPT_FORMAT, "FORMAT", "jsonl (default: table, row, document records), tables (a record per table with its body grid) or csv"},
    {"pages", OPT_PAGES, "RANGES", "read only these pages, e.g. 3-7,9,12- (1-based)"},
    {"strict", OPT_STRICT, NULL, "exit with status 7 when an arithmetic check fails"},
    {"no-rules", OPT_NO_RULES, NULL, "do not look for ruling lines (faster; lines split by gaps only)"},
    {"grammar", OPT_GRAMMAR, "PATH", "grammar file or directory of *.grammar files (default: the bundled ones)"},
    {"grammar-add", OPT_GRAMMAR_ADD, "PATH", "layer a grammar file or directory on top of the grammar in use (repeatable; see Grammar layers)"},
    {"no-jit", OPT_NO_JIT, NULL, "match grammars with PCRE2's interpreter, not its JIT"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 'V', NULL, "show the version and exit"},
};
#define N_OPTIONS (sizeof option_table / sizeof *option_table)

void cli_print_help(FILE *f)
{
    fputs("Usage: pdfrows [OPTIONS] [tables] FILE.pdf...\n"
          "       pdfrows [OPTIONS] check FILE.pdf...\n"
          "       pdfrows [OPTIONS] lines FILE.pdf...\n"
          "\n"
          "Reads the tables of PDF documents and writes them as JSON Lines on\n"
          "stdout: per table a table record and one row record per body row,\n"
          "per document a document record (docs/record.schema.json).\n"
          "\n"
          "Commands:\n"
          "  tables    (the default) tables as typed records\n"
          "  check     a report for people: per document the tables found,\n"
          "            the rows checked and every failed check with its page\n"
          "  lines     stage one only: positioned text lines, segments and\n"
          "            ruling lines of every page (docs/lines-format.md)\n"
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
          "check failed; 99 internal error.\n", f);
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
    opts->use_jit = 1;

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
        case OPT_GRAMMAR: opts->grammar = optarg; break;
        case OPT_GRAMMAR_ADD:
            opts->grammar_adds = pr_xrealloc(opts->grammar_adds, (opts->n_grammar_adds + 1) *
                                             sizeof *opts->grammar_adds);
            opts->grammar_adds[opts->n_grammar_adds++] = optarg;
            break;
        case OPT_NO_JIT: opts->use_jit = 0; break;
        case OPT_STRICT: opts->strict = 1; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "jsonl") == 0)
                opts->format = REC_JSONL;
            else if (strcmp(optarg, "tables") == 0)
                opts->format = REC_TABLES;
            else if (strcmp(optarg, "csv") == 0)
                opts->format = REC_CSV;
            else
                return pr_fail(err, PR_ERR_USAGE, "bad --format '%s' (jsonl, tables, csv)", optarg);
            break;
        case OPT_PAGES:
            if (parse_pages(optarg, opts, err) != PR_OK)
                return PR_ERR_USAGE;
            break;
        case ':':
            return pr_fail(err, PR_ERR_USAGE, "option '%s' needs an argument",
                           argv[optind - 1]);
        default:
            return pr_fail(err, PR_ERR_USAGE, "unknown option '%s'",
                           argv[optind - 1]);
        }
    }
    if (opts->show_help || opts->show_version)
        return PR_OK;
    int first = optind;
    if (first < argc && strcmp(argv[first], "lines") == 0) {
        opts->command = CLI_LINES;
        first++;
    } else if (first < argc && strcmp(argv[first], "check") == 0) {
        opts->command = CLI_CHECK;
        first++;
    } else if (first < argc && strcmp(argv[first], "tables") == 0) {
        opts->command = CLI_TABLES;
        first++;
    } else {
        opts->command = CLI_TABLES;
    }
    opts->files = argv + first;
    opts->n_files = argc - first;
    if (opts->n_files == 0)
        return pr_fail(err, PR_ERR_USAGE, "no input files");
    return PR_OK;
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
