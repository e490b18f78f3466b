/*
 * test_options.c — the command line: commands, --pages, --grammar-add,
 * misuse.
 */
#include "unit.h"
#include "options.h"

static pr_rc parse(int argc, const char **argv, cli_options *o)
{
    pr_error err = {0};
    return cli_parse(argc, (char **)argv, o, &err);
}

static void lines_command_and_files(void)
{
    const char *argv[] = {"pdfrows", "lines", "a.pdf", "b.pdf", NULL};
    cli_options o;
    CHECK(parse(4, argv, &o) == PR_OK);
    CHECK(o.command == CLI_LINES);
    CHECK(o.n_files == 2);
    CHECK(o.find_rules == 1);
    cli_options_free(&o);
}

static void page_ranges(void)
{
    const char *argv[] = {"pdfrows", "--pages", "3-5,9,12-", "lines", "a.pdf", NULL};
    cli_options o;
    CHECK(parse(5, argv, &o) == PR_OK);
    CHECK(!cli_page_selected(&o, 2));
    CHECK(cli_page_selected(&o, 3) && cli_page_selected(&o, 5));
    CHECK(!cli_page_selected(&o, 6));
    CHECK(cli_page_selected(&o, 9));
    CHECK(!cli_page_selected(&o, 11));
    CHECK(cli_page_selected(&o, 12) && cli_page_selected(&o, 400));
    cli_options_free(&o);
}

static void grammar_add_repeats(void)
{
    cli_options o;
    const char *none[] = {"pdfrows", "a.pdf", NULL};
    CHECK(parse(2, none, &o) == PR_OK);
    CHECK(o.n_grammar_adds == 0 && o.grammar_adds == NULL);
    cli_options_free(&o);
    const char *argv[] = {"pdfrows", "--grammar-add", "one.grammar", "--grammar", "base",
                          "--grammar-add=dir", "check", "a.pdf", NULL};
    CHECK(parse(8, argv, &o) == PR_OK);
    CHECK(o.command == CLI_CHECK && o.n_files == 1);
    CHECK_STR(o.grammar, "base");
    CHECK(o.n_grammar_adds == 2);           /* in command-line order */
    if (o.n_grammar_adds == 2) {
        CHECK_STR(o.grammar_adds[0], "one.grammar");
        CHECK_STR(o.grammar_adds[1], "dir");
    }
    cli_options_free(&o);
    CHECK(o.grammar_adds == NULL && o.n_grammar_adds == 0);
    const char *no_arg[] = {"pdfrows", "a.pdf", "--grammar-add", NULL};
    CHECK(parse(3, no_arg, &o) == PR_ERR_USAGE);
    cli_options_free(&o);
    /* --help lists it */
    char buf[8192] = {0};
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    CHECK(f != NULL);
    if (f) {
        cli_print_help(f);
        fclose(f);
        CHECK(strstr(buf, "--grammar-add PATH") != NULL);
        CHECK(strstr(buf, "Grammar layers:") != NULL);
    }
}

static void misuse_is_a_usage_error(void)
{
    cli_options o;
    const char *none[] = {"pdfrows", "lines", NULL};
    CHECK(parse(2, none, &o) == PR_ERR_USAGE);
    cli_options_free(&o);
    const char *bad_pages[] = {"pdfrows", "--pages", "5-3", "lines", "a.pdf", NULL};
    CHECK(parse(5, bad_pages, &o) == PR_ERR_USAGE);
    cli_options_free(&o);
    const char *zero[] = {"pdfrows", "--pages", "0", "lines", "a.pdf", NULL};
    CHECK(parse(5, zero, &o) == PR_ERR_USAGE);
    cli_options_free(&o);
    const char *unknown[] = {"pdfrows", "--frobnicate", "lines", "a.pdf", NULL};
    CHECK(parse(4, unknown, &o) == PR_ERR_USAGE);
    cli_options_free(&o);
    const char *no_arg[] = {"pdfrows", "lines", "a.pdf", "--password", NULL};
    CHECK(parse(4, no_arg, &o) == PR_ERR_USAGE);
    cli_options_free(&o);
}

void unit_group_options(void)
{
    unit_run("options: lines command with files", lines_command_and_files);
    unit_run("options: --pages ranges select pages", page_ranges);
    unit_run("options: --grammar-add repeats, in order", grammar_add_repeats);
    unit_run("options: misuse is a usage error", misuse_is_a_usage_error);
}
