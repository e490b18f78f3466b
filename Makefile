# pdfrows — build, test, install.
#
#   make                 ./pdfrows (optimised, with debug info)
#   make test            unit + golden + error tests, on the normal build and
#                        again on the ASan+UBSan build
#   make valgrind        the fixture run under valgrind (no leaks, no errors)
#   make install PREFIX=/usr/local
#
# Dependencies come from pkg-config (scripts/install-deps installs them).

CC      ?= cc
PKGS    := poppler-glib cairo libcjson libpcre2-8 sqlite3 xlsxwriter
PREFIX  ?= /usr/local
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
DATADIR ?= $(PREFIX)/share/pdfrows
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DPDFROWS_DATADIR='"$(DATADIR)"' $(WARN) -Iinclude -Icli -Inormalize -Inormalize/tables -Inormalize/records -Itests/unit $(PKG_CFLAGS) $(CFLAGS)
LDLIBS  := $(PKG_LIBS) -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC := $(wildcard common/*.c extract/*.c normalize/*.c normalize/tables/*.c normalize/records/*.c)
CLI_SRC := $(wildcard cli/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
HEADERS := $(wildcard include/*.h cli/*.h normalize/*.h normalize/tables/*.h normalize/records/*.h tests/unit/*.h)

REL := build/release
ASN := build/asan

rel_obj = $(patsubst %.c,$(REL)/%.o,$(1))
asn_obj = $(patsubst %.c,$(ASN)/%.o,$(1))

.PHONY: all asan test unit valgrind install uninstall clean check-deps fixtures bench corpus-check

all: check-deps pdfrows

check-deps:
	@pkg-config --exists $(PKGS) || { \
	  echo "pdfrows: missing build dependencies ($(PKGS));" \
	       "run scripts/install-deps" >&2; exit 1; }

pdfrows: $(call rel_obj,$(LIB_SRC) $(CLI_SRC))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(REL)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(ASN)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	@$(CC) $(ALL_CFLAGS) $(SAN) -DPDFROWS_TEST_HOOKS -O1 -c -o $@ $<

$(ASN)/pdfrows: $(call asn_obj,$(LIB_SRC) $(CLI_SRC))
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

asan: check-deps $(ASN)/pdfrows

# one unit-test binary: the library objects, the option parser, the tests
UNIT_LINK := $(LIB_SRC) cli/options.c $(UNIT_SRC)
$(REL)/unit_tests: $(call rel_obj,$(UNIT_LINK))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(ASN)/unit_tests: $(call asn_obj,$(UNIT_LINK))
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

test: check-deps pdfrows $(REL)/unit_tests $(ASN)/pdfrows $(ASN)/unit_tests
	@tests/run --bin ./pdfrows --unit $(REL)/unit_tests \
	           --bin-asan $(ASN)/pdfrows --unit-asan $(ASN)/unit_tests

valgrind: check-deps pdfrows
	@tests/valgrind-check ./pdfrows

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/grammars
	install -m 755 pdfrows $(DESTDIR)$(PREFIX)/bin/pdfrows
	install -m 644 normalize/grammars/*.grammar $(DESTDIR)$(DATADIR)/grammars/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pdfrows
	rm -rf $(DESTDIR)$(DATADIR)/grammars

fixtures:
	scripts/make-fixtures

bench: pdfrows
	scripts/bench

corpus-check: pdfrows
	scripts/corpus-check

clean:
	rm -rf build pdfrows
