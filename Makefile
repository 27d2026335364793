# o2c — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
DEMO_DB ?= demo.db
DEMO_ORDERS ?= 2000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 packages the project uses so far (build, tests and benchmarks).
DEB_PACKAGES := build-essential cmake ninja-build pkg-config libsqlite3-dev sqlite3 \
  libssl-dev nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev \
  libgtest-dev libgmock-dev libbenchmark-dev clang-format hledger python3 \
  libcurl4-openssl-dev python3-aiosmtpd \
  libpugixml-dev libhpdf-dev libxml2-utils libsaxonhe-java default-jre-headless poppler-utils

.PHONY: deps build run test unit asan bench format clean

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
	  | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $$missing; \
	else echo "deps: all Debian packages present"; fi

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DO2C_WERROR=ON

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BUILD)/o2c demo --db $(DEMO_DB) --orders $(DEMO_ORDERS)

asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DO2C_SANITIZE=ON \
	  -DO2C_WERROR=ON -DO2C_UNIT_ONLY=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest -L unit --output-on-failure -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) | tee ctest.log; \
	  status=$${PIPESTATUS[0]}; [ $$status -eq 0 ]
	$(MAKE) --no-print-directory asan
	@grep -E 'tests passed|tests failed' $(BUILD)/ctest.log

unit: build
	cd $(BUILD) && ctest -L unit --output-on-failure -j $(JOBS)

bench: build
	./$(BUILD)/o2c bench cycle --orders 100000
	./$(BUILD)/bench/pricing_bench --benchmark_min_time=2
	./$(BUILD)/bench/einvoice_bench --benchmark_min_time=2
	./$(BUILD)/o2c bench billing --orders 100000
	./$(BUILD)/o2c bench cashapp --lines 100000 --open-items 1000000 --repeat 3

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
