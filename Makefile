# vnplan — Vietnamese administrative plans as normalized trees.
#
#   make            build build/libvnplan.a and build/vnplan
#   make check      build, run the test suite, then again under ASan + UBSan
#   make demo       compare the bundled plans with the decisions they implement
#   make bench      throughput and peak memory on a >= 100 MB input
#   make install    PREFIX=/usr/local DESTDIR=
#
# Missing build dependencies (Debian packages) are installed by tools/deps.sh,
# which says what it installs.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PKGS     = libxml-2.0 libpcre2-8 libutf8proc md4c

WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wvla -Wformat=2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude -Isrc -I$(BUILD)/gen \
             $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lm

SAN_FLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

LIB_SRC   = $(wildcard src/*.c)
CLI_SRC   = $(wildcard src/cli/*.c)
GRAMMARS  = $(sort $(wildcard grammars/*.txt))
BASELINES = $(sort $(wildcard corpus/decisions/*.xml))
SCHEMA    = docs/vnplan.rng
GEN_SRC   = $(BUILD)/gen/embedded_grammars.c $(BUILD)/gen/embedded_baselines.c \
            $(BUILD)/gen/embedded_schema.c

LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
CLI_OBJ   = $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
TEST_SRC  = $(wildcard tests/unit/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  = $(wildcard tests/tools/*.c)
TOOL_BIN  = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/%)

.PHONY: all deps test-deps check tests demo bench install uninstall clean fuzz format
.DELETE_ON_ERROR:

all: $(BUILD)/libvnplan.a $(BUILD)/vnplan

deps:
	@tools/deps.sh build

test-deps:
	@tools/deps.sh test

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) include/vnplan.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/cli/%.o: src/cli/%.c $(wildcard src/cli/*.h) include/vnplan.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c src/grammar.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The embedding tool runs on the build machine: plain flags, no sanitizers.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/embedded_grammars.c: $(BUILD)/tools/embed $(GRAMMARS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_grammars $@ $(GRAMMARS)

$(BUILD)/gen/embedded_baselines.c: $(BUILD)/tools/embed $(BASELINES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_baselines $@ $(BASELINES)

$(BUILD)/gen/embedded_schema.c: $(BUILD)/tools/embed $(SCHEMA)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed vn_embedded_schema $@ $(SCHEMA)

$(BUILD)/libvnplan.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/vnplan: $(CLI_OBJ) $(BUILD)/libvnplan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libvnplan.a $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libvnplan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libvnplan.a $(LIBS)

$(BUILD)/tests/%: tests/tools/%.c $(BUILD)/libvnplan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libvnplan.a $(LIBS)

tests: all $(TEST_BIN) $(TOOL_BIN)

# The suite runs twice: as built, and built again with AddressSanitizer and
# UndefinedBehaviorSanitizer.  tests/run.sh prints the final "N passed, N failed".
check: deps test-deps
	@$(MAKE) --no-print-directory tests BUILD=build
	@$(MAKE) --no-print-directory tests BUILD=build/asan CFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined"
	@tools/../tests/run.sh build build/asan

demo: deps
	@$(MAKE) --no-print-directory all
	@tools/demo.sh $(BUILD)/vnplan

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/tests/bench_run
	@tools/bench.sh $(BUILD)

fuzz:
	@tools/fuzz.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/vnplan/grammars $(DESTDIR)$(PREFIX)/share/vnplan/decisions
	install -m 755 $(BUILD)/vnplan $(DESTDIR)$(PREFIX)/bin/vnplan
	install -m 644 $(BUILD)/libvnplan.a $(DESTDIR)$(PREFIX)/lib/libvnplan.a
	install -m 644 include/vnplan.h $(DESTDIR)$(PREFIX)/include/vnplan.h
	install -m 644 man/vnplan.1 $(DESTDIR)$(PREFIX)/share/man/man1/vnplan.1
	install -m 644 $(GRAMMARS) $(DESTDIR)$(PREFIX)/share/vnplan/grammars/
	install -m 644 $(BASELINES) $(SCHEMA) $(DESTDIR)$(PREFIX)/share/vnplan/decisions/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define VNPLAN_VERSION "\(.*\)"/\1/p' include/vnplan.h)|g' \
	    -e 's|@REQUIRES@|$(PKGS)|g' vnplan.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/vnplan.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/vnplan $(DESTDIR)$(PREFIX)/lib/libvnplan.a \
	    $(DESTDIR)$(PREFIX)/include/vnplan.h $(DESTDIR)$(PREFIX)/share/man/man1/vnplan.1 \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig/vnplan.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/vnplan

clean:
	rm -rf build
