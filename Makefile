# Passerelle: `make site` builds the site, `make test` runs every test.
# Both install what is missing first (Debian packages via apt-get, the
# browser-test driver via npm).

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all site test deps test-deps build check sanitize bench clean

all: site

deps:
	@scripts/install-deps build

test-deps:
	@scripts/install-deps test
	@cd tests/browser && if [ ! -d node_modules/playwright-core ]; then \
	  echo "Installing playwright-core (npm ci in tests/browser)"; npm ci --no-audit --no-fund --loglevel=error; fi

$(BUILD_DIR)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/Makefile
	cmake --build $(BUILD_DIR) -j $(JOBS)

site: build
	$(BUILD_DIR)/passerelle build --content content --templates templates --theme theme --out site

check: build
	$(BUILD_DIR)/passerelle check

test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: test-deps
	$(MAKE) test BUILD_DIR=build-sanitize CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DPASSERELLE_SANITIZE=ON"

bench: build
	scripts/bench-build

clean:
	rm -rf $(BUILD_DIR) build-sanitize site
