# Passerelle: `make site` builds the site, `make test` runs every test.
# Both install what is missing first (Debian packages via apt-get, the
# browser-test driver via npm).

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all site test deps test-deps build generator check cms package sanitize fuzz bench clean

all: site

deps:
	@scripts/install-deps build

# The browser tests' npm packages, reinstalled whenever the lock file changes.
BROWSER_MODULES := tests/browser/node_modules/.package-lock.json
$(BROWSER_MODULES): tests/browser/package-lock.json
	@echo "Installing the browser-test packages (npm ci in tests/browser)"
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The form editor (Sveltia CMS, pinned in cms/package-lock.json), copied into
# site/admin/ when catalogue.yaml has `cms:`; reinstalled when the lock changes.
# `make site` installs it when content/catalogue.yaml turns it on.
CMS_MODULES := cms/node_modules/.package-lock.json
CMS_ON := $(shell grep -qs '^cms:' content/catalogue.yaml && echo yes)
$(CMS_MODULES): cms/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: the form editor is installed with npm: apt-get install npm" >&2; exit 1; }
	@echo "Installing the form editor (npm ci in cms)"
	cd cms && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

cms: $(CMS_MODULES)

test-deps:
	@scripts/install-deps test
	@$(MAKE) --no-print-directory $(BROWSER_MODULES) $(CMS_MODULES)

$(BUILD_DIR)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/Makefile
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Only the generator: building the site needs no test binaries.
generator: deps $(BUILD_DIR)/Makefile
	cmake --build $(BUILD_DIR) -j $(JOBS) --target passerelle

site: generator $(if $(CMS_ON),$(CMS_MODULES))
	$(BUILD_DIR)/passerelle build --content content --templates templates --theme theme --out site

check: generator
	$(BUILD_DIR)/passerelle check

# A Debian package (CPack) of the binary, its man page and its shell
# completions, written to $(BUILD_DIR)/passerelle_<version>_<arch>.deb.
package: generator
	cmake --build $(BUILD_DIR) -j $(JOBS) --target passerelle_help
	cd $(BUILD_DIR) && cpack -G DEB

test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: test-deps
	$(MAKE) test BUILD_DIR=build-sanitize CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DPASSERELLE_SANITIZE=ON"

# Each libFuzzer target for FUZZ_SECONDS (clang from Debian). A crash stops the
# run and fails make; its input is saved under tests/fuzz/regressions/<target>/
# to be fixed and kept (the unit tests replay it). The fuzzer's output goes to
# a log whose tail is shown, so the status checked is the fuzzer's, not tail's.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := record_loader search_tokenizer vocabulary_loader schema_loader catalogue_config_loader markdown_links search_analyses
fuzz: test-deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPASSERELLE_FUZZ=ON -DPASSERELLE_WERROR=OFF
	cmake --build build-fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$target tests/fuzz/regressions/$$target; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  log=build-fuzz/fuzz_$$target.log; \
	  build-fuzz/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=tests/fuzz/regressions/$$target/ -print_final_stats=1 \
	    build-fuzz/corpus/$$target tests/fuzz/corpus/$$target tests/fuzz/regressions/$$target >$$log 2>&1; \
	  status=$$?; \
	  tail -12 $$log; \
	  if [ $$status -ne 0 ]; then \
	    echo "fuzz_$$target failed (exit $$status); its whole output is in $$log"; \
	    exit 1; \
	  fi; \
	done

bench: build
	scripts/bench-build

clean:
	rm -rf $(BUILD_DIR) build-sanitize build-fuzz site
