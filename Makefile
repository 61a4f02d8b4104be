# khabar: plain Makefile over pkg-config.
#
#   make            build libkhabar.a and the khabar command into build/
#   make demo       install deps, build, ingest examples/seeds, print stories
#   make test       install deps, build, run unit and end-to-end tests
#   make test-asan  the same suite under AddressSanitizer + UBSan (build-asan/)
#   make fuzz       run every fuzz target for FUZZ_SECONDS each (clang libFuzzer)
#   make bench      run the benchmarks in bench/ (reads ../shared/data)
#   make format / make lint
#
# Sources are discovered: every src/**/*.c goes into the library, every
# cli/*.c into the command, every tests/unit/test_*.c is one cmocka binary,
# every tests/fuzz/fuzz_*.c one libFuzzer target. Files under data/ are
# compiled into the library by tools/embed.c (see data/README.md).

BUILD    ?= build
CC       ?= cc
PKGS      = icu-uc icu-i18n libxml-2.0 sqlite3 jansson libexttextcat libxxhash zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -lpthread

OPT      ?= -O2
WARN      = -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS   += -std=c17 $(OPT) -g $(WARN) -D_GNU_SOURCE -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS)
LDFLAGS  +=

ifeq ($(SANITIZE),1)
XCFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif
CFLAGS   += $(XCFLAGS)

LIB_SRC   := $(shell find src -name '*.c' | sort)
CLI_SRC   := $(sort $(wildcard cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
DATA      := $(shell find data -type f ! -name 'README*' ! -name '*.py' | sort)

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/kh_data.o
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB       := $(BUILD)/libkhabar.a
KHABAR    := $(BUILD)/khabar

FUZZ_SECONDS ?= 20
# V=1 shows the full compiler command lines.
Q = $(if $(filter 1,$(V)),,@)

.PHONY: all deps build demo test check test-asan unit e2e fuzz bench format lint clean

all: build

deps:
	@scripts/install-deps

build: $(KHABAR)

# Top-level targets install dependencies first, then build in a sub-make so
# that pkg-config runs after the packages are there.
demo: deps
	@$(MAKE) --no-print-directory build
	$(KHABAR) run --db khabar.db examples/seeds

test: deps
	@$(MAKE) --no-print-directory check

test-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 OPT=-O1 check

check: $(KHABAR) $(UNIT_BIN)
	@tests/unit/run.sh $(UNIT_BIN)
	@KHABAR=$(KHABAR) tests/e2e/run.sh

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/kh_data.c: $(BUILD)/tools/embed $(DATA)
	@mkdir -p $(dir $@)
	@echo "  EMBED   $(words $(DATA)) data files"
	$(Q)$(BUILD)/tools/embed $@ $(DATA)

$(BUILD)/gen/kh_data.o: $(BUILD)/gen/kh_data.c
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)ar rcs $@ $^

$(KHABAR): $(CLI_OBJ) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) tests/unit/kh_test.h
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Itests/unit -o $@ $< $(LIB) $(PKG_LIBS) $(shell pkg-config --libs cmocka) $(LDFLAGS)

# Fuzzing: clang's libFuzzer with ASan+UBSan, each target FUZZ_SECONDS.
FUZZ_BUILD = build-fuzz
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	  XCFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" \
	  $(FUZZ_BUILD)/libkhabar.a
	@mkdir -p $(FUZZ_BUILD)/fuzz
	@set -e; for src in $(FUZZ_SRC); do \
	  name=$$(basename $$src .c); \
	  clang -std=c17 -g -O1 -D_GNU_SOURCE -Werror=implicit-function-declaration \
	    -fsanitize=fuzzer,address,undefined -Iinclude -Isrc $(PKG_CFLAGS) \
	    -o $(FUZZ_BUILD)/fuzz/$$name $$src $(FUZZ_BUILD)/libkhabar.a $(PKG_LIBS); \
	  corpus=tests/fuzz/corpus/$$name; mkdir -p $(FUZZ_BUILD)/fuzz/$$name.corpus; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS)s"; \
	  if ! $(FUZZ_BUILD)/fuzz/$$name -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/fuzz/$$name- \
	      $(FUZZ_BUILD)/fuzz/$$name.corpus $$( [ -d $$corpus ] && echo $$corpus ) \
	      > $(FUZZ_BUILD)/fuzz/$$name.log 2>&1; then \
	    tail -n 40 $(FUZZ_BUILD)/fuzz/$$name.log; echo "fuzz: $$name FAILED"; exit 1; \
	  fi; \
	  grep -E '^stat::number_of_executed_units' $(FUZZ_BUILD)/fuzz/$$name.log | sed 's/^/  /'; \
	done

bench: build
	@bench/run.sh $(KHABAR)

format:
	clang-format -i include/*.h $(shell find src cli tests tools -name '*.[ch]')

# cppcheck does not read system headers: jansson's header is given to it so
# that it can parse the code that uses jansson's iteration macros.
LINT_DEFS = --include=$(shell pkg-config --variable=includedir jansson)/jansson.h
lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem $(LINT_DEFS) -Iinclude -Isrc src cli

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
