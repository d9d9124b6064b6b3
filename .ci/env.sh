# Sourced by the scripts in .ci/: puts the project's tools on PATH and keeps build output outside the clone.
STAFFDESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${STAFFDESK_ROOT}/end2end/node_modules/.bin:${HOME}/.cargo/bin:${PATH}"
# One shared target dir outside the clone, so fresh clones and CI runs reuse earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${HOME}/.cache/staffdesk/target}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-${CARGO_TARGET_DIR}/site}"
