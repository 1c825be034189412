#!/usr/bin/env bash
# Measures `make test` as a newcomer meets it: a fresh `git clone` of this repository's
# HEAD into /tmp, then `time make test` twice (the first run, which installs everything,
# and a later run with nothing changed), then `make start` to the first page. Prints
# them and writes them, with the date, commit and machine, to
# docs/benchmarks/records/make-test.json for scripts/benchmarks-doc.js.
#
#   scripts/measure-make-test.sh                 # the machine's yarn and npm caches as they are
#   scripts/measure-make-test.sh --empty-caches  # empty yarn and npm caches, as on a new machine
#
# The test database variables are unset: this is `make test` as the README runs it.
# MEASURE_KEEP=1 keeps the clone (its path is printed) for a closer look.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
empty_caches=false
[ "${1:-}" = "--empty-caches" ] && empty_caches=true

work="$(mktemp -d /tmp/lab2live-fresh-XXXXXX)"
[ -n "${MEASURE_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/clone"
commit="$(git -C "$work/clone" rev-parse --short HEAD)"

env_args=()
for var in $(env | sed -n 's/^\(BACKSTAGE_TEST_[A-Z0-9_]*\)=.*/\1/p'); do
  env_args+=(-u "$var")
done
if $empty_caches; then
  mkdir -p "$work/yarn" "$work/npm"
  env_args+=("YARN_GLOBAL_FOLDER=$work/yarn" "npm_config_cache=$work/npm")
fi

# Prints the seconds `make test` took in the clone; its output goes to a log. A failing
# run is timed all the same (and says so): the time is what the newcomer waited.
timed_make_test() {
  local log="$1" start end rc=0
  start=$(date +%s.%N)
  (cd "$work/clone" && env "${env_args[@]}" make test >"$log" 2>&1) || rc=$?
  end=$(date +%s.%N)
  if [ "$rc" != 0 ]; then
    echo "measure-make-test: make test exited with $rc; the last lines of $log:" >&2
    tail -15 "$log" >&2
  fi
  echo "$(echo "$end - $start" | bc) $rc"
}

mkdir -p "$repo/docs/benchmarks/records"
node_on_path="$(node --version 2>/dev/null || echo none)"
echo "measure-make-test: fresh clone of $commit in $work/clone (machine Node $node_on_path, empty caches: $empty_caches)"
read -r first first_rc <<<"$(timed_make_test "$work/first.log")"
tail -1 "$work/first.log"
# Each step's own time in the first run (scripts/step.js records them).
first_steps="$(cd "$work/clone" && node -e '
  const fs = require("fs");
  const dir = ".cache/steps";
  const steps = fs.existsSync(dir) ? fs.readdirSync(dir).map(f => JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"))) : [];
  steps.sort((a, b) => a.started.localeCompare(b.started));
  process.stdout.write(steps.map(s => `, {"name": "first run: step ${s.name}${s.passed ? "" : " (FAILED)"}", "value": ${s.seconds}, "unit": "s"}`).join(""));
')"
read -r later later_rc <<<"$(timed_make_test "$work/later.log")"
tail -1 "$work/later.log"
outcome() { [ "$1" = 0 ] && echo "passed" || echo "FAILED, exit $1"; }
tests_line="$(grep -E '^tests: ' "$work/first.log" | tail -1 || true)"
mkdir -p "$repo/.cache" && cp "$work/first.log" "$repo/.cache/make-test-first.log"

# Then `make start` in the same clone, to the first page: the front end answering on
# :3000 and the backend ready on :7007 (skipped when either port is taken).
start_s=null
if ! ss -ltn 2>/dev/null | grep -qE ':(3000|7007)\b'; then
  start=$(date +%s.%N)
  (cd "$work/clone" && exec setsid env "${env_args[@]}" make start >"$work/start.log" 2>&1) &
  start_pid=$!
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null http://localhost:3000 &&
      curl -sf -o /dev/null http://localhost:7007/.backstage/health/v1/readiness; then
      start_s="$(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)")"
      break
    fi
    sleep 1
  done
  kill -- -"$start_pid" 2>/dev/null || kill "$start_pid" 2>/dev/null || true
  sleep 2
  echo "measure-make-test: make start to the first page: ${start_s} s"
else
  echo "measure-make-test: port 3000 or 7007 is taken; make start not measured"
fi

printf 'measure-make-test: first make test %.0f s (%s), later make test %.0f s (%s) (commit %s, %s cores, %s GiB)\n' \
  "$first" "$(outcome "$first_rc")" "$later" "$(outcome "$later_rc")" "$commit" "$(nproc)" "$(free -g | awk '/^Mem:/ {print $2}')"
name="make-test"
$empty_caches && name="make-test-empty-caches"
# The record is made in the clone, whose tree is exactly the measured commit.
first_s="$(printf '%.0f' "$first")"
later_s="$(printf '%.0f' "$later")"
(cd "$work/clone" && node scripts/lib/provenance.js "$name" \
  "scripts/measure-make-test.sh${1:+ $1} (machine Node $node_on_path)" \
  "[{\"name\": \"first make test on a fresh clone ($(outcome "$first_rc"))\", \"value\": $first_s, \"unit\": \"s\", \"goal\": \"<= 240 s\"},
    {\"name\": \"later make test, nothing changed ($(outcome "$later_rc"))\", \"value\": $later_s, \"unit\": \"s\", \"goal\": \"<= 90 s\"},
    {\"name\": \"make start to the first page (after the first make test)\", \"value\": $start_s, \"unit\": \"s\"},
    {\"name\": \"tests\", \"value\": \"${tests_line#tests: }\"}$first_steps]" >/dev/null)
cp "$work/clone/docs/benchmarks/records/$name.json" "$repo/docs/benchmarks/records/$name.json"
echo "measure-make-test: written to docs/benchmarks/records/$name.json"
