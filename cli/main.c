/*
 * main.c — pdfrows' entry point: parse the command line, run the command,
 * make sure stdout really was written, exit with a documented status.
 */
#include "commands.h"
#include "exit_codes.h"
#include "extract.h"
#include "options.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    cli_options opts;
    pr_error err = {0};
    if (cli_parse(argc, argv, &opts, &err) != PR_OK) {
        fprintf(stderr, "pdfrows: error: %s\n"
                        "Try 'pdfrows --help' for more information.\n",
                err.message);
        cli_options_free(&opts);
        return PR_EXIT_USAGE;
    }
    int status;
    if (opts.show_help) {
        cli_print_help(stdout);
        status = PR_EXIT_OK;
    } else if (opts.show_version) {
        printf("pdfrows %s\n", PDFROWS_VERSION);
        const char *ocr = extract_ocr_version();
        printf("OCR: %s\n", ocr ? ocr : "not built in (scanned pages are no_text)");
        status = PR_EXIT_OK;
    } else if (opts.command == CLI_MERGE) {
        status = cli_run_merge(opts.files[0], opts.files + 1, opts.n_files - 1);
    } else if (opts.command == CLI_LINES) {
        status = cli_run_lines(&opts, stdout);
    } else {
        gr_grammar *grammar = NULL;
        const char *path = cli_grammar_path(&opts, argv[0]);
        if (grammar_load_layers(path, opts.grammar_adds, opts.n_grammar_adds,
                                opts.use_jit, &grammar, &err) != PR_OK) {
            fprintf(stderr, "pdfrows: error: %s\n", err.message);
            status = pr_rc_exit(err.rc);
        } else {
            status = opts.command == CLI_CHECK    ? cli_run_check(&opts, grammar, stdout)
                   : opts.command == CLI_REVIEW ? cli_run_review(&opts, grammar, stdout)
                   : opts.command == CLI_EXPLAIN ? cli_run_explain(&opts, grammar, stdout)
                                                : cli_run_tables(&opts, grammar, stdout);
        }
        grammar_free(&grammar);
    }
    cli_options_free(&opts);
    /* a full disk or closed pipe shows up here, not at the fwrite (jq) */
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fputs("pdfrows: error: cannot write to standard output\n", stderr);
        if (status == PR_EXIT_OK)
            status = PR_EXIT_OUTPUT;
    }
    return status;
}
