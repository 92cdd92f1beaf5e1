# vnplan — Vietnamese administrative plans as normalized trees.
#
#   make            build build/libvnplan.a, build/libvnplan.so.0 and build/vnplan
#   make check      build, run the test suite, then again under ASan + UBSan
#   make demo       compare the bundled plans with the decisions they implement
#   make bench      throughput and peak memory on a >= 100 MB input; growth at n, 2n, 4n;
#                   vnplan batch over 10.000 generated plans (tools/bench-batch.sh);
#                   start-up beside cat (tools/startup.sh)
#   make install    PREFIX=/usr/local DESTDIR=
#   make format     clang-format (.clang-format) applied in place to src/, include/, tests/
#
# Missing build dependencies (Debian packages) are installed by tools/deps.sh,
# which says what it installs.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
# Linked to the library (and named in vnplan.pc's Requires.private):
PKGS     = libpcre2-8 libutf8proc
# Compiled against but not linked: loaded with dlopen by the first file that
# needs them (src/dl.h: PDF in src/pdf_poppler.c, DOCX and ODT in src/unzip.c,
# XML, HTML, DOCX and ODT in src/xml_dl.c, Markdown in src/read_md.c), so that a start on a text file
# does not pay for the fifty libraries poppler-glib brings, nor for libzip's
# libcrypto, nor for libxml2's ICU and libstdc++.  The soname loaded is the
# one of the library found here, the same major version as the header.
DLOPEN_PKGS = poppler-glib libzip libxml-2.0 md4c
# $(call soname_of,PKG,NAME): the soname of libNAME.so, found in PKG's -L
# directories or where the compiler's linker looks.
soname_of = $(shell f=; for d in $$(pkg-config --libs-only-L $(1) 2>/dev/null | sed 's/-L//g'); do \
                [ -e "$$d/lib$(2).so" ] && f=$$d/lib$(2).so && break; done; \
                objdump -p "$${f:-$$($(CC) -print-file-name=lib$(2).so)}" 2>/dev/null | sed -n 's/^ *SONAME *//p')
POPPLER_SONAME := $(call soname_of,poppler-glib,poppler-glib)
ZIP_SONAME     := $(call soname_of,libzip,zip)
XLSX_SONAME    := $(call soname_of,xlsxwriter,xlsxwriter)
JSONC_SONAME   := $(call soname_of,json-c,json-c)
XML_SONAME     := $(call soname_of,libxml-2.0,xml2)
MD4C_SONAME    := $(call soname_of,md4c,md4c)
# The program alone (vnplan batch / report) reads JSON and writes XLSX; json-c
# is loaded by the first line of documents.jsonl read (src/cli/report_row.c),
# the XLSX writer by the first spreadsheet (src/cli/report_csv.c), like
# DLOPEN_PKGS below.
CLI_PKGS =
CLI_DLOPEN_PKGS = json-c xlsxwriter

WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wvla -Wformat=2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(DLOPEN_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# One set of objects serves both libraries: position-independent for the
# shared one, and every symbol hidden but those marked VNPLAN_API.
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread -fPIC -fvisibility=hidden $(WARN) \
             -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lm -pthread
# the tests also make zip archives themselves (tests/unit/zip_build.h) and
# read and validate XML with libxml2 (test_render, test_nomem)
TEST_LIBS := $(LIBS) $(shell pkg-config --libs libzip libxml-2.0 2>/dev/null)
CLI_CFLAGS := $(shell pkg-config --cflags $(CLI_PKGS) $(CLI_DLOPEN_PKGS) 2>/dev/null)
CLI_LIBS   := $(if $(strip $(CLI_PKGS)),$(shell pkg-config --libs $(CLI_PKGS) 2>/dev/null))

SAN_FLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
# ThreadSanitizer builds the library, the thread test and the program (build/tsan).
TSAN_FLAGS = -O1 -g -fsanitize=thread -fno-omit-frame-pointer

VERSION  := $(shell sed -n 's/^\#define VNPLAN_VERSION "\(.*\)"/\1/p' include/vnplan.h)
SOMAJOR  := $(firstword $(subst ., ,$(VERSION)))
SONAME    = libvnplan.so.$(SOMAJOR)

LIB_SRC   = $(wildcard src/*.c)
CLI_SRC   = $(wildcard src/cli/*.c)
GRAMMARS  = $(sort $(wildcard grammars/*.txt))
BASELINES = $(sort $(wildcard corpus/decisions/*.xml))
SCHEMA    = docs/vnplan.rng
CATALOGS  = $(sort $(wildcard po/*.po))
GEN_SRC   = $(BUILD)/gen/embedded_grammars.c $(BUILD)/gen/embedded_baselines.c \
            $(BUILD)/gen/embedded_schema.c $(BUILD)/gen/embedded_catalogs.c \
            $(BUILD)/gen/baked_baselines.c $(BUILD)/gen/baked_grammar.c

LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
CLI_OBJ   = $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
TEST_SRC  = $(wildcard tests/unit/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  = $(wildcard tests/tools/*.c)
TOOL_BIN  = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/%)

.PHONY: all deps test-deps check tests demo bench install uninstall clean fuzz format pot FORCE
.DELETE_ON_ERROR:

# Each compile writes the headers it read (-MMD; -MP so that a deleted header
# is not an error) to a .d file beside its output, read back here.  Every
# output also depends on $(BUILD)/cflags, which changes when the compiler or
# the flags do, so that a change of flags rebuilds what they built.
# (Test programs keep theirs in $(BUILD)/deps: tests/run.sh runs every
# $(BUILD)/tests/test_*.)
DEPFLAGS = -MMD -MP
# the .d files read below hold rules: without this the first of them would be
# what a bare `make` builds
.DEFAULT_GOAL := all
-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/cli/*.d $(BUILD)/obj/gen/*.d $(BUILD)/deps/*.d)

$(BUILD)/cflags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' > $@

all: $(BUILD)/libvnplan.a $(BUILD)/$(SONAME) $(BUILD)/vnplan

deps:
	@tools/deps.sh build

test-deps:
	@tools/deps.sh test

$(BUILD)/obj/%.o: src/%.c $(BUILD)/cflags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/obj/pdf_poppler.o: ALL_CFLAGS += $(if $(POPPLER_SONAME),-DVN_POPPLER_SONAME=\"$(POPPLER_SONAME)\")
$(BUILD)/obj/unzip.o: ALL_CFLAGS += $(if $(ZIP_SONAME),-DVN_ZIP_SONAME=\"$(ZIP_SONAME)\")
$(BUILD)/obj/xml_dl.o: ALL_CFLAGS += $(if $(XML_SONAME),-DVN_XML_SONAME=\"$(XML_SONAME)\")
$(BUILD)/obj/read_md.o: ALL_CFLAGS += $(if $(MD4C_SONAME),-DVN_MD4C_SONAME=\"$(MD4C_SONAME)\")
$(BUILD)/obj/cli/report_csv.o: ALL_CFLAGS += $(if $(XLSX_SONAME),-DVN_XLSXWRITER_SONAME=\"$(XLSX_SONAME)\")
$(BUILD)/obj/cli/report_row.o: ALL_CFLAGS += $(if $(JSONC_SONAME),-DVN_JSONC_SONAME=\"$(JSONC_SONAME)\")

$(BUILD)/obj/cli/%.o: src/cli/%.c $(BUILD)/cflags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/cflags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

# The embedding tool runs on the build machine: plain flags, no sanitizers.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

# The list of grammar files, rewritten when a file is added or removed: a new
# file older than the generated source (copied in, or made while a build
# ran) still gets embedded.
$(BUILD)/grammars.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(GRAMMARS)' | cmp -s - $@ || echo '$(GRAMMARS)' > $@

$(BUILD)/gen/embedded_grammars.c: $(BUILD)/tools/embed $(GRAMMARS) $(BUILD)/grammars.list
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_grammars $@ $(GRAMMARS)

$(BUILD)/gen/embedded_baselines.c: $(BUILD)/tools/embed $(BASELINES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_baselines $@ $(BASELINES)

$(BUILD)/gen/embedded_schema.c: $(BUILD)/tools/embed $(SCHEMA)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_schema $@ $(SCHEMA)

# The bundled baselines already loaded (src/load_baked.c) and the built-in
# grammar files already split into rows (grammar.c): tools/bake.c, linked
# with the rest of the library, loads them as a start did and writes what it
# got, so that a start reads no XML and parses no grammar file.  Any change
# of the library's code remakes them.
BAKE_OBJ = $(filter-out $(BUILD)/obj/gen/baked_baselines.o $(BUILD)/obj/gen/baked_grammar.o,$(LIB_OBJ))
$(BUILD)/tools/bake: tools/bake.c $(BAKE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tools/bake.c $(BAKE_OBJ) $(LIBS)

$(BUILD)/gen/baked_baselines.c: $(BUILD)/tools/bake
	@mkdir -p $(dir $@)
	$(BUILD)/tools/bake baselines $@

$(BUILD)/gen/baked_grammar.c: $(BUILD)/tools/bake
	@mkdir -p $(dir $@)
	$(BUILD)/tools/bake grammar $@

# Message catalogs: po/LANG.po compiled by GNU msgfmt (--check: formats and
# header), embedded like the grammars.  `make pot` refreshes po/vnplan.pot
# from the sources and merges it into every po/*.po.
$(BUILD)/gen/%.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BUILD)/gen/embedded_catalogs.c: $(BUILD)/tools/embed $(CATALOGS:po/%.po=$(BUILD)/gen/%.mo)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_catalogs $@ $(CATALOGS:po/%.po=$(BUILD)/gen/%.mo)

XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --keyword=vn_tr:2 --keyword=vn_trn:2,3 \
                 --keyword=N_ --keyword=_ --keyword=cli_error:2 --keyword=cli_warn:3 --keyword=vnplan_translate:2 --keyword=cli_tr --keyword=vn_fail:3 --keyword=cli_output_error:2 --keyword=cli_note:1 --keyword=vn_doc_warn:2 --flag=cli_note:1:c-format --flag=vn_fail:3:c-format --keyword=ld_fail:3 --flag=ld_fail:3:c-format --add-comments=TRANSLATORS --sort-by-file \
                 --package-name=vnplan --msgid-bugs-address=none --no-wrap --force-po

pot:
	xgettext $(XGETTEXT_FLAGS) -o po/vnplan.pot $(sort $(LIB_SRC) $(CLI_SRC) $(wildcard src/*.h src/cli/*.h))
	for po in $(CATALOGS); do msgmerge --quiet --update --backup=none --no-wrap $$po po/vnplan.pot; done

$(BUILD)/libvnplan.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The shared library: libvnplan.so.VERSION, with the soname libvnplan.so.MAJOR
# and the libvnplan.so link beside it; -z defs makes a missing dependency a
# link error here rather than at a user's.
$(BUILD)/libvnplan.so.$(VERSION): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs $(CFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJ) $(LIBS)

$(BUILD)/$(SONAME): $(BUILD)/libvnplan.so.$(VERSION)
	ln -sf libvnplan.so.$(VERSION) $@
	ln -sf $(SONAME) $(BUILD)/libvnplan.so

$(BUILD)/vnplan: $(CLI_OBJ) $(BUILD)/libvnplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libvnplan.a $(LIBS) $(CLI_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libvnplan.a $(BUILD)/cflags
	@mkdir -p $(dir $@) $(BUILD)/deps
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF $(BUILD)/deps/$(notdir $@).d -MT $@ -Itests/unit $(LDFLAGS) \
	    -o $@ $< $(BUILD)/libvnplan.a $(TEST_LIBS)

# The install test is a shell script; the main build runs it (make check).
$(BUILD)/tests/test_install: tests/install.sh
	@mkdir -p $(dir $@)
	cp $< $@
	chmod 755 $@

# libFuzzer harnesses: built by tools/fuzz.sh with CC=clang (the library
# itself instrumented with -fsanitize=fuzzer-no-link)
$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(BUILD)/libvnplan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libvnplan.a $(LIBS)

# fuzz_report drives the program's report (src/cli/cmd_report.c): the
# program's objects but its main
$(BUILD)/fuzz/fuzz_report: tests/fuzz/fuzz_report.c tests/fuzz/fuzz.h $(filter-out %/main.o,$(CLI_OBJ)) \
                           $(BUILD)/libvnplan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(filter-out %/main.o,$(CLI_OBJ)) \
	    $(BUILD)/libvnplan.a $(LIBS) $(CLI_LIBS)

$(BUILD)/tests/%: tests/tools/%.c $(BUILD)/libvnplan.a $(BUILD)/cflags
	@mkdir -p $(dir $@) $(BUILD)/deps
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF $(BUILD)/deps/$(notdir $@).d -MT $@ -Itests/unit $(LDFLAGS) \
	    -o $@ $< $(BUILD)/libvnplan.a $(TEST_LIBS)

# The sanitizer builds need no shared library: the tests link the static one.
tests: $(BUILD)/libvnplan.a $(BUILD)/vnplan $(TEST_BIN) $(TOOL_BIN)

# The suite runs twice: as built, and built again with AddressSanitizer and
# UndefinedBehaviorSanitizer; then, built with ThreadSanitizer, the thread
# test and the program's threaded batch (tests/sh/test_batch_threads.sh).  tests/run.sh prints the final "N passed, N failed".
# Last, the fuzz harnesses (clang + libFuzzer): the kept regressions
# replayed, then each harness over its seeds and 200 mutations drawn from a
# fixed random seed (tools/fuzz.sh check; `make fuzz` searches longer).
# check builds and tests on every core (`make check` is run without -j by CI
# and by the README): CHECK_JOBS builds at once, and as many test programs
# at once in tests/run.sh.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check: deps test-deps
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) tests build/tests/test_install BUILD=build
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) tests BUILD=build/asan CFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined"
	@tools/check-po.sh build
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) build/tsan/tests/test_threads build/tsan/vnplan \
	    BUILD=build/tsan CFLAGS="$(TSAN_FLAGS)" LDFLAGS="-fsanitize=thread"
	@TEST_JOBS=$(CHECK_JOBS) tests/run.sh build build/asan build/tsan
	@tools/fuzz.sh check

demo: deps
	@$(MAKE) --no-print-directory all
	@tools/demo.sh $(BUILD)/vnplan

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/tests/bench_run $(BUILD)/tests/bench_ready
	@s=0; tools/bench.sh $(BUILD) || s=$$?; tools/bench-growth.sh $(BUILD); \
	    tools/bench-batch.sh $(BUILD) || s=$$?; tools/startup.sh $(BUILD) || s=$$?; exit $$s

fuzz:
	@tools/fuzz.sh

# Formats in place; review with git diff.  Generated sources are left alone.
FORMAT_SRC = $(wildcard src/*.c src/*.h src/cli/*.c src/cli/*.h include/*.h tests/unit/*.c tests/unit/*.h \
                        tests/tools/*.c tests/fuzz/*.c tools/*.c)
format:
	clang-format -i --style=file $(FORMAT_SRC)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/vnplan/grammars $(DESTDIR)$(PREFIX)/share/vnplan/decisions
	install -m 755 $(BUILD)/vnplan $(DESTDIR)$(PREFIX)/bin/vnplan
	install -m 644 $(BUILD)/libvnplan.a $(DESTDIR)$(PREFIX)/lib/libvnplan.a
	install -m 755 $(BUILD)/libvnplan.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libvnplan.so.$(VERSION)
	ln -sf libvnplan.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libvnplan.so
	install -m 644 include/vnplan.h $(DESTDIR)$(PREFIX)/include/vnplan.h
	install -m 644 man/vnplan.1 $(DESTDIR)$(PREFIX)/share/man/man1/vnplan.1
	install -d $(DESTDIR)$(PREFIX)/share/man/vi/man1
	install -m 644 man/vi/vnplan.1 $(DESTDIR)$(PREFIX)/share/man/vi/man1/vnplan.1
	install -m 644 $(GRAMMARS) $(DESTDIR)$(PREFIX)/share/vnplan/grammars/
	install -m 644 $(BASELINES) $(SCHEMA) $(DESTDIR)$(PREFIX)/share/vnplan/decisions/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@REQUIRES@|$(PKGS)|g' vnplan.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/vnplan.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/vnplan $(DESTDIR)$(PREFIX)/lib/libvnplan.a \
	    $(DESTDIR)$(PREFIX)/lib/libvnplan.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME) \
	    $(DESTDIR)$(PREFIX)/lib/libvnplan.so \
	    $(DESTDIR)$(PREFIX)/include/vnplan.h $(DESTDIR)$(PREFIX)/share/man/man1/vnplan.1 \
	    $(DESTDIR)$(PREFIX)/share/man/vi/man1/vnplan.1 \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig/vnplan.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/vnplan

clean:
	rm -rf build
