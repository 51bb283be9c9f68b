# Shared shell helpers for Brindle's scripts. Source it; it sets no options.
#
# Every namespace, file and process a script makes is registered here and
# removed by `cleanup`, which the scripts run from an EXIT trap.

BRINDLE_ROOT=${BRINDLE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BRINDLE_NAMESPACES=()
BRINDLE_PIDS=()

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need_root() {
    [ "$(id -u)" -eq 0 ] || die "$(basename "$0") needs root (network namespaces, kernel routes)"
}

# Installs the Debian packages that are missing, with one apt-get call.
ensure_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
    # Debian starts daemons it installs when it can; our scripts start their own.
    for service in bird gobgpd; do
        pkill -x "$service" 2>/dev/null || true
    done
}

# The packages Brindle itself needs to build and run.
BUILD_PACKAGES=(pkg-config libsqlite3-dev libbsd-dev iproute2 iputils-ping procps)

# swift_build CONFIGURATION ARGUMENTS...: `swift build` in the package. A release build
# links the Swift runtime and Foundation into each program (--static-swift-stdlib): no
# Swift libraries to install on a host, and brindlectl starts in a few milliseconds
# rather than ten. Every release build passes it, so that they share one build folder.
swift_build() {
    local configuration=$1 static=()
    shift
    [ "$configuration" = release ] && static=(--static-swift-stdlib)
    (cd "$BRINDLE_ROOT" && swift build -c "$configuration" "${static[@]}" "$@")
}

# Builds brindled and brindlectl; prints the folder that holds them.
build_products() {
    local configuration=${BRINDLE_BUILD:-release}
    { swift_build "$configuration" --product brindled >&2 \
        && swift_build "$configuration" --product brindlectl >&2; } || die "swift build failed"
    swift_build "$configuration" --show-bin-path
}

# Prints a new temporary folder. It is called as DIR=$(make_temp_dir NAME), in a
# subshell, so the folder is registered in a file that `cleanup` reads. The file is named
# by this shell's pid, so it exists only once a script has made a folder.
BRINDLE_REGISTRY=/tmp/brindle-registry.$$
make_temp_dir() {
    local dir
    dir=$(mktemp -d "/tmp/brindle-$1.XXXXXX")
    echo "$dir" >>"$BRINDLE_REGISTRY"
    echo "$dir"
}

add_namespace() {
    ip netns add "$1" || die "cannot create namespace $1"
    BRINDLE_NAMESPACES+=("$1")
    ip -n "$1" link set lo up
}

# A veth pair from namespace $1 (interface $2) to namespace $3 (interface $4).
link_namespaces() {
    ip -n "$1" link add "$2" type veth peer name "$4" netns "$3" || die "veth $2-$4 failed"
    ip -n "$1" link set "$2" up
    ip -n "$3" link set "$4" up
}

enable_forwarding() {
    ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1
}

# Runs a command in the background inside a namespace, logging to a file.
spawn_in() {
    local namespace=$1 log=$2
    shift 2
    ip netns exec "$namespace" "$@" >"$log" 2>&1 &
    BRINDLE_PIDS+=($!)
}

# Waits up to $1 seconds for a command to succeed.
wait_until() {
    local timeout=$1
    shift
    local deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep 0.2
    done
}

# For the scripts' traps: `trap on_exit EXIT` and `trap on_signal INT TERM`.
on_signal() {
    cleanup
    exit 130
}

cleanup() {
    local pid
    for pid in "${BRINDLE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${BRINDLE_PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    local namespace
    for namespace in "${BRINDLE_NAMESPACES[@]}"; do
        ip netns pids "$namespace" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
        ip netns del "$namespace" 2>/dev/null || true
    done
    local dir
    while read -r dir; do
        [ -n "$dir" ] || continue
        [ -n "${KEEP_LOGS:-}" ] && { echo "logs kept in $dir"; continue; }
        rm -rf "$dir"
    done 2>/dev/null <"$BRINDLE_REGISTRY"
    rm -f "$BRINDLE_REGISTRY"
    BRINDLE_PIDS=() BRINDLE_NAMESPACES=()
}

# Checks, counted: `check "what" command...` prints ok/FAIL and never exits.
CHECKS_PASSED=0
CHECKS_FAILED=0
check() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        CHECKS_PASSED=$((CHECKS_PASSED + 1))
        printf '  ok    %s\n' "$what"
    else
        CHECKS_FAILED=$((CHECKS_FAILED + 1))
        printf '  FAIL  %s\n' "$what"
    fi
}

# Like check, but waits up to $2 seconds for the command to succeed.
check_within() {
    local what=$1 timeout=$2
    shift 2
    check "$what" wait_until "$timeout" "$@"
}
