#!/usr/bin/env bash
# help: bench NAME [args]                                     run a benchmark beside its baseline (NAME = a group with a 'bench' subcommand, e.g. policy); results → docs/BENCHMARKS.md
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"
# Dispatcher only: './traffic bench NAME …' runs 'deploy/local/cmd/NAME.sh bench …', so each module keeps
# its benchmark in its own launcher script.
name="${1:-}"
[ -n "$name" ] || die "usage: ./traffic bench NAME [args] — NAME is a command group with a 'bench' subcommand"
shift
[ "$name" != bench ] && [ -f "$TRAFFIC_ROOT/deploy/local/cmd/$name.sh" ] || die "no benchmark named '$name' (no deploy/local/cmd/$name.sh)"
exec bash "$TRAFFIC_ROOT/deploy/local/cmd/$name.sh" bench "$@"
